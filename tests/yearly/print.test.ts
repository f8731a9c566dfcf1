// Both yearly forms printed from the layout model of the targets: a unit-year book of
// 绩效运行监控表 and 绩效自评表 as DOCX, read back with the independent reader of the export
// tests (tables, spans, merges, the words of the forms, the scores), the HTML print view
// from the same model, and the DOCX rendered with LibreOffice to PNG pages (made once per
// run, in out/yearly-print/ to look at).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { createUnitYearYearlyForms } from '../../electron/services/yearly-service.ts';
import { yearlyLayout } from '../../electron/services/yearly-print.ts';
import { yearlyView } from '../../electron/services/yearly-view.ts';
import type { FilingStore } from '../../electron/store/store.ts';
import { renderHtml } from '../../shared/print-html/index.ts';
import { hundredthsText } from '../../shared/scoring/exact.ts';
import { parseIndicatorValue } from '../../shared/indicator-value/index.ts';
import { readDocx, type DocxTable } from '../export/docx-reader.ts';
import { storeWith, tempDirs } from '../handover/helpers.ts';

const dirs = tempDirs();
const U = '619001';
const Y = 2025;
const OUT = path.join(import.meta.dirname, '..', '..', 'out', 'yearly-print');
let store: FilingStore;
let docx: Uint8Array;
let ids: string[];
let pages: string[];

/** Generated actuals: on target, behind, a unit mismatch, qualitative 部分达成, a date missed. */
function fill(s: FilingStore, id: string, k: number): void {
  const v = yearlyView(s, id);
  const se = v.selfEvaluation!.form;
  const mo = v.monitoring!.form;
  const targets = new Map(v.filed.rows.map((r) => [r.id, parseIndicatorValue(r.value)]));
  const actual = (id2: string, share: number): string => {
    const t = targets.get(id2)!;
    if (t.kind === 'quantity' || t.kind === 'duration') return `${Math.round(Number(t.numberText) * share)}${t.kind === 'quantity' && t.percent ? '%' : t.unit}`;
    if (t.kind === 'date') return share < 1 ? `${Y + 1}年3月` : `${Y}年11月`;
    return '';
  };
  s.yearly.put({
    ...se,
    funds: { ...se.funds, total: { ...se.funds.total, executed: Math.floor(((se.funds.total.budget ?? 0) * (85 + k)) / 100) } },
    goal: { ...se.goal, achieved: '年度目标基本完成' },
    rows: se.rows.map((r, i) => ({
      ...r,
      actual: actual(r.indicatorId, i % 3 === 1 ? 0.8 : 1),
      achievement: targets.get(r.indicatorId)!.kind === 'qualitative' ? { level: '部分达成' as const, percent: 75 } : null,
      deviation: i % 3 === 1 ? '进度滞后，下半年加快' : '',
    })),
  });
  s.yearly.put({
    ...mo,
    funds: { ...mo.funds, executed: Math.floor((mo.funds.budget ?? 0) / 2), projected: mo.funds.budget },
    rows: mo.rows.map((r, i) => ({ ...r, actual: actual(r.indicatorId, 0.5), projected: actual(r.indicatorId, 1), likelihood: i === 0 ? '有可能' : '确定能', reasons: i === 0 ? ['经费保障'] : [], explanation: i === 0 ? '资金拨付晚' : '' })),
  });
}

const tables = (): DocxTable[] => readDocx(docx).body.filter((b): b is DocxTable => b.kind === 'tbl');
const texts = (t: DocxTable): string[][] => t.rows.map((r) => r.cells.map((c) => c.text));

beforeAll(async () => {
  store = (await storeWith(dirs.make(), [U])).store;
  createUnitYearYearlyForms(store, U, Y);
  ids = store.projectsOfUnitYear(U, Y).map((p) => p.id).slice(0, 3);
  ids.forEach((id, k) => fill(store, id, k));
  docx = await docxBytes(yearlyLayout(store, { kind: 'unitYear', unitCode: U, year: Y }, 'both'));
  // LibreOffice once per run: DOCX → PDF → PNG pages (60 dpi), first pages only.
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'yearly-book.docx'), docx);
  const profile = path.join(dirs.make(), 'lo');
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', OUT, path.join(OUT, 'yearly-book.docx')], { stdio: 'ignore', timeout: 180_000 });
  execFileSync('pdftoppm', ['-r', '60', '-png', '-l', '6', path.join(OUT, 'yearly-book.pdf'), path.join(OUT, 'page')], { stdio: 'ignore', timeout: 60_000 });
  pages = execFileSync('pdftotext', ['-layout', path.join(OUT, 'yearly-book.pdf'), '-'], { encoding: 'utf8', timeout: 60_000 }).split('\f').filter((p) => p.trim() !== '');
}, 300_000);
afterAll(() => {
  store?.close();
  dirs.cleanup();
});

