// The 部门整体绩效自评表 printed from the layout model of the targets: DOCX read back (grid,
// the words of the form, every score, 总分 and grade), the HTML print view of the 报送稿, and
// the DOCX rendered with LibreOffice (made once per run, in out/dept-print/ to look at).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { changeUnitYearSettings, unitYearSettingsOf } from '../../electron/services/unit-year-settings.ts';
import { createDeptSelfEvaluationForm, deptSelfEvaluationLayout, deptSelfEvaluationView, saveDeptSelfEvaluation } from '../../electron/services/dept-self-evaluation.ts';
import type { FilingStore } from '../../electron/store/store.ts';
import { renderHtml } from '../../shared/print-html/index.ts';
import { hundredthsText } from '../../shared/scoring/exact.ts';
import { readDocx, type DocxTable } from '../export/docx-reader.ts';
import { storeWith, tempDirs } from '../handover/helpers.ts';

const dirs = tempDirs();
const U = '619001';
const Y = 2025;
const OUT = path.join(import.meta.dirname, '..', '..', 'out', 'dept-print');
let store: FilingStore;
let docx: Uint8Array;
let pages: string[];

beforeAll(async () => {
  store = (await storeWith(dirs.make(), [U])).store;
  changeUnitYearSettings(store, { ...unitYearSettingsOf(store, U, Y).settings, ruleProfile: 'dept-whole' });
  const v = createDeptSelfEvaluationForm(store, U, Y);
  const f = structuredClone(v.stored!.form);
  f.funds = { initialBudget: 123_456_700, budget: 130_000_000, executed: 117_000_000 };
  f.goal.achieved = '全年目标基本完成';
  f.rows.forEach((r, i) => {
    if (r.name === r.target) r.achievement = { level: i % 2 ? '部分达成' : '达成', percent: null };
    else r.actual = i % 3 === 1 ? '5%' : '100%';
    r.deviation = i % 3 === 1 ? '抽查进度滞后，明年提前安排' : '';
  });
  saveDeptSelfEvaluation(store, f, 1);
  docx = await docxBytes(deptSelfEvaluationLayout(store, U, Y));
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'dept-self-evaluation.docx'), docx);
  const profile = path.join(dirs.make(), 'lo');
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', OUT, path.join(OUT, 'dept-self-evaluation.docx')], { stdio: 'ignore', timeout: 180_000 });
  execFileSync('pdftoppm', ['-r', '60', '-png', '-l', '4', path.join(OUT, 'dept-self-evaluation.pdf'), path.join(OUT, 'page')], { stdio: 'ignore', timeout: 60_000 });
  pages = execFileSync('pdftotext', ['-layout', path.join(OUT, 'dept-self-evaluation.pdf'), '-'], { encoding: 'utf8', timeout: 60_000 }).split('\f').filter((p) => p.trim() !== '');
}, 300_000);
afterAll(() => {
  store?.close();
  dirs.cleanup();
});

const tables = (): DocxTable[] => readDocx(docx).body.filter((b): b is DocxTable => b.kind === 'tbl');
const texts = (t: DocxTable): string[][] => t.rows.map((r) => r.cells.map((c) => c.text));

