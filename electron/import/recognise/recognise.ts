// Reads project filings out of grids from outside (a Word table, a block of a sheet) by
// their labels, not by our grid: a template row is found by the sequence of its labels
// (variants from shared/templates/label-synonyms.ts, normalised), and each value is the
// text between its label and the next one, whatever padding cells, spans or merges stand
// in between; rows of values only are read under the labels of the row above them. The
// indicator block is read column by column from its header row (a repeated header is
// read again). What is not recognised becomes a Chinese note; nothing is guessed silently.
import type { ProjectFilingInput } from '../../../shared/model/filing.ts';
import { readMoneyCell } from './money-cell.ts';
import { assignAt } from '../../../shared/model/field-path.ts';
import { TEMPLATES } from '../../../shared/templates/index.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { isTemplateLabel, labelIndex, normLabel, printedAmountUnit } from './labels.ts';
import { SourceTrace, type CellAt } from './source.ts';
import { blank, keyOf, own, skipRow, specRows, type GridCell, type GridRow, type SpecRow, type ValueSpec } from './grid.ts';
import { readIndicators } from './indicators.ts';
import { fieldLabel } from '../../../shared/templates/labels.ts';

export type { GridCell, GridRow } from './grid.ts';

/** Labels of all templates' first rows: a row with one of them starts a filing. */
export function startsFiling(row: GridRow): boolean {
  return own(row).some((c) => {
    const n = normLabel(c.text);
    return TEMPLATES.some((t) => {
      const k = labelIndex(t).rows.get(n);
      return k === '项目名称' || k === '项目编码';
    });
  });
}

/** The template whose labels fit the grid best (found, less missing, less those of other layouts only), or null when fewer than 4 labels match. */
export function detectTemplate(rows: readonly GridRow[]): { template: TemplateDef; score: number; matched: number; total: number } | null {
  const texts = new Set<string>();
  for (const r of rows) for (const c of r) if (!c.cont && c.text.trim()) texts.add(normLabel(c.text));
  let best: { template: TemplateDef; score: number; matched: number; total: number } | null = null;
  for (const t of TEMPLATES) {
    const ix = labelIndex(t);
    const wanted = new Set([...ix.rows.values()]);
    const cols = new Set(t.indicatorColumns);
    const found = new Set<string>();
    for (const s of texts) {
      const k = ix.rows.get(s);
      if (k) found.add(k);
      const c = ix.columns.get(s);
      if (c) found.add(`#${c}`);
    }
    const matched = found.size;
    // Labels only other layouts print (项目编码, 资金支出计划 and 指标值确定依据 are B's) speak against this one.
    let foreign = 0;
    for (const s of texts) if (!ix.rows.has(s) && !ix.columns.has(s) && isTemplateLabel(s)) foreign++;
    const score = matched - (wanted.size + cols.size - matched) - foreign;
    if (!best || score > best.score || (score === best.score && matched > best.matched)) best = { template: t, score, matched, total: wanted.size + cols.size };
  }
  return best && best.matched >= 4 ? best : null;
}

export interface RecogniseOptions {
  /** Trim values (documents from elsewhere); spreadsheets from this program keep them exact. */
  trimValues: boolean;
  /** Where the grid came from, for notes (`第 3 个表格`, `工作表“1.项目”`). */
  where: string;
  /** The amount unit printed above the table (`单位：万元`); a unit in the table's labels wins. */
  amountUnit?: 'yuan' | 'wanyuan' | null;
  /** The amount unit chosen by the user in the preview: wins over what is printed. */
  amountUnitGiven?: 'yuan' | 'wanyuan';
  newId?: () => string;
}

export interface RecognisedProject {
  filing: ProjectFilingInput;
  /** Fields read (paths), for the preview. */
  recognised: string[];
  /** `$unit.*` values printed in the table (e.g. 主管部门及代码). */
  unitFields: Record<string, string>;
  notes: string[];
  /** Amounts that could not be read (left unset), each with its note: a caller that
   *  fills the field from elsewhere says so instead. */
  unreadMoney: Array<{ field: string; note: string }>;
  /** Per value the source cells it was read from, label cells, and what was not read, in place. */
  trace: SourceTrace;
  /** The amount unit money was read in, and why. */
  amountUnit: { unit: 'yuan' | 'wanyuan'; from: 'table' | 'above' | 'template' | 'given' };
}

const UNIT_NAMES = { yuan: '元', wanyuan: '万元' } as const;

/** The amount unit printed in the table's labels (`项目资金（元）`, `预算数（万元）`). */
function tableAmountUnit(t: TemplateDef, rows: readonly GridRow[]): 'yuan' | 'wanyuan' | null {
  for (const r of rows) for (const c of own(r)) if (labelIndex(t).rows.has(normLabel(c.text))) {
    const u = printedAmountUnit(c.text);
    if (u) return u;
  }
  return null;
}

/**
 * Reads one project from the rows of its table (all parts concatenated). The template
 * is given (detected beforehand). Values are exact text; money is parsed in the amount
 * unit printed on the document, else the template's.
 */
