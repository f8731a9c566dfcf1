// Migration 12 (listed in migrations.ts, kept apart for the module size).
import type Database from 'better-sqlite3';

export const DEPT_SELF_EVALUATIONS_MIGRATION = {
  version: 12,
  name: 'dept-self-evaluations',
  // The 部门整体绩效自评表 of a unit-year (shared/yearly/dept-model.ts), with a revision; read-only
  // where the unit-year was received, like its 部门整体绩效目标.
  up(db: Database.Database): void {
    const guard = (event: string, row: string) => `
      CREATE TRIGGER received_dept_se_${event.toLowerCase()} BEFORE ${event} ON dept_self_evaluations
        WHEN NOT EXISTS (SELECT 1 FROM received_unlock)
         AND EXISTS (SELECT 1 FROM received_unit_years WHERE unit_code = ${row}.unit_code AND year = ${row}.year)
        BEGIN SELECT RAISE(ABORT, '该单位该年度的数据是从报送包接收的，只读，不能修改'); END;`;
    db.exec(`
      CREATE TABLE dept_self_evaluations (
        unit_code TEXT NOT NULL REFERENCES units(code) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1,
        data TEXT NOT NULL CHECK (json_valid(data)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (unit_code, year)
      );
      ${guard('INSERT', 'NEW')}
      ${guard('UPDATE', 'OLD')}
      ${guard('DELETE', 'OLD')}
    `);
  },
};
