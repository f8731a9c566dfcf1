// Restoring a backup over the database file (the store closed), keeping a backup of what
// it replaces, even when that file is too damaged for SQLite to copy.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, toStoreError } from './errors.ts';
import type { Migration } from './migrations.ts';
import { createBackup, type BackupOptions, type BackupReason } from './backup-create.ts';
import { DEFAULT_MAX_BACKUPS, defaultBackupDir, newBackupPath, pruneBackups, type BackupInfo } from './backup-files.ts';
import { fsyncDir, fsyncFile, rmIfExists, tryRm } from './fs-sync.ts';
import { inspectDatabaseFile } from './inspect.ts';
import { invalidStoredRows } from './fingerprint.ts';

type DB = Database.Database;

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

/** A backup whose stored documents fail the schemas is not restored (the reasons listed). */
function refuseInvalidRows(src: string): void {
  const db = new Database(src, { readonly: true, fileMustExist: true });
  let bad: ReturnType<typeof invalidStoredRows>;
  try {
    bad = invalidStoredRows(db);
  } finally {
    db.close();
  }
  if (bad.count === 0) return;
  const more = bad.count > bad.lines.length ? `\n……共 ${bad.count} 条` : '';
  throw new StoreError(
    'INVALID',
    `备份文件中有 ${bad.count} 条数据不符合本程序的格式（文件可能被其他程序改动过），未恢复，现有数据库未改变：\n${bad.lines.join('\n')}${more}\n请选择另一个备份`,
  );
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
  refuseInvalidRows(src);

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
