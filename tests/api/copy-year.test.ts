import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCarried, resolveCarried } from '../../shared/api/carried-over.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { copyFilingToYear, shiftYear } from '../../electron/services/copy-year.ts';
import { openTestApi, type TestApi } from './helpers.ts';

let api: TestApi;
beforeEach(async () => {
  api = await openTestApi({ demo: true });
});
afterEach(async () => api.close());

const U = '619001';
async function filingsOf(year: number): Promise<ProjectFiling[]> {
  const list = await api.call('projects.list', { unitCode: U, year });
  return Promise.all(list.rows.map(async (r) => (await api.call('projects.get', { id: r.id })).filing));
}

describe('projects.copyYear', () => {
  it('copies every table of last year as a draft with new ids, every carried value marked', async () => {
    const src = await filingsOf(2025);
    expect(src.length).toBe(18);
    const r = await api.call('projects.copyYear', { unitCode: U, fromYear: 2025, toYear: 2026 });
    expect(r).toEqual({ copied: 18, skipped: 0, deptCopied: true, converted: [] });
    const out = await filingsOf(2026);
    expect(out.map((f) => f.name)).toEqual(src.map((f) => f.name));
    expect(out.map((f) => f.seq)).toEqual(src.map((_, i) => i + 1));
    const srcRowIds = new Set(src.flatMap((f) => f.periods.annual!.indicators.map((x) => x.id)));
    for (const [i, f] of out.entries()) {
      const s = src[i]!;
      expect(src.some((x) => x.id === f.id)).toBe(false);
      expect(f).toMatchObject({ year: 2026, status: 'draft', explanations: [], projectCode: s.projectCode });
      expect(f.periods.annual!.funding).toEqual(s.periods.annual!.funding); // copied …
      expect(f.carriedOver).toContain('periods.annual.funding.total'); // … and marked
      expect(f.carriedOver).toContain('name');
      if (s.projectCode) expect(f.carriedOver).toContain('projectCode');
      if (s.periods.annual!.goal) expect(f.carriedOver).toContain('periods.annual.goal');
      const rows = f.periods.annual!.indicators;
      expect(rows.map((x) => x.name)).toEqual(s.periods.annual!.indicators.map((x) => x.name));
      for (const row of rows) {
        expect(srcRowIds.has(row.id)).toBe(false);
        if (row.value) expect(f.carriedOver).toContain(`periods.annual.indicators[id=${row.id}].value`);
      }
      // every mark points at a value that exists and is not blank
      for (const m of f.carriedOver) {
        const v = resolveCarried(f, m);
        expect(v.found, m).toBe(true);
        expect(v.value === null || v.value === '', m).toBe(false);
      }
    }
    const dept = await api.call('dept.get', { unitCode: U, year: 2026 });
    const dept25 = await api.call('dept.get', { unitCode: U, year: 2025 });
    // The department target comes across marked too: every non-blank text.
    expect(dept).toEqual({ ...dept25, year: 2026, carriedOver: expect.arrayContaining(['overall', 'items[0].title', 'measures[0]']) });
    expect(await api.call('years.list', { unitCode: U })).toEqual([2025, 2026]);
    // the list shows how much is still to be looked at
    const list = await api.call('projects.list', { unitCode: U, year: 2026 });
    expect(list.rows.every((x) => x.carriedOver > 0)).toBe(true);
    expect(list.totalBudget).toBe((await api.call('projects.list', { unitCode: U, year: 2025 })).totalBudget);
  });

  it('moves last year’s dates to the new year (still marked) and leaves other numbers alone', async () => {
    await api.call('projects.copyYear', { unitCode: U, fromYear: 2025, toYear: 2026 });
    const before = (await filingsOf(2025)).flatMap((f) => f.periods.annual!.indicators.map((x) => x.value));
    const values = (await filingsOf(2026)).flatMap((f) => f.periods.annual!.indicators.map((x) => x.value));
    expect(values).toEqual(before.map((v) => shiftYear(v, 2025, 2026)));
    expect(values).toContain('2026.12.31');
    expect(values.some((v) => /(?<!\d)2025[.年]/.test(v))).toBe(false);
    expect(shiftYear('2025年12月31日', 2025, 2026)).toBe('2026年12月31日');
    expect(shiftYear('1002025年12月31日', 2025, 2026)).toBe('1002025年12月31日'); // a typo stays, for 审核 to find
    expect(shiftYear('≥2025人', 2025, 2026)).toBe('≥2025人');
  });

  it('a second copy duplicates nothing; a deleted copy is copied again', async () => {
    await api.call('projects.copyYear', { unitCode: U, fromYear: 2025, toYear: 2026 });
    const again = await api.call('projects.copyYear', { unitCode: U, fromYear: 2025, toYear: 2026 });
    expect(again).toEqual({ copied: 0, skipped: 18, deptCopied: false, converted: [] });
    expect((await filingsOf(2026)).length).toBe(18);

    const [first] = await filingsOf(2026);
    await api.call('projects.delete', { id: first!.id });
    const third = await api.call('projects.copyYear', { unitCode: U, fromYear: 2025, toYear: 2026 });
    expect(third).toEqual({ copied: 1, skipped: 17, deptCopied: false, converted: [] });
    const names = (await filingsOf(2026)).map((f) => f.name);
    expect(names.length).toBe(18);
    expect(new Set(names).size).toBe(new Set((await filingsOf(2025)).map((f) => f.name)).size);
  });

  it('refuses the same year and unknown units', async () => {
    expect((await api.fail('projects.copyYear', { unitCode: U, fromYear: 2025, toYear: 2025 })).code).toBe('INVALID');
    expect((await api.fail('projects.copyYear', { unitCode: '999999', fromYear: 2025, toYear: 2026 })).code).toBe('NOT_FOUND');
    expect(await api.call('projects.copyYear', { unitCode: U, fromYear: 2019, toYear: 2026 })).toEqual({ copied: 0, skipped: 0, deptCopied: false, converted: [] });
  });

  it('keeps the marks of a huge table within the model’s limit by marking whole rows', () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({
      id: `s${i}`, level1: '产出指标', level2: '数量指标', name: `指标${i}`, description: '描述', value: '≥1次', basis: '工作计划', standard: '标准',
    }));
    const src = { id: 'x', templateId: 'B', unitCode: U, year: 2025, seq: 1, status: 'draft', changedSinceSubmission: false, name: 'n', headingName: '', projectCode: '', implementingUnit: '', attribute: '', duration: '', fundUse: '', spendingPlan: { mar: '', jun: '', oct: '', dec: '' }, prose: { overview: '', basis: '', necessity: '', measures: '', plan: '' }, periods: { annual: { funding: { total: 1, fiscal: null, central: null, provincial: null, local: null, selfRaised: null, other: null }, goal: '', rangeLabel: '', indicators: rows }, midterm: { funding: { total: 1, fiscal: null, central: null, provincial: null, local: null, selfRaised: null, other: null }, goal: '', rangeLabel: '', indicators: rows } }, footer: { head: '', handler: '', phone: '', date: '2024-10-01' }, explanations: [], carriedOver: [] } as ProjectFiling;
    let n = 0;
    const out = copyFilingToYear(src, 2026, { project: 'y', row: () => `n${n++}` }, 1);
    expect(out.carriedOver.length).toBeLessThanOrEqual(5000);
    expect(out.carriedOver).toContain('periods.annual.indicators[id=n0]');
    expect(isCarried(out, 'periods.annual.indicators[id=n0]')).toBe(true);
    expect(out.footer.date).toBe('');
  });
});

