// The 部门整体绩效目标 in the review loop, through the services with two real SQLite files:
// the receiver grades it (three criteria: no 适当性), comments on a field, a 分项 and an
// indicator row, returns it; the unit imports the return, sees and answers the comments,
// fixes it and resubmits; a later unchanged one keeps its 通过 (沿用). Forged returns about a
// 部门整体绩效目标 the unit never submitted, or carrying over a changed one, are refused and
// change nothing stored.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { addComment, buildReturn, findingsToComments, setTableReview, tableReviewOf, unitYearReview, writeReturn } from '../../electron/services/review.ts';
import { answerComment, answersForResubmission, importReturn, tableComments, tableHistory } from '../../electron/services/review-return.ts';
import { reviewSummary, tableDiff } from '../../electron/services/review-views.ts';
import { reviewSheetInput } from '../../electron/services/review-print.ts';
import { saveDeptTarget } from '../../electron/services/dept-edit.ts';
import { DEPT_REVIEW_NAME, deptPinLabel, deptReviewId, indicatorLines } from '../../shared/handover/dept-review.ts';
import { snapshot } from '../store/helpers.ts';
import path from 'node:path';
import { CLEAN, emptyStore, storeWith, tempDirs } from '../handover/helpers.ts';
import { forge, submitReceived, twoSides, type TwoSides } from './review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const passTables = (s: TwoSides) => {
  for (const t of s.recv.projectsOfUnitYear(s.unitCode, s.year)) setTableReview(s.recv, { projectId: t.id, verdict: 'pass', reviewer: '张审核' });
};
const editDept = (s: TwoSides, change: (d: NonNullable<ReturnType<TwoSides['unit']['getDeptTarget']>>) => void) => {
  const d = structuredClone(s.unit.getDeptTarget(s.unitCode, s.year)!);
  change(d);
  saveDeptTarget(s.unit, d);
};