describe('the yearly forms as DOCX (read back) and as the print view', () => {
  it('every form of the book: two table parts each, the grid exactly filled, the indicator header repeated', () => {
    const all = tables();
    const n = store.projectsOfUnitYear(U, Y).length;
    expect(all).toHaveLength(n * 2 * 2);
    for (const t of all) {
      for (const r of t.rows) expect(r.cells.reduce((s, c) => s + c.gridSpan, 0)).toBe(t.grid.length);
    }
    const [moHead, moRows, seHead, seRows] = all;
    expect(texts(moHead!)[2]).toEqual(['项目资金（万元）', '年初预算数', '1—7月执行数', '执行率', '全年预计执行数']);
    expect(moRows!.rows[0]!.header).toBe(true);
    expect(texts(moRows!)[0]).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '1—7月实际完成值', '全年预计完成值', '偏差原因', '完成目标可能性', '原因说明', '纠偏措施']);
    expect(texts(seHead!)[2]).toEqual(['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '执行率', '分值', '得分']);
    expect(texts(seRows!)[0]).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
  });

  it('the first project: targets beside the actuals, 一级 merged, every score and the 总分 as computed', () => {
    const v = yearlyView(store, ids[0]!);
    const [, moRows, seHead, seRows] = tables();
    const target = v.filed.rows;
    const mo = texts(moRows!).slice(1);
    expect(mo.map((r) => r.at(-7))).toEqual(target.map((r) => r.value));
    expect(mo[0]).toContain('经费保障');
    expect(mo[0]).toContain('有可能');
    // 一级 printed once per run, the rows below continue the merge.
    const level1 = moRows!.rows.slice(1).map((r) => r.cells[0]!.vMerge);
    expect(level1[0]).toBe('restart');
    const runs = target.filter((r, i) => i === 0 || target[i - 1]!.level1 !== r.level1).length;
    expect(level1.filter((m) => m !== 'continue')).toHaveLength(runs);
    const score = v.selfEvaluation!.score;
    const se = texts(seRows!);
    const body = se.slice(1, -1);
    expect(body.map((r) => r.at(-2))).toEqual(score.rows.map((r) => hundredthsText(r.score)));
    expect(body.map((r) => r.at(-3))).toEqual(score.rows.map((r) => hundredthsText(r.points)));
    const total = se.at(-1)!;
    expect(total.slice(0, 3)).toEqual(['总分', '100.00', hundredthsText(score.total)]);
    expect(total[3]).toMatch(new RegExp(`^等级：${score.grade}`));
    const head = texts(seHead!);
    expect(head[3]![1]).toBe('年度资金总额');
    expect(head[3]!.slice(-3)).toEqual([score.execution.rate, hundredthsText(score.execution.points), hundredthsText(score.execution.score)]);
    expect(head.at(-1)!.slice(-2)).toEqual([v.selfEvaluation!.form.goal.expected, '年度目标基本完成']);
  });

  it('headings name the form, the unit and the target version; the HTML print view says the same', () => {
    const paras = readDocx(docx).body.filter((b) => b.kind === 'p').map((p) => p.text);
    expect(paras).toContain('2025年度项目支出绩效目标执行监控表（1—7月）');
    expect(paras).toContain('项目支出绩效自评表（2025年度）');
    expect(paras.some((p) => p.startsWith('619001唐山市医疗保障局本级　按原绩效目标'))).toBe(true);
    const html = renderHtml(yearlyLayout(store, { kind: 'project', id: ids[0]! }, 'self-evaluation', { kind: 'submission', signature: 'table' }));
    expect(html).toContain('项目支出绩效自评表（2025年度）');
    expect(html).toContain('单位（盖章）：唐山市医疗保障局本级');
    expect(html).toContain(hundredthsText(yearlyView(store, ids[0]!).selfEvaluation!.score.total));
    // The print view keeps the last indicator row and the 总分 with the rows before them.
    expect(html.match(/<tr class="nosplit keep-next">/g)).toHaveLength(2);
  });

  it('LibreOffice: every 总分 row prints with indicator rows of its form above it, never alone under the repeated header', () => {
    const n = store.projectsOfUnitYear(U, Y).length;
    const withTotal = pages.filter((p) => p.includes('总分'));
    expect(withTotal).toHaveLength(n);
    for (const p of withTotal) {
      // Lines with a score (12.50) other than the 总分 line itself: the rows kept with it.
      const scored = p.split('\n').filter((l) => !l.includes('总分') && /\d+\.\d{2}(?!%)/.test(l));
      expect(scored.length).toBeGreaterThanOrEqual(1);
    }
    // The 6-row forms of this unit: form + 总分 on at most two pages each (a monitoring and a self-evaluation per project).
    expect(pages.length).toBeLessThanOrEqual(n * 4);
  });

  it('LibreOffice renders the book (PDF pages as PNG in out/yearly-print)', () => {
    const pngs = fs.readdirSync(OUT).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(4);
    for (const f of pngs) expect(fs.statSync(path.join(OUT, f)).size).toBeGreaterThan(5000);
  });
});
