// Carrying a decision over after a 退回, with two real SQLite files: submission 1 with three
// tables → the office passes two and returns one → the unit fixes the returned one and
// resubmits → the two unchanged keep 通过 (grade, criteria 意见) marked 沿用第 1 次报送的审核结论,
// the fixed one has no decision for submission 2; in the history, the return package, on the
// unit's side and in the printed 审核意见表 (DOCX read back by python-docx). The reviewer can
// still change a carried decision; a table edited after it was passed is not carried.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addComment, buildReturn, setTableReview, tableReviewOf, unitYearReview, writeReturn } from '../../electron/services/review.ts';
import { answerComment, describeHistory, importReturn, tableComments, tableHistory } from '../../electron/services/review-return.ts';
import { tableContentHash } from '../../electron/services/review-carry.ts';
import { reviewSummary } from '../../electron/services/review-views.ts';
import { reviewSheet } from '../../electron/services/review-print.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { tempDirs } from '../handover/helpers.ts';
import { edit, submitReceived, twoSides, type TwoSides, decideDept } from './review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

/** Every table of the DOCX as rows of cell texts, read by python-docx. */
function docxTables(file: string): string[][][] {
  const py = 'import docx, json, sys\nd = docx.Document(sys.argv[1])\nprint(json.dumps([[[c.text for c in r.cells] for r in t.rows] for t in d.tables]))';
  return JSON.parse(execFileSync(fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3', ['-c', py, file], { encoding: 'utf8', timeout: 60_000 })) as string[][][];
}

/** The unit edits a table (forced past its status, as after a 退回). */
describe('a decision carried over to an unchanged table', () => {
  it('the content hash leaves out bookkeeping and key order, and sees any content change', () => {
    const f = { id: 'p1', seq: 1, status: 'draft', changedSinceSubmission: false, name: '甲', fundUse: '乙', periods: { annual: { goal: '丙', indicators: [] } }, explanations: [], carriedOver: [] } as unknown as ProjectFiling;
    const moved = { periods: { annual: { indicators: [], goal: '丙' } }, fundUse: '乙', name: '甲', id: 'p1', seq: 4, status: 'approved', changedSinceSubmission: true, explanations: [{ key: 'k', text: '说明' }], carriedOver: ['name'] } as unknown as ProjectFiling;
    expect(tableContentHash(moved)).toBe(tableContentHash(f));
    expect(tableContentHash({ ...f, fundUse: '乙 ' })).not.toBe(tableContentHash(f));
    expect(tableContentHash({ ...f, periods: { annual: { goal: '丙', indicators: [{ id: 'r' }] } } } as unknown as ProjectFiling)).not.toBe(tableContentHash(f));
  });

  it('submit 1 → pass 2, return 1 → fix and resubmit: the two unchanged are 通过 carried, the fixed one undecided', async () => {
    const dir = dirs.make();
    const s = await twoSides(dir);
    const { unit, recv, stick, unitCode, year } = s;
    try {
      for (const p of unit.projectsOfUnitYear(unitCode, year).slice(3)) unit.deleteProject(p.id);
      const sub1 = await submitReceived(s);
      const [a, b, c] = recv.projectsOfUnitYear(unitCode, year);
      expect([a, b, c].every(Boolean)).toBe(true);
      expect(recv.projectsOfUnitYear(unitCode, year)).toHaveLength(3);
      setTableReview(recv, { projectId: a!.id, grade: '优', criteria: { 完整性: '目标完整', 可行性: '措施可行' }, criteriaGrades: { 完整性: '优', 可行性: '良' }, verdict: 'pass', reviewer: '张审核' });
      setTableReview(recv, { projectId: b!.id, grade: '良', criteria: { 相关性: '与职能相关' }, verdict: 'pass', reviewer: '李审核' });
      setTableReview(recv, { projectId: c!.id, grade: '中', criteria: { 完整性: '资金用途不清' }, verdict: 'return', reviewer: '张审核' });
      decideDept(recv, unitCode, year);
      const comment = addComment(recv, { projectId: c!.id, path: 'fundUse', text: '资金用途过于笼统', author: '张审核' });
      const ret1 = await writeReturn(recv, unitCode, year, stick, '张审核');
      importReturn(unit, new Uint8Array(fs.readFileSync(ret1.path)));

      // The unit fixes the returned table only, answers the comment and resubmits.
      edit(s, c!.id, (f) => (f.fundUse = `${f.fundUse}（用于设备购置）`));
      answerComment(unit, { projectId: c!.id, commentId: comment.id, handled: true });
      const sub2 = await submitReceived(s);
      expect(sub2.submissionNo).toBe(2);

      const ra = tableReviewOf(recv, a!.id);
      expect(ra).toMatchObject({ stored: true, packageSha256: sub2.sha256, verdict: 'pass', grade: '优', criteria: { 完整性: '目标完整', 可行性: '措施可行' }, criteriaGrades: { 完整性: '优', 可行性: '良' }, reviewer: '张审核' });
      expect(ra.carried).toEqual({ submissionNo: 1, packageSha256: sub1.sha256 });
      expect(tableReviewOf(recv, b!.id)).toMatchObject({ packageSha256: sub2.sha256, verdict: 'pass', grade: '良', reviewer: '李审核', carried: { submissionNo: 1 } });
      // The fixed one: its decision is about submission 1 only, nothing carried.
      const rc = tableReviewOf(recv, c!.id);
      expect(rc.packageSha256).toBe(sub1.sha256);
      expect(rc.carried).toBeUndefined();
      expect(reviewSummary(recv, year)[0]).toMatchObject({ state: 'resubmitted', passed: 2, returned: 0, answered: 1 });
      // The comment stays on the table, answered.
      expect(unitYearReview(recv, unitCode, year).tables.find((t) => t.projectId === c!.id)!.comments.map((x) => [x.text, x.answer?.handled])).toEqual([['资金用途过于笼统', true]]);
      // 退回 needs a decision on the fixed one only.
      expect(() => buildReturn(recv, unitCode, year, '张审核')).toThrow(new RegExp(`第 ${c!.seq} 张表“${c!.name}”的审核结论是对上一个报送版本作出的`));

      // History: the carried decision right after submission 2.
      const hist = tableHistory(recv, a!.id);
      expect(hist.map((e) => e.label)).toEqual(['提交 1', '通过', '提交 2', '沿用结论']);
      expect(hist[3]).toMatchObject({ sha256: sub1.sha256, note: '沿用第 1 次报送的审核结论：通过（内容未修改）' });
      expect(tableHistory(recv, c!.id).map((e) => e.label)).toEqual(['提交 1', '退回', '提交 2']);

      // The printed sheet of submission 2: 通过 for the two (with their grades and 意见), none yet for the fixed one.
      const docx = await reviewSheet(recv, unitCode, year, 'docx', new Date(2026, 11, 3));
      const file = path.join(dir, 'sheet.docx');
      fs.writeFileSync(file, docx.bytes);
      const [dept, ...tables] = docxTables(file);
      // The unchanged 部门整体绩效目标 first, its 通过 carried over too; graded without 适当性.
      expect(dept![0]!.slice(0, 2)).toEqual(['审核对象', '部门整体绩效目标']);
      expect(dept!.find((r) => r[0] === '审核结论')![1]).toMatch(/^通过（等级：.）；沿用第 1 次报送的审核结论（部门整体绩效目标未修改）$/);
      expect(dept!.map((r) => r[0]).filter((c) => ['完整性', '相关性', '适当性', '可行性'].includes(c!))).toEqual(['完整性', '相关性', '可行性']);
      const verdictOf = (t: string[][]) => t.find((r) => r[0] === '审核结论')![1];
      expect(tables.slice(0, 3).map(verdictOf)).toEqual(['通过（等级：优）；沿用第 1 次报送的审核结论（本表未修改）', '通过（等级：良）；沿用第 1 次报送的审核结论（本表未修改）', '（尚无审核结论）']);
      expect(tables[0]!.find((r) => r[0] === '完整性')!.slice(1)).toEqual(['优', '目标完整']);
      expect(tables[2]!.find((r) => r[0] === '完整性')!.slice(1)).toEqual(['', '']);

      // The reviewer changes a carried decision (its mark goes), passes the fixed one, returns.
      setTableReview(recv, { projectId: a!.id, verdict: 'return', reviewer: '王审核' });
      expect(tableReviewOf(recv, a!.id)).toMatchObject({ verdict: 'return', grade: '优', reviewer: '王审核' });
      expect(tableReviewOf(recv, a!.id).carried).toBeUndefined();
      setTableReview(recv, { projectId: c!.id, verdict: 'pass', reviewer: '张审核' });
      const ret2 = await writeReturn(recv, unitCode, year, stick, '张审核');
      const doc2 = buildReturnDocOf(recv, ret2.sha256);
      expect(doc2.map((t) => [t.projectId, t.verdict, t.carried ?? null])).toEqual([
        [a!.id, 'return', null],
        [b!.id, 'pass', { submissionNo: 1 }],
        [c!.id, 'pass', null],
      ]);
      expect(tableHistory(recv, b!.id).at(-1)).toMatchObject({ label: '通过', note: '沿用第 1 次报送的审核结论' });

      // The unit's side: the carried verdict says so, in the panel and the history.
      importReturn(unit, new Uint8Array(fs.readFileSync(ret2.path)));
      expect(tableComments(unit, b!.id)).toMatchObject({ verdictLabel: '通过', carried: { submissionNo: 1 } });
      expect(tableComments(unit, c!.id)!.carried).toBeUndefined();
      expect(describeHistory(tableHistory(unit, b!.id))).toMatch(/→ 提交 2（.+） → 通过（沿用第 1 次报送的审核结论，\d{4}-\d\d-\d\d，[0-9a-f]{12}）$/);

      // Submission 3: b still unchanged (carried again, still from submission 1), c unchanged
      // since its 通过 on 2 (carried from 2); a table edited after it was passed is not carried.
      edit(s, a!.id, (f) => (f.fundUse = `${f.fundUse}（再次修改）`));
      const sub3 = await submitReceived(s);
      expect(tableReviewOf(recv, b!.id)).toMatchObject({ packageSha256: sub3.sha256, carried: { submissionNo: 1, packageSha256: sub1.sha256 }, reviewer: '李审核' });
      expect(tableReviewOf(recv, c!.id)).toMatchObject({ packageSha256: sub3.sha256, carried: { submissionNo: 2, packageSha256: sub2.sha256 } });
      expect(tableReviewOf(recv, a!.id)).toMatchObject({ packageSha256: sub2.sha256, verdict: 'return' });
      expect(tableReviewOf(recv, a!.id).carried).toBeUndefined();
    } finally {
      s.close();
    }
  }, 120_000);

  it('an edited table that was passed gets no carried verdict', async () => {
    const s = await twoSides(dirs.make());
    try {
      await submitReceived(s);
      const [p, q] = s.recv.projectsOfUnitYear(s.unitCode, s.year);
      for (const t of [p!, q!]) setTableReview(s.recv, { projectId: t.id, verdict: 'pass', reviewer: '张审核' });
      edit(s, p!.id, (f) => (f.periods.annual!.indicators[0]!.value = `${f.periods.annual!.indicators[0]!.value}以上`));
      const sub2 = await submitReceived(s);
      expect(tableReviewOf(s.recv, p!.id).carried).toBeUndefined();
      expect(tableReviewOf(s.recv, p!.id).packageSha256).not.toBe(sub2.sha256);
      expect(tableReviewOf(s.recv, q!.id)).toMatchObject({ packageSha256: sub2.sha256, carried: { submissionNo: 1 } });
    } finally {
      s.close();
    }
  });
});

/** The tables of a return package as the receiver recorded it. */
function buildReturnDocOf(store: TwoSides['recv'], sha256: string) {
  return store.reviews.returnByHash('sent', sha256)!.doc.tables;
}
