// Imports of files from outside (Word, spreadsheets), remembered by the file's SHA-256: the
// same file again is recognised (a note in the preview, nothing stored twice while what it
// stored is still there), and an import can be undone in one action (撤销导入): the
// projects it added are removed, those it replaced put back as they were, the 部门整体绩效目标
// it wrote restored, units it created removed, in one transaction, provided nobody changed
// them since. One import may cover several unit-years (a 主管部门 book split by its units).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { DeptTarget, ProjectFiling, ProjectFilingInput } from '../../shared/model/filing.ts';
import { deptTargetSchema, projectFilingSchema } from '../../shared/model/filing.ts';
import type { FilingStore } from '../store/store.ts';
import { UserError } from '../user-error.ts';
import { warmCheckCounts } from './check-counts.ts';

const scopeSchema = z.object({ unitCode: z.string(), year: z.number().int() });
const recordSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().max(300),
  /** The first unit-year (records before multi-unit imports have only this one). */
  unitCode: z.string(),
  year: z.number().int(),
  at: z.string(),
  /** Every project stored, with its revision right after the import. */
  stored: z.array(z.object({ id: z.string(), revision: z.number().int() })),
  /** Projects the import replaced, as they were before. */
  replaced: z.array(projectFilingSchema),
  /** Every unit-year the import wrote to. */
  scopes: z.array(scopeSchema).optional(),
  /** Units the import created (after the user confirmed them). */
  createdUnits: z.array(z.string()).optional(),
  /** 部门整体绩效目标 written: what was there before, and the target as written. */
  dept: z.array(z.object({ unitCode: z.string(), year: z.number().int(), before: deptTargetSchema.nullable(), after: z.string() })).optional(),
  /** The year printed on the file, when it went into another year as a marked copy. */
  carriedFrom: z.number().int().optional(),
});
export type FileImportRecord = z.infer<typeof recordSchema>;
type Scope = z.infer<typeof scopeSchema>;

const fileKey = (sha: string) => `imported-file:${sha}`;
const listKey = (unitCode: string, year: number) => `imports:${unitCode}:${year}`;
const scopesOf = (r: FileImportRecord): Scope[] => r.scopes ?? [{ unitCode: r.unitCode, year: r.year }];

