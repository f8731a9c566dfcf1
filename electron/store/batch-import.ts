// Batch import (interchange JSON, received packages, demo data): units, then projects,
// then 部门整体目标, every item validated before anything is written.
import {
  deptTargetSchema,
  projectFilingSchema,
  unitSchema,
  type DeptTarget,
  type ProjectFiling,
  type ProjectFilingInput,
  type Unit,
} from '../../shared/model/filing.ts';
import type Database from 'better-sqlite3';
import { toStoreError, validate } from './errors.ts';
import { fsyncFileAsync } from './fs-sync.ts';
import { checkpointOffThread } from './offthread.ts';
import { AuditLog, isPlainObject } from './audit.ts';
import { UnitTable, type UnitInput } from './units.ts';
import { ProjectTable } from './projects.ts';
import { DeptTargetTable, type DeptTargetInput } from './dept-targets.ts';
import { openSecondConnection } from './open.ts';

export interface ImportBatch {
  units?: readonly UnitInput[];
  projects?: readonly ProjectFilingInput[];
  deptTargets?: readonly DeptTargetInput[];
}

export interface ImportResult {
  units: number;
  projects: number;
  deptTargets: number;
}

export interface ValidatedBatch {
  units: Unit[];
  projects: ProjectFiling[];
  deptTargets: DeptTarget[];
}

const projectLabel = (p: unknown, i: number) => `第 ${i + 1} 个项目${isPlainObject(p) && typeof p.name === 'string' && p.name ? `“${p.name}”` : ''}`;
const validUnit = (u: UnitInput, i: number) => validate(unitSchema, u, `第 ${i + 1} 个单位`);
const validProject = (p: ProjectFilingInput, i: number) => validate(projectFilingSchema, p, projectLabel(p, i));
const validDept = (d: DeptTargetInput, i: number) => validate(deptTargetSchema, d, `第 ${i + 1} 个部门整体绩效目标`);

/** Every item parsed by its schema; the first invalid one throws INVALID naming its place. */
export function validateBatch(batch: ImportBatch): ValidatedBatch {
  return { units: (batch.units ?? []).map(validUnit), projects: (batch.projects ?? []).map(validProject), deptTargets: (batch.deptTargets ?? []).map(validDept) };
}

type Tables = { units: UnitTable; projects: ProjectTable; deptTargets: DeptTargetTable };

function writeProject(tables: Tables, p: ProjectFiling, at: string): void {
  if (tables.projects.exists(p.id)) tables.projects.replace(p, undefined, at, 'import');
  else tables.projects.insert(p, at, 'import');
}

/** Writes a validated batch (inside the caller's transaction): new project ids created, existing ones replaced. */
export function writeBatch(tables: Tables, batch: ValidatedBatch, at: string): ImportResult {
  for (const u of batch.units) tables.units.put(u, at, 'import');
  for (const p of batch.projects) writeProject(tables, p, at);
  for (const d of batch.deptTargets) tables.deptTargets.put(d, at, 'import');
  return { units: batch.units.length, projects: batch.projects.length, deptTargets: batch.deptTargets.length };
}

/** Work per item in slices of about SLICE_MS, awaiting `pause` between slices (the event loop runs). */
const SLICE_MS = 20;
async function eachInSlices<T>(items: readonly T[], fn: (item: T, i: number) => void, pause: () => Promise<void>): Promise<void> {
  let t = performance.now();
  for (let i = 0; i < items.length; i++) {
    fn(items[i]!, i);
    if (performance.now() - t > SLICE_MS) {
      await pause();
      t = performance.now();
    }
  }
}

/** A large batch whose projects are made one at a time (e.g. parsed from their JSON text when their turn comes). */
export interface SlicedBatch {
  units?: readonly UnitInput[];
  deptTargets?: readonly DeptTargetInput[];
  projects: { count: number; item: (i: number) => ProjectFilingInput };
}

/**
 * importBatch's validation and writes in slices: units and 部门整体目标 validated first,
 * then inside the caller's one transaction (`steps.write`) each project validated and
 * written, the event loop running between slices. An invalid item throws (INVALID, naming
 * its place): the caller rolls the whole transaction back.
 */