describe('carried-over marks', () => {
  async function copied(): Promise<{ filing: ProjectFiling; revision: number }> {
    await api.call('projects.copyYear', { unitCode: U, fromYear: 2025, toYear: 2026 });
    const [f] = await filingsOf(2026);
    return api.call('projects.get', { id: f!.id });
  }

  it('saving clears the marks of the values the user changed, and only those', async () => {
    const { filing, revision } = await copied();
    const row = filing.periods.annual!.indicators[0]!;
    const next = structuredClone(filing);
    next.periods.annual!.indicators[0]!.value = '≥95%';
    next.periods.annual!.funding.total = 4_000_000;
    const r = await api.call('projects.save', { filing: next, expectedRevision: revision });
    expect(r.filing.carriedOver).not.toContain(`periods.annual.indicators[id=${row.id}].value`);
    expect(r.filing.carriedOver).not.toContain('periods.annual.funding.total');
    expect(r.filing.carriedOver).toContain(`periods.annual.indicators[id=${row.id}].name`);
    expect(r.filing.carriedOver).toContain('name');
    expect(r.filing.carriedOver.length).toBe(filing.carriedOver.length - 2);
  });

  it('a deleted row takes its marks with it; a client cannot add marks', async () => {
    const { filing, revision } = await copied();
    const row = filing.periods.annual!.indicators[0]!;
    const next = structuredClone(filing);
    next.periods.annual!.indicators.shift();
    next.carriedOver = [...next.carriedOver, 'fundUse', 'bogus.path'];
    const r = await api.call('projects.save', { filing: next, expectedRevision: revision });
    expect(r.filing.carriedOver.some((m) => m.includes(row.id))).toBe(false);
    expect(r.filing.carriedOver).not.toContain('bogus.path');
  });

  it('projects.ackCarried clears a cell, a whole row, or everything', async () => {
    const { filing, revision } = await copied();
    const row = filing.periods.annual!.indicators[1]!;
    const a = await api.call('projects.ackCarried', { id: filing.id, paths: ['name'], expectedRevision: revision });
    expect(a.filing.carriedOver).not.toContain('name');
    expect(a.revision).toBe(revision + 1);
    const b = await api.call('projects.ackCarried', { id: filing.id, paths: [`periods.annual.indicators[id=${row.id}]`] });
    expect(isCarried(b.filing, `periods.annual.indicators[id=${row.id}]`)).toBe(false);
    expect(b.filing.periods).toEqual(filing.periods); // only the marks changed
    const stale = await api.fail('projects.ackCarried', { id: filing.id, paths: 'all', expectedRevision: revision });
    expect(stale.code).toBe('CONFLICT');
    const c = await api.call('projects.ackCarried', { id: filing.id, paths: 'all' });
    expect(c.filing.carriedOver).toEqual([]);
    const none = await api.call('projects.ackCarried', { id: filing.id, paths: 'all' });
    expect(none.revision).toBe(c.revision);
  });

  it('a table with unconfirmed carried values cannot be marked 已审核', async () => {
    const { filing } = await copied();
    const e = await api.fail('projects.setStatus', { id: filing.id, status: 'checked' });
    expect(e.code).toBe('HAS_CARRIED');
    expect(e.message).toContain('从上年复制的内容没有确认');
  });
});

