// Checking a database file without changing it (before opening or restoring), and
// checking a fresh backup copy before it is kept.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { StoreError, toStoreError } from './errors.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { currentVersion, hasUserData, latestVersion, tooNewError, userTables } from './migration-runner.ts';

type DB = Database.Database;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Files up to this size are checked from an in-memory copy (no -wal/-shm side files). */
const IN_MEMORY_CHECK_LIMIT = 512 * 1024 * 1024;

export interface FileCheck {
  /** Highest applied migration (0 for an empty SQLite database). */
  version: number;
  hasData: boolean;
  /** Only the header was checked (large file); the store checks the version itself. */
  light?: boolean;
}

const notSqlite = (p: string) => new StoreError('NOT_SQLITE', `文件不是本程序的数据库（不是 SQLite 文件）：${p}`);
const corrupt = (p: string, why: string) =>
  new StoreError('CORRUPT', `数据库文件已损坏：${p}（${why}），可从备份恢复（见 backups 命令）`);

/**
 * Above this size a database is not scanned page by page on every open (quick_check
 * reads the whole file: ~0.2 s for 85 MB). Such a file gets the header checks here, the
 * version checks on the store's own connection before anything is written, and a
 * quick_check of every backup copy (see createBackup); damage met later surfaces as
 * SQLITE_CORRUPT, which the store reports as CORRUPT. A county unit's database is a few
 * MB, so in practice every open is fully checked.
 */
export const FULL_CHECK_ON_OPEN_LIMIT = 32 * 1024 * 1024;

/**
 * The schema version of `db`, refused when above the code's (TOO_NEW) or when the file is
 * another program's SQLite database (NOT_SQLITE).
 */
export function checkOwnDatabase(db: DB, file: string, migrations: readonly Migration[]): number {
  const version = currentVersion(db);
  const known = latestVersion(migrations);
  if (version > known) throw tooNewError(version, known);
  if (version === 0 && userTables(db).length > 0) {
    throw new StoreError('NOT_SQLITE', `文件不是本程序的数据库（是其他程序的 SQLite 数据库）：${file}`);
  }
  return version;
}

/**
 * Checks an existing file read-only: SQLite header, page check (`quick_check`, or
 * `integrity_check` when `full`), schema version not above the code's, and that it is
 * this program's database. Never writes to the file.
 *
 * When no non-empty `-wal` exists the whole database is in the main file, so it is checked
 * from an in-memory copy: that creates no `-wal`/`-shm` next to a file we then refuse.
 * Otherwise (crash leftovers, another process) a read-only connection reads the WAL too.
 */
export function inspectDatabaseFile(
  file: string,
  opts: { migrations?: readonly Migration[]; full?: boolean; lightAbove?: number } = {},
): FileCheck {
  const migrations = opts.migrations ?? MIGRATIONS;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw toStoreError(e, file);
  }
  if (!st.isFile()) throw notSqlite(file);
  // Zero-length: SQLite would silently treat it as a new empty database. A 0-byte file
  // where a database should be is almost always a truncated copy or an interrupted
  // save; starting afresh would hide the loss and, via daily backups, eventually rotate
  // out the good backups. So refuse and point at the backups. (New databases are created
  // under a temporary name and renamed, so this program never leaves a 0-byte file.)
  if (st.size === 0) {
    throw new StoreError(
      'CORRUPT',
      `数据库文件是空的（0 字节）：${file}。可能是复制或保存时中断，可从备份恢复（见 backups 命令）；如确需新建，请先删除或改名该文件`,
    );
  }
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let got: number;
  try {
    got = fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (got < SQLITE_MAGIC.length || !head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) throw notSqlite(file);
  if (got < 100) throw corrupt(file, '文件头不完整');

  const walFile = `${file}-wal`;
  const walInUse = fs.existsSync(walFile) && fs.statSync(walFile).size > 0;
  // Large file already in WAL mode (bytes 18/19 = 2, as this program writes it): header only.
  if (opts.lightAbove !== undefined && st.size > opts.lightAbove && head[18] === 2 && head[19] === 2) {
    return { version: -1, hasData: true, light: true };
  }
  let db: DB | undefined;
  try {
    if (!walInUse && st.size <= IN_MEMORY_CHECK_LIMIT) {
      const buf = fs.readFileSync(file);
      // WAL-mode header bytes (2, 2) cannot be deserialized; mark the copy as rollback mode.
      if (buf[18] === 2) buf[18] = 1;
      if (buf[19] === 2) buf[19] = 1;
      db = new Database(buf, { readonly: true });
    } else {
      db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    }
    const rows = db.pragma(opts.full ? 'integrity_check(20)' : 'quick_check(20)', { simple: false }) as Record<
      string,
      unknown
    >[];
    const first = rows[0] ? Object.values(rows[0])[0] : 'ok';
    if (first !== 'ok') throw corrupt(file, String(first));
    return { version: checkOwnDatabase(db, file, migrations), hasData: hasUserData(db) };
  } catch (e) {
    if (e instanceof StoreError) throw e;
    const code = String((e as { code?: unknown })?.code ?? '');
    // The header said SQLite, so a "not a database" from SQLite means damage.
    if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
      throw corrupt(file, e instanceof Error ? e.message : code);
    }
    throw toStoreError(e, file);
  } finally {
    db?.close();
  }
}

/** A backup is only kept when SQLite finds the copy sound (this is also where large live databases get scanned). */
export function verifyBackupCopy(file: string, nativeBinding?: string): void {
  const copy = new Database(file, { fileMustExist: true, nativeBinding });
  try {
    // A backup is one self-contained file (rollback journal mode), with no -wal/-shm beside it.
    copy.pragma('journal_mode = DELETE');
    const rows = copy.pragma('quick_check(5)', { simple: false }) as Record<string, unknown>[];
    const first = rows[0] ? Object.values(rows[0])[0] : 'ok';
    if (first !== 'ok') throw new Error(`数据库有损坏（${String(first)}），请从更早的备份恢复`);
  } finally {
    copy.close();
  }
}
