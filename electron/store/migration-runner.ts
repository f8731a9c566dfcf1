// Applies the migration list (migrations.ts) and reads where a database stands. A database
// whose highest applied version is above the code's is refused (TOO_NEW).
import type Database from 'better-sqlite3';
import { StoreError } from './errors.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

type DB = Database.Database;

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((m, s) => Math.max(m, s.version), 0);
}

/** Throws if the list is not strictly increasing from 1 (a programming error). */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at index ${i}: version ${m.version}`);
  });
}

const hasTable = (db: DB, name: string): boolean =>
  db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;

/** Highest applied version; 0 for a database without `schema_migrations`. */
export function currentVersion(db: DB): number {
  if (!hasTable(db, 'schema_migrations')) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Names of user tables (not SQLite's own, not `schema_migrations`). */
export function userTables(db: DB): string[] {
  const rows = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table'
       AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations'`,
    )
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

/** True when any user table holds a row (then a migration gets a backup first); the program's own settings do not count. */
export function hasUserData(db: DB): boolean {
  return userTables(db).filter((t) => t !== 'settings').some(
    (t) => db.prepare(`SELECT 1 FROM "${t.replaceAll('"', '""')}" LIMIT 1`).get() !== undefined,
  );
}

export function tooNewError(found: number, known: number): StoreError {
  return new StoreError('TOO_NEW', `数据库版本（${found}）比本程序新（${known}），请升级程序后再打开`);
}

export function pendingMigrations(db: DB, migrations: readonly Migration[]): Migration[] {
  const have = currentVersion(db);
  const known = latestVersion(migrations);
  if (have > known) throw tooNewError(have, known);
  return migrations.filter((m) => m.version > have);
}

/**
 * Applies the given steps, each in its own transaction with its `schema_migrations` row,
 * so a failure leaves the database at the last completed version.
 */
export function applyMigrations(db: DB, steps: readonly Migration[], now: () => Date): void {
  if (steps.length === 0) return;
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  // Table rebuilds need foreign keys off; this pragma is a no-op inside a transaction.
  db.pragma('foreign_keys = OFF');
  try {
    const insert = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const step of steps) {
      db.transaction(() => {
        step.up(db);
        const bad = db.pragma('foreign_key_check') as unknown[];
        if (bad.length > 0) throw new Error(`migration ${step.version} broke ${bad.length} foreign keys`);
        insert.run(step.version, step.name, now().toISOString());
      }).immediate();
    }
  } catch (e) {
    throw new StoreError('IO', `数据库升级失败：${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    if (fkWasOn) db.pragma('foreign_keys = ON');
  }
}