describe('projects.copyYear and the 说明 of substance hints', () => {
  it('a 说明 answering an explainable hint (R-VAGUE) is stored and carried to next year; a warning’s 说明 comes marked for review', async () => {
    const src = await filingsOf(2025);
    const p = src.find((f) => f.periods.annual!.indicators.some((r) => r.value === '有所提升'))!;
    const findings = await api.call('audit.project', { id: p.id });
    const hint = findings.find((f) => f.code === 'R-VAGUE')!;
    expect(hint).toMatchObject({ severity: 'hint', explainable: true });
    await api.call('audit.explain', { id: p.id, key: hint.key, text: '以宣传覆盖人数考核，见附件' });
    // A plain hint takes no 说明.
    const plain = findings.find((f) => f.severity === 'hint' && !f.explainable);
    if (plain) await expect(api.call('audit.explain', { id: p.id, key: plain.key, text: 'x' })).rejects.toThrow(/只有警告需要填写说明/);
    await api.call('projects.copyYear', { unitCode: U, fromYear: 2025, toYear: 2026 });
    const copy = (await filingsOf(2026)).find((f) => f.name === p.name && f.seq === p.seq)!;
    expect(copy.explanations).toHaveLength(1);
    const again = (await api.call('audit.project', { id: copy.id })).find((f) => f.code === 'R-VAGUE')!;
    expect(again).toMatchObject({ explained: true, explanation: '以宣传覆盖人数考核，见附件' });
    expect(again.key).not.toBe(hint.key); // the row got a new id; the key followed it
    expect(copy.carriedOver.some((m) => m.startsWith('说明:'))).toBe(false); // answers for good: not marked
  });
});

