// Grids from outside as the recogniser reads them, and what its parts share: the rows of
// each template (labels, values, values with their own caption), the label key of a cell,
// and a row that could not be read (a note, its cells marked in place).
import type { CellSpec, TemplateDef } from '../../../shared/templates/types.ts';
import { labelIndex, normLabel } from './labels.ts';
import type { SourceTrace } from './source.ts';

/** One cell of a grid: its text (paragraphs joined by \n), grid column, span, and whether
 *  it continues a cell merged down from the row above. */
export interface GridCell {
  text: string;
  col: number;
  span: number;
  cont: boolean;
}
export type GridRow = GridCell[];

export type ValueSpec = Extract<CellSpec, { field: string }>;
/** A template row: labels, values, and values printed with their own caption (`中期目标（…）`). */
type Item = { kind: 'label'; key: string } | { kind: 'value'; spec: ValueSpec } | { kind: 'anchor'; spec: ValueSpec };
export interface SpecRow {
  items: Item[];
  labels: string[];
}

const specCache = new WeakMap<TemplateDef, SpecRow[][]>();
export function specRows(t: TemplateDef): SpecRow[][] {
  let out = specCache.get(t);
  if (out) return out;
  out = t.layout.blocks.map((b) =>
    b.kind !== 'rows'
      ? []
      : b.rows.map((r) => {
          const items: Item[] = r.cells.map((c) =>
            'text' in c ? { kind: 'label', key: normLabel(c.text) } : c.prefix || c.blank ? { kind: 'anchor', spec: c } : { kind: 'value', spec: c },
          );
          return { items, labels: items.flatMap((i) => (i.kind === 'label' ? [i.key] : i.kind === 'anchor' ? [`~${i.spec.field}`] : [])) };
        }),
  );
  specCache.set(t, out);
  return out;
}

export const own = (row: GridRow) => row.filter((c) => !c.cont);
export const blank = (c: GridCell) => c.text.trim() === '';

/** The label key of a source cell under a template row (or null for a value cell). */
export function keyOf(t: TemplateDef, c: GridCell, spec?: SpecRow): string | null {
  const n = normLabel(c.text);
  if (!n) return null;
  for (const it of spec?.items ?? []) {
    if (it.kind !== 'anchor') continue;
    if ((it.spec.prefix && n.startsWith(normLabel(it.spec.prefix))) || (it.spec.blank && n === normLabel(it.spec.blank))) return `~${it.spec.field}`;
  }
  return labelIndex(t).rows.get(n) ?? null;
}

export function rowText(row: GridRow): string {
  const s = own(row)
    .map((c) => c.text.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' | ');
  return s.length > 80 ? s.slice(0, 80) + '…' : s;
}

/** A row that could not be read: a note, and every filled cell of it marked in place. */
export function skipRow(rows: readonly GridRow[], s: number, where: string, notes: string[], trace: SourceTrace, why = '无法识别，已跳过'): void {
  const filled = own(rows[s]!).filter((c) => !blank(c));
  if (!filled.length) return;
  const msg = `第 ${s + 1} 行${why}：${rowText(rows[s]!)}`;
  notes.push(`${where}：${msg}`);
  trace.mark(filled.map((c) => [s, c.col]), msg);
}
