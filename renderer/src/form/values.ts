// What a cell shows and what committing its text changes.
import type { ProjectFiling, Unit } from '../../../shared/model/filing.ts';
import { fenToDecimalText, formatMoney, parseMoneyInput, templateMoneyUnit } from '../../../shared/model/money.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { getAt } from '../../../shared/model/field-path.ts';
import { parseIndicatorValue } from '../../../shared/indicator-value/index.ts';
import type { ParsedValue } from '../../../shared/indicator-value/index.ts';
import { fieldLabel } from '../../../shared/templates/labels.ts';
import { DEFAULT_PARAMS } from '../../../shared/rules/types.ts';
import { externalField } from '../../../shared/layout/table.ts';
import type { GridCell } from './grid.ts';
import { level1At } from './grid.ts';
import type { Change, Edit } from './ops.ts';

function externalText(path: string, unit: Unit | null, year: number): string {
  return String(externalField(path, unit, year) ?? '');
}

/** An amount as the table prints it (`trimZeros`: `4000`, not `4000.00`). */
function moneyText(fen: number, t: TemplateDef): string {
  return formatMoney(fen, t.amount);
}

/** Text of a cell as the form shows it (money in the template's unit). */
export function cellText(cell: GridCell, f: ProjectFiling, t: TemplateDef, unit: Unit | null): string {
  const k = cell.kind;
  switch (k.t) {
    case 'label':
      return k.text;
    case 'field': {
      if (k.readOnly) return externalText(k.path, unit, f.year);
      const v = getAt(f, k.path);
      if (k.money) return typeof v === 'number' ? moneyText(v, t) : '';
      return typeof v === 'string' ? v : v == null ? '' : String(v);
    }
    case 'ind': {
      const row = f.periods[k.period]?.indicators[k.index];
      return row ? String(row[k.col] ?? '') : '';
    }
    case 'grp':
      if (k.col === 'level1') return level1At(f, k.periods, k.indexes[0] ?? 0);
      return f.periods[k.periods[0]!]?.indicators[k.indexes[0] ?? 0]?.level2 ?? '';
    case 'indEmpty':
      return '';
  }
}

/**
 * Checks the text of a money cell: the amount in 分 (with a hint when a unit word was typed:
 * `30万元` stripped, `30000元` converted), or a Chinese message.
 */
export function checkMoney(text: string, t: TemplateDef): { fen: number | null; hint?: string } | { error: string } {
  try {
    const { fen, hint, converted } = parseMoneyInput(text, t.amount.unit);
    if (fen !== null && fen < 0) return { error: '金额不能为负数' };
    // The table's own precision: 万元 with 2 decimals, 元 as integers.
    const step = t.amount.unit === 'wanyuan' ? 10 ** (6 - t.amount.decimals) : 10 ** (2 - t.amount.decimals);
    if (fen !== null && fen % step !== 0) {
      const rule = t.amount.unit === 'wanyuan' ? `万元最多 ${t.amount.decimals} 位小数` : t.amount.decimals ? `元最多 ${t.amount.decimals} 位小数` : '以元为单位填写整数';
      if (converted) {
        const unit = templateMoneyUnit(t.amount.unit);
        return { error: `“${text.trim()}”换算为 ${fenToDecimalText(fen, unit)} ${unit}，超出本表精度（${rule}）` };
      }
      return { error: `“${text.trim()}”的小数位数过多（${rule}）` };
    }
    return hint ? { fen, hint } : fen !== null ? withMagnitudeHint(fen, t, step) : { fen };
  } catch (e) {
    return { error: e instanceof Error ? e.message : '不是金额' };
  }
}

/**
 * An amount of 10,000 万元 or more in a 万元 table was most likely typed in 元: said at once in
 * the cell (R-FUND-MAGNITUDE says it again in 审核, with the region's threshold and a fix).
 */
function withMagnitudeHint(fen: number, t: TemplateDef, stepFen: number): { fen: number; hint?: string } {
  if (t.amount.unit !== 'wanyuan' || fen < DEFAULT_PARAMS.magnitudeWanyuanMax * 1_000_000) return { fen };
  const intended = fen / 10_000;
  if (!Number.isInteger(intended) || intended % stepFen !== 0) return { fen };
  return { fen, hint: `本表金额单位为万元，${fenToDecimalText(fen, '万元', t.amount.decimals)} 万元是否按元填写了？按元应填 ${fenToDecimalText(intended, '万元', t.amount.decimals)}` };
}

