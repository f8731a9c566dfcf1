// What every handler area gets, and the helpers they share: reading a project or failing
// with a Chinese NOT_FOUND, and the one way a changed filing is saved.
import { ApiError, type ApiName, type Handlers, type SavedProject } from '../../shared/api/contract.ts';
import { pruneCarried } from '../../shared/api/carried-over.ts';
import type { ProjectFiling, ProjectFilingInput } from '../../shared/model/filing.ts';
import type { FilingStore, StoredProject } from '../store/store.ts';
import { isStoreError } from '../store/errors.ts';
import type { JobRunner } from '../jobs/job-runner.ts';

export interface HandlerContext {
  store: FilingStore;
  mode: 'electron' | 'browser';
  /** The database file (shown in 关于 / settings). */
  dataPath: string;
  jobs: JobRunner;
  /** Internal errors and notable events (default: console.error). */
  log?: (msg: string, err?: unknown) => void;
}

/** The handlers of one area: every call named `<area>.…`. */
export type AreaHandlers<A extends string> = { [N in Extract<ApiName, `${A}.${string}`>]: Handlers[N] };

export { newProjectId, newRowId } from '../../shared/model/ids.ts';

export function requireRecord(store: FilingStore, id: string): StoredProject {
  const rec = store.getProjectRecord(id);
  if (!rec) throw new ApiError('NOT_FOUND', '该项目表不存在（可能已被删除），请刷新列表');
  return rec;
}

export function saved(store: FilingStore, id: string): SavedProject {
  const rec = requireRecord(store, id);
  return { filing: rec.filing, revision: rec.revision };
}

const tableName = (f: ProjectFiling) => (f.name.trim() ? `“${f.name.trim()}”` : '');

export function conflictError(f: ProjectFiling): ApiError {
  return new ApiError(
    'CONFLICT',
    `项目表${tableName(f)}已在别处被修改（可能在另一个窗口中），您这次的修改没有保存。请重新载入该表，再重新修改。`,
  );
}

/** Everything but bookkeeping: what decides whether the content was changed. */
function content(f: ProjectFiling): string {
  const { status: _s, seq: _q, carriedOver: _c, explanations: _e, ...rest } = f;
  return JSON.stringify(rest);
}

/**
 * Saves a changed filing over `prev`: id, unit, year and position stay as stored;
 * the status only via setStatus, except that changed content makes an 已审核 / 已上报
 * table a 草稿 again; carried-over marks of changed values are cleared.
 */
export function saveFiling(store: FilingStore, prev: StoredProject, input: ProjectFiling, expectedRevision: number): SavedProject {
  const old = prev.filing;
  if (input.id !== old.id) throw new ApiError('INVALID', '项目标识不能修改');
  if (input.unitCode !== old.unitCode || input.year !== old.year) {
    throw new ApiError('INVALID', '不能通过保存改变项目表所属的单位或年度');
  }
  if (prev.revision !== expectedRevision) throw conflictError(old);
  const changed = content(input) !== content(old);
  const next: ProjectFilingInput = {
    ...input,
    seq: old.seq,
    status: changed ? 'draft' : old.status,
    carriedOver: pruneCarried(old, input),
  };
  try {
    store.updateProject(next, expectedRevision);
  } catch (e) {
    if (isStoreError(e, 'CONFLICT')) throw conflictError(old);
    throw e;
  }
  return saved(store, old.id);
}
