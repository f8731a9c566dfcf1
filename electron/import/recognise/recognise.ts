// Reads project filings out of printed-table grids (a DOCX table, a spreadsheet sheet):
// the template definition says which label stands before which value, so a grid is
// matched row by row against the template's rows (by label text, then by cell order),
// and the indicator block column by column from its header row. What is not recognised
// becomes a Chinese note; nothing is guessed silently.
import { randomBytes } from 'node:crypto';
import type { IndicatorRow, PeriodKey, ProjectFilingInput } from '../../../shared/model/filing.ts';
import { parseMoney } from '../../../shared/model/money.ts';
import { INDICATOR_COLUMN_LABELS, TEMPLATES } from '../../../shared/templates/index.ts';
import type { BlockSpec, CellSpec, IndicatorColumn, TemplateDef } from '../../../shared/templates/types.ts';

/** One cell of a grid: its text (paragraphs joined by \n), grid column, span, and whether
 *  it continues a cell merged down from the row above. */
export interface GridCell {
  text: string;
  col: number;
  span: number;
  cont: boolean;
}
export type GridRow = GridCell[];

/** Label text as compared: no whitespace, half-width colon and brackets, no trailing colon. */
export function normLabel(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/：/g, ':')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/:$/, '');
}

type OwnCell = { kind: 'label'; text: string } | { kind: 'value'; spec: Extract<CellSpec, { field: string }> };
interface SpecRow {
  cells: OwnCell[];
  labels: string[];
}

const specRowsCache = new WeakMap<TemplateDef, SpecRow[][]>();

/** The rows blocks of a template as lists of own cells (cells merged from above left out). */
export function specRows(t: TemplateDef): SpecRow[][] {
  let out = specRowsCache.get(t);
  if (out) return out;
  out = t.layout.blocks.map((b) =>
    b.kind === 'rows'
      ? b.rows.map((r) => {
          const cells: OwnCell[] = r.cells.map((c) => ('text' in c ? { kind: 'label' as const, text: c.text } : { kind: 'value' as const, spec: c }));
          return { cells, labels: cells.flatMap((c) => (c.kind === 'label' ? [normLabel(c.text)] : [])) };
        })
      : [],
  );
  specRowsCache.set(t, out);
  return out;
}

const COLUMN_BY_LABEL = new Map<string, IndicatorColumn>(
  (Object.entries(INDICATOR_COLUMN_LABELS) as Array<[IndicatorColumn, string]>).map(([k, v]) => [normLabel(v), k]),
);

/** Every label a template prints (rows and indicator header), normalised. */
function templateLabels(t: TemplateDef): Set<string> {
  const s = new Set<string>();
  for (const block of specRows(t)) for (const r of block) for (const l of r.labels) s.add(l);
  for (const b of t.layout.blocks) {
    if (b.kind !== 'indicators') continue;
    for (const c of b.columns) s.add(normLabel(INDICATOR_COLUMN_LABELS[c]));
    if (b.sideLabel) s.add(normLabel(b.sideLabel));
  }
  return s;
}

/** The template whose labels fit the grid best, or null when fewer than 4 labels match. */
export function detectTemplate(rows: readonly GridRow[]): { template: TemplateDef; score: number } | null {
  const texts = new Set<string>();
  for (const r of rows) for (const c of r) if (!c.cont && c.text.trim()) texts.add(normLabel(c.text));
  let best: { template: TemplateDef; score: number; matched: number } | null = null;
  for (const t of TEMPLATES) {
    const labels = templateLabels(t);
    let matched = 0;
    for (const l of labels) if (texts.has(l)) matched++;
    const score = matched - (labels.size - matched);
    if (!best || score > best.score || (score === best.score && matched > best.matched)) best = { template: t, score, matched };
  }
  return best && best.matched >= 4 ? { template: best.template, score: best.score } : null;
}

