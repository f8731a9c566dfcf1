import { afterEach, describe, expect, it } from 'vitest';
import { getTemplate, TEMPLATES } from '../../shared/templates/index.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { HAN, openTestApi, type TestApi } from './helpers.ts';

let api: TestApi;
afterEach(async () => api?.close());

const UNIT = { code: '100001', name: '测试县医疗保障局', supervisor: { code: '303', name: '测试市医疗保障局' } };

async function withUnit(): Promise<TestApi> {
  api = await openTestApi();
  await api.call('units.save', { unit: UNIT });
  return api;
}

const order = async (unitCode: string, year: number) =>
  (await api.call('projects.list', { unitCode, year })).rows.map((r) => [r.seq, r.name] as const);

describe('projects.create', () => {
  it('makes a blank table of the template: its periods, the usual groups with empty 三级 rows, the next seq', async () => {
    await withUnit();
    for (const [i, t] of TEMPLATES.entries()) {
      const { filing, revision } = await api.call('projects.create', { unitCode: UNIT.code, year: 2026, templateId: t.id, name: ` 新项目${t.id} ` });
      expect(revision).toBe(1);
      expect(filing).toMatchObject({ templateId: t.id, unitCode: UNIT.code, year: 2026, seq: i + 1, status: 'draft', name: `新项目${t.id}` });
      expect(Object.keys(filing.periods).sort()).toEqual([...t.periods].sort());
      for (const p of t.periods) {
        const rows = filing.periods[p]!.indicators;
        expect(rows.map((r) => `${r.level1}/${r.level2}`)).toEqual([
          '产出指标/数量指标',
          '产出指标/质量指标',
          '产出指标/时效指标',
          '产出指标/成本指标',
          '效益指标/社会效益指标',
          '满意度指标/服务对象满意度指标',
        ]);
        expect(rows.every((r) => r.name === '' && r.value === '')).toBe(true);
        expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      }
      if (t.fields.includes('implementingUnit')) expect(filing.implementingUnit).toBe(UNIT.name);
      if (t.periods.includes('midterm')) expect(filing.periods.midterm?.rangeLabel).toBe('2026 年 1 月—2026 年 6 月');
    }
    const list = await api.call('projects.list', { unitCode: UNIT.code, year: 2026 });
    expect(list.rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(list.rows.every((r) => r.errors > 0)).toBe(true); // blank: 三级 names, values, goal missing
    expect(list.totalBudget).toBe(0);
  });

  it('refuses an unknown template or unit in Chinese', async () => {
    await withUnit();
    const t = await api.fail('projects.create', { unitCode: UNIT.code, year: 2026, templateId: 'Z' });
    expect(t).toEqual({ code: 'INVALID', message: '未知的模板“Z”' });
    const u = await api.fail('projects.create', { unitCode: '999999', year: 2026, templateId: 'A' });
    expect(u.code).toBe('NOT_FOUND');
    expect(u.message).toMatch(HAN);
  });
});

describe('projects.list', () => {
  it('gives 审核 counts, carried-over counts and the exact budget total of a seed book', async () => {
    api = await openTestApi({ demo: true });
    const units = await api.call('units.list', {});
    for (const u of units) {
      for (const year of await api.call('years.list', { unitCode: u.code })) {
        const list = await api.call('projects.list', { unitCode: u.code, year });
        const filings = await Promise.all(list.rows.map((r) => api.call('projects.get', { id: r.id })));
        const expected = filings.reduce((s, { filing: f }) => {
          const last = getTemplate(f.templateId)!.periods.at(-1)!;
          return s + (f.periods[last]?.funding.total ?? 0);
        }, 0);
        expect(list.totalBudget).toBe(expected);
        expect(Number.isInteger(list.totalBudget)).toBe(true);
        for (const row of list.rows) {
          const findings = await api.call('audit.project', { id: row.id });
          expect(row.errors).toBe(findings.filter((f) => f.severity === 'error').length);
          expect(row.warnings).toBe(findings.filter((f) => f.severity === 'warning').length);
          expect(row.openWarnings).toBe(findings.filter((f) => f.severity === 'warning' && !f.explained).length);
          expect(row.carriedOver).toBe(0);
        }
      }
    }
  });
});

describe('projects.save', () => {
  it('saves with the expected revision and refuses a stale one with a Chinese reload message', async () => {
    await withUnit();
    const a = await api.call('projects.create', { unitCode: UNIT.code, year: 2026, templateId: 'A', name: '甲' });
    const edited = { ...a.filing, name: '甲项目', fundUse: '用于办公' };
    const b = await api.call('projects.save', { filing: edited, expectedRevision: a.revision });
    expect(b.revision).toBe(2);
    expect(b.filing.name).toBe('甲项目');
    expect((await api.call('projects.get', { id: a.filing.id })).filing.fundUse).toBe('用于办公');

    const stale = await api.fail('projects.save', { filing: { ...a.filing, name: '乙' }, expectedRevision: a.revision });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('已在别处被修改');
    expect(stale.message).toContain('重新载入');
    expect((await api.call('projects.get', { id: a.filing.id })).filing.name).toBe('甲项目');

    const same = await api.call('projects.save', { filing: b.filing, expectedRevision: b.revision });
    expect(same.revision).toBe(2); // nothing changed: no new revision
  });

  it('keeps position and status as stored; changing a checked table needs force and makes it a draft again', async () => {
    api = await openTestApi({ demo: true });
    const clean = await findClean(api);
    const checked = await api.call('projects.setStatus', { id: clean.id, status: 'checked' });
    expect(checked.filing.status).toBe('checked');
    const sneaky = await api.call('projects.save', {
      filing: { ...checked.filing, seq: 99, status: 'submitted' },
      expectedRevision: checked.revision,
    });
    expect(sneaky.filing.seq).toBe(clean.seq);
    expect(sneaky.filing.status).toBe('checked'); // status only through setStatus
    const change = { filing: { ...sneaky.filing, fundUse: sneaky.filing.fundUse + '。' }, expectedRevision: sneaky.revision };
    const refused = await api.fail('projects.save', change);
    expect(refused.code).toBe('NEEDS_CONFIRM');
    expect(refused.message).toContain('该表已审核，修改后将变回草稿，需要重新审核。');
    expect((await api.call('projects.get', { id: clean.id })).revision).toBe(sneaky.revision); // nothing stored
    const edited = await api.call('projects.save', { ...change, force: true });
    expect(edited.filing.status).toBe('draft');
    expect(edited.filing.changedSinceSubmission).toBe(false); // it had not been submitted
  });

  it('refuses moving a table to another unit or year, and unknown ids', async () => {
    await withUnit();
    const a = await api.call('projects.create', { unitCode: UNIT.code, year: 2026, templateId: 'A' });
    expect((await api.fail('projects.save', { filing: { ...a.filing, year: 2027 }, expectedRevision: 1 })).code).toBe('INVALID');
    expect((await api.fail('projects.save', { filing: { ...a.filing, id: 'nope' }, expectedRevision: 1 })).code).toBe('NOT_FOUND');
  });
});

async function findClean(a: TestApi): Promise<{ id: string; seq: number }> {
  const list = await a.call('projects.list', { unitCode: '619001', year: 2025 });
  const row = list.rows.find((r) => r.errors === 0 && r.openWarnings === 0);
  if (!row) throw new Error('no clean seed table');
  return row;
}

describe('delete, restore, duplicate, reorder', () => {
  async function book(n: number): Promise<ProjectFiling[]> {
    await withUnit();
    const out: ProjectFiling[] = [];
    for (let i = 1; i <= n; i++) out.push((await api.call('projects.create', { unitCode: UNIT.code, year: 2026, templateId: 'B', name: `项目${i}` })).filing);
    return out;
  }

  it('delete renumbers the book and returns the table; restore puts it back where it was', async () => {
    const [, p2] = await book(4);
    const { deleted } = await api.call('projects.delete', { id: p2!.id });
    expect(deleted).toMatchObject({ id: p2!.id, name: '项目2', seq: 2 });
    expect(await order(UNIT.code, 2026)).toEqual([[1, '项目1'], [2, '项目3'], [3, '项目4']]);
    expect((await api.fail('projects.get', { id: p2!.id })).code).toBe('NOT_FOUND');

    const back = await api.call('projects.restore', { filing: deleted });
    expect(back.filing).toEqual(deleted);
    expect(await order(UNIT.code, 2026)).toEqual([[1, '项目1'], [2, '项目2'], [3, '项目3'], [4, '项目4']]);
    expect((await api.fail('projects.restore', { filing: deleted })).code).toBe('CONFLICT');
  });

  it('duplicate adds “（副本）” right after the original with a new id', async () => {
    const [p1] = await book(3);
    const dup = await api.call('projects.duplicate', { id: p1!.id });
    expect(dup.filing.id).not.toBe(p1!.id);
    expect(dup.filing.name).toBe('项目1（副本）');
    expect(dup.filing.status).toBe('draft');
    expect(dup.filing.periods).toEqual(p1!.periods);
    expect(await order(UNIT.code, 2026)).toEqual([[1, '项目1'], [2, '项目1（副本）'], [3, '项目2'], [4, '项目3']]);
  });

  it('reorder numbers the book in the given order; a stale list is refused', async () => {
    const ps = await book(4);
    const ids = [ps[3]!, ps[0]!, ps[2]!, ps[1]!].map((p) => p.id);
    expect(await api.call('projects.reorder', { unitCode: UNIT.code, year: 2026, ids })).toEqual({ count: 4 });
    expect(await order(UNIT.code, 2026)).toEqual([[1, '项目4'], [2, '项目1'], [3, '项目3'], [4, '项目2']]);
    const stale = await api.fail('projects.reorder', { unitCode: UNIT.code, year: 2026, ids: ids.slice(1) });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('刷新');
    const dupIds = await api.fail('projects.reorder', { unitCode: UNIT.code, year: 2026, ids: [ids[0]!, ids[0]!, ids[1]!, ids[2]!] });
    expect(dupIds.code).toBe('CONFLICT');
  });
});

describe('projects.setStatus', () => {
  it('is refused while 错误 remain, and allowed for a clean table', async () => {
    api = await openTestApi({ demo: true });
    await api.call('units.save', { unit: UNIT });
    const blank = await api.call('projects.create', { unitCode: UNIT.code, year: 2026, templateId: 'A' });
    const e = await api.fail('projects.setStatus', { id: blank.filing.id, status: 'checked' });
    expect(e.code).toBe('HAS_ERRORS');
    expect(e.message).toMatch(/还有 \d+ 个错误/);
    const clean = await findClean(api);
    const bad = await api.fail('projects.setStatus', { id: clean.id, status: 'submitted' });
    expect(bad.code).toBe('BAD_TRANSITION');
    expect(bad.message).toContain('“已报送”在打包报送时自动标记');
    const r = await api.call('projects.setStatus', { id: clean.id, status: 'checked' });
    expect(r.filing.status).toBe('checked');
    expect((await api.call('projects.setStatus', { id: clean.id, status: 'draft' })).filing.status).toBe('draft');
  });
});

describe('units', () => {
  it('removeSamples removes the 示例 units and their tables only', async () => {
    api = await openTestApi({ demo: true });
    await api.call('units.save', { unit: UNIT });
    await api.call('projects.create', { unitCode: UNIT.code, year: 2026, templateId: 'A' });
    const r = await api.call('units.removeSamples', {});
    expect(r).toEqual({ units: 13, projects: 120, removed: true, ownWork: [] });
    expect((await api.call('units.list', {})).map((u) => u.code)).toEqual([UNIT.code]);
    expect((await api.call('projects.list', { unitCode: UNIT.code, year: 2026 })).rows).toHaveLength(1);
  });

  it('removeSamples names the office’s own work in 示例 units and deletes it only when confirmed', async () => {
    api = await openTestApi({ demo: true });
    const sample = (await api.call('units.list', {})).find((u) => u.sample)!;
    const year = (await api.call('years.list', { unitCode: sample.code }))[0]!;
    const [first] = (await api.call('projects.list', { unitCode: sample.code, year })).rows;
    // A table made in a 示例 unit, and a 示例 table edited here, are the office's work.
    const made = await api.call('projects.create', { unitCode: sample.code, year: 2030, templateId: 'A' });
    const got = await api.call('projects.get', { id: first!.id });
    await api.call('projects.save', { filing: { ...got.filing, name: `${got.filing.name}（改）` }, expectedRevision: got.revision });
    const before = (await api.call('units.list', {})).length;
    const r = await api.call('units.removeSamples', {});
    expect(r.removed).toBe(false);
    expect(r.ownWork).toEqual([
      { unitCode: sample.code, year, name: `${got.filing.name}（改）` },
      { unitCode: sample.code, year: 2030, name: made.filing.name },
    ]);
    expect((await api.call('units.list', {})).length).toBe(before);
    const done = await api.call('units.removeSamples', { confirmOwnWork: true });
    expect(done).toMatchObject({ units: 13, projects: 121, removed: true });
    expect(await api.call('units.list', {})).toEqual([]);
  });

  it('app.info and templates.list describe the program', async () => {
    api = await openTestApi();
    const info = await api.call('app.info', {});
    expect(info).toMatchObject({ name: '绩效目标填报', mode: 'browser', dataPath: api.store.path });
    const ts = await api.call('templates.list', {});
    expect(ts.map((t) => t.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(ts.find((t) => t.id === 'C')).toMatchObject({ periods: ['implementation', 'annual'], amountUnit: '元' });
  });
});