export const fileSha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function readRecord(store: FilingStore, sha: string): FileImportRecord | null {
  const raw = store.getSetting(fileKey(sha));
  if (!raw) return null;
  try {
    const r = recordSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The earlier import of these bytes whose projects (or target) are still (some of them) here, or null. */
export function importedBefore(store: FilingStore, bytes: Uint8Array): FileImportRecord | null {
  const r = readRecord(store, fileSha256(bytes));
  if (!r) return null;
  const scopes = scopesOf(r);
  const here = r.stored.some((s) => {
    const p = store.getProject(s.id);
    return p !== null && scopes.some((x) => x.unitCode === p.unitCode && x.year === p.year);
  });
  return here || (r.dept ?? []).some((d) => store.getDeptTarget(d.unitCode, d.year)) ? r : null;
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const scopeText = (r: FileImportRecord) =>
  scopesOf(r)
    .map((s) => `${s.unitCode} ${s.year} 年度`)
    .join('、');

/**
 * The preview's note for a file imported before. Into another year than that import's (last
 * year's file for the new year): it points to 复制上年, not to undoing (which would delete
 * the tables of that year).
 */
export function importedBeforeNote(r: FileImportRecord, year?: number): string {
  const head = `这个文件已于 ${when(r.at)} 导入到单位 ${scopeText(r)}（${r.stored.length} 张项目表，文件名“${r.fileName}”），不会重复导入`;
  const years = [...new Set(scopesOf(r).map((s) => s.year))];
  if (year === undefined || years.includes(year)) return `${head}；如需重新导入，请先撤销那次导入`;
  const from = years.join('、');
  return `${head}。要在 ${year} 年度使用这些表，请在 ${year} 年度用“复制上年”从 ${from} 年度复制（复制的内容标为上年结转，报送前逐项确认）；不要为此撤销那次导入，撤销会删除 ${from} 年度导入的表`;
}

export interface FileImportWrite {
  bytes: Uint8Array;
  fileName: string;
  unitCode: string;
  year: number;
  projects: readonly ProjectFilingInput[];
}

/**
 * Stores what was read from a file and remembers the import, in one transaction (the
 * caller's `write` runs inside it). Refused when the same file was imported before and
 * what it stored is still here.
 */
export function storeFileImport(
  store: FilingStore,
  input: FileImportWrite & { scopes?: Scope[]; createUnits?: () => string[]; dept?: readonly DeptTarget[]; carriedFrom?: number },
  write: (projects: readonly ProjectFilingInput[]) => { projects: number; stored: readonly string[] },
): { projects: number; deptTargets: number } {
  const before = importedBefore(store, input.bytes);
  if (before) throw new UserError(importedBeforeNote(before, input.year), 'DUPLICATE');
  const sha = fileSha256(input.bytes);
  const scopes = input.scopes ?? [{ unitCode: input.unitCode, year: input.year }];
  return store.transaction(() => {
    const createdUnits = input.createUnits?.() ?? [];
    const replaced = input.projects.flatMap((p) => {
      const old = store.getProject(p.id);
      return old ? [old] : [];
    });
    const r = write(input.projects);
    const dept = (input.dept ?? []).map((d) => {
      const prior = store.getDeptTarget(d.unitCode, d.year);
      store.putDeptTarget(d);
      return { unitCode: d.unitCode, year: d.year, before: prior, after: JSON.stringify(store.getDeptTarget(d.unitCode, d.year)) };
    });
    const stored = r.stored.map((id) => ({ id, revision: store.getProjectRecord(id)?.revision ?? 0 }));
    const record: FileImportRecord = {
      sha256: sha,
      fileName: input.fileName.slice(0, 300),
      unitCode: scopes[0]!.unitCode,
      year: scopes[0]!.year,
      at: new Date().toISOString(),
      stored,
      replaced,
      scopes,
      createdUnits,
      dept,
      ...(input.carriedFrom !== undefined ? { carriedFrom: input.carriedFrom } : {}),
    };
    store.setSetting(fileKey(sha), JSON.stringify(record));
    for (const s of scopes) {
      const list = listOf(store, s.unitCode, s.year).filter((h) => h !== sha);
      store.setSetting(listKey(s.unitCode, s.year), JSON.stringify([...list, sha].slice(-50)));
    }
    store.logEvent('import.file', 'unit', record.unitCode, null, { sha256: sha, fileName: record.fileName, scopes, projects: stored.length, deptTargets: dept.length, ...(record.carriedFrom !== undefined ? { carriedFrom: record.carriedFrom } : {}) });
    // Each table (and target) of another year's file says in its own history where it was copied from.
    if (record.carriedFrom !== undefined) {
      const from = { fileName: record.fileName, sha256: sha, year: record.carriedFrom };
      for (const s of stored) {
        const p = store.getProject(s.id);
        if (p) store.logEvent('import.carried', 'project', s.id, from, { unitCode: p.unitCode, year: p.year });
      }
      for (const d of dept) store.logEvent('import.carried', 'dept_target', `${d.unitCode}/${d.year}`, from, { unitCode: d.unitCode, year: d.year });
    }
    return { projects: r.projects, deptTargets: dept.length };
  });
}

function listOf(store: FilingStore, unitCode: string, year: number): string[] {
  try {
    const v: unknown = JSON.parse(store.getSetting(listKey(unitCode, year)) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The imports of a unit-year that can still be undone, newest first. */
export function recentImports(store: FilingStore, unitCode: string, year: number): FileImportRecord[] {
  return listOf(store, unitCode, year)
    .reverse()
    .flatMap((sha) => {
      const r = readRecord(store, sha);
      return r && scopesOf(r).some((s) => s.unitCode === unitCode && s.year === year) ? [r] : [];
    });
}

/** The last import of a unit-year that can still be undone, or null. */
export function lastImport(store: FilingStore, unitCode: string, year: number): FileImportRecord | null {
  return recentImports(store, unitCode, year)[0] ?? null;
}

/**
 * 撤销导入: removes what an import added (the last one of the unit-year, or the one named by
 * its hash) and puts back what it replaced, over all its unit-years, in one transaction.
 * Refused (nothing changed) when a table or target was edited since.
 */
export function undoLastImport(store: FilingStore, unitCode: string, year: number, sha256?: string): { removed: number; restored: number; fileName: string } {
  const r = sha256 ? recentImports(store, unitCode, year).find((x) => x.sha256 === sha256) ?? null : lastImport(store, unitCode, year);
  if (!r) throw new UserError(`单位 ${unitCode} ${year} 年度没有可以撤销的文件导入`, 'NOT_FOUND');
  const changed = r.stored.filter((s) => {
    const now = store.getProjectRecord(s.id);
    return now !== null && now.revision !== s.revision;
  });
  if (changed.length) {
    const names = changed.map((s) => `“${store.getProject(s.id)?.name ?? s.id}”`).slice(0, 5).join('、');
    throw new UserError(`导入后已修改过 ${changed.length} 张项目表（${names}），不能自动撤销导入；请逐张删除或修改`, 'CONFLICT');
  }
  const deptChanged = (r.dept ?? []).filter((d) => JSON.stringify(store.getDeptTarget(d.unitCode, d.year)) !== d.after);
  if (deptChanged.length) {
    throw new UserError(`导入后已修改过单位 ${deptChanged[0]!.unitCode} ${deptChanged[0]!.year} 年度的部门整体绩效目标，不能自动撤销导入`, 'CONFLICT');
  }
  const restoredIds = new Set(r.replaced.map((p) => p.id));
  const scopes = scopesOf(r);
  const out = store.transaction(() => {
    let removed = 0;
    for (const s of r.stored) {
      if (restoredIds.has(s.id) || !store.getProject(s.id)) continue;
      store.deleteProject(s.id);
      removed++;
    }
    if (r.replaced.length) store.importBatch({ projects: r.replaced as ProjectFiling[] });
    for (const d of r.dept ?? []) {
      if (d.before) store.putDeptTarget(d.before);
      else store.deleteDeptTarget(d.unitCode, d.year);
    }
    // A unit the import created goes again, unless something else is stored under it now.
    for (const code of r.createdUnits ?? []) {
      if (store.getUnit(code) && store.listYears(code).length === 0) store.deleteUnit(code);
    }
    store.setSetting(fileKey(r.sha256), null);
    for (const s of scopes) store.setSetting(listKey(s.unitCode, s.year), JSON.stringify(listOf(store, s.unitCode, s.year).filter((h) => h !== r.sha256)));
    store.logEvent('import.undo', 'unit', unitCode, { sha256: r.sha256, fileName: r.fileName, scopes }, null);
    return { removed, restored: r.replaced.length, fileName: r.fileName };
  });
  warmCheckCounts(store, scopes.filter((s) => store.getUnit(s.unitCode)));
  return out;
}
