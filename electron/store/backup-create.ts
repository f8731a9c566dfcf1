// Making a backup of an open database with SQLite's online backup API
// (better-sqlite3's db.backup), kept only once it is complete and sound.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { StoreError } from './errors.ts';
import { DEFAULT_MAX_BACKUPS, defaultBackupDir, newBackupPath, pruneBackups, type BackupInfo } from './backup-files.ts';
import { fsyncDirAsync, fsyncFileAsync, rmIfExists, tryRm } from './fs-sync.ts';
import { verifyBackupCopyOffThread } from './offthread.ts';

type DB = Database.Database;

export type BackupReason = 'pre-migration' | 'daily' | 'manual' | 'pre-restore' | 'pre-import';

export interface BackupOptions {
  /** Default `<dbdir>/backups`. */
  backupDir?: string;
  now?: () => Date;
  /** Default 10; at least 1 is always kept. */
  maxBackups?: number;
  /** better-sqlite3 addon for the check of the copy in a worker (the store's own). */
  nativeBinding?: string | undefined;
}

/**
 * Copies the open database `db` (whose file is `dbPath`) with the online backup API to
 * `<backupDir>/<dbname>-YYYYMMDD-HHMMSS-<reason>.sqlite`: written under a `.partial` name,
 * checked (quick_check) and fsynced, then renamed, so a listed backup is always complete
 * and sound. Applies retention. The copy steps 100 pages at a time (better-sqlite3), the
 * check runs in a worker and the fsyncs on the thread pool: the event loop keeps running.
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
    await verifyBackupCopyOffThread(partial, opts.nativeBinding);
    await fsyncFileAsync(partial);
    fs.renameSync(partial, dest);
    await fsyncDirAsync(backupDir);
  } catch (e) {
    tryRm(partial);
    throw new StoreError('IO', `备份失败：${dest}（${e instanceof Error ? e.message : String(e)}）`, { cause: e });
  }
  pruneBackups(dbPath, backupDir, opts.maxBackups ?? DEFAULT_MAX_BACKUPS, dest);
  return { path: dest, fileName: path.basename(dest), reason, createdAt: at, size: fs.statSync(dest).size };
}
