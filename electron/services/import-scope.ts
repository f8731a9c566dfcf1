// Identity scoping for imports (issue 11): a project id or a 示例 flag that came from a file
// never reaches outside the unit-year the file is imported into.
// - A project id stored here under another unit or year, or in received data, is never moved
//   or replaced: the project is imported as a new one with a new id (a note says so).
// - A 示例 flag in a file is honoured only for a unit code that is not an own unit here
//   (so a full export still moves to a new PC, but a file cannot make an own unit 示例).
// The store's importBatch replaces by id; these functions map ids before calling it.
import type { FilingStore } from '../store/store.ts';
import { newProjectId } from '../../shared/model/ids.ts';
import type { ProjectFilingInput, Unit } from '../../shared/model/filing.ts';

export interface Scoped<T> {
  items: T[];
  /** Chinese notes: what was changed and why. */
  notes: string[];
}

type ProjectLike = Pick<ProjectFilingInput, 'id' | 'name' | 'unitCode' | 'year'>;

/** The automatic backup taken before every import (reason `pre-import` in its file name). */
export async function backupBeforeImport(store: FilingStore): Promise<void> {
  await store.backupNow('pre-import');
}

/**
 * Projects as they may be stored: each keeps its id only when that id is new here or
 * belongs to an own (not received) project of the same unit and year.
 */
export function scopeProjectIds<P extends ProjectLike>(store: FilingStore, projects: readonly P[]): Scoped<P> {
  const received = store.received;
  const homes = received.projectHomes(projects.map((p) => p.id));
  const notes: string[] = [];
  const items = projects.map((p) => {
    const home = homes.get(p.id);
    if (!home) return p;
    const same = home.unitCode === p.unitCode && home.year === p.year;
    if (same && !received.isReceivedProject(p.id)) return p;
    const where = same ? '接收的报送数据' : `单位 ${home.unitCode} ${home.year} 年度`;
    notes.push(`项目“${p.name || p.id}”的标识在本机属于${where}，已作为新项目导入（原项目不变）`);
    return { ...p, id: newProjectId() };
  });
  return { items, notes };
}

/** Units as they may be stored: a 示例 flag never lands on an own unit of this database. */
export function scopeUnits<U extends Pick<Unit, 'code' | 'sample'>>(store: FilingStore, units: readonly U[]): Scoped<U> {
  const notes: string[] = [];
  const items = units.map((u) => {
    if (!u.sample) return u;
    const here = store.getUnit(u.code);
    if (!here || here.sample) return u;
    notes.push(`文件把本机自己的单位 ${u.code}${here.name}标为“示例”，已忽略该标记（该单位仍是本机的单位）`);
    return { ...u, sample: false };
  });
  return { items, notes };
}

/**
 * Filings read from a file made for `fileScope` (unit and year recorded in it) and imported
 * into another unit-year: new projects with new ids, never a move. Returns the note.
 */
export function renewIdsForOtherUnitYear<P extends { id: string }>(
  projects: P[],
  fileScope: { unitCode: string; year: number } | null,
  target: { unitCode: string; year: number },
): string | null {
  if (!fileScope || (fileScope.unitCode === target.unitCode && fileScope.year === target.year)) return null;
  for (const p of projects) p.id = newProjectId();
  return `文件是单位 ${fileScope.unitCode} ${fileScope.year} 年度的，现导入到单位 ${target.unitCode} ${target.year} 年度：全部作为新项目导入（新标识），原年度的项目不变`;
}
