// Imports of files from outside (Word, spreadsheets) into one unit-year, remembered by the
// file's SHA-256: the same file again is recognised (a note in the preview, nothing stored
// twice while what it stored is still there), and the last import of a unit-year can be
// undone in one action (撤销导入): the projects it added are removed and those it replaced
// are put back as they were, in one transaction, provided nobody changed them since.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ProjectFiling, ProjectFilingInput } from '../../shared/model/filing.ts';
import { projectFilingSchema } from '../../shared/model/filing.ts';
import type { FilingStore } from '../store/store.ts';
import { UserError } from '../user-error.ts';
import { warmCheckCounts } from './check-counts.ts';

const recordSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().max(300),
  unitCode: z.string(),
  year: z.number().int(),
  at: z.string(),
  /** Every project stored, with its revision right after the import. */
  stored: z.array(z.object({ id: z.string(), revision: z.number().int() })),
  /** Projects the import replaced, as they were before. */
  replaced: z.array(projectFilingSchema),
});
export type FileImportRecord = z.infer<typeof recordSchema>;

const fileKey = (sha: string) => `imported-file:${sha}`;
const listKey = (unitCode: string, year: number) => `imports:${unitCode}:${year}`;

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

/** The earlier import of these bytes whose projects are still (some of them) here, or null. */
export function importedBefore(store: FilingStore, bytes: Uint8Array): FileImportRecord | null {
  const r = readRecord(store, fileSha256(bytes));
  return r && r.stored.some((s) => store.getProject(s.id)?.unitCode === r.unitCode) ? r : null;
}

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** The preview's note for a file imported before. */
export function importedBeforeNote(r: FileImportRecord): string {
  return `这个文件已于 ${when(r.at)} 导入到单位 ${r.unitCode} ${r.year} 年度（${r.stored.length} 张项目表，文件名“${r.fileName}”），不会重复导入；如需重新导入，请先撤销那次导入`;
}

/**
 * Stores the projects read from a file into one unit-year and remembers the import, in one
 * transaction. Refused when the same file was imported before and its tables are still here.
 */
export function storeFileImport(
  store: FilingStore,
  input: { bytes: Uint8Array; fileName: string; unitCode: string; year: number; projects: readonly ProjectFilingInput[] },
  write: (projects: readonly ProjectFilingInput[]) => { projects: number; stored: readonly string[] },
): { projects: number } {
  const before = importedBefore(store, input.bytes);
  if (before) throw new UserError(importedBeforeNote(before), 'DUPLICATE');
  const sha = fileSha256(input.bytes);
  return store.transaction(() => {
    const replaced = input.projects.flatMap((p) => {
      const old = store.getProject(p.id);
      return old ? [old] : [];
    });
    const r = write(input.projects);
    const stored = r.stored.map((id) => ({ id, revision: store.getProjectRecord(id)?.revision ?? 0 }));
    const record: FileImportRecord = { sha256: sha, fileName: input.fileName.slice(0, 300), unitCode: input.unitCode, year: input.year, at: new Date().toISOString(), stored, replaced };
    store.setSetting(fileKey(sha), JSON.stringify(record));
    const list = listOf(store, input.unitCode, input.year).filter((h) => h !== sha);
    store.setSetting(listKey(input.unitCode, input.year), JSON.stringify([...list, sha].slice(-50)));
    store.logEvent('import.file', 'unit', input.unitCode, null, { sha256: sha, fileName: record.fileName, year: input.year, projects: stored.length });
    return { projects: r.projects };
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

/** The last import of a unit-year that can still be undone, or null. */
export function lastImport(store: FilingStore, unitCode: string, year: number): FileImportRecord | null {
  const list = listOf(store, unitCode, year);
  for (let i = list.length - 1; i >= 0; i--) {
    const r = readRecord(store, list[i]!);
    if (r && r.unitCode === unitCode && r.year === year) return r;
  }
  return null;
}

/**
 * 撤销导入: removes what the last import of the unit-year added and puts back what it
 * replaced, in one transaction. Refused (nothing changed) when a table was edited since.
 */
export function undoLastImport(store: FilingStore, unitCode: string, year: number): { removed: number; restored: number; fileName: string } {
  const r = lastImport(store, unitCode, year);
  if (!r) throw new UserError(`单位 ${unitCode} ${year} 年度没有可以撤销的文件导入`, 'NOT_FOUND');
  const changed = r.stored.filter((s) => {
    const now = store.getProjectRecord(s.id);
    return now !== null && now.revision !== s.revision;
  });
  if (changed.length) {
    const names = changed.map((s) => `“${store.getProject(s.id)?.name ?? s.id}”`).slice(0, 5).join('、');
    throw new UserError(`导入后已修改过 ${changed.length} 张项目表（${names}），不能自动撤销导入；请逐张删除或修改`, 'CONFLICT');
  }
  const restoredIds = new Set(r.replaced.map((p) => p.id));
  const out = store.transaction(() => {
    let removed = 0;
    for (const s of r.stored) {
      if (restoredIds.has(s.id) || !store.getProject(s.id)) continue;
      store.deleteProject(s.id);
      removed++;
    }
    if (r.replaced.length) store.importBatch({ projects: r.replaced as ProjectFiling[] });
    store.setSetting(fileKey(r.sha256), null);
    store.setSetting(listKey(unitCode, year), JSON.stringify(listOf(store, unitCode, year).filter((h) => h !== r.sha256)));
    store.logEvent('import.undo', 'unit', unitCode, { sha256: r.sha256, fileName: r.fileName, year }, null);
    return { removed, restored: r.replaced.length, fileName: r.fileName };
  });
  warmCheckCounts(store, [{ unitCode, year }]);
  return out;
}
