// Backups (SQLite online backup API via better-sqlite3's db.backup), retention, restore,
// and the side-effect-free check of a database file used before opening or restoring.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, toStoreError } from './errors.ts';
import { MIGRATIONS, currentVersion, hasUserData, latestVersion, tooNewError, userTables, type Migration } from './migrations.ts';

type DB = Database.Database;

export type BackupReason = 'pre-migration' | 'daily' | 'manual' | 'pre-restore';

export interface BackupInfo {
  path: string;
  fileName: string;
  reason: string;
  /** Time encoded in the file name (local time of the clock that took it). */
  createdAt: Date;
  size: number;
}

export interface BackupOptions {
  /** Default `<dbdir>/backups`. */
  backupDir?: string;
  now?: () => Date;
  /** Default 10; at least 1 is always kept. */
  maxBackups?: number;
}

export const DEFAULT_MAX_BACKUPS = 10;
export const DAY_MS = 24 * 60 * 60 * 1000;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Files up to this size are checked from an in-memory copy (no -wal/-shm side files). */
const IN_MEMORY_CHECK_LIMIT = 512 * 1024 * 1024;

// ---- databases open in this process (restore refuses to replace an open file) ----

const openCounts = new Map<string, number>();
export function markOpen(dbPath: string): void {
  const p = path.resolve(dbPath);
  openCounts.set(p, (openCounts.get(p) ?? 0) + 1);
}
export function markClosed(dbPath: string): void {
  const p = path.resolve(dbPath);
  const n = (openCounts.get(p) ?? 0) - 1;
  if (n > 0) openCounts.set(p, n);
  else openCounts.delete(p);
}
export function isOpenInProcess(dbPath: string): boolean {
  return openCounts.has(path.resolve(dbPath));
}

// ---- small fs helpers ----

export function fsyncFile(p: string): void {
  const fd = fs.openSync(p, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable. Directories cannot be opened on Windows: ignored there. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported on this platform / filesystem
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function rmIfExists(p: string): void {
  fs.rmSync(p, { force: true });
}

/** Best-effort cleanup (never masks the error being handled). */
function tryRm(p: string): void {
  try {
    fs.rmSync(p, { force: true });
  } catch {
    // ignore
  }
}

// ---- checking a file without changing it ----

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
 * Checks an existing file read-only: SQLite header, page check (`quick_check`, or
 * `integrity_check` when `full`), schema version not above the code's, and that it is
 * this program's database. Never writes to the file.
 *
 * When no non-empty `-wal` exists the whole database is in the main file, so it is checked
 * from an in-memory copy: that creates no `-wal`/`-shm` next to a file we then refuse.
 * Otherwise (crash leftovers, another process) a read-only connection reads the WAL too.
 */
/**
 * Above this size a database is not scanned page by page on every open (quick_check
 * reads the whole file: ~0.2 s for 85 MB). Such a file gets the header checks here, the
 * version checks on the store's own connection before anything is written, and a
 * quick_check of every backup copy (see createBackup); damage met later surfaces as
 * SQLITE_CORRUPT, which the store reports as CORRUPT. A county unit's database is a few
 * MB, so in practice every open is fully checked.
 */
export const FULL_CHECK_ON_OPEN_LIMIT = 32 * 1024 * 1024;

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
    const version = currentVersion(db);
    const known = latestVersion(migrations);
    if (version > known) throw tooNewError(version, known);
    if (version === 0 && userTables(db).length > 0) {
      throw new StoreError('NOT_SQLITE', `文件不是本程序的数据库（是其他程序的 SQLite 数据库）：${file}`);
    }
    return { version, hasData: hasUserData(db) };
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

// ---- backup files ----

export function defaultBackupDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

function dbBaseName(dbPath: string): string {
  const b = path.basename(dbPath);
  const ext = path.extname(b);
  return ext ? b.slice(0, -ext.length) : b;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function stamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Backups of `dbPath` in `backupDir`, newest first. */
export function listBackups(dbPath: string, backupDir = defaultBackupDir(dbPath)): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir);
  } catch {
    return [];
  }
  const re = new RegExp(`^${escapeRe(dbBaseName(dbPath))}-(\\d{8})-(\\d{6})(?:-(\\d+))?-([a-z][a-z-]*)\\.sqlite$`);
  const out: (BackupInfo & { n: number })[] = [];
  for (const fileName of names) {
    const m = re.exec(fileName);
    if (!m) continue;
    const [, ymd = '', hms = '', n, reason = ''] = m;
    const createdAt = new Date(
      Number(ymd.slice(0, 4)),
      Number(ymd.slice(4, 6)) - 1,
      Number(ymd.slice(6, 8)),
      Number(hms.slice(0, 2)),
      Number(hms.slice(2, 4)),
      Number(hms.slice(4, 6)),
    );
    const p = path.join(backupDir, fileName);
    let size = 0;
    try {
      size = fs.statSync(p).size;
    } catch {
      continue;
    }
    out.push({ path: p, fileName, reason, createdAt, size, n: n ? Number(n) : 1 });
  }
  out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.n - a.n);
  return out.map(({ n: _n, ...info }) => info);
}