describe('复制上年: every explainable hint answered once is not raised again next year', () => {
  const row = (n: number, level2: string, name: string, value: string, level1 = '产出指标') => ({ id: `r${n}`, level1, level2, name, description: name, value, basis: '', standard: '' });
  /** A table of U: `own` its project (A: 2023–2025), B another project with the same rows. */
  function filing(own: 'A' | 'B', year: number, base: ProjectFiling, values: { rate: string }): ProjectFiling {
    const A = own === 'A';
    return {
      ...structuredClone(base),
      id: `hint${own}${year}`,
      year,
      seq: A ? 90 : 91,
      status: 'draft',
      projectCode: '',
      name: A ? '防诈骗宣传经费' : '禁毒宣传经费',
      fundUse: A ? '用于防诈骗宣传' : '用于禁毒宣传',
      explanations: [],
      carriedOver: [],
      periods: {
        annual: {
          ...structuredClone(base.periods.annual!),
          goal: A ? '落实上级部署要求' : '开展禁毒宣传，提高群众禁毒意识',
          indicators: [
            row(1, '数量指标', '宣传人次', '≥500人次'),
            row(2, '质量指标', '宣传材料合格率', values.rate),
            row(3, '社会效益指标', '群众知晓度', '有所提升', '效益指标'),
            row(4, '服务对象满意度指标', '群众满意度', '≥90%', '满意度指标'),
          ].map((r) => ({ ...r, id: `${own}${year}-${r.id}` })),
        },
      },
    };
  }

  it('R-VAGUE, R-COPIED-ROWS, R-GOAL-TERMS, R-TARGET-STALE and R-TARGET-WEAKER: answered in 2025, answered (or gone) in the copy of 2026', async () => {
    const [base] = await filingsOf(2025);
    api.store.importBatch({
      units: [],
      deptTargets: [],
      projects: [
        filing('A', 2023, base!, { rate: '≥98%' }),
        filing('A', 2024, base!, { rate: '≥98%' }),
        filing('A', 2025, base!, { rate: '≥95%' }), // weaker than 2024; 人次 and 满意度 the same three years
        filing('B', 2025, base!, { rate: '≥95%' }),
      ],
    });
    const before = await api.call('audit.project', { id: 'hintA2025' });
    const hints = before.filter((f) => f.explainable);
    const HINTS = ['R-VAGUE', 'R-COPIED-ROWS', 'R-GOAL-TERMS', 'R-TARGET-WEAKER', 'R-TARGET-STALE'];
    expect([...new Set(hints.map((f) => f.code))].sort()).toEqual([...HINTS].sort());
    for (const h of hints) await api.call('audit.explain', { id: 'hintA2025', key: h.key, text: `说明 ${h.code}` });
    expect((await api.call('audit.project', { id: 'hintA2025' })).filter((f) => f.explainable && !f.explained)).toEqual([]);

    await api.call('projects.copyYear', { unitCode: U, fromYear: 2025, toYear: 2026 });
    const copy = (await filingsOf(2026)).find((f) => f.name === '防诈骗宣传经费')!;
    const after = await api.call('audit.project', { id: copy.id });
    // Raised again (the same wording, rows, goal and figures) but answered by last year's 说明 …
    expect(after.filter((f) => f.explainable && !f.explained)).toEqual([]);
    const answered = after.filter((f) => f.explained);
    expect([...new Set(answered.map((f) => f.code))].sort()).toEqual(['R-COPIED-ROWS', 'R-GOAL-TERMS', 'R-TARGET-STALE', 'R-VAGUE']);
    for (const f of answered) expect(f.explanation).toBe(`说明 ${f.code}`);
    // … and 2026 repeats 2025's ≥95%: no longer weaker than last year, so not raised at all.
    expect(after.map((f) => f.code)).not.toContain('R-TARGET-WEAKER');
  });
});