export interface RecogniseOptions {
  /** Trim values (documents from elsewhere); spreadsheets from this program keep them exact. */
  trimValues: boolean;
  /** Where the grid came from, for notes (`第 3 个表格`, `工作表“1.项目”`). */
  where: string;
  newId?: () => string;
}

export interface RecognisedProject {
  filing: ProjectFilingInput;
  /** Fields read (paths), for the preview. */
  recognised: string[];
  /** `$unit.*` values printed in the table (e.g. 主管部门及代码). */
  unitFields: Record<string, string>;
  notes: string[];
}

const newRowId = () => `r${randomBytes(6).toString('hex')}`;

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}

function ownCells(row: GridRow): GridCell[] {
  return row.filter((c) => !c.cont);
}

function rowMatches(spec: SpecRow, row: GridRow): boolean {
  const own = ownCells(row);
  if (own.length !== spec.cells.length) return false;
  return spec.cells.every((c, i) => c.kind !== 'label' || normLabel(own[i]!.text) === normLabel(c.text));
}

function isIndicatorHeader(row: GridRow): boolean {
  const own = ownCells(row).map((c) => normLabel(c.text));
  return own.includes(normLabel(INDICATOR_COLUMN_LABELS.name)) && own.includes(normLabel(INDICATOR_COLUMN_LABELS.value));
}

/**
 * Reads one project from the rows of its table (all parts concatenated). The template
 * is given (detected beforehand). Values are exact text; money is parsed in the
 * template's unit.
 */
export function recogniseProject(rows: readonly GridRow[], t: TemplateDef, opts: RecogniseOptions): RecognisedProject {
  const filing: Record<string, unknown> = { templateId: t.id, periods: {} };
  for (const p of t.periods) (filing.periods as Record<string, unknown>)[p] = { funding: {}, indicators: [] };
  const recognised: string[] = [];
  const unitFields: Record<string, string> = {};
  const notes: string[] = [];
  const val = (s: string) => (opts.trimValues ? s.trim() : s);
  const blocks = specRows(t);
  let j = 0;

  const readValue = (spec: Extract<CellSpec, { field: string }>, raw: string) => {
    let text = val(raw);
    if (spec.blank !== undefined && text.trim() === spec.blank) text = '';
    else {
      if (spec.prefix && text.startsWith(spec.prefix)) text = text.slice(spec.prefix.length);
      if (spec.suffix && text.endsWith(spec.suffix)) text = text.slice(0, -spec.suffix.length);
    }
    if (spec.field.startsWith('$')) {
      unitFields[spec.field] = text.trim();
      return;
    }
    if (spec.format === 'money') {
      try {
        setPath(filing, spec.field, parseMoney(text, t.amount.unit));
        recognised.push(spec.field);
      } catch (e) {
        notes.push(`${opts.where}：金额“${text.slice(0, 40)}”无法识别（${(e as Error).message}），该项留空`);
      }
      return;
    }
    setPath(filing, spec.field, text);
    recognised.push(spec.field);
  };

  t.layout.blocks.forEach((block, bi) => {
    if (block.kind === 'rows') {
      for (const spec of blocks[bi]!) {
        let k = j;
        const limit = Math.min(rows.length, j + 4);
        while (k < limit && !rowMatches(spec, rows[k]!)) k++;
        if (k >= limit) {
          const what = spec.labels.length ? `“${spec.labels.join('、')}”` : '（数值行）';
          notes.push(`${opts.where}：没有找到${what}一行，相应内容未导入`);
          continue;
        }
        for (let s = j; s < k; s++) notes.push(`${opts.where}：第 ${s + 1} 行无法识别，已跳过：${rowText(rows[s]!)}`);
        const own = ownCells(rows[k]!);
        spec.cells.forEach((c, i) => {
          if (c.kind === 'value') readValue(c.spec, own[i]!.text);
        });
        j = k + 1;
      }
    } else {
      j = readIndicators(block, rows, j, filing, opts, notes, recognised);
    }
  });
  for (let s = j; s < rows.length; s++) {
    if (rows[s]!.some((c) => !c.cont && c.text.trim())) notes.push(`${opts.where}：第 ${s + 1} 行无法识别，已跳过：${rowText(rows[s]!)}`);
  }
  return { filing: filing as unknown as ProjectFilingInput, recognised, unitFields, notes };
}