describe('the 部门整体绩效目标 in the review loop', () => {
  it('is graded, commented, returned, answered, resubmitted and then carried over when unchanged', async () => {
    const s = await twoSides(dirs.make());
    const { unit, recv, unitCode, year, stick } = s;
    try {
      // The fixture's target has a 分项 with indicator lines: the loop needs one to point at.
      editDept(s, (d) => (d.items[0] = { ...d.items[0]!, indicators: '参保率≥95%\n\n群众满意度≥90%' }));
      const sub1 = await submitReceived(s);
      const id = deptReviewId(unitCode, year);
      const view = unitYearReview(recv, unitCode, year);
      expect(view.dept).toMatchObject({ projectId: id, name: DEPT_REVIEW_NAME, review: { stored: false, verdict: null } });
      // Estimated by the three criteria it is graded by.
      expect(Object.keys(view.dept!.review.criteriaGrades ?? {}).sort()).toEqual(['可行性', '完整性', '相关性'].sort());

      // 适当性 does not apply; an unknown place is refused; nothing is stored by a refusal.
      expect(() => setTableReview(recv, { projectId: id, criteria: { 适当性: '资金匹配' }, reviewer: '张审核' })).toThrow(/部门整体绩效目标不按适当性审核/);
      expect(() => addComment(recv, { projectId: id, path: 'items[7].goal', text: 'x', author: '张审核' })).toThrow(/在部门整体绩效目标中不存在/);
      expect(() => addComment(recv, { projectId: id, path: 'items[0].indicators[1]', text: 'x', author: '张审核' })).toThrow(/不存在/); // a blank line is no row
      expect(tableReviewOf(recv, id).stored).toBe(false);

      const onOverall = addComment(recv, { projectId: id, path: 'overall', text: '总体目标应与部门职能对应', author: '张审核' });
      const onItem = addComment(recv, { projectId: id, path: 'items[0].goal', text: '分项目标过于笼统', author: '张审核' });
      const onRow = addComment(recv, { projectId: id, path: 'items[0].indicators[2]', text: '满意度指标请说明调查方式', author: '张审核' });
      expect(deptPinLabel(recv.getDeptTarget(unitCode, year), onRow.path)).toMatch(/^分项 1.*的绩效指标第 3 行“群众满意度≥90%”$/);
      findingsToComments(recv, id, '张审核'); // whatever the 审核 found about it (may be none)
      setTableReview(recv, { projectId: id, grade: '中', criteria: { 完整性: '分项目标不完整' }, criteriaGrades: { 完整性: '中' }, verdict: 'return', reviewer: '张审核' });
      // The tables pass; without a decision on the 部门整体绩效目标 no return is written.
      passTables(s);
      expect(reviewSummary(recv, year)[0]).toMatchObject({ dept: 'return', state: 'reviewing' });
      const ret1 = await writeReturn(recv, unitCode, year, stick, '张审核');
      const built = buildReturn(recv, unitCode, year, '张审核');
      expect(built.doc.dept).toMatchObject({ projectId: id, verdict: 'return', grade: '中', criteria: { 完整性: '分项目标不完整' } });
      expect(built.doc.dept!.comments.map((c) => c.id)).toEqual(expect.arrayContaining([onOverall.id, onItem.id, onRow.id]));
      expect(reviewSummary(recv, year)[0]).toMatchObject({ state: 'returned', dept: 'return' });

      // The unit imports it and sees the comments where they point, answers them.
      const imported = importReturn(unit, new Uint8Array(fs.readFileSync(ret1.path)));
      expect(imported).toMatchObject({ returnNo: 1, dept: '退回修改', returned: 0 });
      const seen = tableComments(unit, id)!;
      expect(seen).toMatchObject({ verdict: 'return', verdictLabel: '退回修改', grade: '中', criteria: { 完整性: '分项目标不完整' } });
      expect(seen.comments.map((c) => c.path)).toEqual(expect.arrayContaining(['overall', 'items[0].goal', 'items[0].indicators[2]']));
      answerComment(unit, { projectId: id, commentId: onItem.id, handled: true, note: '' });
      answerComment(unit, { projectId: id, commentId: onRow.id, handled: true, note: '' });
      expect(() => answerComment(unit, { projectId: id, commentId: onOverall.id, handled: false, note: '' })).toThrow(/请填写说明/);
      answerComment(unit, { projectId: id, commentId: onOverall.id, handled: false, note: '总体目标已按三定方案编写' });
      expect(answersForResubmission(unit, unitCode, year).filter((a) => a.projectId === id)).toHaveLength(3);

      // It fixes the 分项 and resubmits: the receiver sees the answers and decides again.
      editDept(s, (d) => (d.items[0] = { ...d.items[0]!, goal: `${d.items[0]!.goal}（2025年参保率达到95%）` }));
      const sub2 = await submitReceived(s);
      const again = unitYearReview(recv, unitCode, year).dept!;
      expect(again.review.packageSha256).toBe(sub1.sha256); // a decision on the earlier one: to confirm
      // What changed since submission 1, text by text, with the comment each change answers.
      const diff = tableDiff(recv, id);
      expect(diff.from?.sha256).toBe(sub1.sha256);
      expect(diff.changes).toEqual([expect.objectContaining({ path: 'items[0].goal', label: expect.stringMatching(/^分项 1.*的绩效目标$/), new: expect.stringMatching(/（2025年参保率达到95%）$/), comments: [onItem.id] })]);
      expect(again.comments.find((c) => c.id === onOverall.id)?.answer).toMatchObject({ handled: false, note: '总体目标已按三定方案编写' });
      expect(reviewSheetInput(recv, unitCode, year).tables[0]).toMatchObject({ name: DEPT_REVIEW_NAME, verdictLabel: '（尚无审核结论）' });
      await expect(writeReturn(recv, unitCode, year, stick, '张审核')).rejects.toThrow(/部门整体绩效目标的审核结论是对上一个报送版本作出的/);
      setTableReview(recv, { projectId: id, grade: '良', criteria: { 完整性: '' }, verdict: 'pass', reviewer: '张审核' });
      const ret2 = await writeReturn(recv, unitCode, year, stick, '张审核');
      expect(importReturn(unit, new Uint8Array(fs.readFileSync(ret2.path)))).toMatchObject({ returnNo: 2, dept: '通过' });
      expect(tableComments(unit, id)).toMatchObject({ verdict: 'pass', returnNo: 2 });

      // A table changes, the 部门整体绩效目标 does not: its 通过 is carried over (沿用), to the sheet, the return and the unit.
      const t = unit.projectsOfUnitYear(unitCode, year)[0]!;
      const rec = unit.getProjectRecord(t.id)!;
      unit.updateProject({ ...rec.filing, fundUse: `${rec.filing.fundUse}。` });
      await submitReceived(s);
      expect(tableReviewOf(recv, id)).toMatchObject({ verdict: 'pass', grade: '良', carried: { submissionNo: 2, packageSha256: sub2.sha256 } });
      expect(reviewSheetInput(recv, unitCode, year).tables[0]).toMatchObject({ verdictLabel: '通过', note: '沿用第 2 次报送的审核结论（部门整体绩效目标未修改）' });
      passTables(s);
      const ret3 = await writeReturn(recv, unitCode, year, stick, '张审核');
      expect(buildReturnDept(ret3.path)).toMatchObject({ verdict: 'pass', carried: { submissionNo: 2 } });
      importReturn(unit, new Uint8Array(fs.readFileSync(ret3.path)));
      expect(tableComments(unit, id)).toMatchObject({ verdict: 'pass', carried: { submissionNo: 2 } });
      expect(tableHistory(unit, id).map((e) => e.label)).toEqual(['提交 1', '退回', '提交 2', '通过', '提交 3', '通过']);
      expect(tableHistory(recv, id).map((e) => e.label)).toEqual(['提交 1', '退回', '提交 2', '通过', '提交 3', '沿用结论', '通过']);
    } finally {
      s.close();
    }
  });

  it('refuses a forged return about a 部门整体绩效目标 never submitted or changed since, and stores nothing', async () => {
    // A unit-year whose layout has no 部门整体绩效目标 (template A): none is packed.
    const dir = dirs.make();
    const [unitCode, year] = CLEAN.A;
    const { store: unit, dbPath: unitDb } = await storeWith(dir, [unitCode], 'unit.sqlite');
    const { store: recv } = await emptyStore(dir, 'receiver.sqlite');
    const stick = path.join(dir, 'stick');
    fs.mkdirSync(stick);
    const a: TwoSides = { unit, recv, unitDb, stick, unitCode, year, close: () => (unit.close(), recv.close()) };
    const b = await twoSides(dirs.make());
    try {
      await submitReceived(a);
      expect(unitYearReview(recv, unitCode, year).dept).toBeNull();
      expect(() => setTableReview(recv, { projectId: deptReviewId(unitCode, year), verdict: 'pass', reviewer: '张审核' })).toThrow(/接收到的报送包中没有部门整体绩效目标/);
      passTables(a);
      const ret = await writeReturn(recv, unitCode, year, stick, '张审核');
      const bytes = new Uint8Array(fs.readFileSync(ret.path));
      expect(buildReturnDept(ret.path)).toBeUndefined();
      const dept = { projectId: deptReviewId(unitCode, year), seq: 0, name: DEPT_REVIEW_NAME, grade: null, criteria: {}, verdict: 'return', comments: [] };
      const before = snapshot(unitDb);
      const cases: Array<[string, Uint8Array, RegExp]> = [
        ['a dept decision for a submission without one', forge(bytes, (d) => (d.dept = dept)), /^退回包中有部门整体绩效目标的审核意见，但本单位第 1 次报送中没有部门整体绩效目标，不能导入$/],
        ['a dept of another unit-year', forge(bytes, (d) => (d.dept = { ...dept, projectId: `dept:${unitCode}:${year + 1}` })), /部门整体绩效目标的标识与单位、年度不符/],
        ['a dept graded by 适当性', forge(bytes, (d) => (d.dept = { ...dept, criteria: { 适当性: '匹配' } })), /部门整体绩效目标不按适当性审核/],
      ];
      for (const [what, x, message] of cases) expect(() => importReturn(unit, x), what).toThrow(message);
      expect(snapshot(unitDb)).toEqual(before);
      expect(importReturn(unit, bytes)).not.toHaveProperty('dept'); // the real one imports

      // Passed on submission 1, changed for submission 2: a 通过 carried over from 1 is refused by the unit's own hashes.
      const id = deptReviewId(b.unitCode, b.year);
      await submitReceived(b);
      passTables(b);
      setTableReview(b.recv, { projectId: id, verdict: 'pass', reviewer: '张审核' });
      importReturn(b.unit, new Uint8Array(fs.readFileSync((await writeReturn(b.recv, b.unitCode, b.year, b.stick, '张审核')).path)));
      editDept(b, (d) => (d.overall = `${d.overall}（已改）`));
      await submitReceived(b);
      expect(tableReviewOf(b.recv, id).carried).toBeUndefined(); // changed: nothing carried
      setTableReview(b.recv, { projectId: id, verdict: 'pass', reviewer: '张审核' });
      const ret2 = new Uint8Array(fs.readFileSync((await writeReturn(b.recv, b.unitCode, b.year, b.stick, '张审核')).path));
      const before2 = snapshot(b.unitDb);
      expect(() => importReturn(b.unit, forge(ret2, (d) => (d.dept.carried = { submissionNo: 1 })))).toThrow(/^退回包中的部门整体绩效目标标为沿用第 1 次报送的审核结论，但它在第 1 次报送之后已修改，不能沿用结论，不能导入$/);
      expect(() => importReturn(b.unit, forge(ret2, (d) => ((d.dept.carried = { submissionNo: 1 }), (d.dept.verdict = 'return'))))).toThrow(/退回修改的不能沿用结论/);
      expect(snapshot(b.unitDb)).toEqual(before2);
      expect(importReturn(b.unit, ret2)).toMatchObject({ returnNo: 2, dept: '通过' });
      expect(indicatorLines('a\n \nb')).toEqual([
        { line: 0, text: 'a' },
        { line: 2, text: 'b' },
      ]);
    } finally {
      a.close();
      b.close();
    }
  });
});

/** The `dept` of a written return package's return.json. */
function buildReturnDept(file: string): { verdict: string; carried?: { submissionNo: number | null } } | undefined {
  let doc: { dept?: { verdict: string; carried?: { submissionNo: number | null } } } = {};
  forge(new Uint8Array(fs.readFileSync(file)), (d) => (doc = d as typeof doc));
  return doc.dept;
}
