// projects.list reads each table's 审核 counts from the store's cache where it is valid and
// checks (then caches) only the rest: the rows are what a full 审核 gives, whatever the cache.
import { defaultPlan } from '../../shared/api/import-preview.ts';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_COUNTS_RULESET, checkCountsKey, listProjectsWithCheckCounts } from '../../electron/services/check-counts.ts';
import { RULESET_VERSION } from '../../shared/rules/index.ts';
import type { ProjectRow } from '../../shared/api/contract.ts';
import { openTestApi, type TestApi } from './helpers.ts';
import { connectionForTests } from '../../electron/store/testing.ts';

const apis: TestApi[] = [];
afterEach(async () => {
  for (const a of apis.splice(0)) await a.close();
});
/** The demo data with the counts cache emptied (loading the demo fills it): a cold start. */
async function demoApi(warm = false): Promise<TestApi> {
  const a = await openTestApi({ demo: true });
  apis.push(a);
  if (!warm) connectionForTests(a.store).exec('DELETE FROM project_check_counts');
  return a;
}

const U = '619001';
const Y = 2025;

interface CacheRow {
  project_id: string;
  revision: number;
  updated_at: string;
  ruleset: string;
  errors: number;
  warnings: number;
  hints: number;
  open_warnings: number;
  carried: number;
}
const cache = (api: TestApi): CacheRow[] =>
  connectionForTests(api.store).prepare('SELECT * FROM project_check_counts ORDER BY project_id').all() as CacheRow[];
const setErrors = (api: TestApi, id: string, n: number) =>
  connectionForTests(api.store).prepare('UPDATE project_check_counts SET errors = ? WHERE project_id = ?').run(n, id);

/** What the list must show for a row: a full 审核 of the stored filing. */
async function expected(api: TestApi, row: ProjectRow) {
  const [{ filing }, findings] = await Promise.all([
    api.call('projects.get', { id: row.id }),
    api.call('audit.project', { id: row.id }),
  ]);
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    openWarnings: findings.filter((f) => f.severity === 'warning' && !f.explained).length,
    carriedOver: filing.carriedOver.length,
  };
}
async function expectTrueCounts(api: TestApi, rows: readonly ProjectRow[]) {
  for (const r of rows) expect({ errors: r.errors, warnings: r.warnings, openWarnings: r.openWarnings, carriedOver: r.carriedOver }).toEqual(await expected(api, r));
}

