// Two levels, a resubmission (three real SQLite files, the real packages): the 财政局 passed two
// tables of submission 1 and returned the third; the unit fixes the third and resubmits. At the
// 主管部门 the 财政局's 通过 of the two unchanged tables holds for submission 2 as 沿用 (its
// panel, history, and what it passes down to the unit), the fixed one has no 财政局 decision
// for submission 2; forwarded up, the 财政局 keeps its own 通过 (沿用), and its next return
// says so at the 主管部门 and on the way down. A table changed after the 财政局's 通过 carries nothing.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { addComment, setTableReview, tableReviewOf, writeReturn } from '../../electron/services/review.ts';
import { importReturn, tableComments, tableHistory } from '../../electron/services/review-return.ts';
import { importUpperReturn, upperTableView } from '../../electron/services/review-upper.ts';
import { buildForward, importForward, recordForward } from '../../electron/services/review-forward.ts';
import { tempDirs } from '../handover/helpers.ts';
import { decideDept, edit, submitReceived, threeSides, type ThreeSides } from './review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const bytesOf = (f: string) => new Uint8Array(fs.readFileSync(f));

/** The 主管部门 passes the 部门整体绩效目标 (the tables are decided by the caller), forwards the submission, the 财政局 imports it. */
function forward(s: ThreeSides, subPath: string) {
  decideDept(s.recv, s.unitCode, s.year, 'pass', '李科长');
  const fwd = buildForward(s.recv, [bytesOf(subPath)], '李科长');
  recordForward(s.recv, fwd);
  importForward(s.bureau, fwd.bytes, fwd.fileName);
}

/** `store` passes the 部门整体绩效目标 (a return needs its decision) and writes its return package. */
async function returnFrom(s: ThreeSides, store: ThreeSides['recv'], reviewer: string) {
  decideDept(store, s.unitCode, s.year, 'pass', reviewer);
  return writeReturn(store, s.unitCode, s.year, s.down, reviewer);
}