export function recogniseProject(rows: readonly GridRow[], t: TemplateDef, opts: RecogniseOptions): RecognisedProject {
  const filing: Record<string, unknown> = { templateId: t.id, periods: {} };
  for (const p of t.periods) (filing.periods as Record<string, unknown>)[p] = { funding: {}, indicators: [] };
  const recognised: string[] = [];
  const unitFields: Record<string, string> = {};
  const notes: string[] = [];
  const unreadMoney: RecognisedProject['unreadMoney'] = [];
  const trace = new SourceTrace();
  const where = opts.where;
  const val = (s: string) => (opts.trimValues ? s.trim() : s);
  const given = opts.amountUnitGiven;
  const inTable = given ? null : tableAmountUnit(t, rows);
  const printed = inTable ?? opts.amountUnit ?? null;
  const unit = given ?? printed ?? t.amount.unit;
  const amountUnit = { unit, from: given ? 'given' : inTable ? 'table' : printed ? 'above' : 'template' } as const;
  if (!given && printed && printed !== t.amount.unit) {
    notes.push(`${where}：金额单位按表上标注的“${UNIT_NAMES[printed]}”读取（本格式通常为“${UNIT_NAMES[t.amount.unit]}”）`);
  }

  const readValue = (spec: ValueSpec, raw: string, cells: CellAt[]) => {
    let text = val(raw);
    if (spec.blank !== undefined && normLabel(text) === normLabel(spec.blank)) text = '';
    else {
      const n = text.normalize('NFKC');
      if (spec.prefix && n.startsWith(spec.prefix.normalize('NFKC'))) text = n.slice(spec.prefix.normalize('NFKC').length);
      if (spec.suffix && text.normalize('NFKC').endsWith(spec.suffix.normalize('NFKC'))) text = text.normalize('NFKC').slice(0, -spec.suffix.length);
    }
    if (spec.field.startsWith('$')) {
      unitFields[spec.field] = text.trim();
      trace.value(spec.field, cells);
      return;
    }
    if (spec.format === 'money') {
      const m = readMoneyCell(text, unit);
      if (m.note) notes.push(`${where}：${m.note}`);
      if (m.ok) {
        assignAt(filing, spec.field, m.value);
        recognised.push(spec.field);
        trace.value(spec.field, cells);
        if (m.note) trace.mark(cells, m.note);
      } else {
        unreadMoney.push({ field: spec.field, note: `${where}：${m.note}` });
        trace.mark(cells, m.note);
      }
      return;
    }
    assignAt(filing, spec.field, text);
    recognised.push(spec.field);
    trace.value(spec.field, cells);
  };

  const blocks = specRows(t);
  let j = 0;
  let above: GridRow | null = null; // the last row matched, for rows of values only
  const skip = (from: number, to: number) => {
    for (let s = from; s < to; s++) skipRow(rows, s, where, notes, trace);
  };
  t.layout.blocks.forEach((block, bi) => {
    if (block.kind === 'indicators') {
      j = readIndicators(t, block, rows, j, filing, opts, { notes, recognised, trace });
      above = null;
      return;
    }
    const specs = blocks[bi]!;
    let inlined = -1; // a row of values only already read from the values beside its labels
    specs.forEach((spec, si) => {
      if (si === inlined) return;
      let k = j;
      let slots: number[] | null = [];
      if (spec.labels.length === 0) {
        if (k >= rows.length || own(rows[k]!).some((c) => keyOf(t, c) !== null) || startsWithLabel(rows[k]!)) {
          notes.push(`${where}：没有找到（数值行）一行，相应内容未导入`);
          return;
        }
      } else {
        const limit = Math.min(rows.length, j + 6);
        while (k < limit && !(slots = labelSlots(t, spec, rows[k]!))) k++;
        if (k >= limit || !slots) {
          notes.push(`${where}：没有找到“${spec.labels.map((l) => l.replace(/^~.*/, '…')).join('、')}”一行，相应内容未导入`);
          return;
        }
      }
      skip(j, k);
      const at = k;
      const rowNote = (msg: string, cells: CellAt[]) => {
        notes.push(`${where}：第 ${at + 1} 行${msg}`);
        trace.mark(cells, `第 ${at + 1} 行${msg}`);
      };
      const extras = readRow(t, spec, slots, rows[k]!, above, (c) => [at, c.col], readValue, rowNote, trace);
      // Values typed beside labels whose values the template prints in the row below
      // (`年度总体目标 | …` for 总体目标 · 年度目标): read as that row's values, by column from the end.
      const next = specs[si + 1];
      const nextVals = next && next.labels.length === 0 ? next.items.flatMap((i) => (i.kind === 'value' ? [i.spec] : [])) : [];
      for (const x of extras) {
        const idx = x.slot - (spec.labels.length - nextVals.length);
        if (x.slot >= 0 && idx >= 0 && idx < nextVals.length) {
          readValue(nextVals[idx]!, x.cells.map((c) => c.text).join('\n'), x.cells.map((c) => [at, c.col]));
          inlined = si + 1;
        } else rowNote(`有多出的内容，未导入：${x.cells.map((c) => c.text.trim()).join(' | ').slice(0, 60)}`, x.cells.map((c) => [at, c.col]));
      }
      above = rows[k]!;
      j = k + 1;
    });
  });
  skip(j, rows.length);
  return { filing: filing as unknown as ProjectFilingInput, recognised, unitFields, notes, unreadMoney, trace, amountUnit };
}

