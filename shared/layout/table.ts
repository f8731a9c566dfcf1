// One project table as layout: the template's blocks expanded against a filing and its
// unit. `rows` blocks place label/value cells on the grid (span, rowSpan → vertical
// merge); `indicators` blocks print one row per 三级 indicator, periods side by side,
// 一级 merged vertically over its group. The table is cut into parts at each indicator
// header, because a repeated header row must be the first row of a Word table.
import type { IndicatorRow, PeriodKey, ProjectFiling, Unit } from '../model/filing.ts';
import { formatMoney } from '../model/money.ts';
import { supervisorText } from '../model/supervisor.ts';
import { getAt } from '../model/field-path.ts';
import type { BlockSpec, CellSpec, IndicatorColumn, TemplateDef } from '../templates/types.ts';
import { INDICATOR_COLUMN_LABELS, checkTemplateShape } from '../templates/index.ts';
import type { CellAlign, CellRole, LayoutCell, LayoutRow, LayoutTable } from './types.ts';
import { pageSetup, scaleGrid } from './typesetting.ts';
import { rowKeeping } from './row-keeping.ts';

export interface FieldContext {
  filing: ProjectFiling;
  unit: Unit;
  year: number;
  /** Values as stored, without the print rules (our workbook reads them back exactly). */
  asStored?: boolean;
}

/** Value of a template field path: `name`, `periods.annual.funding.total`, `$unit.codeName`, `$year`. */
export function resolveField(path: string, ctx: FieldContext): unknown {
  if (path.startsWith('$')) return externalField(path, ctx.unit, ctx.year);
  return getAt(ctx.filing, path);
}

/** A field from outside the filing: `$year`, `$unit.code|name|codeName|supervisorText|region` ('' without a unit). */
export function externalField(path: string, unit: Unit | null, year: number): string | number | undefined {
  if (path === '$year') return year;
  if (!path.startsWith('$unit.')) return undefined;
  if (!unit) return '';
  switch (path.slice(6)) {
    case 'code':
      return unit.code;
    case 'name':
      return unit.name;
    case 'codeName':
      return `${unit.code}${unit.name}`;
    case 'supervisorText':
      return supervisorText(unit.supervisor);
    case 'region':
      return unit.region;
    default:
      return undefined;
  }
}


const OTHER_FUNDING = /(^|\.)funding\.other$/;

function valueText(cell: Extract<CellSpec, { field: string }>, ctx: FieldContext, t: TemplateDef): string {
  const v = resolveField(cell.field, ctx);
  let text: string;
  if (cell.format === 'money') {
    // 其他资金 blank or 0 prints by the template's rule, the same in every table.
    if (!ctx.asStored && OTHER_FUNDING.test(cell.field) && (v === 0 || typeof v !== 'number')) text = t.otherFunding === 'zero' ? formatMoney(0, t.amount) : '';
    else text = typeof v === 'number' ? formatMoney(v, t.amount) : '';
  } else text = v === null || v === undefined ? '' : String(v);
  if (text.trim() === '') return cell.blank ?? '';
  return (cell.prefix ?? '') + text + (cell.suffix ?? '');
}

const splitLines = (text: string): string[] => {
  if (text === '') return [];
  return text.split(/\r?\n/);
};

const templateProblems = new WeakMap<TemplateDef, string[]>();

function assertWellFormed(t: TemplateDef): void {
  let p = templateProblems.get(t);
  if (!p) templateProblems.set(t, (p = checkTemplateShape(t)));
  if (p.length) throw new Error(`模板 ${t.id} 的表格定义有误：${p.join('；')}`);
}

interface Grid {
  widths: number[];
  spanWidth(col: number, span: number): number;
}

function makeGrid(t: TemplateDef): Grid {
  const widths = scaleGrid(t.layout.grid, pageSetup(t.layout.orientation).textWidth);
  return {
    widths,
    spanWidth(col, span) {
      let w = 0;
      for (let i = col; i < col + span; i++) w += widths[i] ?? 0;
      return w;
    },
  };
}

