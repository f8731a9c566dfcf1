// What the review UI reads beyond the decisions, with two real SQLite files: grades per
// criterion (pre-filled from the estimate, stored apart from it, carried to the unit), the
// diff of a resubmitted table with the comments each change answers, the review status per
// unit-year for the 汇总, and the 绩效目标审核意见表 as DOCX (read back, rendered by
// LibreOffice, text checked in the PDF) and as HTML (comments escaped).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveFiling } from '../../electron/services/filing-edit.ts';
import { submitToFolder } from '../../electron/services/submit.ts';
import { importPackageFile } from '../../electron/handover/receive.ts';
import { addComment, setTableReview, setUnitYearReview, tableReviewOf, writeReturn } from '../../electron/services/review.ts';
import { answerComment, importReturn, tableComments } from '../../electron/services/review-return.ts';
import { reviewSummary, tableDiff } from '../../electron/services/review-views.ts';
import { reviewSheet, reviewSheetInput } from '../../electron/services/review-print.ts';
import { pinCovers, pinLabel } from '../../shared/handover/pin-label.ts';
import { indicatorPath } from '../../shared/model/field-path.ts';
import { readDocx, type DocxTable } from '../export/docx-reader.ts';
import { tempDirs } from '../handover/helpers.ts';
import { twoSides, decideDept } from './review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());
const HAVE_SOFFICE = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('review views', () => {
  it('pin labels and coverage', () => {
    const filing = { templateId: 'B', periods: { annual: { indicators: [{ id: 'r1', name: '完成率', level2: '数量指标' }] } } } as never;
    expect(pinLabel(filing, '')).toBe('整表');
    expect(pinLabel(filing, 'fundUse')).toBe('资金用途');
    expect(pinLabel(filing, 'periods.annual.indicators[id=r1]')).toBe('指标“完成率”');
    expect(pinLabel(filing, 'periods.annual.indicators[0].value')).toBe('指标“完成率”的指标值');
    expect(pinLabel(filing, 'periods.annual.indicators[id=gone].value')).toBe('指标行（已删除）的指标值');
    // In a form of two periods the same row name stands in each: the period is named.
    const dual = { templateId: 'C', periods: { implementation: { indicators: [{ id: 'i1', name: '及时性', level2: '时效指标' }] }, annual: { indicators: [{ id: 'a1', name: '及时性', level2: '时效指标' }] } } } as never;
    expect(pinLabel(dual, 'periods.implementation.indicators[id=i1].value')).toBe('实施期指标“及时性”的指标值');
    expect(pinLabel(dual, 'periods.annual.indicators[id=a1].value')).toBe('年度指标“及时性”的指标值');
    expect(pinCovers('periods.annual.indicators[id=r1]', 'periods.annual.indicators[id=r1].value')).toBe(true);
    expect(pinCovers('periods.annual.indicators[id=r1].value', 'periods.annual.indicators[id=r11].value')).toBe(false);
    expect(pinCovers('', 'fundUse')).toBe(false);
    expect(pinCovers('fundUse', 'fundUsed')).toBe(false);
  });

  it('grades per criterion, the diff with answered comments, the status per unit-year, and the printed sheet', async () => {
    const dir = dirs.make();
    const s = await twoSides(dir);
    const { unit, recv, stick, unitCode, year } = s;
    try {
      const sub1 = await submitToFolder(unit, { unitCode, year, outDir: stick, book: null });
      expect(reviewSummary(recv, year)).toEqual([]);
      await importPackageFile(recv, sub1.path, { noBackup: true });
      expect(reviewSummary(recv, year).map((r) => r.state)).toEqual(['none']);
      const [t1, ...rest] = recv.projectsOfUnitYear(unitCode, year);
      const row = t1!.periods.annual!.indicators[0]!;

      // The estimate pre-fills a grade per criterion; the reviewer's grades are stored apart from it.
      const pre = tableReviewOf(recv, t1!.id);
      expect(Object.keys(pre.estimate!.criteria!)).toEqual(['完整性', '相关性', '适当性', '可行性']);
      expect(pre.criteriaGrades).toEqual(pre.estimate!.criteria);
      expect(() => setTableReview(recv, { projectId: t1!.id, criteriaGrades: { 明确性: '优' }, reviewer: '张' })).toThrow(/审核意见有误/);
      expect(() => setTableReview(recv, { projectId: t1!.id, criteriaGrades: { 完整性: '甲' }, reviewer: '张' })).toThrow(/等级只能是/);
      // The reviewer's own words, not field paths (a trial saw `author：请填写审核人`).
      expect(() => setTableReview(recv, { projectId: t1!.id, verdict: 'return', reviewer: ' ' })).toThrow(/^审核意见有误：请填写审核人$/);
      const saved = setTableReview(recv, { projectId: t1!.id, grade: '中', criteriaGrades: { 完整性: '差' }, criteria: { 完整性: '目标不完整' }, verdict: 'return', reviewer: '张审核' });
      expect(saved.criteriaGrades).toMatchObject({ 完整性: '差' });
      expect(saved.estimate!.criteria).toEqual(pre.estimate!.criteria);
      expect(reviewSummary(recv, year)[0]).toMatchObject({ state: 'reviewing', returned: 1, passed: 0 });
      const c1 = addComment(recv, { projectId: t1!.id, path: 'fundUse', text: '资金用途<script>alert(1)</script>', author: '张审核' });
      const c2 = addComment(recv, { projectId: t1!.id, path: indicatorPath('annual', 0), text: '指标值应量化 & 可考核', author: '张审核' });
      const c3 = addComment(recv, { projectId: t1!.id, text: '请补充依据', author: '张审核' });
      for (const t of rest) setTableReview(recv, { projectId: t.id, verdict: 'pass', reviewer: '张审核' });
      decideDept(recv, unitCode, year);
      setUnitYearReview(recv, { unitCode, year, grade: '良', opinion: '总体较好', reviewer: '张审核' });
      const ret1 = await writeReturn(recv, unitCode, year, stick, '张审核');
      expect(reviewSummary(recv, year)[0]).toMatchObject({ state: 'returned', comments: 3, answered: 0, overall: '良', returns: 1 });

      // The unit sees the grades per criterion.
      importReturn(unit, new Uint8Array(fs.readFileSync(ret1.path)));
      expect(tableComments(unit, t1!.id)).toMatchObject({ criteriaGrades: { 完整性: '差' }, criteria: { 完整性: '目标不完整' } });
      const rec = unit.getProjectRecord(t1!.id)!;
      const fixed = structuredClone(rec.filing);
      fixed.fundUse = '用于信息系统运维';
      fixed.periods.annual!.indicators[0]!.value = '≥98%';
      fixed.name = `${fixed.name}（修订）`;
      saveFiling(unit, rec, fixed, rec.revision, { force: true });
      answerComment(unit, { projectId: t1!.id, commentId: c1.id, handled: true });
      answerComment(unit, { projectId: t1!.id, commentId: c2.id, handled: true });
      answerComment(unit, { projectId: t1!.id, commentId: c3.id, handled: false, note: '依据见附件\n附件共二页' });
      const sub2 = await submitToFolder(unit, { unitCode, year, outDir: stick, book: null });
      await importPackageFile(recv, sub2.path, { noBackup: true });
      expect(reviewSummary(recv, year)[0]).toMatchObject({ state: 'resubmitted', answered: 3 });

      // The diff: three changes, bookkeeping (status, changed-since-submission) left out; each with the comments it answers.
      const d = tableDiff(recv, t1!.id);
      expect(d.from).toMatchObject({ submissionNo: 1, sha256: sub1.sha256 });
      expect(d.to).toMatchObject({ submissionNo: 2, sha256: sub2.sha256 });
      expect(d.changes.map((c) => [c.label, c.new, c.comments])).toEqual([
        ['项目名称', fixed.name, []],
        ['资金用途', '用于信息系统运维', [c1.id]],
        [`指标“${row.name}”的指标值`, '≥98%', [c2.id]],
      ]);
      expect(tableDiff(recv, rest[0]!.id).changes).toEqual([]);
      expect(() => tableDiff(unit, t1!.id)).toThrow(/只有接收到的表/);

      // The printed sheet of submission 2: the changed table's decision (about submission 1) is not
      // yet one for it; the unchanged ones are carried over (review-carry.test.ts). Confirmed, it prints.
      // The 部门整体绩效目标 first (第一部分 of the book), unchanged, so its 通过 is carried over.
      expect(reviewSheetInput(recv, unitCode, year).tables.map((t) => t.verdictLabel)).toEqual(['通过', '（尚无审核结论）', ...rest.map(() => '通过')]);
      setTableReview(recv, { projectId: t1!.id, reviewer: '张审核' });
      const input = reviewSheetInput(recv, unitCode, year, new Date(2026, 11, 2));
      expect(input.tables[1]!.comments.map((c) => c.answer)).toEqual(['已处理', '已处理', '依据见附件\n附件共二页']);
      const docx = await reviewSheet(recv, unitCode, year, 'docx', new Date(2026, 11, 2));
      const pkg = readDocx(docx.bytes);
      const paragraphs = pkg.body.filter((b) => b.kind === 'p').map((p) => p.text);
      expect(paragraphs.slice(0, 2)).toEqual(['绩效目标审核意见表', `（${year}年度）`]);
      expect(paragraphs.some((p) => /^被审核单位：619001.*\t第 2 次报送（[0-9a-f]{12}）$/.test(p))).toBe(true);
      expect(paragraphs).toContain('审核人：张审核　　审核日期：2026年12月2日');
      expect(paragraphs.some((p) => p.startsWith('审核单位（盖章）：'))).toBe(true);
      // The seal line is set like the 审核人 line above it (五号), not in the cover's 三号.
      const styleOf = (start: string) => pkg.body.find((b) => b.kind === 'p' && b.text.startsWith(start)) as { style: string } | undefined;
      expect(styleOf('审核单位（盖章）')?.style).toBe(styleOf('审核人：')?.style);
      const tables = pkg.body.filter((b): b is DocxTable => b.kind === 'tbl');
      expect(tables).toHaveLength(recv.projectsOfUnitYear(unitCode, year).length + 2);
      expect(tables[0]!.rows[0]!.cells.map((c) => c.text)).toEqual(['审核对象', '部门整体绩效目标']);
      const first = tables[1]!.rows.map((r) => r.cells.map((c) => c.text));
      expect(first[0]).toEqual(['项目名称', `1. ${fixed.name}`]);
      expect(first[1]).toEqual(['审核内容', '等级', '审核意见']);
      expect(first[2]).toEqual(['完整性', '差', '目标不完整']);
      expect(first[6]![0]).toBe('具体意见');
      expect(tables[1]!.rows[6]!.cells[1]!.paragraphs).toEqual([
        '1. 资金用途：资金用途<script>alert(1)</script>（单位答复：已处理）',
        `2. 指标“${row.name}”：指标值应量化 & 可考核（单位答复：已处理）`,
        // A two-line answer prints as two lines of the cell.
        '3. 整表：请补充依据（单位答复：依据见附件',
        '附件共二页）',
      ]);
      expect(first[7]).toEqual(['审核结论', '退回修改（等级：中）']);
      expect(tables.at(-1)!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
        ['总体等级', '良'],
        ['总体意见', '总体较好'],
      ]);
      const html = new TextDecoder().decode((await reviewSheet(recv, unitCode, year, 'html')).bytes);
      expect(html).toContain('资金用途&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('指标值应量化 &amp; 可考核');

      if (HAVE_SOFFICE) {
        // LibreOffice opens it; the text comes through; a PNG of the first page to look at.
        const out = path.join(dir, 'lo');
        fs.mkdirSync(out);
        const file = path.join(out, 'sheet.docx');
        fs.writeFileSync(file, docx.bytes);
        execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, file], { stdio: 'ignore', env: { ...process.env, HOME: path.join(out, 'home') }, timeout: 120_000 });
        const text = execFileSync('pdftotext', ['-layout', path.join(out, 'sheet.pdf'), '-'], { encoding: 'utf8' });
        for (const t of ['绩效目标审核意见表', '审核内容', '完整性', '目标不完整', '退回修改（等级：中）', '审核单位（盖章）', '资金用途<script>alert(1)</script>']) expect(text).toContain(t);
        const shots = path.join(process.cwd(), 'out', 'review-sheet');
        fs.mkdirSync(shots, { recursive: true });
        execFileSync('pdftoppm', ['-png', '-r', '60', '-l', '2', path.join(out, 'sheet.pdf'), path.join(shots, 'sheet')]);
      }
    } finally {
      s.close();
    }
  }, 180_000);
});
