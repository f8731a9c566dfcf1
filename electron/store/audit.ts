// The audit log: every stored change, field by field, with who made it and when.
import type Database from 'better-sqlite3';
import { formatPath } from './errors.ts';

export interface FieldChange {
  path: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: 'unit' | 'project' | 'dept_target' | 'unit_year';
  entityId: string;
  /** Field path such as `periods.annual.indicators[3].value`; '' for the whole object. */
  path: string;
  oldValue: unknown;
  newValue: unknown;
}

export type AuditEntity = AuditEntry['entity'];

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Changed leaf paths between two JSON values (arrays compared by index). */
export function diffValues(a: unknown, b: unknown, at: PropertyKey[] = [], out: FieldChange[] = []): FieldChange[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValues(a[i], b[i], [...at, i], out);
  } else if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) diffValues(a[k], b[k], [...at, k], out);
  } else if (a !== b && !(a === undefined && b === null) && !(a === null && b === undefined)) {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: formatPath(at), oldValue: a ?? null, newValue: b ?? null });
  }
  return out;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: AuditEntity;
  entity_id: string;
  path: string;
  old_value: string | null;
  new_value: string | null;
}

const parseJson = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));

/** Writes and reads `audit_log` on one connection, as one actor. Writes run inside the caller's transaction. */
export class AuditLog {
  private readonly insert: Database.Statement;
  private readonly newestAll: Database.Statement;
  private readonly newestOf: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly actor: string,
  ) {
    this.insert = db.prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, path, old_value, new_value)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.newestAll = db.prepare('SELECT * FROM (SELECT * FROM audit_log ORDER BY id DESC LIMIT ?) ORDER BY id');
    this.newestOf = db.prepare(
      'SELECT * FROM (SELECT * FROM audit_log WHERE entity_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
    );
  }

  /** One row; `path` '' means the whole object (created: old null, deleted: new null). */
  record(at: string, action: string, entity: AuditEntity, id: string, path: string, oldV: unknown, newV: unknown): void {
    this.insert.run(
      at,
      this.actor,
      action,
      entity,
      id,
      path,
      oldV === undefined ? null : JSON.stringify(oldV),
      newV === undefined ? null : JSON.stringify(newV),
    );
  }

  /** One row per changed field. */
  recordChanges(at: string, action: string, entity: AuditEntity, id: string, changes: readonly FieldChange[]): void {
    for (const c of changes) this.record(at, action, entity, id, c.path, c.oldValue, c.newValue);
  }

  /** A new object (old value null), or one row per field changed from `old`. */
  recordWrite(at: string, action: string, entity: AuditEntity, id: string, old: unknown, value: unknown): void {
    if (old === undefined) this.record(at, action === 'import' ? 'import' : 'create', entity, id, '', null, value);
    else this.recordChanges(at, action, entity, id, diffValues(old, value));
  }

  /** Rows (of one entity if given), oldest first; at most the newest `limit`. */
  read(entityId: string | undefined, limit: number): AuditEntry[] {
    const rows = (entityId === undefined ? this.newestAll.all(limit) : this.newestOf.all(entityId, limit)) as AuditRow[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      path: r.path,
      oldValue: parseJson(r.old_value),
      newValue: parseJson(r.new_value),
    }));
  }
}