describe('projects.list counts cache', () => {
  it('the key is the ruleset version plus a hash of what the checks depend on', () => {
    expect(CHECK_COUNTS_RULESET).toMatch(new RegExp(`^${RULESET_VERSION.replace('.', '\\.')}/[^/]+/[0-9a-f]{16}$`));
  });

  it('a cold call checks every table and fills the cache; the next call reads it', async () => {
    const api = await demoApi();
    expect(cache(api)).toEqual([]);
    const cold = await api.call('projects.list', { unitCode: U, year: Y });
    expect(cold.rows.length).toBe(18);
    await expectTrueCounts(api, cold.rows);
    const rows = cache(api);
    expect(rows.map((r) => r.project_id).sort()).toEqual(cold.rows.map((r) => r.id).sort());
    for (const c of rows) {
      const r = cold.rows.find((x) => x.id === c.project_id)!;
      const hints = (await api.call('audit.project', { id: r.id })).filter((f) => f.severity === 'hint').length;
      expect(c).toEqual({
        project_id: r.id,
        revision: r.revision,
        updated_at: r.updatedAt,
        ruleset: checkCountsKey(api.store, U, Y),
        errors: r.errors,
        warnings: r.warnings,
        hints,
        open_warnings: r.openWarnings,
        carried: r.carriedOver,
      });
    }
    // Warm: the cached numbers are what is shown (a number changed on purpose comes back).
    const id = cold.rows[3]!.id;
    setErrors(api, id, 99);
    const warm = await api.call('projects.list', { unitCode: U, year: Y });
    expect(warm.rows.find((r) => r.id === id)!.errors).toBe(99);
    expect(warm.rows.filter((r) => r.id !== id)).toEqual(cold.rows.filter((r) => r.id !== id));
    expect(warm.totalBudget).toBe(cold.totalBudget);
  });

  it('an edited table (new revision) is checked again and its row replaced', async () => {
    const api = await demoApi();
    const cold = await api.call('projects.list', { unitCode: U, year: Y });
    const row = cold.rows[0]!;
    setErrors(api, row.id, 99);
    const { filing, revision } = await api.call('projects.get', { id: row.id });
    // An edit that changes the counts: the goal blanked is a 错误 more.
    const annual = filing.periods.annual!;
    await api.call('projects.save', {
      filing: { ...filing, periods: { ...filing.periods, annual: { ...annual, goal: '' } } },
      expectedRevision: revision,
    });
    const after = await api.call('projects.list', { unitCode: U, year: Y });
    const edited = after.rows.find((r) => r.id === row.id)!;
    expect(edited.revision).toBe(revision + 1);
    expect(edited.errors).not.toBe(99);
    expect(edited.errors).toBeGreaterThan(row.errors);
    await expectTrueCounts(api, [edited]);
    expect(cache(api).find((c) => c.project_id === row.id)).toMatchObject({ revision: revision + 1, errors: edited.errors });
  });

  it('carried-over counts follow 确认 (ackCarried makes a new revision)', async () => {
    const api = await demoApi();
    await api.call('projects.copyYear', { unitCode: U, fromYear: Y, toYear: 2026 });
    const cold = await api.call('projects.list', { unitCode: U, year: 2026 });
    const row = cold.rows[0]!;
    expect(row.carriedOver).toBeGreaterThan(0);
    const { filing, revision } = await api.call('projects.get', { id: row.id });
    await api.call('projects.ackCarried', { id: row.id, paths: [filing.carriedOver[0]!], expectedRevision: revision });
    const after = await api.call('projects.list', { unitCode: U, year: 2026 });
    expect(after.rows[0]!.carriedOver).toBe(row.carriedOver - 1);
    await expectTrueCounts(api, after.rows);
  });

  it('rows cached under another ruleset key are not trusted and are replaced', async () => {
    const api = await demoApi();
    const cold = await api.call('projects.list', { unitCode: U, year: Y });
    connectionForTests(api.store).prepare(`UPDATE project_check_counts SET ruleset = 'old-rules', errors = 99`).run();
    const after = await api.call('projects.list', { unitCode: U, year: Y });
    expect(after).toEqual(cold);
    expect(cache(api).every((c) => c.ruleset === checkCountsKey(api.store, U, Y) && c.errors !== 99)).toBe(true);
    // The helper under another key sees no valid row, checks everything and takes the rows over.
    const rows = listProjectsWithCheckCounts(api.store, U, Y, { ruleset: 'next-rules' });
    expect(rows.map((r) => r.counts.errors)).toEqual(cold.rows.map((r) => r.errors));
    expect(cache(api).every((c) => c.ruleset === checkCountsKey(api.store, U, Y, 'next-rules'))).toBe(true);
  });

  it('deleting a table removes its cache row', async () => {
    const api = await demoApi();
    const cold = await api.call('projects.list', { unitCode: U, year: Y });
    const id = cold.rows[5]!.id;
    await api.call('projects.delete', { id });
    expect(cache(api).some((c) => c.project_id === id)).toBe(false);
    const after = await api.call('projects.list', { unitCode: U, year: Y });
    expect(after.rows.map((r) => r.seq)).toEqual(cold.rows.slice(1).map((_, i) => i + 1));
    await expectTrueCounts(api, after.rows);
  });

  it('a received (read-only) unit-year gets its counts cached', async () => {
    const sender = await demoApi();
    const receiver = await openTestApi();
    apis.push(receiver);
    const { jobId } = await sender.call('handover.pack', { unitCode: '341182', year: 2024 });
    let s = await sender.call('jobs.get', { jobId });
    while (s.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      s = await sender.call('jobs.get', { jobId });
    }
    expect(s.state).toBe('done');
    const imp = await receiver.call('handover.import', { files: [{ name: s.fileName!, bytes: Buffer.from(s.base64!, 'base64') }] });
    let t = await receiver.call('jobs.get', { jobId: imp.jobId });
    while (t.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      t = await receiver.call('jobs.get', { jobId: imp.jobId });
    }
    expect(t.state).toBe('done');
    const cold = await receiver.call('projects.list', { unitCode: '341182', year: 2024 });
    expect(cold.rows).toHaveLength(6);
    expect(cache(receiver)).toHaveLength(6);
    setErrors(receiver, cold.rows[0]!.id, 99);
    expect((await receiver.call('projects.list', { unitCode: '341182', year: 2024 })).rows[0]!.errors).toBe(99);
    // still read-only
    const got = await receiver.call('projects.get', { id: cold.rows[0]!.id });
    expect((await receiver.fail('projects.save', { filing: { ...got.filing, name: '改名' }, expectedRevision: got.revision })).message).toMatch(/只读/);
  });

  it('a cache that cannot be written does not fail the list (logged once)', async () => {
    const api = await demoApi();
    // Every cache write fails, as on a full disk.
    connectionForTests(api.store).exec(`CREATE TEMP TRIGGER no_cache BEFORE INSERT ON project_check_counts
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const a = await api.call('projects.list', { unitCode: U, year: Y });
    const b = await api.call('projects.list', { unitCode: U, year: Y });
    expect(b).toEqual(a);
    await expectTrueCounts(api, a.rows);
    expect(cache(api)).toEqual([]);
    expect(api.logged.filter((l) => l.msg.includes('not cached'))).toHaveLength(1);
    connectionForTests(api.store).exec('DROP TRIGGER temp.no_cache');

    // Another program holds the write lock: the list does not wait for it.
    const other = new Database(api.store.path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const t0 = Date.now();
      expect(await api.call('projects.list', { unitCode: U, year: Y })).toEqual(a);
      expect(Date.now() - t0).toBeLessThan(2000);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(cache(api)).toEqual([]);
    await api.call('projects.list', { unitCode: U, year: Y });
    expect(cache(api)).toHaveLength(a.rows.length);
  });

  it('imports fill the cache: the demo data, 复制上年 and a stored spreadsheet', async () => {
    const api = await demoApi(true);
    const valid = (unitCode: string, year: number) =>
      api.store.listProjectsWithCounts(unitCode, year, checkCountsKey(api.store, unitCode, year)).filter((r) => r.counts === null).length;
    const projects = connectionForTests(api.store).prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number };
    expect(cache(api)).toHaveLength(projects.n);
    expect(valid(U, Y)).toBe(0);

    const copied = await api.call('projects.copyYear', { unitCode: U, fromYear: Y, toYear: Y + 1 });
    expect(copied.copied).toBeGreaterThan(0);
    expect(api.store.listProjects(U, Y + 1)).toHaveLength(copied.copied);
    expect(valid(U, Y + 1)).toBe(0);
    await expectTrueCounts(api, (await api.call('projects.list', { unitCode: U, year: Y + 1 })).rows);

    const { fileName, base64 } = await api.call('spreadsheet.export', { unitCode: U, year: Y });
    const file = { name: fileName, bytes: Buffer.from(base64, 'base64') };
    // Into an own unit: a file is never imported into a 示例 unit.
    const own = '100001';
    await api.call('units.save', { unit: { code: own, name: '某县医疗保障局' } });
    const plan = { units: [{ printed: U, unitCode: own }] };
    const preview = await api.call('import.preview', { kind: 'xlsx', file, unitCode: own, year: 2031, plan });
    const stored = await api.call('import.store', { kind: 'xlsx', file, unitCode: own, year: 2031, sha256: preview.sha256, plan: { ...defaultPlan(preview), ...plan } });
    expect(stored.projects).toBeGreaterThan(0);
    expect(api.store.listProjects(own, 2031)).toHaveLength(stored.projects);
    expect(valid(own, 2031)).toBe(0);
  });
});
