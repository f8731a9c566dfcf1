// The indicator block of a filing from outside: read column by column from its header row
// (a repeated header is read again); a cell merged down gives its value to the rows it covers.
import type { IndicatorRow, PeriodKey } from '../../../shared/model/filing.ts';
import { newRowId } from '../../../shared/model/ids.ts';
import type { BlockSpec, IndicatorColumn, TemplateDef } from '../../../shared/templates/types.ts';
import { blank, own, rowText, skipRow, specRows, type GridCell, type GridRow } from './grid.ts';
import { labelIndex, normLabel } from './labels.ts';
import type { CellAt, SourceTrace } from './source.ts';

/** Header cells (all cells of the row, trailing empty ones left out) → (period, column). */
type HeaderMap = Array<{ cell: GridCell; key: { period: PeriodKey; col: IndicatorColumn } | null }>;

function trimTrailing(row: GridRow): GridCell[] {
  let n = row.length;
  while (n > 0 && !row[n - 1]!.cont && blank(row[n - 1]!)) n--;
  return row.slice(0, n);
}

function headerOf(t: TemplateDef, block: Extract<BlockSpec, { kind: 'indicators' }>, row: GridRow): HeaderMap | null {
  const ix = labelIndex(t);
  const seen = new Map<IndicatorColumn, number>();
  const cells = trimTrailing(row);
  const colOf = (cell: GridCell) => {
    const col = cell.cont ? undefined : ix.columns.get(normLabel(cell.text));
    return col && block.columns.includes(col) ? col : undefined;
  };
  // One set of columns under a two-period block (a single-year table): the 年度 period, the last.
  const single = block.periods.length > 1 && cells.filter((c) => colOf(c) === 'name').length === 1;
  const map: HeaderMap = cells.map((cell) => {
    const col = colOf(cell);
    if (!col) return { cell, key: null };
    const n = seen.get(col) ?? 0;
    seen.set(col, n + 1);
    const period = single ? block.periods.at(-1) : block.periods[col === 'level1' ? 0 : n];
    return { cell, key: period ? { period, col } : null };
  });
  return seen.has('name') && seen.has('value') && map.filter((m) => m.key).length >= 3 ? map : null;
}

export function readIndicators(
  t: TemplateDef,
  block: Extract<BlockSpec, { kind: 'indicators' }>,
  rows: readonly GridRow[],
  start: number,
  filing: Record<string, unknown>,
  opts: { trimValues: boolean; where: string; newId?: () => string },
  out: { notes: string[]; recognised: string[]; trace: SourceTrace },
): number {
  const { notes, recognised, trace } = out;
  const where = opts.where;
  let j = start;
  const limit = Math.min(rows.length, start + 6);
  let header: HeaderMap | null = null;
  while (j < limit && !(header = headerOf(t, block, rows[j]!))) j++;
  if (!header) {
    notes.push(`${where}：没有找到绩效指标表头（一级指标、二级指标、三级指标、指标值），指标未导入`);
    return start;
  }
  for (let s = start; s < j; s++) skipRow(rows, s, where, notes, trace);
  const headerLabels = (k: number, h: HeaderMap) => {
    for (const x of h) if (x.key && !x.cell.cont) trace.label([k, x.cell.col]);
  };
  headerLabels(j, header);
  const ix = labelIndex(t);
  const later = new Set(specRows(t).slice(t.layout.blocks.indexOf(block) + 1).flatMap((b) => b.flatMap((r) => r.labels)));
  const lists = new Map<PeriodKey, IndicatorRow[]>(block.periods.map((p) => [p, []]));
  const aboveText = new Map<number, { text: string; at: CellAt }>();
  const val = (s: string) => (opts.trimValues ? s.trim() : s);
  for (j++; j < rows.length; j++) {
    const row = rows[j]!;
    const repeated = headerOf(t, block, row);
    if (repeated) {
      header = repeated;
      headerLabels(j, repeated);
      continue;
    }
    if (own(row).some((c) => later.has(ix.rows.get(normLabel(c.text)) ?? '\0'))) break;
    const trimmed = trimTrailing(row);
    if (!trimmed.some((c) => !c.cont && !blank(c))) continue;
    // By position when the row has the header's cells, else by the header's columns when
    // the row covers the same columns and its cells start where header cells start.
    const h = header;
    const end = (cs: readonly GridCell[]) => (cs.length ? cs.at(-1)!.col + cs.at(-1)!.span : 0);
    const positional = trimmed.length <= h.length && row.length >= h.length;
    const cells = positional ? row.slice(0, h.length) : trimmed;
    if (!positional && (end(cells) !== end(h.map((x) => x.cell)) || !cells.every((c) => h.some((x) => x.cell.col === c.col)))) {
      skipRow(rows, j, where, notes, trace, '与指标表头的栏目对不上，无法识别，已跳过');
      continue;
    }
    const slot = (c: GridCell, i: number): number => (positional ? i : h.findIndex((x) => x.cell.col === c.col));
    const byPeriod = new Map<PeriodKey, Partial<Record<IndicatorColumn, string>>>();
    const from = new Map<string, CellAt>();
    let level1 = '';
    const lost: CellAt[] = [];
    cells.forEach((c, i) => {
      const s = slot(c, i);
      const key = s >= 0 ? h[s]!.key : null;
      if (!key) {
        if (!c.cont && !blank(c) && !(s >= 0 && ix.side.has(normLabel(h[s]!.cell.text)))) lost.push([j, c.col]);
        if (!c.cont && s >= 0 && ix.side.has(normLabel(h[s]!.cell.text)) && !blank(c)) trace.label([j, c.col]);
        return;
      }
      const got = c.cont ? (aboveText.get(s) ?? { text: '', at: [j, c.col] as CellAt }) : { text: val(c.text), at: [j, c.col] as CellAt };
      aboveText.set(s, got);
      from.set(key.col === 'level1' ? 'level1' : `${key.period}.${key.col}`, got.at);
      if (key.col === 'level1') level1 = got.text;
      else byPeriod.set(key.period, { ...byPeriod.get(key.period), [key.col]: got.text });
    });
    if (lost.length) {
      const msg = `第 ${j + 1} 行与指标表头的栏目对不上，部分内容未导入：${rowText(row)}`;
      notes.push(`${where}：${msg}`);
      trace.mark(lost, msg);
    }
    for (const p of block.periods) {
      const o = byPeriod.get(p) ?? {};
      if (!Object.values(o).some((v) => v !== undefined && v.trim() !== '')) continue;
      const n = lists.get(p)!.length;
      for (const [k, cell] of from) {
        const col = k === 'level1' ? 'level1' : k.startsWith(`${p}.`) ? k.slice(p.length + 1) : null;
        if (col) trace.value(`periods.${p}.indicators.${n}.${col}`, [cell]);
      }
      lists.get(p)!.push({
        id: (opts.newId ?? newRowId)(),
        level1,
        level2: o.level2 ?? '',
        name: o.name ?? '',
        description: o.description ?? '',
        value: o.value ?? '',
        basis: o.basis ?? '',
        standard: o.standard ?? '',
      });
    }
  }
  const periods = filing.periods as Record<string, { indicators: IndicatorRow[] }>;
  for (const [p, list] of lists) {
    periods[p] ??= { indicators: [] } as never;
    periods[p]!.indicators = list;
    if (list.length) recognised.push(`periods.${p}.indicators`);
  }
  return j;
}