describe('two levels: the 财政局’s 通过 carried over to an unchanged table', () => {
  it('submission 2 after a 财政局 return: 沿用 at the 主管部门, on the way down, and at the 财政局', async () => {
    const s = await threeSides(dirs.make());
    const { unit, recv: sup, bureau, unitCode, year } = s;
    try {
      for (const p of unit.projectsOfUnitYear(unitCode, year).slice(3)) unit.deleteProject(p.id);
      const sub1 = await submitReceived(s);
      const [a, b, c] = sup.projectsOfUnitYear(unitCode, year);
      for (const t of [a, b, c]) setTableReview(sup, { projectId: t!.id, verdict: 'pass', reviewer: '李科长' });
      forward(s, sub1.path);

      // The 财政局 passes a (grade, 意见) and b, returns c; the 主管部门 imports it and passes it down.
      setTableReview(bureau, { projectId: a!.id, grade: '优', criteria: { 完整性: '目标完整' }, criteriaGrades: { 完整性: '优' }, verdict: 'pass', reviewer: '财政局王' });
      setTableReview(bureau, { projectId: b!.id, grade: '良', verdict: 'pass', reviewer: '财政局王' });
      setTableReview(bureau, { projectId: c!.id, verdict: 'return', reviewer: '财政局王' });
      addComment(bureau, { projectId: c!.id, path: 'fundUse', text: '资金用途请细化', author: '财政局王' });
      const up1 = await returnFrom(s, bureau, '财政局王');
      importUpperReturn(sup, bytesOf(up1.path));
      setTableReview(sup, { projectId: c!.id, verdict: 'return', reviewer: '李科长' });
      importReturn(unit, bytesOf((await returnFrom(s, sup, '李科长')).path));

      // The unit fixes c only and resubmits; the 主管部门 receives submission 2.
      edit(s, c!.id, (f) => (f.fundUse = `${f.fundUse}（用于设备购置）`));
      const sub2 = await submitReceived(s);
      expect(sub2.submissionNo).toBe(2);

      // The 主管部门's panel: the 财政局's 通过 holds for submission 2 where the table is unchanged.
      expect(upperTableView(sup, a!.id)).toMatchObject({ returnNo: 1, submissionNo: 1, current: true, carried: { submissionNo: 1 }, verdict: 'pass', grade: '优', criteria: { 完整性: '目标完整' }, passedDown: null });
      expect(upperTableView(sup, b!.id)).toMatchObject({ current: true, carried: { submissionNo: 1 }, verdict: 'pass', grade: '良' });
      const vc = upperTableView(sup, c!.id)!;
      expect(vc).toMatchObject({ current: false, verdict: 'return' });
      expect(vc.carried).toBeUndefined();
      // The history of submission 2 says so.
      const hist = tableHistory(sup, a!.id);
      expect(hist.map((e) => e.label)).toEqual(['提交 1', '转报', '上级通过', '通过', '提交 2', expect.any(String), expect.any(String)]);
      expect(hist.slice(5).find((e) => e.label === '上级通过')).toMatchObject({ sha256: up1.sha256, note: '沿用第 1 次报送的审核结论：财政局通过（内容未修改）' });
      expect(hist.slice(5).find((e) => e.label === '沿用结论')).toMatchObject({ sha256: sub1.sha256 });
      expect(tableHistory(sup, c!.id).map((e) => e.label).slice(-1)).toEqual(['提交 2']);

      // Returned to the unit now: the 财政局's carried 通过 goes down with it, marked 沿用.
      setTableReview(sup, { projectId: c!.id, verdict: 'pass', reviewer: '李科长' });
      const mine2 = await returnFrom(s, sup, '李科长');
      expect(upperTableView(sup, a!.id)!.passedDown).toMatchObject({ returnNo: mine2.returnNo, sha256: mine2.sha256 });
      importReturn(unit, bytesOf(mine2.path));
      expect(tableComments(unit, a!.id)!.comments.map((x) => x.text)).toEqual([expect.stringMatching(/^【财政局】审核结论：通过，等级 优；沿用第 1 次报送的审核结论（本表未修改）；完整性（优）：目标完整(；|$)/)]);
      expect(tableComments(unit, c!.id)!.comments.map((x) => x.text)).toEqual([]);

      // Forwarded up: the 财政局 keeps its own 通过 of a and b (沿用), decides c, returns.
      forward(s, sub2.path);
      expect(tableReviewOf(bureau, a!.id)).toMatchObject({ packageSha256: sub2.sha256, verdict: 'pass', grade: '优', carried: { submissionNo: 1 } });
      expect(tableReviewOf(bureau, c!.id).packageSha256).toBe(sub1.sha256);
      setTableReview(bureau, { projectId: c!.id, verdict: 'pass', reviewer: '财政局王' });
      const up2 = await returnFrom(s, bureau, '财政局王');
      importUpperReturn(sup, bytesOf(up2.path));
      // At the 主管部门: the 财政局's return about submission 2, its 沿用 marks kept.
      expect(upperTableView(sup, a!.id)).toMatchObject({ returnNo: 2, current: true, carried: { submissionNo: 1 }, verdict: 'pass' });
      const vc2 = upperTableView(sup, c!.id)!;
      expect(vc2).toMatchObject({ returnNo: 2, current: true, verdict: 'pass' });
      expect(vc2.carried).toBeUndefined();
      expect(tableHistory(sup, a!.id).at(-1)).toMatchObject({ label: '上级通过', sha256: up2.sha256, note: '沿用第 1 次报送的审核结论' });
    } finally {
      s.close();
    }
  }, 120_000);

  it('a table the unit changed after the 财政局 passed it carries nothing at the 主管部门', async () => {
    const s = await threeSides(dirs.make());
    const { unit, recv: sup, bureau, unitCode, year } = s;
    try {
      for (const p of unit.projectsOfUnitYear(unitCode, year).slice(2)) unit.deleteProject(p.id);
      const sub1 = await submitReceived(s);
      const [a, b] = sup.projectsOfUnitYear(unitCode, year);
      for (const t of [a, b]) setTableReview(sup, { projectId: t!.id, verdict: 'pass', reviewer: '李科长' });
      forward(s, sub1.path);
      setTableReview(bureau, { projectId: a!.id, verdict: 'pass', reviewer: '财政局王' });
      setTableReview(bureau, { projectId: b!.id, verdict: 'return', reviewer: '财政局王' });
      importUpperReturn(sup, bytesOf((await returnFrom(s, bureau, '财政局王')).path));
      // The unit changes a (passed) as well as b.
      edit(s, a!.id, (f) => (f.fundUse = `${f.fundUse}（改）`));
      edit(s, b!.id, (f) => (f.fundUse = `${f.fundUse}（改）`));
      await submitReceived(s);
      const va = upperTableView(sup, a!.id)!;
      expect(va).toMatchObject({ current: false, verdict: 'pass' });
      expect(va.carried).toBeUndefined();
      expect(tableHistory(sup, a!.id).map((e) => e.label).slice(-1)).toEqual(['提交 2']);
    } finally {
      s.close();
    }
  }, 120_000);
});
