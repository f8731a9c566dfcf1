// Migration 13 (listed in migrations.ts, kept apart for the module size).
import type Database from 'better-sqlite3';

export const SUBMISSION_DEPT_MIGRATION = {
  version: 13,
  name: 'submission-dept-hash',
  // Each submission records the content hash of the 部门整体绩效目标 it packed ('' none; NULL:
  // recorded before this migration, not known), so that a return deciding on a 部门整体绩效目标
  // the unit never submitted, or carrying over a decision on a changed one, is refused.
  up(db: Database.Database): void {
    db.exec('ALTER TABLE submissions ADD COLUMN dept_sha256 TEXT');
  },
};
