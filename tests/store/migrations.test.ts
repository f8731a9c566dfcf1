import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../electron/store/errors.ts';
import { MIGRATIONS, type Migration } from '../../electron/store/migrations.ts';
import { latestVersion } from '../../electron/store/migration-runner.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { sha256, tempDirs, unit } from './helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const readRows = (file: string, sql: string): unknown[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

async function openError(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error('expected a StoreError');
}

const step2: Migration = {
  version: 2,
  name: 'test-add-column',
  up(db) {
    db.exec(`ALTER TABLE units ADD COLUMN note TEXT NOT NULL DEFAULT ''`);
  },
};

describe('migrations', () => {
  it('gives a fresh database every migration, created complete in one go', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'new.sqlite');
    const store = await FilingStore.open(dbPath);
    expect(store.schemaVersion).toBe(latestVersion());
    store.close();
    // No temp files, no backup for an empty database, no -wal left after close.
    expect(fs.readdirSync(dir)).toEqual(['new.sqlite']);
    expect(readRows(dbPath, 'SELECT version, name FROM schema_migrations ORDER BY version')).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
    );
    const tables = readRows(dbPath, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).map(
      (r) => (r as { name: string }).name,
    );
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit_log',
        'dept_targets',
        'project_check_counts',
        'projects',
        'received_packages',
        'received_projects',
        'schema_migrations',
        'settings',
        'units',
      ]),
    );
    expect(latestVersion()).toBe(13);
    expect(tables).toContain('submitted_versions');
    expect(tables).toContain('unit_year_settings');
    expect(tables).toContain('review_comments');
    expect(tables).not.toContain('indicator_rows');
  });

  it('refuses a database from a newer program and leaves it byte-identical', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'newer.sqlite');
    const s = await FilingStore.open(dbPath);
    s.upsertUnit(unit());
    s.close();
    const db = new Database(dbPath);
    db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')`).run();
    db.close();
    const before = sha256(dbPath);
    const listing = fs.readdirSync(dir).sort();

    const e = await openError(FilingStore.open(dbPath));
    expect(e.code).toBe('TOO_NEW');
    expect(e.message).toBe(`数据库版本（999）比本程序新（${latestVersion()}），请升级程序后再打开`);
    expect(sha256(dbPath)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(listing); // no -wal/-shm, no backup
  });

  it('backs up an existing database with data before upgrading it', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'old.sqlite');
    const v1 = await FilingStore.open(dbPath, { migrations: MIGRATIONS.slice(0, 1) });
    v1.upsertUnit(unit('100001'));
    v1.close();
    const v1Hash = sha256(dbPath);

    const v2 = await FilingStore.open(dbPath, { migrations: [...MIGRATIONS.slice(0, 1), step2] });
    expect(v2.schemaVersion).toBe(2);
    const backups = v2.listBackups();
    expect(backups.map((b) => b.reason)).toEqual(['pre-migration']);
    expect(backups[0]!.fileName).toMatch(/^old-\d{8}-\d{6}-pre-migration\.sqlite$/);
    expect(v2.getUnit('100001')?.name).toBe('测试单位100001');
    v2.close();

    // The backup is the database as it was: version 1, same unit, no new column.
    const b = backups[0]!.path;
    expect(readRows(b, 'SELECT MAX(version) AS v FROM schema_migrations')).toEqual([{ v: 1 }]);
    expect(readRows(b, 'SELECT code FROM units')).toEqual([{ code: '100001' }]);
    expect(readRows(b, `SELECT name FROM pragma_table_info('units') WHERE name = 'note'`)).toEqual([]);
    expect(readRows(dbPath, `SELECT name FROM pragma_table_info('units') WHERE name = 'note'`)).toHaveLength(1);
    expect(v1Hash).not.toBe(sha256(dbPath));

    // Re-opening at the same version migrates nothing and takes no further backup.
    const again = await FilingStore.open(dbPath, { migrations: [...MIGRATIONS.slice(0, 1), step2] });
    expect(again.listBackups()).toHaveLength(1);
    again.close();
  });

  it('upgrades an empty database without a backup', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'empty.sqlite');
    (await FilingStore.open(dbPath, { migrations: MIGRATIONS.slice(0, 1) })).close();
    const s = await FilingStore.open(dbPath, { migrations: [...MIGRATIONS.slice(0, 1), step2] });
    expect(s.schemaVersion).toBe(2);
    expect(s.listBackups()).toEqual([]);
    s.close();
  });

  it('a failing migration leaves the database at the last good version', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'fail.sqlite');
    const v1 = await FilingStore.open(dbPath, { migrations: MIGRATIONS.slice(0, 1) });
    v1.upsertUnit(unit());
    v1.close();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(db) {
        db.exec(`ALTER TABLE units ADD COLUMN half TEXT`);
        throw new Error('boom');
      },
    };
    const e = await openError(FilingStore.open(dbPath, { migrations: [...MIGRATIONS.slice(0, 1), broken] }));
    expect(e.message).toContain('数据库升级失败');
    expect(readRows(dbPath, 'SELECT MAX(version) AS v FROM schema_migrations')).toEqual([{ v: 1 }]);
    expect(readRows(dbPath, `SELECT name FROM pragma_table_info('units') WHERE name = 'half'`)).toEqual([]);
    const ok = await FilingStore.open(dbPath, { migrations: MIGRATIONS.slice(0, 1) });
    expect(ok.listUnits()).toHaveLength(1);
    ok.close();
  });

  it('rejects a migration list that is out of order', async () => {
    const dbPath = path.join(dirs.make(), 'x.sqlite');
    await expect(FilingStore.open(dbPath, { migrations: [step2] })).rejects.toThrow(/out of order/);
    expect(fs.existsSync(dbPath)).toBe(false);
  });
});
