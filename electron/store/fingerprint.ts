// The model fingerprint: a hash of the stored document shapes. Rows are validated when
// written and read back without re-validation (that is what keeps 审核 of 10,000 projects
// under a second); when the model changes (a field added with a default, say), the
// fingerprint changes and the next open rewrites every stored document through the
// schemas once, after a backup.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { toJSONSchema, type z } from 'zod';
import { deptTargetSchema, projectFilingSchema, unitSchema } from '../../shared/model/filing.ts';
import { StoreError, zhErrorMap } from './errors.ts';
import { formatIssues } from '../../shared/model/issues.ts';
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

const DOCUMENT_TABLES: Array<[string, string, z.ZodType]> = [
  ['projects', 'id', projectFilingSchema],
  ['units', 'code', unitSchema],
  ['dept_targets', "unit_code || '/' || year", deptTargetSchema],
];
const TABLE_LABELS: Record<string, string> = { projects: '项目表', units: '单位', dept_targets: '部门整体绩效目标' };

/**
 * Stored documents that fail the current schemas (a backup made by a damaged or altered
 * program): one Chinese line each, at most `max`, and how many there are in all.
 */
export function invalidStoredRows(db: DB, max = 10): { lines: string[]; count: number } {
  const lines: string[] = [];
  let count = 0;
  for (const [table, key, schema] of DOCUMENT_TABLES) {
    for (const r of db.prepare(`SELECT ${key} AS k, data FROM ${table}`).iterate() as Iterable<{ k: unknown; data: string }>) {
      let problem: string | null = null;
      try {
        const parsed = schema.safeParse(JSON.parse(r.data), { error: zhErrorMap });
        if (!parsed.success) problem = formatIssues(parsed.error.issues, 3).replace(/\n/g, '；');
      } catch {
        problem = '不是有效的 JSON';
      }
      if (problem === null) continue;
      if (count++ < max) lines.push(`${TABLE_LABELS[table]} ${String(r.k).slice(0, 40)}：${problem.slice(0, 200)}`);
    }
  }
  return { lines, count };
}

/** Rewrites every stored document through the current schemas (one transaction). */
export function normaliseStoredData(db: DB): void {
  db.transaction(() => {
    for (const [table, key, schema] of DOCUMENT_TABLES) {
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