function newBackupPath(dbPath: string, backupDir: string, at: Date, reason: string): string {
  const base = `${dbBaseName(dbPath)}-${stamp(at)}`;
  let p = path.join(backupDir, `${base}-${reason}.sqlite`);
  for (let n = 2; fs.existsSync(p); n++) p = path.join(backupDir, `${base}-${n}-${reason}.sqlite`);
  return p;
}

/** Deletes the oldest backups beyond `max` (at least 1 kept, `keep` never deleted). */
export function pruneBackups(dbPath: string, backupDir: string, max: number, keep?: string): string[] {
  const limit = Math.max(1, Math.floor(max));
  const all = listBackups(dbPath, backupDir); // newest first
  const deleted: string[] = [];
  for (let i = all.length - 1; i >= 0 && all.length - deleted.length > limit; i--) {
    const b = all[i];
    if (!b || b.path === keep) continue;
    rmIfExists(b.path);
    rmIfExists(`${b.path}-wal`); // raw pre-restore copies may carry one
    deleted.push(b.path);
  }
  return deleted;
}

/** True when there is no backup, or the newest is at least 24 h old by `now`. */
export function dailyBackupDue(dbPath: string, backupDir: string, now: Date): boolean {
  const newest = listBackups(dbPath, backupDir)[0];
  return !newest || now.getTime() - newest.createdAt.getTime() >= DAY_MS;
}

/**
 * Copies the open database `db` (whose file is `dbPath`) with the online backup API to
 * `<backupDir>/<dbname>-YYYYMMDD-HHMMSS-<reason>.sqlite`: written under a `.partial` name,
 * fsynced, then renamed, so a listed backup is always complete. Applies retention.
 */
export async function createBackup(
  db: DB,
  dbPath: string,
  reason: BackupReason,
  opts: BackupOptions = {},
): Promise<BackupInfo> {
  const backupDir = opts.backupDir ?? defaultBackupDir(dbPath);
  const now = opts.now ?? (() => new Date());
  const at = now();
  const dest = newBackupPath(dbPath, backupDir, at, reason);
  const partial = `${dest}.partial`;
  try {
    fs.mkdirSync(backupDir, { recursive: true });
    rmIfExists(partial);
    await db.backup(partial);
    verifyBackupCopy(partial);
    fsyncFile(partial);
    fs.renameSync(partial, dest);
    fsyncDir(backupDir);
  } catch (e) {
    tryRm(partial);
    throw new StoreError('IO', `备份失败：${dest}（${e instanceof Error ? e.message : String(e)}）`, { cause: e });
  }
  pruneBackups(dbPath, backupDir, opts.maxBackups ?? DEFAULT_MAX_BACKUPS, dest);
  return { path: dest, fileName: path.basename(dest), reason, createdAt: at, size: fs.statSync(dest).size };
}

