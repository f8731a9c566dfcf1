// The model fingerprint: a hash of the stored document shapes. Rows are validated when
// written and read back without re-validation (that is what keeps 审核 of 10,000 projects
// under a second); when the model changes (a field added with a default, say), the
// fingerprint changes and the next open rewrites every stored document through the
// schemas once, after a backup.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { toJSONSchema, type z } from 'zod';
import { deptTargetSchema, projectFilingSchema, unitSchema } from '../../shared/model/filing.ts';
import { StoreError } from './errors.ts';
import { SettingsTable } from './settings.ts';

type DB = Database.Database;

const MODEL_FINGERPRINT = createHash('sha256')
  .update(JSON.stringify([projectFilingSchema, unitSchema, deptTargetSchema].map((sc) => toJSONSchema(sc, { io: 'output' }))))
  .digest('hex')
  .slice(0, 16);
const FINGERPRINT_KEY = 'model_fingerprint';

/** True when the stored documents were last written (or normalised) by this model. */
export function modelIsCurrent(db: DB): boolean {
  return new SettingsTable(db).get(FINGERPRINT_KEY) === MODEL_FINGERPRINT;
}

/** Rewrites every stored document through the current schemas (one transaction). */
export function normaliseStoredData(db: DB): void {
  const tables: Array<[string, string, z.ZodType]> = [
    ['projects', 'id', projectFilingSchema],
    ['units', 'code', unitSchema],
    ['dept_targets', 'rowid', deptTargetSchema],
  ];
  db.transaction(() => {
    for (const [table, key, schema] of tables) {
      const rows = db.prepare(`SELECT ${key} AS k, data FROM ${table}`).all() as Array<{ k: unknown; data: string }>;
      const upd = db.prepare(`UPDATE ${table} SET data = ? WHERE ${key} = ?`);
      for (const r of rows) {
        const parsed = schema.safeParse(JSON.parse(r.data));
        if (!parsed.success) {
          throw new StoreError('CORRUPT', `数据库中的数据不符合本程序的格式（${table} ${String(r.k)}），可从备份恢复（见 backups 命令）`);
        }
        const json = JSON.stringify(parsed.data);
        if (json !== r.data) upd.run(json, r.k);
      }
    }
    // Documents were rewritten without a new revision: cached 审核 counts may be stale.
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'project_check_counts'`).get()) {
      db.exec('DELETE FROM project_check_counts');
    }
    new SettingsTable(db).set(FINGERPRINT_KEY, MODEL_FINGERPRINT);
  })();
}
