// The unit's side of "what changed" with two real SQLite files: a table between two of the
// unit's own submissions (from the versions submitted_versions keeps), each change with the
// returned comments it answers and the unit's answers; the same changes the receiver sees;
// any two kept submissions by number; a version no longer kept is said, not guessed.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { saveFiling } from '../../electron/services/filing-edit.ts';
import { submitToFolder } from '../../electron/services/submit.ts';
import { importPackageFile } from '../../electron/handover/receive.ts';
import { addComment, setTableReview, writeReturn } from '../../electron/services/review.ts';
import { answerComment, importReturn } from '../../electron/services/review-return.ts';
import { tableDiff, unitTableDiff } from '../../electron/services/review-views.ts';
import { KEEP_SUBMISSIONS } from '../../electron/store/submissions.ts';
import { indicatorPath } from '../../shared/model/field-path.ts';
import { newProjectId, newRowId } from '../../shared/model/ids.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import type { FilingStore } from '../../electron/store/store.ts';
import { tempDirs } from '../handover/helpers.ts';
import { decideDept, twoSides } from './review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

function edit(store: FilingStore, id: string, change: (f: ProjectFiling) => void): void {
  const rec = store.getProjectRecord(id)!;
  const next = structuredClone(rec.filing);
  change(next);
  saveFiling(store, rec, next, rec.revision, { force: true });
}

describe('the unit sees what changed between its own submissions', () => {
  it('per table and field, with the returned comments each change answers', async () => {
    const s = await twoSides(dirs.make());
    const { unit, recv, stick, unitCode, year } = s;
    const submit = () => submitToFolder(unit, { unitCode, year, outDir: stick, book: null });
    try {
      const [t1, t2] = unit.projectsOfUnitYear(unitCode, year);
      const id = t1!.id;
      expect(unitTableDiff(unit, id)).toBeNull();

      const sub1 = await submit();
      const only = unitTableDiff(unit, id)!;
      expect(only).toMatchObject({ from: null, to: { submissionNo: 1, sha256: sub1.sha256 }, added: false, changes: [], about: null });
      expect(only.choices).toEqual([{ submissionNo: 1, sha256: sub1.sha256, at: expect.any(String), kept: true }]);

      // The office comments on a field, an indicator row and the table, and returns.
      await importPackageFile(recv, sub1.path, { noBackup: true });
      const c1 = addComment(recv, { projectId: id, path: 'fundUse', text: '资金用途请细化', author: '张审核' });
      const c2 = addComment(recv, { projectId: id, path: indicatorPath('annual', 0), text: '指标值应量化', author: '张审核' });
      const c3 = addComment(recv, { projectId: id, text: '请补充依据', author: '张审核' });
      for (const t of recv.projectsOfUnitYear(unitCode, year)) setTableReview(recv, { projectId: t.id, verdict: t.id === id ? 'return' : 'pass', reviewer: '张审核' });
      decideDept(recv, unitCode, year);
      const ret = await writeReturn(recv, unitCode, year, stick, '张审核');
      importReturn(unit, new Uint8Array(fs.readFileSync(ret.path)));

      // The unit fixes two, explains the third, resubmits.
      const row = unit.getProject(id)!.periods.annual!.indicators[0]!;
      edit(unit, id, (f) => {
        f.fundUse = '用于信息系统运维';
        f.periods.annual!.indicators[0]!.value = '≥98%';
      });
      answerComment(unit, { projectId: id, commentId: c1.id, handled: true });
      answerComment(unit, { projectId: id, commentId: c2.id, handled: true });
      answerComment(unit, { projectId: id, commentId: c3.id, handled: false, note: '依据见附件' });
      const sub2 = await submit();

      const d = unitTableDiff(unit, id)!;
      expect(d.from).toEqual({ submissionNo: 1, sha256: sub1.sha256, at: expect.any(String) });
      expect(d.to).toEqual({ submissionNo: 2, sha256: sub2.sha256, at: expect.any(String) });
      // Status and changed-since-submission are the unit's bookkeeping: left out.
      expect(d.changes.map((c) => [c.label, c.old, c.new, c.comments])).toEqual([
        ['资金用途', t1!.fundUse, '用于信息系统运维', [c1.id]],
        [`指标“${row.name}”的指标值`, row.value, '≥98%', [c2.id]],
      ]);
      expect(d.about!.returnNo).toBe(1);
      expect(d.about!.comments.map((c) => [c.id, c.handled, c.note])).toEqual([
        [c1.id, true, ''],
        [c2.id, true, ''],
        [c3.id, false, '依据见附件'],
      ]);
      // The same changes the receiver sees once it has the resubmission.
      await importPackageFile(recv, sub2.path, { noBackup: true });
      expect(tableDiff(recv, id).changes).toEqual(d.changes);
      expect(() => unitTableDiff(recv, id)).toThrow('这是接收的表');
      // A table not touched: no change, no return about it needed.
      expect(unitTableDiff(unit, t2!.id)).toMatchObject({ changes: [], about: { returnNo: 1, comments: [] } });

      // Any two kept submissions, by number; the older must come first.
      edit(unit, id, (f) => void (f.fundUse = '用于信息系统运维和设备购置'));
      await submit();
      expect(unitTableDiff(unit, id)!.changes.map((c) => [c.old, c.new])).toEqual([['用于信息系统运维', '用于信息系统运维和设备购置']]);
      const wide = unitTableDiff(unit, id, { from: 1, to: 3 })!;
      expect(wide.changes.map((c) => c.new)).toEqual(['用于信息系统运维和设备购置', '≥98%']);
      expect(wide.about!.returnNo).toBe(1);
      expect(() => unitTableDiff(unit, id, { from: 3, to: 2 })).toThrow('比较的起点（第 3 次）应早于终点（第 2 次）');
      expect(() => unitTableDiff(unit, id, { from: 9 })).toThrow('第 9 次报送中没有这张表');

      // Bounded: only the last submissions are kept (none passed this table); an older one is said to be gone.
      for (let i = 0; i < KEEP_SUBMISSIONS; i++) {
        edit(unit, id, (f) => void (f.fundUse = `第 ${i} 次修改`));
        await submit();
      }
      const late = unitTableDiff(unit, id, { from: 2 })!;
      expect(late.choices!.map((c) => c.kept)).toEqual([false, false, false, true, true, true]);
      expect(late).toMatchObject({ changes: [], note: `第 2 次报送的内容未保留（只保留最近 ${KEEP_SUBMISSIONS} 次报送和已通过的版本），不能比较` });
      expect(unitTableDiff(unit, id)!.changes.map((c) => c.new)).toEqual([`第 ${KEEP_SUBMISSIONS - 1} 次修改`]);

      // A table first submitted now: said to be new, nothing to compare.
      const copy = structuredClone(unit.getProject(t2!.id)!);
      for (const period of Object.values(copy.periods)) for (const r of period?.indicators ?? []) r.id = newRowId();
      const added = unit.createProject({ ...copy, id: newProjectId(), seq: 0, name: '新增项目', projectCode: copy.projectCode.replace(/\d{3}$/, '999'), status: 'draft' });
      const last = await submit();
      expect(unitTableDiff(unit, added.id)).toMatchObject({ from: null, to: { submissionNo: last.submissionNo }, added: true, changes: [] });
    } finally {
      s.close();
    }
  }, 120_000);
});