function cell(
  grid: Grid,
  col: number,
  colSpan: number,
  lines: string[],
  role: CellRole,
  align: CellAlign,
  merge: LayoutCell['merge'] = 'none',
  rowSpan = 1,
): LayoutCell {
  return { lines, col, colSpan, merge, rowSpan, width: grid.spanWidth(col, colSpan), align, role };
}

function expandRowsBlock(
  block: Extract<BlockSpec, { kind: 'rows' }>,
  t: TemplateDef,
  grid: Grid,
  ctx: FieldContext,
): LayoutCell[][] {
  const width = grid.widths.length;
  // Per grid column: a cell from a row above still covering it (rows left, its span).
  const carry: Array<{ left: number; span: number } | undefined> = new Array(width);
  const out: LayoutCell[][] = [];
  block.rows.forEach((row, ri) => {
    const cells: LayoutCell[] = [];
    let col = 0;
    const emitCarried = () => {
      for (let c = carry[col]; col < width && c && c.left > 0; c = carry[col]) {
        c.left--;
        cells.push(cell(grid, col, c.span, [], 'label', 'center', 'continue'));
        col += c.span;
      }
    };
    for (const spec of row.cells) {
      emitCarried();
      const span = spec.span ?? 1;
      const down = spec.rowSpan === 'block' ? block.rows.length - ri : (spec.rowSpan ?? 1);
      let lines: string[];
      let role: CellRole;
      let align: CellAlign;
      if ('text' in spec) {
        lines = splitLines(spec.text);
        role = 'label';
        align = 'center';
      } else {
        lines = splitLines(valueText(spec, ctx, t));
        role = 'value';
        // Prose (goals, 用途, 项目概况 …) reads left to right; short values sit centred.
        align = spec.format !== 'money' && span >= 3 ? 'left' : 'center';
        if (spec.prefix || spec.blank) align = 'center';
      }
      const made = cell(grid, col, span, lines, role, align, down > 1 ? 'restart' : 'none', down);
      if ('field' in spec) made.field = spec.field;
      cells.push(made);
      if (down > 1) carry[col] = { left: down - 1, span };
      col += span;
    }
    emitCarried();
    out.push(cells);
  });
  return out;
}

const COLUMN_LOOK: Record<IndicatorColumn, { role: CellRole; align: CellAlign }> = {
  level1: { role: 'level1', align: 'center' },
  level2: { role: 'level2', align: 'center' },
  name: { role: 'indicator', align: 'left' },
  description: { role: 'indicator', align: 'left' },
  value: { role: 'indicator', align: 'center' },
  basis: { role: 'indicator', align: 'center' },
  standard: { role: 'indicator', align: 'left' },
};

