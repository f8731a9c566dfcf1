import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/rules/types.ts';
import { openTestApi, type TestApi } from './helpers.ts';

let api: TestApi;
beforeEach(async () => {
  api = await openTestApi({ demo: true });
});
afterEach(async () => api.close());

async function findingWith(pred: (f: Finding) => boolean): Promise<{ id: string; finding: Finding }> {
  for (const u of await api.call('units.list', {})) {
    for (const year of await api.call('years.list', { unitCode: u.code })) {
      const { byProject } = await api.call('audit.unitYear', { unitCode: u.code, year });
      for (const [id, list] of Object.entries(byProject)) {
        const finding = list.find(pred);
        if (finding) return { id, finding };
      }
    }
  }
  throw new Error('no such finding in the seeds');
}

describe('audit', () => {
  it('audit.unitYear gives the book’s findings and each table’s', async () => {
    const r = await api.call('audit.unitYear', { unitCode: '619001', year: 2025 });
    const list = await api.call('projects.list', { unitCode: '619001', year: 2025 });
    expect(Object.keys(r.byProject).sort()).toEqual(list.rows.map((x) => x.id).sort());
    expect(r.findings.length).toBeGreaterThanOrEqual(Object.values(r.byProject).flat().length);
    expect(r.findings.some((f) => f.code === 'R-UNIT-TOTAL')).toBe(true);
    expect(await api.call('audit.unitYear', { unitCode: '619001', year: 2030 })).toEqual({ findings: [], byProject: {}, blockers: {}, notReady: [], unfilled: [] });
    expect(r.unfilled).toEqual([]);
  });

  it('audit.unitYear names a blank table just created as unfilled; typing one 三级指标 takes it out', async () => {
    const p = await api.call('projects.create', { unitCode: '619001', year: 2025, templateId: 'B', name: '新建的空白表' });
    const r = await api.call('audit.unitYear', { unitCode: '619001', year: 2025 });
    expect(r.unfilled).toEqual([p.filing.id]);
    expect(r.byProject[p.filing.id]!.some((f) => f.code === 'R-IND-ROW-BLANK')).toBe(true);
    const f = structuredClone(p.filing);
    f.periods.annual!.indicators[0]!.name = '系统维护次数';
    await api.call('projects.save', { filing: f, expectedRevision: p.revision });
    expect((await api.call('audit.unitYear', { unitCode: '619001', year: 2025 })).unfilled).toEqual([]);
  });

  it('audit.applyFix applies a fix and saves with the revision; a stale fix or revision is refused', async () => {
    const { id, finding } = await findingWith((f) => f.code === 'R-VALUE-PERCENT-WORD' && !!f.fix);
    const before = await api.call('projects.get', { id });
    const fix = finding.fix!;
    const r = await api.call('audit.applyFix', { id, fix, expectedRevision: before.revision });
    expect(r.revision).toBe(before.revision + 1);
    const after = await api.call('audit.project', { id });
    expect(after.some((f) => f.key === finding.key)).toBe(false);

    const again = await api.fail('audit.applyFix', { id, fix, expectedRevision: r.revision });
    expect(again.code).toBe('STALE_FIX');
    expect(again.message).toContain('已被修改');
    const stale = await api.fail('audit.applyFix', { id, fix, expectedRevision: before.revision });
    expect(stale.code).toBe('CONFLICT');
    const evil = await api.fail('audit.applyFix', {
      id,
      fix: { description: 'x', patch: { path: '__proto__.polluted', value: 1 } },
      expectedRevision: r.revision,
    });
    expect(evil.code).toBe('STALE_FIX');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // a fix cannot change the bookkeeping fields
    const status = await api.call('audit.applyFix', {
      id,
      fix: { description: 'x', patch: { path: 'status', value: 'submitted' } },
      expectedRevision: r.revision,
    });
    expect(status.filing.status).toBe('draft');
  });

  it('audit.explain stores a 说明 for a warning and refuses one for an error', async () => {
    const { id, finding } = await findingWith((f) => f.severity === 'warning' && !f.explained);
    const r = await api.call('audit.explain', { id, key: finding.key, text: '  本项目按上级文件执行  ' });
    expect(r.filing.explanations).toContainEqual({ key: finding.key, text: '本项目按上级文件执行' });
    const after = (await api.call('audit.project', { id })).find((f) => f.key === finding.key);
    expect(after).toMatchObject({ explained: true, explanation: '本项目按上级文件执行' });
    const err = await findingWith((f) => f.severity === 'error');
    const e = await api.fail('audit.explain', { id: err.id, key: err.finding.key, text: '说明' });
    expect(e.code).toBe('INVALID');
    expect(e.message).toContain('错误必须改正');
  });
});

