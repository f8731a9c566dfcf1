// The review loop through the services with two real SQLite files (unit and receiver):
// submit → review with comments on a field and an indicator row → 退回 → import on the
// unit's side → answer → resubmit → the receiver sees the answers → 通过.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { saveFiling } from '../../electron/services/filing-edit.ts';
import { submitToFolder } from '../../electron/services/submit.ts';
import { importPackageFile } from '../../electron/handover/receive.ts';
import { addComment, findingsToComments, setTableReview, setUnitYearReview, tableReviewOf, unitYearReview, writeReturn } from '../../electron/services/review.ts';
import { answerComment, describeHistory, importReturn, tableComments, tableHistory } from '../../electron/services/review-return.ts';
import { indicatorPath } from '../../shared/model/field-path.ts';
import type { FilingStore } from '../../electron/store/store.ts';
import { tempDirs } from '../handover/helpers.ts';
import { twoSides, decideDept } from './review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('the review loop over USB', () => {
  it('goes round submit → review → return → answer → resubmit → pass, with history on both sides', async () => {
    const { unit, recv, stick, unitCode, year, close } = await twoSides(dirs.make());
    try {
      const sub1 = await submitToFolder(unit, { unitCode, year, outDir: stick, book: null });
      await importPackageFile(recv, sub1.path, { noBackup: true });
      const tables = recv.projectsOfUnitYear(unitCode, year);
      expect(tables.length).toBeGreaterThan(1);
      const [t1, t2] = tables as [(typeof tables)[0], (typeof tables)[0]];
      const row = t1.periods.annual!.indicators[1]!;

      // Pre-filled from the estimate, not stored until saved.
      const pre = tableReviewOf(recv, t1.id);
      expect(pre).toMatchObject({ stored: false, verdict: null, grade: pre.estimate!.grade });
      const c1 = addComment(recv, { projectId: t1.id, path: 'fundUse', text: '资金用途过于笼统<script>', author: '张审核' });
      const c2 = addComment(recv, { projectId: t1.id, path: indicatorPath('annual', 1, 'value'), text: '指标值应量化', author: '张审核' });
      expect(c2.path).toBe(indicatorPath('annual', { id: row.id }, 'value'));
      const c3 = addComment(recv, { projectId: t1.id, text: '请补充绩效目标依据', author: '张审核' });
      expect(() => addComment(recv, { projectId: t1.id, path: 'nothere', text: 'x', author: '张审核' })).toThrow(/在该表中不存在/);
      expect(() => addComment(recv, { projectId: t1.id, path: '', text: '  ', author: '张审核' })).toThrow(/意见不能为空/);
      const fromAudit = findingsToComments(recv, t2.id, '张审核');
      expect(findingsToComments(recv, t2.id, '张审核')).toEqual([]); // once per finding
      // A comment is pinned to its table: its text does not name the table again (「name」第 N 张表).
      expect(fromAudit.length).toBeGreaterThan(0);
      for (const c of fromAudit) expect(c.text).not.toContain(`」第 ${t2.seq} 张表`);

      await expect(writeReturn(recv, unitCode, year, stick, '张审核')).rejects.toThrow(/还有 \d+ 张表没有审核结论/);
      setTableReview(recv, { projectId: t1.id, grade: '中', criteria: { 完整性: '依据不全', 可行性: '可行' }, verdict: 'return', reviewer: '张审核' });
      for (const t of tables.slice(1)) setTableReview(recv, { projectId: t.id, verdict: 'pass', reviewer: '张审核' });
      decideDept(recv, unitCode, year);
      const saved = tableReviewOf(recv, t2.id);
      expect(saved).toMatchObject({ stored: true, grade: pre.estimate ? expect.any(String) : null, estimate: expect.any(Object), reviewer: '张审核' });
      setUnitYearReview(recv, { unitCode, year, grade: '良', opinion: '总体较好', reviewer: '张审核' });
      const ret1 = await writeReturn(recv, unitCode, year, stick, '张审核');
      expect(ret1.returnNo).toBe(1);

      // Unit side.
      const bytes1 = new Uint8Array(fs.readFileSync(ret1.path));
      const imp = importReturn(unit, bytes1);
      expect(imp).toMatchObject({ returnNo: 1, submissionNo: 1, returned: 1, approved: tables.length - 1, unchanged: [] });
      expect(unit.getProject(t1.id)!.status).toBe('returned');
      expect(unit.getProject(t2.id)!.status).toBe('approved');
      expect(() => importReturn(unit, bytes1)).toThrow('这个退回包已经导入过了');
      const mine = tableComments(unit, t1.id)!;
      expect(mine).toMatchObject({ verdictLabel: '退回修改', grade: '中', criteria: { 完整性: '依据不全' } });
      expect(mine.comments.map((c) => [c.path, c.text, c.handled])).toEqual([
        ['fundUse', '资金用途过于笼统<script>', false],
        [c2.path, '指标值应量化', false],
        ['', '请补充绩效目标依据', false],
      ]);
      expect(tableComments(unit, t2.id)!.comments).toHaveLength(fromAudit.length);

      // Fix two, answer the third with a 说明.
      const rec = unit.getProjectRecord(t1.id)!;
      const fixed = structuredClone(rec.filing);
      fixed.fundUse = `${fixed.fundUse}（用于设备购置）`;
      fixed.periods.annual!.indicators[1]!.value = '≥95%';
      saveFiling(unit, rec, fixed, rec.revision, { force: true });
      expect(() => answerComment(unit, { projectId: t1.id, commentId: c3.id, handled: false })).toThrow('没有按意见修改的，请填写说明');
      answerComment(unit, { projectId: t1.id, commentId: c1.id, handled: true });
      answerComment(unit, { projectId: t1.id, commentId: c2.id, handled: true });
      answerComment(unit, { projectId: t1.id, commentId: c3.id, handled: false, note: '依据已在附件中说明' });
      expect(tableComments(unit, t1.id)!.comments.map((c) => [c.handled, c.note])).toEqual([
        [true, ''],
        [true, ''],
        [false, '依据已在附件中说明'],
      ]);

      const sub2 = await submitToFolder(unit, { unitCode, year, outDir: stick, book: null });
      expect(sub2.submissionNo).toBe(2);
      expect(unit.getProject(t2.id)!.status).toBe('approved');
      await importPackageFile(recv, sub2.path, { noBackup: true });
      const seen = unitYearReview(recv, unitCode, year);
      expect(seen.submissionNo).toBe(2);
      const seen1 = seen.tables.find((t) => t.projectId === t1.id)!;
      expect(seen1.comments.map((c) => [c.text, c.answer?.handled, c.answer?.note])).toEqual([
        ['资金用途过于笼统<script>', true, ''],
        ['指标值应量化', true, ''],
        ['请补充绩效目标依据', false, '依据已在附件中说明'],
      ]);
      // The comment on the indicator row still points at the row (by id) in the new submission.
      expect(recv.getProject(t1.id)!.periods.annual!.indicators.find((r) => r.id === row.id)!.value).toBe('≥95%');

      // A decision on the previous version must be confirmed again.
      await expect(writeReturn(recv, unitCode, year, stick, '张审核')).rejects.toThrow(/上一个报送版本/);
      for (const t of tables) setTableReview(recv, { projectId: t.id, verdict: 'pass', reviewer: '张审核' });
      const ret2 = await writeReturn(recv, unitCode, year, stick, '张审核');
      expect(ret2.returnNo).toBe(2);
      expect(importReturn(unit, new Uint8Array(fs.readFileSync(ret2.path)))).toMatchObject({ returnNo: 2, submissionNo: 2, approved: 1 });
      expect(unit.projectsOfUnitYear(unitCode, year).every((p) => p.status === 'approved')).toBe(true);
      // The second return carries the same comments: the unit's answers to them are kept, not asked again.
      expect(tableComments(unit, t1.id)!.comments.map((c) => [c.handled, c.note])).toEqual([
        [true, ''],
        [true, ''],
        [false, '依据已在附件中说明'],
      ]);
      // Replay of the first return after the newer one.
      expect(() => importReturn(unit, bytes1)).toThrow('这个退回包已经导入过了');

      const labels = (s: FilingStore) => tableHistory(s, t1.id).map((e) => e.label);
      expect(labels(unit)).toEqual(['提交 1', '退回', '提交 2', '通过']);
      expect(labels(recv)).toEqual(['提交 1', '退回', '提交 2', '通过']);
      expect(tableHistory(unit, t1.id).map((e) => e.sha256)).toEqual([sub1.sha256, ret1.sha256, sub2.sha256, ret2.sha256]);
      expect(describeHistory(tableHistory(unit, t1.id))).toMatch(/^提交 1（\d{4}-\d\d-\d\d，[0-9a-f]{12}） → 退回（.+） → 提交 2（.+） → 通过（.+）$/);
    } finally {
      close();
    }
  });
});