function expandIndicatorBlock(
  block: Extract<BlockSpec, { kind: 'indicators' }>,
  grid: Grid,
  ctx: FieldContext,
): { rows: LayoutCell[][]; headerRows: number } {
  const spanOf = (c: IndicatorColumn) => block.spans?.[c] ?? 1;
  const merge = new Set(block.merge ?? ['level1']);
  const lists: IndicatorRow[][] = block.periods.map((p: PeriodKey) => ctx.filing.periods[p]?.indicators ?? []);
  // Pair the periods' rows by position; a form with no indicators still prints one blank row.
  const n = Math.max(1, ...lists.map((l) => l.length));
  const rows: LayoutCell[][] = [];
  const bodyStart = block.header ? 1 : 0;
  const total = bodyStart + n;

  if (block.header) {
    const cells: LayoutCell[] = [];
    let col = 0;
    if (block.sideLabel !== undefined) {
      cells.push(cell(grid, col, 1, splitLines(block.sideLabel), 'side', 'center', total > 1 ? 'restart' : 'none', total));
      col++;
    }
    block.periods.forEach((_, pi) => {
      for (const c of block.columns) {
        if (c === 'level1' && pi > 0) continue;
        const h = cell(grid, col, spanOf(c), [INDICATOR_COLUMN_LABELS[c]], 'header', 'center');
        h.bold = true;
        cells.push(h);
        col += spanOf(c);
      }
    });
    rows.push(cells);
  }

  // Vertical merge runs of equal values (一级 printed once for the whole row, from the first
  // period that has the row; 二级 per period when the template asks for it).
  const level1 = (r: number): string => lists.find((l) => l[r])?.[r]?.level1 ?? '';
  const runLength = (r: number, value: (k: number) => string): number => {
    const v = value(r);
    if (v === '') return 1;
    let k = r + 1;
    while (k < n && value(k) === v) k++;
    return k - r;
  };
  const runs = new Map<string, number>(); // `${column}:${period}` → rows still covered

  for (let r = 0; r < n; r++) {
    const cells: LayoutCell[] = [];
    let col = 0;
    if (block.sideLabel !== undefined) {
      if (bodyStart + r > 0) cells.push(cell(grid, col, 1, [], 'side', 'center', 'continue'));
      else cells.push(cell(grid, col, 1, splitLines(block.sideLabel), 'side', 'center', total > 1 ? 'restart' : 'none', total));
      col++;
    }
    block.periods.forEach((period, pi) => {
      const row = lists[pi]?.[r];
      const at = cells.length;
      for (const c of block.columns) {
        if (c === 'level1' && pi > 0) continue;
        const span = spanOf(c);
        const look = COLUMN_LOOK[c];
        const text = c === 'level1' ? level1(r) : (row?.[c] ?? '');
        if ((c === 'level1' || c === 'level2') && merge.has(c)) {
          const key = `${c}:${pi}`;
          const left = runs.get(key) ?? 0;
          if (left > 0) {
            runs.set(key, left - 1);
            cells.push(cell(grid, col, span, [], look.role, look.align, 'continue'));
          } else {
            const len = runLength(r, c === 'level1' ? level1 : (k) => lists[pi]?.[k]?.level2 ?? '');
            runs.set(key, len - 1);
            cells.push(cell(grid, col, span, splitLines(text), look.role, look.align, len > 1 ? 'restart' : 'none', len));
          }
        } else {
          cells.push(cell(grid, col, span, splitLines(text), look.role, look.align));
        }
        col += span;
      }
      // Which field each cell shows (一级 from the first period that has the row).
      const p1 = block.periods[lists.findIndex((l) => l[r])] ?? period;
      for (const [k, c] of block.columns.filter((c) => c !== 'level1' || pi === 0).entries()) {
        const made = cells[at + k];
        if (made && made.merge !== 'continue') made.field = `periods.${c === 'level1' ? p1 : period}.indicators.${r}.${c}`;
      }
    });
    rows.push(cells);
  }
  return { rows, headerRows: block.header ? 1 : 0 };
}

/** The parts of one project table (2 when the indicator block has a header row). */
export function projectTableLayout(t: TemplateDef, ctx: FieldContext): LayoutTable[] {
  assertWellFormed(t);
  const grid = makeGrid(t);
  const page = pageSetup(t.layout.orientation);
  const parts: Array<{ rows: LayoutCell[][]; headerRows: number }> = [];
  for (const block of t.layout.blocks) {
    if (block.kind === 'rows') {
      const rows = expandRowsBlock(block, t, grid, ctx);
      const last = parts.at(-1);
      if (last) last.rows.push(...rows);
      else parts.push({ rows, headerRows: 0 });
    } else {
      const ind = expandIndicatorBlock(block, grid, ctx);
      const last = parts.at(-1);
      if (ind.headerRows > 0 || !last) parts.push(ind);
      else last.rows.push(...ind.rows);
    }
  }
  // Keep the whole table on one page when it fits (most A/B tables); a longer form flows,
  // its indicator header repeating on the next page.
  const { keepTogether, cantSplit } = rowKeeping(parts.map((p) => p.rows), page.textHeight);
  return parts.map((p, k) => ({
    widths: grid.widths,
    rows: p.rows.map(
      (cells, ri): LayoutRow => ({
        cells,
        header: ri < p.headerRows,
        cantSplit: cantSplit[k]?.[ri] ?? true,
      }),
    ),
    headerRows: p.headerRows,
    keepTogether,
    joinPrevious: k > 0,
    project: { id: ctx.filing.id, part: k, parts: parts.length },
  }));
}
