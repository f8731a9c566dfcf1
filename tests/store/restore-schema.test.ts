// A backup whose stored rows fail the schema (altered by another program, or written by a
// damaged one) is refused by restore with the rows named; the live database is untouched.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../electron/store/backup.ts';
import { StoreError } from '../../electron/store/errors.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { filing, sha256, tempDirs, unit } from './helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function withBackup(alter: (db: Database.Database) => void): Promise<{ dbPath: string; backup: string }> {
  const dir = dirs.make();
  const dbPath = path.join(dir, 'filings.sqlite');
  const store = await FilingStore.open(dbPath, { dailyBackup: false });
  store.upsertUnit(unit('100001'));
  store.createProject(filing('p1'));
  store.createProject(filing('p2'));
  const backup = (await store.backupNow('manual')).path;
  store.createProject(filing('p3')); // the live database differs from the backup
  store.close();
  const db = new Database(backup);
  alter(db);
  db.close();
  return { dbPath, backup };
}

describe('restore checks the stored rows of a backup', () => {
  it('refuses a backup with a project that fails the schema, naming it; the live database is unchanged', async () => {
    const { dbPath, backup } = await withBackup((db) => {
      db.prepare(`UPDATE projects SET data = json_set(data, '$.periods', 'x') WHERE id = 'p2'`).run();
    });
    const before = sha256(dbPath);
    const err = await restoreBackup(backup, dbPath).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('INVALID');
    expect((err as Error).message).toMatch(/^备份文件中有 1 条数据不符合本程序的格式.*未恢复，现有数据库未改变：\n项目表 p2：periods/s);
    expect(sha256(dbPath)).toBe(before);
    expect((fs.readdirSync(path.dirname(dbPath), { recursive: true }) as string[]).filter((f) => f.includes('restore'))).toEqual([]);
    const store = await FilingStore.open(dbPath, { dailyBackup: false });
    expect(store.listProjects('100001', 2025).map((p) => p.id).sort()).toEqual(['p1', 'p2', 'p3']);
    store.close();
  });

  it('names a unit whose stored document is not JSON of the right shape, and counts them all', async () => {
    const { dbPath, backup } = await withBackup((db) => {
      db.prepare(`UPDATE units SET data = json_set(data, '$.code', 12) WHERE code = '100001'`).run();
      db.prepare(`UPDATE projects SET data = json_set(data, '$.year', 'x')`).run();
    });
    const err = (await restoreBackup(backup, dbPath).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/备份文件中有 3 条数据/);
    expect(err.message).toMatch(/项目表 p1：year/);
    expect(err.message).toMatch(/单位 100001：code/);
  });

  it('restores a sound backup as before', async () => {
    const { dbPath, backup } = await withBackup(() => {});
    await restoreBackup(backup, dbPath);
    const store = await FilingStore.open(dbPath, { dailyBackup: false });
    expect(store.listProjects('100001', 2025).map((p) => p.id).sort()).toEqual(['p1', 'p2']);
    store.close();
  });
});