describe('the 部门整体绩效自评表 as DOCX, print view and LibreOffice pages', () => {
  it('two table parts, the grid exactly filled, 部门预算 with 执行率 and its score, every row score and the 总分', () => {
    const all = tables();
    expect(all).toHaveLength(2);
    for (const t of all) for (const r of t.rows) expect(r.cells.reduce((s, c) => s + c.gridSpan, 0)).toBe(t.grid.length);
    const [head, rows] = all;
    const v = deptSelfEvaluationView(store, U, Y);
    const score = v.score!;
    expect(texts(head!)[1]).toEqual(['部门预算（万元）', '', '年初预算数', '全年预算数', '全年执行数', '执行率', '分值', '得分']);
    // 万元 as the project forms print them; the label cell above continues down.
    expect(texts(head!)[2]).toEqual(['', '部门预算', '123.4567', '130', '117', '90.00%', '10.00', '9.00']);
    expect(texts(head!).at(-1)!.slice(-2)).toEqual([v.stored!.form.goal.expected, '全年目标基本完成']);
    const body = texts(rows!);
    expect(body[0]).toEqual(['一级指标', '分项', '绩效指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    const scored = body.slice(1, -1);
    expect(scored.map((r) => r.at(-2))).toEqual(score.rows.map((r) => hundredthsText(r.score)));
    expect(scored.map((r) => r.at(-3))).toEqual(score.rows.map((r) => hundredthsText(r.points)));
    expect(body.at(-1)!.slice(0, 3)).toEqual(['总分', '100.00', hundredthsText(score.total)]);
    expect(body.at(-1)![3]).toBe(`等级：${score.grade}`);
  });

  it('each 分项 is one cell merged down over its rows (vMerge), in the DOCX, the print view and on the pages', () => {
    const rows = tables()[1]!.rows.slice(1, -1);
    const items = deptSelfEvaluationView(store, U, Y).stored!.form.rows.map((r) => r.item);
    const runs = items.filter((it, i) => i === 0 || items[i - 1] !== it);
    expect(runs.length).toBeLessThan(items.length);
    // Column 1 of the grid: the 分项 (column 0, 一级, is merged over all rows of its run).
    const at = (r: (typeof rows)[number]) => r.cells.find((_, k) => r.cells.slice(0, k).reduce((s, c) => s + c.gridSpan, 0) === 1)!;
    expect(rows.map((r) => at(r).vMerge)).toEqual(items.map((it, i) => (i > 0 && items[i - 1] === it ? 'continue' : items[i + 1] === it ? 'restart' : 'none')));
    expect(rows.map((r) => at(r).text).filter((t) => t !== '')).toEqual(runs);
    const html = renderHtml(deptSelfEvaluationLayout(store, U, Y));
    const first = runs.find((it) => items.filter((x) => x === it).length > 1)!;
    expect(html.split(first).length - 1).toBe(1);
    expect(html).toMatch(new RegExp(`rowspan="${items.filter((x) => x === first).length}"><div class="line">${first}`));
    // LibreOffice prints a 分项 at most once per page (its merge continues on the next page).
    const head = first.slice(0, 5);
    for (const p of pages) expect(p.split(head).length - 1).toBeLessThanOrEqual(1);
  });

  it('the heading names the form; the 报送稿 print view has the seal line', () => {
    const paras = readDocx(docx).body.filter((b) => b.kind === 'p').map((p) => p.text);
    expect(paras).toContain('部门整体绩效自评表（2025年度）');
    expect(paras.some((p) => p.startsWith('619001唐山市医疗保障局本级　按部门整体绩效目标（修订 1）'))).toBe(true);
    const html = renderHtml(deptSelfEvaluationLayout(store, U, Y, { kind: 'submission', signature: 'table' }));
    expect(html).toContain('单位（盖章）：唐山市医疗保障局本级');
    expect(html).toContain(hundredthsText(deptSelfEvaluationView(store, U, Y).score!.total));
  });

  it('LibreOffice renders it: the title, the 总分 with scored rows on its page, PNG pages in out/dept-print', () => {
    expect(pages[0]).toMatch(/部门整体绩效自评表（2025\s*年度）/);
    const withTotal = pages.filter((p) => p.includes('总分'));
    expect(withTotal).toHaveLength(1);
    expect(withTotal[0]!.split('\n').filter((l) => !l.includes('总分') && /\d+\.\d{2}(?!%)/.test(l)).length).toBeGreaterThanOrEqual(1);
    const pngs = fs.readdirSync(OUT).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(1);
    for (const f of pngs) expect(fs.statSync(path.join(OUT, f)).size).toBeGreaterThan(5000);
  });
});