function rowText(row: GridRow): string {
  const s = ownCells(row)
    .map((c) => c.text.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' | ');
  return s.length > 80 ? s.slice(0, 80) + '…' : s;
}

function readIndicators(
  block: Extract<BlockSpec, { kind: 'indicators' }>,
  rows: readonly GridRow[],
  start: number,
  filing: Record<string, unknown>,
  opts: RecogniseOptions,
  notes: string[],
  recognised: string[],
): number {
  let j = start;
  const limit = Math.min(rows.length, start + 4);
  while (j < limit && !isIndicatorHeader(rows[j]!)) j++;
  if (j >= limit) {
    notes.push(`${opts.where}：没有找到绩效指标表头（一级指标、二级指标、三级指标、指标值），指标未导入`);
    return start;
  }
  for (let s = start; s < j; s++) notes.push(`${opts.where}：第 ${s + 1} 行无法识别，已跳过：${rowText(rows[s]!)}`);
  // Column start → (period, column).
  const map = new Map<number, { period: PeriodKey; col: IndicatorColumn }>();
  const seen = new Map<IndicatorColumn, number>();
  for (const c of ownCells(rows[j]!)) {
    const key = COLUMN_BY_LABEL.get(normLabel(c.text));
    if (!key) {
      if (block.sideLabel && normLabel(c.text) === normLabel(block.sideLabel)) continue;
      if (c.text.trim()) notes.push(`${opts.where}：指标表头“${c.text.trim()}”不是本模板的列，该列未导入`);
      continue;
    }
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const period = block.periods[key === 'level1' ? 0 : n];
    if (!period) {
      notes.push(`${opts.where}：指标表头“${c.text.trim()}”多出一列，未导入`);
      continue;
    }
    map.set(c.col, { period, col: key });
  }
  const headerCells = rows[j]!.length;
  const lists = new Map<PeriodKey, IndicatorRow[]>(block.periods.map((p) => [p, []]));
  const above = new Map<number, string>();
  const val = (s: string) => (opts.trimValues ? s.trim() : s);
  j++;
  for (; j < rows.length; j++) {
    const row = rows[j]!;
    if (isIndicatorHeader(row)) break;
    // A labelled row of a later block (the 申报表 footer) ends the indicator rows.
    const own = ownCells(row);
    if (own.some((c) => /^(负责人|经办人|联系电话|填报日期)/.test(normLabel(c.text)))) break;
    if (row.length !== headerCells || row.some((c) => !c.cont && !map.has(c.col) && c.text.trim() !== '' && !(block.sideLabel && c.col === 0))) {
      if (own.some((c) => c.text.trim())) notes.push(`${opts.where}：第 ${j + 1} 行与指标表头的栏目对不上，无法识别，已跳过：${rowText(row)}`);
      continue;
    }
    const byPeriod = new Map<PeriodKey, Partial<Record<IndicatorColumn, string>>>();
    let level1 = '';
    for (const c of row) {
      const m = map.get(c.col);
      if (!m) continue;
      const text = c.cont ? (above.get(c.col) ?? '') : val(c.text);
      above.set(c.col, text);
      if (m.col === 'level1') {
        level1 = text;
        continue;
      }
      const o = byPeriod.get(m.period) ?? {};
      o[m.col] = text;
      byPeriod.set(m.period, o);
    }
    for (const p of block.periods) {
      const o = byPeriod.get(p) ?? {};
      const filled = level1.trim() !== '' && p === block.periods[0] && byPeriod.size === 0 ? true : Object.values(o).some((v) => v !== undefined && v.trim() !== '');
      if (!filled) continue;
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
