// The 部门整体绩效目标 of a unit-year, for every host: a save drops the carried-over marks of
// the texts it changed (pruneMarks, as a project table's save does); 确认 drops marks
// without changing anything else. Received targets are refused by the store (read-only).
import { ackMarks, pruneMarks, resolveDeptMark } from '../../shared/api/carried-over.ts';
import type { DeptTarget } from '../../shared/model/filing.ts';
import type { DeptTargetInput } from '../store/dept-targets.ts';
import type { FilingStore } from '../store/store.ts';
import { requireUnit } from './service-error.ts';
import { refuseReceivedUnit } from './received-unit.ts';

/** Saves the target; `expectedRevision` (0: none yet) is checked in the write (CONFLICT when it changed). */
export function saveDeptTarget(store: FilingStore, input: DeptTargetInput, expectedRevision?: number): DeptTarget & { revision: number } {
  requireUnit(store, input.unitCode);
  refuseReceivedUnit(store, input.unitCode, '填写部门整体绩效目标');
  const prev = store.getDeptTarget(input.unitCode, input.year);
  const next = { ...input, carriedOver: input.carriedOver ?? [] } as DeptTarget;
  const r = store.putDeptTargetRevised({ ...input, carriedOver: prev ? pruneMarks(prev, next, resolveDeptMark) : [] }, expectedRevision);
  return { ...r.target, revision: r.revision };
}

/** Confirms carried-over texts of the target (the given paths, or all). */
export function ackDeptCarried(store: FilingStore, unitCode: string, year: number, paths: readonly string[] | 'all'): (DeptTarget & { revision: number }) | null {
  const got = store.getDeptTargetRevised(unitCode, year);
  if (!got) return null;
  const t = got.target;
  const carriedOver = ackMarks(t.carriedOver, paths);
  if (carriedOver.length === t.carriedOver.length) return { ...t, revision: got.revision };
  const r = store.putDeptTargetRevised({ ...t, carriedOver });
  return { ...r.target, revision: r.revision };
}