function cellLabel(cell: GridCell, t: TemplateDef): string {
  const k = cell.kind;
  if (k.t === 'field') return fieldLabel(t, k.path);
  if (k.t === 'ind') return { name: '三级指标', description: '绩效指标描述', value: '指标值', basis: '指标值确定依据', standard: '绩效标准', level2: '二级指标', level1: '一级指标' }[k.col];
  if (k.t === 'grp') return k.col === 'level1' ? '一级指标' : '二级指标';
  return '';
}

/** The edit that committing `text` into a cell makes; null when nothing would change. */
export function commitEdit(cell: GridCell, text: string, f: ProjectFiling, t: TemplateDef): Edit | null | { error: string } {
  const k = cell.kind;
  const label = `修改“${cellLabel(cell, t)}”`;
  const changes: Change[] = [];
  if (k.t === 'field') {
    if (k.readOnly) return null;
    let after: unknown = text;
    if (k.money) {
      const r = checkMoney(text, t);
      if ('error' in r) return r;
      after = r.fen;
    }
    const before = getAt(f, k.path) ?? (k.money ? null : '');
    if (before === after) return null;
    changes.push({ target: { kind: 'path', path: k.path }, before, after });
    return { t: 'set', changes, label, focus: { path: k.path } };
  }
  if (k.t === 'ind') {
    const row = f.periods[k.period]?.indicators[k.index];
    const before = row ? row[k.col] : '';
    if (before === text) return null;
    changes.push({ target: { kind: 'ind', period: k.period, rowId: row?.id ?? null, index: k.index, col: k.col }, before, after: text });
    return { t: 'set', changes, label, focus: { period: k.period, rowId: row?.id, col: k.col } };
  }
  if (k.t === 'grp') {
    for (const p of k.periods) {
      for (const i of k.indexes) {
        const row = f.periods[p]?.indicators[i];
        if (!row || row[k.col] === text) continue;
        changes.push({ target: { kind: 'ind', period: p, rowId: row.id, index: i, col: k.col }, before: row[k.col], after: text });
      }
    }
    if (!changes.length) return null;
    const first = f.periods[k.periods[0]!]?.indicators[k.indexes[0] ?? 0];
    return { t: 'set', changes, label, focus: { period: k.periods[0], rowId: first?.id, col: k.col } };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// How a 指标值 was understood: a short chip (`≥ 90 %`, `日期 2025-12-31`, `定性`, `时限 …`).

const pad = (n: number) => String(n).padStart(2, '0');

export interface ValueChip {
  text: string;
  kind: ParsedValue['kind'];
  /** A problem worth showing in red (an impossible date, a percentage over 100). */
  bad?: string;
  note?: string;
}

export function valueChip(raw: string): ValueChip | null {
  const v = parseIndicatorValue(raw);
  switch (v.kind) {
    case 'empty':
      return null;
    case 'qualitative':
      return { text: '定性', kind: v.kind };
    case 'notApplicable':
      return { text: '不适用', kind: v.kind };
    case 'quantity': {
      const unit = v.percent ? '%' : v.unit;
      const range = v.upper ? `–${v.upper.numberText}` : '';
      const cmp = v.comparator ? `${v.comparator} ` : v.approximate ? '约 ' : '';
      const label = v.label ? `${v.label} ` : '';
      const bad = v.percent && (v.number > 100 || (v.upper?.number ?? 0) > 100) ? '百分比超过 100' : undefined;
      return { text: `${label}${cmp}${v.numberText}${range}${unit ? ' ' + unit : ''}`, kind: v.kind, bad, note: v.note };
    }
    case 'duration': {
      const cmp = v.comparator ? `${v.comparator} ` : '';
      return { text: `时长 ${cmp}${v.numberText} ${v.timeUnit}`, kind: v.kind, note: v.note };
    }
    case 'date': {
      if (!v.valid) return { text: '日期有误', kind: v.kind, bad: v.problem ?? '不是有效日期' };
      let d = '';
      if (v.year !== undefined) d += String(v.year);
      if (v.month !== undefined) d += (d ? '-' : '') + pad(v.month) + (v.toMonth !== undefined ? `至${pad(v.toMonth)}` : '');
      else if (v.year !== undefined && v.end) d += ' 年底';
      if (v.day !== undefined) d += `-${pad(v.day)}`;
      else if (v.month !== undefined && v.end) d += ' 月底';
      if (v.year === undefined && v.month !== undefined) d = `${v.month}月${v.end ? '底' : ''}`;
      const cmp = v.comparator && v.comparator !== '≤' ? `${v.comparator} ` : '';
      return { text: `${v.deadline ? '时限' : '日期'} ${cmp}${d}`, kind: v.kind, note: v.note };
    }
  }
}