/** A row that starts with a label of some template is not a row of values. */
function startsWithLabel(row: GridRow): boolean {
  const first = own(row).find((c) => !blank(c));
  return !!first && isTemplateLabel(first.text);
}

/**
 * Whether a source row is this template row, by its labels: every label it prints is one of
 * the row's, in the row's order; labels may be missing (a single-year table prints only
 * `年度资金总额`, a table without `其他资金`). Returns, per label printed, its index in the
 * template row's labels (a label printed twice in the template, fewer times here, is taken
 * as the later one: the 年度 side, which every layout has), or null.
 */
function labelSlots(t: TemplateDef, spec: SpecRow, row: GridRow): number[] | null {
  const keys = own(row).flatMap((c) => {
    const k = keyOf(t, c, spec);
    return k ? [k] : [];
  });
  if (keys.length === 0) return null;
  const slots: number[] = [];
  let pos = spec.labels.length;
  for (let i = keys.length - 1; i >= 0; i--) {
    pos = spec.labels.lastIndexOf(keys[i]!, pos - 1);
    if (pos < 0) return null;
    slots.unshift(pos);
  }
  return slots;
}

/** Filled cells after a label whose template row has no value there (slot: index of that label, -1 before the first). */
type Extra = { slot: number; cells: GridCell[] };

/** Values of one matched row: per label printed, the cells up to the next label printed. */
function readRow(
  t: TemplateDef,
  spec: SpecRow,
  slots: readonly number[],
  row: GridRow,
  above: GridRow | null,
  at: (c: GridCell) => CellAt,
  readValue: (spec: ValueSpec, raw: string, cells: CellAt[]) => void,
  note: (msg: string, cells: CellAt[]) => void,
  trace: SourceTrace,
): Extra[] {
  const cells = own(row);
  const segs: GridCell[][] = [[]];
  const anchors: GridCell[] = [];
  for (const c of cells) {
    if (keyOf(t, c, spec)) {
      anchors.push(c);
      trace.label(at(c));
      segs.push([]);
    } else segs.at(-1)!.push(c);
  }
  // The template row's values per segment: before its first label, then after each label.
  const specSegs: ValueSpec[][] = [[]];
  const anchorSpecs: Array<ValueSpec | null> = [];
  for (const it of spec.items) {
    if (it.kind === 'value') specSegs.at(-1)!.push(it.spec);
    else {
      anchorSpecs.push(it.kind === 'anchor' ? it.spec : null);
      specSegs.push([]);
    }
  }
  anchors.forEach((c, a) => {
    const sp = anchorSpecs[slots[a]!];
    if (sp) readValue(sp, c.text, [at(c)]);
  });
  const extras: Extra[] = [];
  segs.forEach((src, i) => {
    // Segment i follows printed label i-1, i.e. template label slots[i-1]; segment 0 precedes all.
    const slot = i === 0 ? -1 : slots[i - 1]!;
    const vals = i === 0 ? (slots.length === 0 || slots[0] === 0 ? specSegs[0]! : []) : specSegs[slot + 1]!;
    const filled = src.filter((c) => !blank(c));
    if (vals.length === 0) {
      if (filled.length) extras.push({ slot, cells: filled });
      return;
    }
    if (vals.length === 1) {
      // A row of one value typed with its own name first (`资金用途 | 用于…`, where the layout prints none): the name is a label.
      if (filled.length > 1 && normLabel(filled[0]!.text) === normLabel(fieldLabel(t, vals[0]!.field))) trace.label(at(filled.shift()!));
      const one = filled.length === 0 && src.length === 1 ? src : filled;
      readValue(vals[0]!, one.map((c) => c.text).join('\n'), one.map(at));
      return;
    }
    if (src.length === vals.length) return vals.forEach((v, k) => readValue(v, src[k]!.text, [at(src[k]!)]));
    if (filled.length === vals.length) return vals.forEach((v, k) => readValue(v, filled[k]!.text, [at(filled[k]!)]));
    // Values under the labels of the row above (资金支出计划, 实施期目标 · 年度目标): by column.
    const heads = above ? own(above).filter((c) => keyOf(t, c) !== null || !blank(c)).slice(-vals.length) : [];
    if (heads.length !== vals.length) {
      note(`的 ${vals.length} 个数值无法对应到栏目，未导入`, filled.map(at));
      return;
    }
    const parts: GridCell[][] = vals.map(() => []);
    for (const c of filled) {
      let h = 0;
      while (h + 1 < heads.length && c.col >= heads[h + 1]!.col) h++;
      parts[h]!.push(c);
    }
    vals.forEach((v, k) => readValue(v, parts[k]!.map((c) => c.text).join('\n'), parts[k]!.map(at)));
  });
  return extras;
}
