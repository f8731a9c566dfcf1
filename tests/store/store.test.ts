import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MONEY_FEN, projectFilingSchema } from '../../shared/model/filing.ts';
import { StoreError } from '../../electron/store/errors.ts';
import { FilingStore, diffValues } from '../../electron/store/store.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { HAS_CHINESE, filing, snapshot, tempDirs, unit } from './helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function freshStore(): Promise<{ store: FilingStore; dbPath: string }> {
  const dbPath = path.join(dirs.make(), 'filings.sqlite');
  return { store: await FilingStore.open(dbPath), dbPath };
}

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error('expected a StoreError');
}

describe('FilingStore', () => {
  it('uses fixtures of a real template', () => {
    expect(getTemplate(filing('a').templateId)?.periods).toContain('annual');
  });

  it('round-trips units, projects and 部门整体目标, and persists them', async () => {
    const { store, dbPath } = await freshStore();
    expect(store.upsertUnit(unit('100001'))).toMatchObject({ code: '100001', sample: false });
    store.upsertUnit(unit('100002', { name: '第二单位', supervisor: null }));
    expect(store.getUnit('100001')?.supervisor).toEqual({ code: '303', name: '忻州市医疗保障局' });
    expect(store.getUnit('999999')).toBeNull();
    expect(store.listUnits().map((u) => u.code)).toEqual(['100001', '100002']);

    const created = store.createProject(filing('a'));
    expect(created.seq).toBe(1); // seq 0 → next in the book
    expect(store.createProject(filing('b')).seq).toBe(2);
    store.createProject(filing('c', { year: 2026, seq: 5 }));
    expect(store.getProject('a')).toEqual(projectFilingSchema.parse({ ...filing('a'), seq: 1 }));
    expect(store.getProject('nope')).toBeNull();
    expect(store.getProjectRecord('a')?.revision).toBe(1);

    const rows = store.listProjects('100001', 2025);
    expect(rows.map((r) => [r.id, r.seq])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(rows[0]).toMatchObject({
      name: '项目a',
      templateId: 'C',
      status: 'draft',
      budget: 1_234_500,
      indicatorCount: 2,
      revision: 1,
    });

    const a = store.getProject('a')!;
    const annual = a.periods.annual!;
    const updated = store.updateProject({
      ...a,
      name: '改名',
      periods: {
        implementation: { ...annual, funding: { ...annual.funding, total: 1 } },
        annual: { ...annual, funding: { ...annual.funding, total: 99 }, indicators: [...annual.indicators, { ...annual.indicators[0]!, id: 'i3' }] },
      },
    });
    expect(updated.name).toBe('改名');
    expect(store.listProjects('100001', 2025)[0]).toMatchObject({ name: '改名', budget: 99, indicatorCount: 5, revision: 2 });

    expect(store.listYears('100001')).toEqual([2025, 2026]);
    store.putDeptTarget({ unitCode: '100002', year: 2024, overall: '总体目标', items: [{ title: '分项一' }] });
    expect(store.getDeptTarget('100002', 2024)).toEqual({
      unitCode: '100002',
      year: 2024,
      overall: '总体目标',
      items: [{ title: '分项一', goal: '', indicators: '' }],
      measures: [],
      carriedOver: [],
    });
    expect(store.getDeptTarget('100002', 2025)).toBeNull();
    expect(store.listYears('100002')).toEqual([2024]);

    store.deleteProject('b');
    expect(store.getProject('b')).toBeNull();
    expect(storeError(() => store.deleteProject('b')).code).toBe('NOT_FOUND');
    store.close();

    const again = await FilingStore.open(dbPath);
    expect(again.getProject('a')?.name).toBe('改名');
    expect(again.listProjects('100001', 2025)).toHaveLength(1);
    expect(again.deleteUnit('100001')).toEqual({ projects: 2, deptTargets: 0 });
    expect(again.listYears('100001')).toEqual([]);
    expect(again.getProject('c')).toBeNull();
    again.close();
  });

  it('iterates all projects in pages without loading everything', async () => {
    const { store } = await freshStore();
    store.upsertUnit(unit('100001'));
    store.upsertUnit(unit('100002'));
    const projects = Array.from({ length: 450 }, (_, i) =>
      filing(`p${String(i).padStart(4, '0')}`, { unitCode: i % 3 === 0 ? '100002' : '100001', seq: i + 1 }),
    );
    store.importBatch({ projects });
    const it = store.iterateAllProjects();
    const first = it.next();
    // Writes between iterations are allowed (pages, not an open cursor).
    store.updateProject({ ...store.getProject('p0449')!, name: '中途修改' });
    const ids = [first.value!.id, ...Array.from(it, (p) => p.id)];
    expect(ids).toHaveLength(450);
    expect(new Set(ids).size).toBe(450);
    expect([...store.iterateAllProjects({ unitCode: '100002' })]).toHaveLength(150);
    expect([...store.iterateAllProjects({ unitCode: '100002', year: 2024 })]).toHaveLength(0);
    store.close();
  });

  it('runs with WAL, synchronous=FULL, foreign keys on and a busy timeout', async () => {
    const { store } = await freshStore();
    expect(store.pragmas()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 5000 });
    expect(store.checkIntegrity()).toEqual({ ok: true, messages: ['ok'] });
    store.close();
  });

  it('records old → new per changed field path in the audit log', async () => {
    const { store } = await freshStore();
    store.upsertUnit(unit('100001'));
    const p = store.createProject(filing('a'));
    const annual = p.periods.annual!;
    const indicators = annual.indicators.map((r, i) => (i === 1 ? { ...r, value: '≥98%' } : r));
    store.updateProject({ ...p, name: '新名称', periods: { annual: { ...annual, indicators } } });
    store.updateProject({ ...p, name: '新名称', periods: { annual: { ...annual, indicators } } }); // no change

    const log = store.auditLog('a');
    expect(log.map((r) => [r.action, r.path])).toEqual([
      ['create', ''],
      ['update', 'name'],
      ['update', 'periods.annual.indicators[1].value'],
    ]);
    expect(log[1]).toMatchObject({ entity: 'project', entityId: 'a', oldValue: '项目a', newValue: '新名称', actor: 'user' });
    expect(log[2]).toMatchObject({ oldValue: '≥95%', newValue: '≥98%' });
    expect(store.getProjectRecord('a')?.revision).toBe(2); // the no-op save made no revision

    store.upsertUnit(unit('100001', { name: '改名单位' }));
    expect(store.auditLog('100001').at(-1)).toMatchObject({ entity: 'unit', path: 'name', newValue: '改名单位' });
    store.deleteProject('a');
    expect(store.auditLog('a').at(-1)).toMatchObject({ action: 'delete', path: '', newValue: null });
    expect((store.auditLog('a').at(-1)!.oldValue as { name: string }).name).toBe('新名称');
    store.close();
  });

  it('diffs arrays by index and reports added / removed elements', () => {
    expect(diffValues({ a: [1, 2], b: { c: 'x' } }, { a: [1, 3, 4], b: null })).toEqual([
      { path: 'a[1]', oldValue: 2, newValue: 3 },
      { path: 'a[2]', oldValue: null, newValue: 4 },
      { path: 'b', oldValue: { c: 'x' }, newValue: null },
    ]);
  });

  it('refuses a save based on a stale revision (optimistic concurrency)', async () => {
    const { store } = await freshStore();
    store.upsertUnit(unit('100001'));
    store.createProject(filing('a'));
    const mine = store.getProjectRecord('a')!;
    const theirs = store.getProjectRecord('a')!;
    store.updateProject({ ...theirs.filing, name: '他人的修改' }, theirs.revision);
    const err = storeError(() => store.updateProject({ ...mine.filing, name: '我的修改' }, mine.revision));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/已被修改.*当前版本 2.*版本 1/);
    expect(store.getProject('a')?.name).toBe('他人的修改');
    expect(storeError(() => store.createProject(filing('a'))).code).toBe('CONFLICT');
    expect(storeError(() => store.updateProject(filing('zz'))).code).toBe('NOT_FOUND');
    store.close();
  });

  it('imports a batch all-or-nothing', async () => {
    const { store, dbPath } = await freshStore();
    store.upsertUnit(unit('100001'));
    store.createProject(filing('a'));
    const before = snapshot(dbPath);

    // Invalid item: refused before anything is written.
    const bad = filing('y', { periods: { annual: { funding: { total: -5 } } } });
    const e1 = storeError(() =>
      store.importBatch({ units: [unit('100009')], projects: [filing('x', { unitCode: '100009' }), bad, filing('z')] }),
    );
    expect(e1.code).toBe('INVALID');
    expect(e1.message).toContain('第 2 个项目“项目y”');
    expect(e1.message).toContain('periods.annual.funding.total：金额不能为负数');
    expect(snapshot(dbPath)).toEqual(before);

    // Failure half-way through the transaction (a project of a unit that does not exist):
    // the unit and project written before it are rolled back.
    const e2 = storeError(() =>
      store.importBatch({
        units: [unit('100009')],
        projects: [filing('x', { unitCode: '100009' }), { ...filing('a'), name: '覆盖' }, filing('w', { unitCode: '555555' })],
        deptTargets: [{ unitCode: '100009', year: 2025 }],
      }),
    );
    expect(e2.code).toBe('NOT_FOUND');
    expect(e2.message).toContain('单位 555555 不存在');
    expect(snapshot(dbPath)).toEqual(before);

    expect(
      store.importBatch({
        units: [unit('100009')],
        projects: [filing('x', { unitCode: '100009' }), { ...filing('a'), name: '覆盖' }],
        deptTargets: [{ unitCode: '100009', year: 2025 }],
      }),
    ).toEqual({ units: 1, projects: 2, deptTargets: 1 });
    expect(store.getProject('a')?.name).toBe('覆盖');
    expect(store.getProject('x')?.unitCode).toBe('100009');
    store.close();
  });

  it('rejects invalid input with Chinese messages naming the field', async () => {
    const { store, dbPath } = await freshStore();
    store.upsertUnit(unit('100001'));
    const before = snapshot(dbPath);
    const cases: [() => unknown, string[]][] = [
      [() => store.upsertUnit(unit('1000001')), ['单位数据有误', 'code', '单位编码必须是 6 位数字']],
      [() => store.upsertUnit({ code: '100002', name: 123 } as never), ['name', '单位名称必须是文本']],
      [() => store.upsertUnit({ code: '100002' } as never), ['name', '缺少此项']],
      [() => store.createProject({ ...filing('a'), year: '2025' } as never), ['year', '年度必须是数字']],
      [() => store.createProject({ ...filing('a'), unitCode: '10001' }), ['unitCode', '单位编码必须是 6 位数字']],
      [() => store.createProject({ ...filing('a'), seq: 1.5 }), ['seq', '应为整数']],
      [() => store.createProject({ ...filing('a'), status: 'done' } as never), ['status', '状态只能是']],
      [
        () => store.createProject(filing('a', { periods: { annual: { funding: { total: MAX_MONEY_FEN + 1 } } } })),
        ['periods.annual.funding.total', '金额超出合理范围'],
      ],
      [
        () => store.createProject(filing('a', { periods: { annual: { funding: { fiscal: 12.5 } } } })),
        ['periods.annual.funding.fiscal', '金额必须是以“分”为单位的整数'],
      ],
      [
        () => store.createProject(filing('a', { periods: { annual: { funding: { total: '100' as never } } } })),
        ['periods.annual.funding.total', '金额必须是数字'],
      ],
      [
        () =>
          store.createProject(
            filing('a', { periods: { annual: { indicators: [{ id: 'i', level1: '', level2: '', name: '', value: 5 as never }] } } }),
          ),
        ['periods.annual.indicators[0].value', '指标值必须是文本'],
      ],
      [() => store.putDeptTarget({ unitCode: '100001', year: 1999 }), ['year', '年度须在 2000—2100 之间']],
      [() => store.createProject(filing('a', { unitCode: '100002' })), ['单位 100002 不存在']],
    ];
    for (const [fn, parts] of cases) {
      const e = storeError(fn);
      expect(e.message).toMatch(HAS_CHINESE);
      for (const part of parts) expect(e.message).toContain(part);
    }
    const many = storeError(() => store.createProject({ id: '', templateId: '', unitCode: 'x', year: 0 }));
    expect(many.code).toBe('INVALID');
    expect(many.issues.map((i) => i.path)).toEqual(['id', 'templateId', 'unitCode', 'year']);
    expect(snapshot(dbPath)).toEqual(before);
    store.close();
  });

  it('removes sample data with everything under it, leaving own data alone', async () => {
    const { store } = await freshStore();
    store.importBatch({
      units: [unit('900001', { sample: true }), unit('900002', { sample: true }), unit('100001')],
      projects: [
        filing('s1', { unitCode: '900001' }),
        filing('s2', { unitCode: '900001' }),
        filing('s3', { unitCode: '900002' }),
        filing('own', { unitCode: '100001' }),
      ],
      deptTargets: [
        { unitCode: '900001', year: 2025 },
        { unitCode: '100001', year: 2025 },
      ],
    });
    expect(store.removeSampleData()).toEqual({ units: 2, projects: 3, deptTargets: 1, ownWork: [], removed: true });
    expect(store.listUnits().map((u) => u.code)).toEqual(['100001']);
    expect([...store.iterateAllProjects()].map((p) => p.id)).toEqual(['own']);
    expect(store.getDeptTarget('900001', 2025)).toBeNull();
    expect(store.getDeptTarget('100001', 2025)).not.toBeNull();
    expect(store.removeSampleData()).toEqual({ units: 0, projects: 0, deptTargets: 0, ownWork: [], removed: true });
    store.close();
  });

  it('refuses use after close', async () => {
    const { store } = await freshStore();
    store.close();
    store.close(); // idempotent
    expect(storeError(() => store.listUnits()).message).toContain('数据库已关闭');
  });
});