export async function validateAndWriteInSlices(
  tables: Tables,
  batch: SlicedBatch,
  at: () => string,
  steps: { pause: () => Promise<void>; write: (fn: () => Promise<void>) => Promise<void> },
): Promise<ImportResult> {
  const units = (batch.units ?? []).map(validUnit);
  const depts = (batch.deptTargets ?? []).map(validDept);
  const indexes = Array.from({ length: batch.projects.count }, (_, i) => i);
  await steps.write(async () => {
    const stamp = at();
    for (const u of units) tables.units.put(u, stamp, 'import');
    await eachInSlices(indexes, (i) => writeProject(tables, validProject(batch.projects.item(i), i), stamp), steps.pause);
    for (const d of depts) tables.deptTargets.put(d, stamp, 'import');
  });
  return { units: units.length, projects: indexes.length, deptTargets: depts.length };
}

/** How a sliced transaction makes its commit durable and its log small, off the event loop. */
export interface SlicedCommit {
  storeError: (e: unknown) => Error;
  /** fsync of the database's log (`<db>-wal`) holding the commit. */
  syncLog: () => Promise<void>;
  /** Checkpoint of the log into the database file on another connection (a worker). */
  checkpoint: () => Promise<void>;
}

/** The store's SlicedCommit for its database file `dbPath`. */
export function slicedCommit(dbPath: string, nativeBinding: string | undefined): SlicedCommit {
  return {
    storeError: (e) => toStoreError(e, dbPath),
    syncLog: () => fsyncFileAsync(`${dbPath}-wal`),
    checkpoint: () => checkpointOffThread(dbPath, nativeBinding),
  };
}

/**
 * Runs async `fn` (slices of writes) as ONE IMMEDIATE transaction: committed when it
 * resolves, rolled back when it throws. The commit of a large import writes ~100 MB of log:
 * it is made with synchronous = NORMAL (written, not yet synced) and resolves only after
 * `syncLog` has fsynced the log on the thread pool, so it is durable when reported, as
 * with FULL. The checkpoint SQLite would run in the same call (copying the log into the
 * database file and syncing it) is left to `checkpoint`; if that fails the data is safe in
 * the log and SQLite checkpoints it later.
 */
export async function slicedTransaction(db: Database.Database, fn: () => Promise<void>, c: SlicedCommit): Promise<void> {
  const auto = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  const sync = Number(db.pragma('synchronous', { simple: true }));
  try {
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('synchronous = NORMAL');
    db.exec('BEGIN IMMEDIATE');
    await fn();
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw c.storeError(e);
  } finally {
    db.pragma(`synchronous = ${sync}`);
    db.pragma(`wal_autocheckpoint = ${auto}`);
  }
  try {
    await c.syncLog();
  } catch (e) {
    throw c.storeError(e);
  }
  await c.checkpoint().catch(() => undefined);
}

/**
 * validateAndWriteInSlices as ONE slicedTransaction on a connection of its own: readers on
 * the store's connection, served between slices, see the database as it was until the
 * commit and then all of the import (WAL snapshots), never a part of it.
 */
export async function importInSlicesOnOwnConnection(
  o: { dbPath: string; nativeBinding: string | undefined; actor: string; stamp: () => string; pause: () => Promise<void> },
  batch: SlicedBatch,
): Promise<ImportResult> {
  let db: Database.Database;
  try {
    db = openSecondConnection(o.dbPath, o.nativeBinding);
  } catch (e) {
    throw toStoreError(e, o.dbPath);
  }
  try {
    const audit = new AuditLog(db, o.actor);
    const units = new UnitTable(db, audit);
    const tables = { units, projects: new ProjectTable(db, audit, units), deptTargets: new DeptTargetTable(db, audit, units) };
    return await validateAndWriteInSlices(tables, batch, o.stamp, { pause: o.pause, write: (fn) => slicedTransaction(db, fn, slicedCommit(o.dbPath, o.nativeBinding)) });
  } finally {
    db.close();
  }
}
