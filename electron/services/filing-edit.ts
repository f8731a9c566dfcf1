// Changes to one project table, the same for every host (IPC, web host, CLI): a save, a
// 说明, an accepted fix, confirmed carried-over values and the user's status change. The
// filing rules live here once: id, unit and year stay; the revision must be the stored one;
// a changed 已审核 / 已报送 / 已通过 table needs confirmation (force) and becomes a 草稿;
// carried-over marks of changed values are cleared.
import { ackMarks, pruneCarried } from '../../shared/api/carried-over.ts';
import type { FilingStatus, ProjectFiling, ProjectFilingInput } from '../../shared/model/filing.ts';
import { applyFix, validateProject, type AuditContext, type Finding, type Fix } from '../../shared/rules/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { sameEdit } from '../../shared/model/content.ts';
import { isStoreError } from '../store/errors.ts';
import type { FilingStore, StoredProject } from '../store/store.ts';
import { projectAuditContext } from './audit-context.ts';
import { ruleConfigOf } from './unit-year-settings.ts';
import { ServiceError, requireRecord } from './service-error.ts';
import { statusAfterEdit, withUserStatus, type EditOptions } from './status.ts';

export interface SavedFiling {
  filing: ProjectFiling;
  revision: number;
}

/** 审核 of one table with a context given by the caller (none: the filing alone). */
export function checkProject(filing: ProjectFiling, context?: AuditContext): Finding[] {
  const t = getTemplate(filing.templateId);
  if (!t) throw new ServiceError(`未知的模板“${filing.templateId}”`, 'INVALID');
  return validateProject(filing, t, context ? { context, config: ruleConfigOf(context.settings?.ruleProfile) } : {});
}

/** 审核 of one table as stored, with its context (siblings, last year …). */
export function auditProject(store: FilingStore, filing: ProjectFiling): Finding[] {
  return checkProject(filing, projectAuditContext(store, filing));
}

const tableName = (f: ProjectFiling) => (f.name.trim() ? `“${f.name.trim()}”` : '');

export function conflictError(f: ProjectFiling): ServiceError {
  return new ServiceError(
    `项目表${tableName(f)}已在别处被修改（可能在另一个窗口中），您这次的修改没有保存。请重新载入该表，再重新修改。`,
    'CONFLICT',
  );
}

function savedOf(store: FilingStore, id: string): SavedFiling {
  const rec = requireRecord(store, id);
  return { filing: rec.filing, revision: rec.revision };
}

/** Writes `next` over the stored revision; a concurrent save is a CONFLICT in the user's words. */
function write(store: FilingStore, prev: StoredProject, next: ProjectFilingInput): SavedFiling {
  try {
    store.updateProject(next, prev.revision);
  } catch (e) {
    if (isStoreError(e, 'CONFLICT')) throw conflictError(prev.filing);
    throw e;
  }
  return savedOf(store, prev.filing.id);
}

/**
 * Saves a changed filing over `prev`: id, unit and year stay as stored, and the position;
 * the status changes only through setStatus, except that an edit (content or 说明) is
 * confirmed first and makes the table a 草稿 (see statusAfterEdit).
 */
export function saveFiling(store: FilingStore, prev: StoredProject, input: ProjectFiling, expectedRevision: number, opts: EditOptions = {}): SavedFiling {
  const old = prev.filing;
  if (input.id !== old.id) throw new ServiceError('项目标识不能修改', 'INVALID');
  if (input.unitCode !== old.unitCode || input.year !== old.year) {
    throw new ServiceError('不能通过保存改变项目表所属的单位或年度', 'INVALID');
  }
  if (prev.revision !== expectedRevision) throw conflictError(old);
  // Before the status question: a received table cannot be edited at all (the store refuses too).
  if (store.received.isReceivedProject(old.id)) throw new ServiceError('这是从报送包接收的数据，只读，不能修改', 'READ_ONLY');
  const edited = !sameEdit(input, old);
  const status = edited ? statusAfterEdit(old, opts) : { status: old.status, changedSinceSubmission: old.changedSinceSubmission };
  return write(store, prev, { ...input, seq: old.seq, ...status, carriedOver: pruneCarried(old, input) });
}

/** Stores the 说明 for a warning; an empty text removes it. */
export function explainFinding(store: FilingStore, id: string, key: string, text: string, opts: EditOptions = {}): SavedFiling {
  const prev = requireRecord(store, id);
  const p = prev.filing;
  const f = auditProject(store, p).find((x) => x.key === key);
  if (!f) throw new ServiceError(`项目中没有审核项“${key}”`, 'NOT_FOUND');
  if (f.severity !== 'warning' && !f.explainable) throw new ServiceError('只有警告需要填写说明；错误必须改正', 'INVALID');
  const explanations = p.explanations.filter((e) => e.key !== key);
  const trimmed = text.trim();
  if (trimmed) explanations.push({ key, text: trimmed });
  return saveFiling(store, prev, { ...p, explanations }, prev.revision, opts);
}

/** Applies a fix the 审核 suggested (the user accepted it) to the stored revision. */
export function applyFixTo(store: FilingStore, id: string, fix: Fix, expectedRevision: number, opts: EditOptions = {}): SavedFiling {
  const prev = requireRecord(store, id);
  if (prev.revision !== expectedRevision) throw conflictError(prev.filing);
  let next: ProjectFiling;
  try {
    next = applyFix(prev.filing, { description: fix.description, patch: { ...fix.patch } });
  } catch (e) {
    const msg = e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : '该建议已不再适用，请重新审核';
    throw new ServiceError(msg, 'STALE_FIX');
  }
  return saveFiling(store, prev, next, expectedRevision, opts);
}

/** Applies the fix of the finding `key` as the 审核 computes it now (the CLI's `fix`). */
export function applySuggestedFix(store: FilingStore, id: string, key: string, opts: EditOptions = {}): SavedFiling {
  const prev = requireRecord(store, id);
  const f = auditProject(store, prev.filing).find((x) => x.key === key);
  if (!f) throw new ServiceError(`项目中没有审核项“${key}”（可能已经改正）`, 'NOT_FOUND');
  if (!f.fix) throw new ServiceError('这一项没有可自动采纳的修改建议，请手工修改', 'INVALID');
  return applyFixTo(store, id, f.fix, prev.revision, opts);
}

/** Confirms carried-over values (the given paths, or all): their marks go, nothing else changes. */
export function ackCarried(store: FilingStore, id: string, paths: readonly string[] | 'all', expectedRevision?: number): SavedFiling {
  const prev = requireRecord(store, id);
  if (expectedRevision !== undefined && prev.revision !== expectedRevision) throw conflictError(prev.filing);
  const carriedOver = ackMarks(prev.filing.carriedOver, paths);
  if (carriedOver.length === prev.filing.carriedOver.length) return { filing: prev.filing, revision: prev.revision };
  return write(store, prev, { ...prev.filing, carriedOver });
}

/** The user's status change (draft ⇄ 已审核): refused unless the status machine allows it and the table is ready. */
export function setStatus(store: FilingStore, id: string, status: FilingStatus): SavedFiling {
  const prev = requireRecord(store, id);
  const next = withUserStatus(prev.filing, auditProject(store, prev.filing), status);
  if (next === prev.filing) return { filing: prev.filing, revision: prev.revision };
  return write(store, prev, next);
}
