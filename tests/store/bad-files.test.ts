import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../electron/store/errors.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { filing, randomBytes, sha256, tempDirs, unit } from './helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

/** Opens `file` expecting a refusal; checks the file and its folder are untouched. */
async function expectRefused(file: string, code: StoreError['code'], message: RegExp): Promise<StoreError> {
  const dir = path.dirname(file);
  const hash = sha256(file);
  const listing = fs.readdirSync(dir).sort();
  let err: unknown;
  try {
    (await FilingStore.open(file)).close();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(StoreError);
  const e = err as StoreError;
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
  expect(e.message).toContain(file);
  expect(sha256(file)).toBe(hash);
  expect(fs.readdirSync(dir).sort()).toEqual(listing); // no -wal/-shm/backups created
  return e;
}

describe('files that are not a healthy database', () => {
  it('a text file', async () => {
    const f = path.join(dirs.make(), 'notes.sqlite');
    fs.writeFileSync(f, '这是一个文本文件，不是数据库。\nplain text\n'.repeat(50));
    await expectRefused(f, 'NOT_SQLITE', /^文件不是本程序的数据库（不是 SQLite 文件）：/);
  });

  it('a zero-length file is refused, not silently turned into an empty database', async () => {
    // Safest choice: a 0-byte file where the database should be is almost always a
    // truncated copy or an interrupted save. Treating it as new would hide the loss (and
    // daily backups of the empty database would in time rotate out the good ones). This
    // program creates databases under a temp name + rename, so it never leaves 0 bytes.
    const f = path.join(dirs.make(), 'empty.sqlite');
    fs.writeFileSync(f, '');
    const e = await expectRefused(f, 'CORRUPT', /数据库文件是空的（0 字节）/);
    expect(e.message).toContain('可从备份恢复');
  });

  it('random bytes', async () => {
    const f = path.join(dirs.make(), 'random.sqlite');
    fs.writeFileSync(f, randomBytes(64 * 1024, 7));
    await expectRefused(f, 'NOT_SQLITE', /不是 SQLite 文件/);
  });

  it('a SQLite header followed by garbage', async () => {
    const f = path.join(dirs.make(), 'header-only.sqlite');
    fs.writeFileSync(f, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(8192, 3)]));
    await expectRefused(f, 'CORRUPT', /^数据库文件已损坏：.*可从备份恢复（见 backups 命令）$/);
  });

  it('another program’s SQLite database', async () => {
    const f = path.join(dirs.make(), 'other.sqlite');
    const db = new Database(f);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES (1)');
    db.close();
    await expectRefused(f, 'NOT_SQLITE', /不是本程序的数据库/);
  });

  it('a real database with garbage written over pages in the middle', async () => {
    const dir = dirs.make();
    const f = path.join(dir, 'filings.sqlite');
    const store = await FilingStore.open(f, { dailyBackup: false });
    store.upsertUnit(unit());
    store.importBatch({
      projects: Array.from({ length: 300 }, (_, i) => filing(`p${i}`, { seq: i + 1, fundUse: '资金用途说明'.repeat(40) })),
    });
    store.close();
    fs.rmSync(path.join(dir, 'backups'), { recursive: true, force: true });

    const size = fs.statSync(f).size;
    const pageSize = 4096;
    expect(size).toBeGreaterThan(40 * pageSize);
    const fd = fs.openSync(f, 'r+');
    const page = Math.floor(size / pageSize / 2);
    fs.writeSync(fd, randomBytes(2 * pageSize, 11), 0, 2 * pageSize, page * pageSize);
    fs.closeSync(fd);

    await expectRefused(f, 'CORRUPT', /^数据库文件已损坏：.*可从备份恢复（见 backups 命令）$/);
  });

  it('a database truncated in the middle', async () => {
    const dir = dirs.make();
    const f = path.join(dir, 'filings.sqlite');
    const store = await FilingStore.open(f, { dailyBackup: false });
    store.upsertUnit(unit());
    store.importBatch({ projects: Array.from({ length: 100 }, (_, i) => filing(`p${i}`, { seq: i + 1 })) });
    store.close();
    fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2));
    await expectRefused(f, 'CORRUPT', /数据库文件已损坏/);
  });

  it('a folder where the database file should be', async () => {
    const f = path.join(dirs.make(), 'folder.sqlite');
    fs.mkdirSync(f);
    let err: unknown;
    try {
      await FilingStore.open(f);
    } catch (e) {
      err = e;
    }
    expect((err as StoreError).code).toBe('NOT_SQLITE');
  });
});
