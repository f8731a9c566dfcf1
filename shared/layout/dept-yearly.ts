// The 部门整体绩效自评表 in the layout model of the targets (DOCX writer, HTML print view), typeset
// as the project self-evaluation: 部门预算 with 执行率 and its score, 年度总体目标, every 分项's
// indicators with 分值 / 得分, 总分 and the grade; 公开稿 or 报送稿.
import type { Unit } from '../model/filing.ts';
import { fenToDecimalText } from '../model/money.ts';
import { hundredthsText as ht } from '../scoring/exact.ts';
import type { SelfEvaluationScore } from '../scoring/score.ts';
import type { DeptSelfEvaluationForm } from '../yearly/dept-form.ts';
import type { DeptSelfEvaluation } from '../yearly/dept-model.ts';
import type { TargetView } from '../yearly/view.ts';
import { fillPlaceholders, LayoutError } from './documents.ts';
import { PUBLIC_PRINT, sealLine, sealedUnit, signatureLine, type PrintOptions } from './submission.ts';
import type { LayoutBlock, LayoutDocument } from './types.ts';
import { pageSetup } from './typesetting.ts';
import { H, indicatorRows, L, scoredCells, TableBuilder, totalRow } from './yearly.ts';

export interface DeptPrintItem {
  unit: Unit;
  filing: DeptSelfEvaluation;
  template: DeptSelfEvaluationForm;
  score: SelfEvaluationScore;
}

/** The 自评表's grid with a narrow 一级 (绩效指标) and wider 分项 and 绩效指标 sentences. */
const DEPT_GRID = [8, 13, 16, 11, 10, 9.5, 9.5, 7, 8, 8];

const wan = (fen: number | null): string => (fen === null ? '' : fenToDecimalText(fen, '万元'));

/** The form's rows as the indicator part reads them: 分项 in the 二级 column. */
const targetOf = (d: DeptSelfEvaluation): TargetView => ({
  rows: d.rows.map((r, index) => ({ id: r.id, level1: r.level1, level2: r.item, name: r.name, value: r.target, index })),
  budget: d.funds.budget,
  goal: d.goal.expected,
  versionLabel: '',
});

export function deptSelfEvaluationTables(item: DeptPrintItem) {
  const { filing: f, template, score: sc } = item;
  const fc = template.fundColumns;
  if (fc.length !== 6) throw new LayoutError(`部门整体自评表样“${template.name}”的资金栏目应为 6 栏，现为 ${fc.length} 栏`);
  const ic = template.indicatorColumns;
  if (ic.length !== 5) throw new LayoutError(`部门整体自评表样“${template.name}”的指标栏目应为 5 栏，现为 ${ic.length} 栏`);
  const t = new TableBuilder(DEPT_GRID);
  t.row([['单位名称', 2, L], [`${item.unit.code}${item.unit.name}`, 8, { align: 'left' }]]);
  t.row([[`${template.fundLine}（万元）`, 2, { ...L, down: 2 }], ['', 2, H], ...fc.map((c): [string, number, object] => [c.label, 1, H])]);
  const value: Record<string, string> = {
    initialBudget: wan(f.funds.initialBudget),
    budget: wan(f.funds.budget),
    executed: wan(f.funds.executed),
    rate: sc.execution.rate ?? '',
    points: ht(sc.execution.points),
    score: ht(sc.execution.score),
  };
  t.row([[template.fundLine, 2, { ...L, align: 'left' }], ...fc.map((c): [string, number] => [value[c.key] ?? '', 1])]);
  t.row([['年度总体目标', 2, { ...L, down: 2 }], ['预期目标', 4, H], ['实际完成情况', 4, H]]);
  t.row([[f.goal.expected, 4, { align: 'left' }], [f.goal.achieved, 4, { align: 'left' }]]);
  const start = t.length;
  t.row([['一级指标', 1, H], ['分项', 1, H], ['绩效指标', 1, H], ...ic.map((c, i): [string, number, object] => [c.label, i === ic.length - 1 ? 3 : 1, H])]);
  const scored = new Map(sc.rows.map((r) => [r.indicatorId, r]));
  const byId = new Map(f.rows.map((r) => [r.id, r]));
  indicatorRows(t, targetOf(f), (r) => [[r.name, 1, { role: 'indicator', align: 'left' }], ...scoredCells(ic, r.value, byId.get(r.id), scored.get(r.id))], 'left');
  totalRow(t, sc);
  return t.parts(`dept:${item.unit.code}/${f.year}`, start, 2);
}

/** Title, unit line, the form and (报送稿) the signature line: alone or in the unit-year book. */
export function deptSelfEvaluationBlocks(item: DeptPrintItem, print: PrintOptions, bookmark = '_Toc_jy_dept'): LayoutBlock[] {
  const unitText = `${item.unit.code}${item.unit.name}`;
  const title = fillPlaceholders(item.template.title, { year: item.filing.year });
  return [
    { kind: 'heading', style: 'formTitle', level: 2, text: title, bookmark, tocText: title, keepNext: true },
    { kind: 'paragraph', style: 'unitLine', text: `${unitText}　按部门整体绩效目标（修订 ${item.filing.basis.revision}）`, right: '单位：万元', keepNext: true },
    ...deptSelfEvaluationTables(item).map((table): LayoutBlock => ({ kind: 'table', table })),
    ...(print.kind === 'submission' ? [signatureLine({ head: '', handler: '', phone: '', date: '' })] : []),
  ];
}

export function buildDeptSelfEvaluationLayout(item: DeptPrintItem, print: PrintOptions = PUBLIC_PRINT): LayoutDocument {
  const unitText = `${item.unit.code}${item.unit.name}`;
  const title = fillPlaceholders(item.template.title, { year: item.filing.year });
  const blocks: LayoutBlock[] = [...(print.kind === 'submission' ? [sealLine(sealedUnit(item.unit), item.filing.year)] : []), ...deptSelfEvaluationBlocks(item, print)];
  return { title: `${unitText}${title}`, tableCount: 1, sections: [{ page: pageSetup('landscape'), blocks }] };
}
