// The disposable cache of 审核 counts (migration 3): rows are trusted only for the
// project's current revision / updated_at and the caller's ruleset key, go with their
// project, are written without audit rows and without waiting for a busy database.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/store/migrations.ts';
import { latestVersion } from '../../electron/store/migration-runner.ts';
import { FilingStore, type CheckCounts } from '../../electron/store/store.ts';
import { StoreError } from '../../electron/store/errors.ts';
import { filing, tempDirs, unit } from './helpers.ts';
import { connectionForTests } from '../../electron/store/testing.ts';

const dirs = tempDirs();
const open: FilingStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  dirs.cleanup();
});

const C: CheckCounts = { errors: 1, warnings: 2, hints: 5, openWarnings: 3, carried: 4 };

async function storeWith(ids: string[], opts: Parameters<typeof FilingStore.open>[1] = {}) {
  const dbPath = path.join(dirs.make(), 'f.sqlite');
  const store = await FilingStore.open(dbPath, { dailyBackup: false, ...opts });
  open.push(store);
  store.upsertUnit(unit());
  for (const id of ids) store.createProject(filing(id));
  return { store, dbPath };
}

const entry = (store: FilingStore, id: string, counts: CheckCounts = C) => {
  const r = store.getProjectRecord(id)!;
  return { id, revision: r.revision, updatedAt: r.updatedAt, counts };
};
const countsOf = (store: FilingStore, key = 'k1') =>
  Object.fromEntries(store.listProjectsWithCounts('100001', 2025, key).map((r) => [r.id, r.counts]));
const cacheRows = (store: FilingStore) =>
  connectionForTests(store).prepare('SELECT project_id, revision, ruleset FROM project_check_counts ORDER BY project_id').all();

