// Opening the database: the read-only check of an existing file, creation of a new one
// under a temporary name, connection pragmas, migrations and the model fingerprint, with
// the backups taken on the way.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, toStoreError } from './errors.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { applyMigrations, checkMigrationList, pendingMigrations } from './migration-runner.ts';
import { createBackup } from './backup-create.ts';
import { DEFAULT_MAX_BACKUPS, dailyBackupDue, defaultBackupDir } from './backup-files.ts';
import { FULL_CHECK_ON_OPEN_LIMIT, checkOwnDatabase, inspectDatabaseFile } from './inspect.ts';
import { fsyncDir, fsyncFile } from './fs-sync.ts';
import { modelIsCurrent, normaliseStoredData } from './fingerprint.ts';

type DB = Database.Database;

export interface OpenOptions {
  /** Default `<dbdir>/backups`. */
  backupDir?: string;
  /** Clock for timestamps and backup scheduling (tests inject one). */
  now?: () => Date;
  /** Backups kept (default 10, at least 1). */
  maxBackups?: number;
  /** Migration list (tests only); default the real one. */
  migrations?: readonly Migration[];
  /** Recorded in the audit log. Default 'user'. */
  actor?: string;
  /** Take the daily backup on open (default true). */
  dailyBackup?: boolean;
  /** better-sqlite3 native addon to load (Electron's ABI build); default the one in node_modules. */
  nativeBinding?: string;
}

/** An open, migrated connection with the settings the store keeps. */
export interface OpenedDatabase {
  db: DB;
  path: string;
  backupDir: string;
  now: () => Date;
  maxBackups: number;
  nativeBinding: string | undefined;
  actor: string;
  /** Problems met while opening that did not stop it (e.g. a failed daily backup), in Chinese. */
  warnings: string[];
}

const BUSY_TIMEOUT_MS = 5000;

function applyPragmas(db: DB): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new StoreError('IO', `无法启用数据库日志模式（WAL），当前为 ${String(mode)}`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/**
 * Another connection to the store's (open, migrated) database, with the store's pragmas:
 * a sliced import writes on it, so that readers on the store's own connection see the last
 * committed state meanwhile (WAL), never a part of the import.
 */
export function openSecondConnection(dbPath: string, nativeBinding: string | undefined): DB {
  const db = new Database(dbPath, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS, nativeBinding });
  try {
    applyPragmas(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Connection settings in force (for diagnostics and tests). */
export function readPragmas(db: DB): { journalMode: string; synchronous: number; foreignKeys: number; busyTimeout: number } {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreignKeys: Number(db.pragma('foreign_keys', { simple: true })),
    busyTimeout: Number(db.pragma('busy_timeout', { simple: true })),
  };
}

/** Full `PRAGMA integrity_check` of an open database. */
export function checkIntegrity(db: DB): { ok: boolean; messages: string[] } {
  const rows = db.pragma('integrity_check(100)') as Record<string, unknown>[];
  const messages = rows.map((r) => String(Object.values(r)[0]));
  return { ok: messages.length === 1 && messages[0] === 'ok', messages };
}

function createEmptyDatabase(dbPath: string, migrations: readonly Migration[], now: () => Date, nativeBinding?: string): void {
  const dir = path.dirname(dbPath);
  const tmp = path.join(dir, `.${path.basename(dbPath)}.new-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const db = new Database(tmp, { nativeBinding });
    try {
      applyPragmas(db);
      applyMigrations(db, migrations, now);
    } finally {
      db.close(); // checkpoints and removes tmp-wal / tmp-shm
    }
    fsyncFile(tmp);
    // Created complete under a temp name: a crash never leaves a 0-byte or half-made database.
    fs.renameSync(tmp, dbPath);
    fsyncDir(dir);
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) {
      try {
        fs.rmSync(f, { force: true });
      } catch {
        // best effort
      }
    }
    throw toStoreError(e, dbPath);
  }
}

/**
 * Opens (or creates) the database. An existing file is first checked read-only and
 * refused without being touched if it is not SQLite (NOT_SQLITE), damaged or empty
 * (CORRUPT), or from a newer program (TOO_NEW); above FULL_CHECK_ON_OPEN_LIMIT only its
 * header is checked there, and the version on the connection before anything is written.
 * Pending migrations on a database with data are preceded by a `pre-migration` backup; a
 * `daily` backup is taken when the newest backup is at least 24 h old.
 */
export async function openDatabase(file: string, opts: OpenOptions = {}): Promise<OpenedDatabase> {
  const dbPath = path.resolve(file);
  const migrations = opts.migrations ?? MIGRATIONS;
  checkMigrationList(migrations);
  const now = opts.now ?? (() => new Date());
  const backupOpts = {
    backupDir: opts.backupDir ?? defaultBackupDir(dbPath),
    now,
    maxBackups: opts.maxBackups ?? DEFAULT_MAX_BACKUPS,
    nativeBinding: opts.nativeBinding,
  };

  let hasData = false;
  let light = false;
  if (fs.existsSync(dbPath)) {
    const check = inspectDatabaseFile(dbPath, { migrations, lightAbove: FULL_CHECK_ON_OPEN_LIMIT });
    hasData = check.hasData;
    light = check.light === true;
  } else createEmptyDatabase(dbPath, migrations, now, opts.nativeBinding);

  let db: DB;
  try {
    db = new Database(dbPath, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS, nativeBinding: opts.nativeBinding });
  } catch (e) {
    throw toStoreError(e, dbPath);
  }
  try {
    if (light) checkOwnDatabase(db, dbPath, migrations);
    applyPragmas(db);
    const pending = pendingMigrations(db, migrations);
    if (pending.length > 0 && hasData) await createBackup(db, dbPath, 'pre-migration', backupOpts);
    applyMigrations(db, pending, now);
    if (!modelIsCurrent(db)) {
      if (hasData && pending.length === 0) await createBackup(db, dbPath, 'pre-migration', backupOpts);
      normaliseStoredData(db);
    }
    const warnings: string[] = [];
    if (hasData && opts.dailyBackup !== false && dailyBackupDue(dbPath, backupOpts.backupDir, now())) {
      // A failed daily backup must not lock the user out of their data: report it instead.
      try {
        await createBackup(db, dbPath, 'daily', backupOpts);
      } catch (e) {
        warnings.push(e instanceof Error ? e.message : String(e));
      }
    }
    return { db, path: dbPath, ...backupOpts, actor: opts.actor ?? 'user', warnings };
  } catch (e) {
    db.close();
    throw toStoreError(e, dbPath);
  }
}
