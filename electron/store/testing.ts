// Test-only: the SQLite connection behind a FilingStore, for tests that inspect or
// sabotage tables directly (cache rows, temporary triggers). Production code never
// imports this module (tests/store/no-raw-connection.test.ts checks that).
import type Database from 'better-sqlite3';
import type { FilingStore } from './store.ts';

export function connectionForTests(store: FilingStore): Database.Database {
  return (store as unknown as { db: Database.Database }).db;
}