describe('project check counts cache', () => {
  it('lists the same rows as listProjects, with counts only once cached under the same key', async () => {
    const { store } = await storeWith(['a', 'b']);
    const plain = store.listProjects('100001', 2025);
    const listed = store.listProjectsWithCounts('100001', 2025, 'k1');
    expect(listed.map(({ counts, ...r }) => r)).toEqual(plain);
    expect(listed.every((r) => r.counts === null)).toBe(true);

    store.putCheckCounts('k1', [entry(store, 'a')]);
    expect(countsOf(store)).toEqual({ a: C, b: null });
    expect(countsOf(store, 'k2')).toEqual({ a: null, b: null }); // another ruleset: not trusted
    // Written again (another key, other numbers): one row per project, replaced.
    store.putCheckCounts('k2', [entry(store, 'a', { ...C, errors: 0 })]);
    expect(cacheRows(store)).toEqual([{ project_id: 'a', revision: 1, ruleset: 'k2' }]);
    expect(countsOf(store, 'k2').a).toEqual({ ...C, errors: 0 });
    expect(countsOf(store, 'k1').a).toBeNull();
  });

  it('a saved project no longer has counts; stale entries are not written', async () => {
    const { store } = await storeWith(['a']);
    const stale = entry(store, 'a');
    store.putCheckCounts('k1', [stale]);
    store.updateProject({ ...store.getProject('a')!, name: '改名' });
    expect(countsOf(store)).toEqual({ a: null });
    // Counts computed from revision 1 are not stored over revision 2.
    store.putCheckCounts('k1', [stale]);
    expect(countsOf(store)).toEqual({ a: null });
    // Same revision but another updated_at (a row changed behind the store's back): not trusted.
    store.putCheckCounts('k1', [entry(store, 'a')]);
    expect(countsOf(store).a).toEqual(C);
    connectionForTests(store).prepare(`UPDATE project_check_counts SET updated_at = 'x'`).run();
    expect(countsOf(store)).toEqual({ a: null });
  });

  it('goes with its project (delete, unit delete) and writes no audit rows', async () => {
    const { store } = await storeWith(['a', 'b']);
    const audit = store.auditLog().length;
    store.putCheckCounts('k1', [entry(store, 'a'), entry(store, 'b')]);
    expect(store.auditLog()).toHaveLength(audit);
    store.deleteProject('a');
    expect(cacheRows(store)).toEqual([{ project_id: 'b', revision: 1, ruleset: 'k1' }]);
    store.deleteUnit('100001');
    expect(cacheRows(store)).toEqual([]);
  });

  it('caches counts of a received (read-only) project', async () => {
    const { store } = await storeWith(['a']);
    connectionForTests(store).prepare(`INSERT INTO received_projects (project_id, unit_code, year) VALUES ('a', '100001', 2025)`).run();
    expect(() => store.updateProject({ ...store.getProject('a')!, name: '改名' })).toThrow(/只读/);
    store.putCheckCounts('k1', [entry(store, 'a')]);
    expect(countsOf(store).a).toEqual(C);
  });

  it('fails at once, as a StoreError, when another connection holds the write lock', async () => {
    const { store, dbPath } = await storeWith(['a']);
    const other = new Database(dbPath);
    try {
      other.exec('BEGIN IMMEDIATE');
      const t = Date.now();
      let err: unknown;
      try {
        store.putCheckCounts('k1', [entry(store, 'a')]);
      } catch (e) {
        err = e;
      }
      expect(Date.now() - t).toBeLessThan(1000); // busy_timeout is 5 s for real writes
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('IO');
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(store.pragmas().busyTimeout).toBe(5000); // restored
    store.putCheckCounts('k1', [entry(store, 'a')]);
    expect(countsOf(store).a).toEqual(C);
  });

  it('is emptied when stored documents are rewritten for a newer model (same revision)', async () => {
    const { store, dbPath } = await storeWith(['a']);
    store.putCheckCounts('k1', [entry(store, 'a')]);
    store.close();
    const raw = new Database(dbPath);
    raw.prepare("UPDATE settings SET value = 'older-model' WHERE key = 'model_fingerprint'").run();
    raw.close();
    const again = await FilingStore.open(dbPath, { dailyBackup: false });
    open.push(again);
    expect(countsOf(again)).toEqual({ a: null });
  });

  it('a version-2 database with data is upgraded (after a backup) and keeps its read-only triggers', async () => {
    const dbPath = path.join(dirs.make(), 'v2.sqlite');
    const v2 = await FilingStore.open(dbPath, { dailyBackup: false, migrations: MIGRATIONS.slice(0, 2) });
    v2.upsertUnit(unit());
    v2.createProject(filing('a'));
    v2.close();
    const s = await FilingStore.open(dbPath, { dailyBackup: false });
    open.push(s);
    expect(s.schemaVersion).toBe(latestVersion());
    expect(s.listBackups().map((b) => b.reason)).toContain('pre-migration');
    expect(countsOf(s)).toEqual({ a: null });
    s.putCheckCounts('k1', [entry(s, 'a')]);
    expect(countsOf(s).a).toEqual(C);
    const triggers = connectionForTests(s).prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
    expect(triggers.map((t) => (t as { name: string }).name)).toContain('received_project_update');
    expect(s.pragmas().foreignKeys).toBe(1);
  });

  it('a version-9 database loses its cached counts on upgrade (they had no 提示 count), then caches hints', async () => {
    const dbPath = path.join(dirs.make(), 'v9.sqlite');
    const v9 = await FilingStore.open(dbPath, { dailyBackup: false, migrations: MIGRATIONS.slice(0, 9) });
    v9.upsertUnit(unit());
    v9.createProject(filing('a'));
    const r = v9.getProjectRecord('a')!;
    connectionForTests(v9)
      .prepare(`INSERT INTO project_check_counts (project_id, revision, updated_at, ruleset, errors, warnings, open_warnings, carried) VALUES ('a', ?, ?, 'k1', 1, 2, 3, 4)`)
      .run(r.revision, r.updatedAt);
    v9.close();
    const s = await FilingStore.open(dbPath, { dailyBackup: false });
    open.push(s);
    expect(countsOf(s)).toEqual({ a: null });
    s.putCheckCounts('k1', [entry(s, 'a')]);
    expect(countsOf(s).a).toEqual(C);
  });
});