/** A backup is only kept when SQLite finds the copy sound (this is also where large live databases get scanned). */
function verifyBackupCopy(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
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

/** Byte copy of a file that SQLite cannot open (kept so a restore never loses anything). */
function rawCopyBackup(dbPath: string, reason: BackupReason, opts: BackupOptions): BackupInfo {
  const backupDir = opts.backupDir ?? defaultBackupDir(dbPath);
  const at = (opts.now ?? (() => new Date()))();
  const dest = newBackupPath(dbPath, backupDir, at, reason);
  fs.mkdirSync(backupDir, { recursive: true });
  const wal = `${dbPath}-wal`;
  if (fs.existsSync(wal)) {
    fs.copyFileSync(wal, `${dest}-wal`);
    fsyncFile(`${dest}-wal`);
  }
  fs.copyFileSync(dbPath, `${dest}.partial`);
  fsyncFile(`${dest}.partial`);
  fs.renameSync(`${dest}.partial`, dest);
  fsyncDir(backupDir);
  pruneBackups(dbPath, backupDir, opts.maxBackups ?? DEFAULT_MAX_BACKUPS, dest);
  return { path: dest, fileName: path.basename(dest), reason, createdAt: at, size: fs.statSync(dest).size };
}

export interface RestoreResult {
  restoredFrom: string;
  /** Backup of the database that was replaced; null if there was none. */
  preRestoreBackup: string | null;
}

/**
 * Replaces the database at `dbPath` with `backupPath`. The store must be closed.
 * 1. verify the backup (SQLite, integrity_check ok, this program's, version not newer);
 * 2. copy it to a temp name beside the live file, fsync, verify the copy;
 * 3. back up the current database (reason `pre-restore`);
 * 4. remove the old file's -wal/-shm (already checkpointed by step 3), rename, fsync dir.
 */
export async function restoreBackup(
  backupPath: string,
  dbPath: string,
  opts: BackupOptions & { migrations?: readonly Migration[] } = {},
): Promise<RestoreResult> {
  const live = path.resolve(dbPath);
  const src = path.resolve(backupPath);
  if (isOpenInProcess(live)) throw new StoreError('IO', `数据库正在使用中，请先关闭后再恢复备份：${live}`);
  if (src === live) throw new StoreError('INVALID', '备份文件与数据库是同一个文件');
  if (!fs.existsSync(src)) throw new StoreError('NOT_FOUND', `找不到备份文件：${src}`);
  const check = { migrations: opts.migrations, full: true };
  inspectDatabaseFile(src, check);

  const dir = path.dirname(live);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(live)}.restore-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.copyFileSync(src, tmp);
    fsyncFile(tmp);
    inspectDatabaseFile(tmp, check);

    let pre: string | null = null;
    if (fs.existsSync(live)) {
      let db: DB | undefined;
      try {
        db = new Database(live, { fileMustExist: true, timeout: 5000 });
        db.pragma('schema_version'); // forces a read: fails here for damaged files
      } catch (e) {
        db?.close();
        db = undefined;
        // Only damage means "copy the bytes and replace"; busy / permission errors stop here.
        const code = String((e as { code?: unknown })?.code ?? '');
        if (!code.startsWith('SQLITE_NOTADB') && !code.startsWith('SQLITE_CORRUPT')) throw e;
      }
      if (db) {
        try {
          pre = (await createBackup(db, live, 'pre-restore', opts)).path;
        } catch {
          // Damaged pages deeper in the file: fall back to a byte copy below.
        } finally {
          db.close(); // last connection: checkpoints and deletes -wal/-shm
        }
        if (pre !== null && fs.existsSync(`${live}-wal`)) {
          throw new StoreError('IO', `数据库正被其他程序使用，请先关闭后再恢复备份：${live}`);
        }
      }
      if (pre === null) pre = rawCopyBackup(live, 'pre-restore', opts).path;
    }
    // A -wal left beside the new file would be replayed into it: remove before renaming.
    rmIfExists(`${live}-wal`);
    rmIfExists(`${live}-shm`);
    fs.renameSync(tmp, live);
    fsyncDir(dir);
    return { restoredFrom: src, preRestoreBackup: pre };
  } catch (e) {
    throw toStoreError(e, live);
  } finally {
    tryRm(tmp);
  }
}
