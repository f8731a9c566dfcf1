import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups, restoreBackup } from '../../electron/store/backup.ts';
import { StoreError } from '../../electron/store/errors.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { filing, sha256, tempDirs, unit } from './helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const HOUR = 60 * 60 * 1000;
const T0 = new Date(2025, 2, 10, 9, 30, 0).getTime(); // local time, as in the file names

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error('expected a StoreError');
}

describe('backups', () => {
  it('takes a daily backup on open when the newest is 24 h old (injected clock)', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'filings.sqlite');
    let now = T0;
    const opts = { now: () => new Date(now) };

    const s0 = await FilingStore.open(dbPath, opts);
    expect(s0.listBackups()).toEqual([]); // nothing worth backing up yet
    s0.upsertUnit(unit());
    s0.close();

    now = T0 + HOUR;
    const s1 = await FilingStore.open(dbPath, opts);
    expect(s1.listBackups().map((b) => b.fileName)).toEqual(['filings-20250310-103000-daily.sqlite']);
    expect(s1.backupDir).toBe(path.join(dir, 'backups'));
    s1.close();

    now = T0 + 20 * HOUR;
    (await FilingStore.open(dbPath, opts)).close();
    expect(listBackups(dbPath)).toHaveLength(1);

    now = T0 + 25 * HOUR;
    (await FilingStore.open(dbPath, opts)).close();
    const list = listBackups(dbPath);
    expect(list.map((b) => b.fileName)).toEqual([
      'filings-20250311-103000-daily.sqlite',
      'filings-20250310-103000-daily.sqlite',
    ]);
    expect(list[0]!.createdAt.getTime()).toBe(T0 + 25 * HOUR);
    // A backup is a complete, openable database.
    const db = new Database(list[0]!.path, { readonly: true });
    expect(db.prepare('SELECT code FROM units').all()).toEqual([{ code: '100001' }]);
    db.close();
  });

  it('still opens when the daily backup cannot be written, with a warning', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'filings.sqlite');
    const s0 = await FilingStore.open(dbPath);
    s0.upsertUnit(unit());
    s0.close();
    const blocked = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocked, 'x');
    const s = await FilingStore.open(dbPath, { backupDir: blocked });
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(/^备份失败：/);
    expect(s.listUnits()).toHaveLength(1);
    s.close();
  });

  it('keeps a bounded number of backups, oldest deleted first, never the only one', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'filings.sqlite');
    let now = T0;
    const store = await FilingStore.open(dbPath, { now: () => new Date(now), maxBackups: 3, backupDir: path.join(dir, 'bk') });
    store.upsertUnit(unit());
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      now += HOUR;
      made.push((await store.backupNow()).fileName);
    }
    expect(store.listBackups().map((b) => b.fileName)).toEqual(made.slice(2).reverse());
    expect(made[0]).toBe('filings-20250310-103000-manual.sqlite');
    expect(fs.readdirSync(path.join(dir, 'bk')).sort()).toEqual(made.slice(2).sort()); // no leftovers
    // Two backups within one second get distinct names.
    const again = await store.backupNow();
    expect(again.fileName).toBe('filings-20250310-143000-2-manual.sqlite');
    store.close();

    const one = await FilingStore.open(dbPath, { now: () => new Date(now), maxBackups: 0, backupDir: path.join(dir, 'bk') });
    await one.backupNow();
    expect(one.listBackups()).toHaveLength(1);
    one.close();
  });

  it('restores a backup, keeping a pre-restore backup of what it replaced', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'filings.sqlite');
    let now = T0;
    const opts = { now: () => new Date(now) };
    const s = await FilingStore.open(dbPath, opts);
    s.upsertUnit(unit('100001', { name: '旧名称' }));
    const backup = await s.backupNow();
    s.upsertUnit(unit('100001', { name: '新名称' }));
    s.upsertUnit(unit('100002'));
    await expect(restoreBackup(backup.path, dbPath, opts)).rejects.toThrow(/请先关闭/); // store still open
    s.close();

    now += HOUR;
    const r = await restoreBackup(backup.path, dbPath, opts);
    expect(r.preRestoreBackup).toMatch(/filings-20250310-103000-pre-restore\.sqlite$/);
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['backups', 'filings.sqlite']); // no temp files

    const back = await FilingStore.open(dbPath, opts);
    expect(back.listUnits().map((u) => [u.code, u.name])).toEqual([['100001', '旧名称']]);
    expect(back.listBackups().map((b) => b.reason)).toEqual(['pre-restore', 'manual']);
    back.close();

    // The pre-restore backup holds the replaced content, and restoring it undoes the restore.
    await restoreBackup(r.preRestoreBackup!, dbPath, opts);
    const undone = await FilingStore.open(dbPath, opts);
    expect(undone.listUnits().map((u) => u.name)).toEqual(['新名称', '测试单位100002']);
    undone.close();
  });

  it('refuses to restore a file that is not a healthy backup; the live database is unchanged', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'filings.sqlite');
    const s = await FilingStore.open(dbPath);
    s.upsertUnit(unit());
    s.close();
    const hash = sha256(dbPath);
    const listing = fs.readdirSync(dir).sort();

    const text = path.join(dirs.make(), 'fake-backup.sqlite');
    fs.writeFileSync(text, '不是数据库');
    const e1 = await rejection(restoreBackup(text, dbPath));
    expect(e1.code).toBe('NOT_SQLITE');
    expect(e1.message).toContain('不是 SQLite 文件');

    const newer = path.join(dirs.make(), 'newer.sqlite');
    fs.copyFileSync(dbPath, newer);
    const db = new Database(newer);
    db.prepare(`INSERT INTO schema_migrations VALUES (999, 'future', 'x')`).run();
    db.close();
    expect((await rejection(restoreBackup(newer, dbPath))).code).toBe('TOO_NEW');

    expect((await rejection(restoreBackup(path.join(dir, 'missing.sqlite'), dbPath))).code).toBe('NOT_FOUND');

    expect(sha256(dbPath)).toBe(hash);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
    expect(listBackups(dbPath).filter((b) => b.reason === 'pre-restore')).toEqual([]);
  });

  it('restores over a damaged database, keeping a byte copy of it', async () => {
    const dir = dirs.make();
    const dbPath = path.join(dir, 'filings.sqlite');
    const s = await FilingStore.open(dbPath);
    s.upsertUnit(unit());
    const backup = await s.backupNow();
    s.close();
    fs.writeFileSync(dbPath, '损坏的内容');
    const r = await restoreBackup(backup.path, dbPath);
    expect(fs.readFileSync(r.preRestoreBackup!, 'utf8')).toBe('损坏的内容');
    const back = await FilingStore.open(dbPath);
    expect(back.listUnits()).toHaveLength(1);
    back.close();

    // Damage deep inside (header fine, pages garbage): the backup API copies pages as they
    // are, so the pre-restore backup keeps the damaged database page for page.
    const s2 = await FilingStore.open(dbPath);
    s2.importBatch({ projects: Array.from({ length: 200 }, (_, i) => filing(`p${i}`, { seq: i + 1 })) });
    s2.close();
    const size = fs.statSync(dbPath).size;
    const at = Math.floor(size / 8192) * 4096;
    const fd = fs.openSync(dbPath, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, at);
    fs.closeSync(fd);
    await expect(FilingStore.open(dbPath)).rejects.toMatchObject({ code: 'CORRUPT' });
    const r2 = await restoreBackup(backup.path, dbPath);
    const kept = fs.readFileSync(r2.preRestoreBackup!);
    expect(kept.length).toBe(size);
    expect(kept.subarray(at, at + 8192).equals(Buffer.alloc(8192, 0xa5))).toBe(true);
    const ok = await FilingStore.open(dbPath);
    expect(ok.checkIntegrity().ok).toBe(true);
    expect([...ok.iterateAllProjects()]).toHaveLength(0);
    ok.close();
  });
});