describe('library.search', () => {
  it('searches the library with pinyin initials and proposes values for the year', async () => {
    const r = await api.call('library.search', { query: 'myd', year: 2026, limit: 5 });
    // 满意度 matches best, but its published values are no 满意度 values (审核 refuses them):
    // the indicators with a value to propose come first.
    expect(r.map((e) => e.name)).toContain('满意度');
    expect(r[0]?.name).toBe('服务对象满意度');
    expect(r.find((e) => e.name === '满意度')?.values).toEqual([]);
    const t = await api.call('library.search', { query: '完成时限', year: 2026, limit: 1 });
    expect(t[0]?.values.some((v) => v.startsWith('2026'))).toBe(true);
  });

  it('joins the unit’s own indicators, and sees them change', async () => {
    await api.call('units.save', { unit: { code: '100001', name: '测试单位' } });
    const { filing, revision } = await api.call('projects.create', { unitCode: '100001', year: 2026, templateId: 'A' });
    const q = { query: 'ckfw', unitCode: '100001', year: 2026 } as const;
    expect((await api.call('library.search', q)).some((e) => e.name === '窗口服务满意度')).toBe(false);
    const next = structuredClone(filing);
    next.periods.annual!.indicators.at(-1)!.name = '窗口服务满意度';
    next.periods.annual!.indicators.at(-1)!.value = '≥98%';
    await api.call('projects.save', { filing: next, expectedRevision: revision });
    const r = await api.call('library.search', { ...q, query: 'ckfwmyd' });
    expect(r[0]).toMatchObject({ name: '窗口服务满意度', source: 'unit', values: ['≥98%'], level2: '服务对象满意度指标' });
    // without the unit, the library does not know it
    expect((await api.call('library.search', { query: 'ckfwmyd', year: 2026 })).length).toBe(0);
  });

  it('filters by 一级 and 二级', async () => {
    const r = await api.call('library.search', { query: 'l', level1: '产出指标', level2: '质量指标', limit: 100 });
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((e) => e.level1 === '产出指标' && e.level2 === '质量指标')).toBe(true);
  });
});

describe('dept', () => {
  it('saves and reads the 部门整体绩效目标', async () => {
    const t = { unitCode: '619001', year: 2026, overall: '总体目标', items: [{ title: '分项一', goal: '目标', indicators: '指标' }], measures: ['1.措施'], carriedOver: [] };
    expect(await api.call('dept.save', { target: t, expectedRevision: 0 })).toEqual({ ...t, revision: 1 });
    expect(await api.call('dept.get', { unitCode: '619001', year: 2026 })).toEqual({ ...t, revision: 1 });
    expect(await api.call('dept.get', { unitCode: '619001', year: 2027 })).toBeNull();
    expect((await api.fail('dept.save', { target: { ...t, unitCode: '999999' } })).code).toBe('NOT_FOUND');
  });

  it('checks the revision: a second window saving over a change it has not seen is refused, nothing lost', async () => {
    const y = 2028;
    const t = { unitCode: '619001', year: y, overall: '第一版', items: [], measures: [], carriedOver: [] };
    expect((await api.call('dept.save', { target: t, expectedRevision: 0 })).revision).toBe(1);
    // Both windows opened revision 1; the first saves, the second is refused.
    expect((await api.call('dept.save', { target: { ...t, overall: '窗口一' }, expectedRevision: 1 })).revision).toBe(2);
    const refused = await api.fail('dept.save', { target: { ...t, overall: '窗口二' }, expectedRevision: 1 });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/部门整体绩效目标已被修改（当前版本 2，您编辑的是版本 1），未保存/);
    expect(await api.call('dept.get', { unitCode: '619001', year: y })).toMatchObject({ overall: '窗口一', revision: 2 });
    // A target created meanwhile by another window: expectedRevision 0 is refused too.
    expect((await api.fail('dept.save', { target: { ...t, overall: '新建' }, expectedRevision: 0 })).code).toBe('CONFLICT');
    // The same text again is no new revision; a save without expectedRevision (CLI, import) is not checked.
    expect((await api.call('dept.save', { target: { ...t, overall: '窗口一' }, expectedRevision: 2 })).revision).toBe(2);
    expect((await api.call('dept.save', { target: { ...t, overall: '命令行' } })).revision).toBe(3);
  });
});
