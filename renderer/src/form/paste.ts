// Paste, as a spreadsheet user expects it. One value goes into the cell as text; a block
// (rows × columns, from Excel / WPS) pasted into an indicator cell spreads over the indicator
// rows from that cell as one edit (one undo step, one save); pasted into another field it is
// joined into text. Pure: computed on the grid model and the filing.
import type { IndicatorRow, PeriodKey, ProjectFiling } from '../../../shared/model/filing.ts';
import { INDICATOR_COLUMN_LABELS, INDICATOR_SYSTEMS } from '../../../shared/templates/index.ts';
import type { IndicatorColumn, TemplateDef } from '../../../shared/templates/types.ts';
import type { GridCell, GridModel } from './grid.ts';
import { level1At, level1Groups } from './grid.ts';
import { applyEdit, emptyRow } from './ops.ts';
import type { Change, Edit, RowItem } from './ops.ts';
import { mapColumns, normText, slotsOf } from './paste-columns.ts';
import { cellCount, parseTsv } from './tsv.ts';

export type PasteOutcome =
  /** Text to put into the cell where its selection is (then committed as typing is). */
  | { t: 'text'; text: string; hint?: string }
  | { t: 'edit'; edit: Edit; hint: string }
  | { t: 'error'; error: string };

/** More than any real table; a bigger clipboard is refused before it is parsed. */
const MAX_CHARS = 500_000;
const MAX_ROWS = 500;
/** The filing schema's limits (shared/model/filing.ts). */
const MAX_LEN: Record<IndicatorColumn, number> = { level1: 50, level2: 50, name: 300, description: 1000, value: 300, basis: 300, standard: 300 };

/** What a row holds beside its 一级 / 二级: a row without any of it is blank. */
const BODY = ['name', 'description', 'value', 'basis', 'standard'] as const;

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

/** A clipboard too big for any real table is refused before it is parsed: the message, or null. */
export const pasteTooLong = (raw: string): string | null => (raw.length > MAX_CHARS ? `粘贴的内容过长（超过 ${MAX_CHARS / 10_000} 万字），未粘贴` : null);

/** Whether clipboard text is more than one value (a tab, or a line break before its end). */
export const isBlock = (raw: string): boolean => /[\t\n]/.test(raw.replace(/\r\n?/g, '\n').replace(/\n$/, ''));

/**
 * What pasting `raw` (the clipboard's text/plain) into a cell does. `table`: the rows of the
 * clipboard's HTML table, if it has one (clipboard-html.ts), preferred for a block.
 */
export function planPaste(g: GridModel, cell: GridCell, raw: string, f: ProjectFiling, t: TemplateDef, table?: string[][] | null): PasteOutcome {
  const long = pasteTooLong(raw);
  if (long) return { t: 'error', error: long };
  const k = cell.kind;
  // A table without indicator rows: whatever is pasted becomes its rows.
  if (k.t === 'indEmpty') return spread(g, cell, blockRows(raw, table), f, t);
  const multiline = (k.t === 'field' && k.multiline) || (k.t === 'ind' && k.col === 'description');
  // One value (Excel adds a line break after it): as typed.
  if (!isBlock(raw)) return { t: 'text', text: raw.replace(/(\r\n|\r|\n)$/, '') };
  const rows = blockRows(raw, table);
  if (k.t === 'ind' || k.t === 'grp') return cellCount(rows) === 1 ? joined(rows, multiline, false) : spread(g, cell, rows, f, t);
  return joined(rows, multiline, k.t === 'field' && k.money);
}

/** The cells of a pasted block: the clipboard's HTML table when it has more than one cell, else its text/plain. */
export const blockRows = (raw: string, table?: string[][] | null): string[][] => (table && cellCount(table) > 1 ? table : parseTsv(raw));

/** A block pasted into a field that is not an indicator cell: one text (one cell: that cell's text). */
export function joined(rows: string[][], multiline: boolean, money: boolean): Extract<PasteOutcome, { t: 'text' | 'error' }> {
  if (cellCount(rows) === 1) return { t: 'text', text: multiline ? rows[0]![0]! : oneLine(rows[0]![0]!) };
  const filled = rows.map((r) => r.map((c) => c.trim()).filter(Boolean));
  const n = filled.reduce((a, r) => a + r.length, 0);
  if (money) {
    if (n > 1) return { t: 'error', error: `粘贴的内容有 ${n} 个单元格，金额只能粘贴一个数` };
    return { t: 'text', text: filled.flat()[0] ?? '' };
  }
  if (multiline) {
    const several = filled.some((r) => r.length > 1);
    return { t: 'text', text: filled.map((r) => r.join(' ')).join('\n'), hint: several ? `粘贴的内容有 ${n} 个单元格：同一行的用空格连接，每行一段` : undefined };
  }
  return { t: 'text', text: oneLine(filled.flat().join(' ')), hint: n > 1 ? `粘贴的内容有 ${n} 个单元格，已用空格连接为一段文字` : undefined };
}

interface PastedRow {
  /** Row number in the paste (for messages). */
  line: number;
  level1: string;
  /** 二级 per period; undefined: leave the row's own. */
  level2: Partial<Record<PeriodKey, string>>;
  cells: Array<{ period: PeriodKey; col: Exclude<IndicatorColumn, 'level1'>; text: string }>;
}

/** The system's name for a pasted 一级 / 二级 (`产 出 指 标` → 产出指标); other text stays as pasted. */
function systemName(text: string, t: TemplateDef, level: 'level1' | 'level2'): string {
  const n = normText(text);
  const sys = INDICATOR_SYSTEMS[t.indicatorSystem];
  const names = level === 'level1' ? sys.level1 : Object.values(sys.level2).flat();
  return names.find((x) => normText(x) === n) ?? text.trim();
}

function spread(g: GridModel, cell: GridCell, rows: string[][], f: ProjectFiling, t: TemplateDef): PasteOutcome {
  const k = cell.kind;
  if (k.t !== 'ind' && k.t !== 'grp' && k.t !== 'indEmpty') return { t: 'error', error: '这里不能粘贴' };
  const info = g.indicatorBlocks.find((b) => b.block === k.block);
  if (!info) return { t: 'error', error: '这里不能粘贴' };
  const periods = info.periods;
  const period = k.t === 'ind' ? k.period : k.t === 'grp' ? k.periods[0]! : periods[0]!;
  const target = k.t === 'ind' ? k.index : k.t === 'grp' ? k.indexes[0]! : 0;
  const slots = slotsOf(info);
  // Into an empty table: from its 一级 column when the block starts with one, else from its 三级.
  const first = normText(rows[0]?.[0] ?? '');
  const startsWithGroup = INDICATOR_SYSTEMS[t.indicatorSystem].level1.some((x) => normText(x) === first);
  const col = k.t !== 'indEmpty' ? k.col : startsWithGroup ? 'level1' : 'name';
  const start = slots.findIndex((s) => s.col === col && (s.period === null || s.period === period));
  const cols = mapColumns(rows, slots, Math.max(0, start), period);
  const body = rows.slice(cols.skip).map((r, i) => ({ r, line: cols.skip + i + 1 })).filter(({ r }) => r.some((c) => c.trim() !== ''));
  if (!body.length) return { t: 'error', error: '粘贴的内容只有表头，没有指标' };
  if (!cols.map.some(Boolean)) return { t: 'error', error: `粘贴的各栏本表都没有（${cols.missing.join('、')}）` };
  const hasLevel2 = cols.map.some((s) => s?.col === 'level2');

  // Each pasted row: its 一级 (a blank one, as Excel copies a merged cell, is the row above's) and values.
  const pasted: PastedRow[] = [];
  let prev: PastedRow | null = null;
  const targetGroup = level1At(f, periods, target);
  for (const { r, line } of body) {
    let level1: string = prev?.level1 ?? targetGroup;
    const level2: PastedRow['level2'] = {};
    const cells: PastedRow['cells'] = [];
    for (const [j, s] of cols.map.entries()) {
      if (s?.col === 'level1' && r[j]?.trim()) level1 = systemName(r[j]!, t, 'level1');
    }
    for (const [j, s] of cols.map.entries()) {
      if (!s || s.col === 'level1' || !s.period) continue;
      const raw = r[j];
      const text = raw === undefined ? undefined : s.col === 'description' ? raw.trim() : oneLine(raw.trim());
      if (text !== undefined && text.length > MAX_LEN[s.col]) {
        return { t: 'error', error: `粘贴内容第 ${line} 行的“${INDICATOR_COLUMN_LABELS[s.col]}”超过 ${MAX_LEN[s.col]} 字，未粘贴` };
      }
      if (s.col === 'level2') {
        // A blank 二级 is a merged cell's: the row above's, within the same 一级.
        level2[s.period] = (text && systemName(text, t, 'level2')) || (prev && normText(prev.level1) === normText(level1) ? prev.level2[s.period] : undefined);
      } else if (text !== undefined) cells.push({ period: s.period, col: s.col, text });
    }
    if (level1.length > MAX_LEN.level1) return { t: 'error', error: `粘贴内容第 ${line} 行的“一级指标”超过 ${MAX_LEN.level1} 字，未粘贴` };
    prev = { line, level1, level2, cells };
    pasted.push(prev);
  }

  const plan = new Placer(f, t, periods);
  let added = 0;
  for (let i = 0; i < pasted.length; ) {
    const group = pasted[i]!.level1;
    let j = i;
    while (j < pasted.length && normText(pasted[j]!.level1) === normText(group)) j++;
    const inTarget = !plan.visited(group) && normText(group) === normText(targetGroup);
    const region = inTarget ? plan.targetRegion(target, period, hasLevel2) : plan.groupRegion(group);
    added += plan.fill(region, group, pasted.slice(i, j));
    i = j;
  }
  // A paste that carries the 二级 lays out its groups: their blank rows left below it (a new
  // table's 成本指标 row under last year's 产出指标) go, so the rows are the pasted table's.
  const dropped = hasLevel2 ? plan.dropBlankAfterFilled() : 0;
  const edit = plan.edit(`粘贴 ${pasted.length} 行`, cell, f);
  if (plan.tooMany()) return { t: 'error', error: `粘贴后指标行将超过 ${MAX_ROWS} 行，未粘贴` };
  const notes = [`已粘贴 ${pasted.length} 行`];
  if (added) notes.push(`新增 ${added} 行`);
  if (dropped) notes.push(`删去其下空白行 ${dropped} 行`);
  if (cols.skip) notes.push('表头行未粘贴');
  if (cols.missing.length) notes.push(`本表没有的栏未粘贴：${cols.missing.join('、')}`);
  if (cols.beyond) notes.push(`超出表格的 ${cols.beyond} 列未粘贴`);
  if (applyEdit(f, edit) === f) return { t: 'edit', edit, hint: '粘贴的内容与表中相同' };
  return { t: 'edit', edit, hint: notes.join('，') };
}

/** Rows [at, end) of one visual group to fill in turn; past `end`, rows are added at `end`. */
interface Region {
  at: number;
  end: number;
}

/** Places pasted rows into the filing as a list of edits, applying them to a working copy. */
class Placer {
  private w: ProjectFiling;
  private edits: Edit[] = [];
  private changes: Change[] = [];
  /** Per 一级 (normalised): the id of the last row this paste filled. */
  private last = new Map<string, string>();

  constructor(
    f: ProjectFiling,
    private readonly t: TemplateDef,
    private readonly periods: PeriodKey[],
  ) {
    this.w = f;
  }

  visited(group: string): boolean {
    return this.last.has(normText(group));
  }

  private row(p: PeriodKey, i: number): IndicatorRow | undefined {
    return this.w.periods[p]?.indicators[i];
  }

  private groups(): Array<[number, number]> {
    return level1Groups(this.w, this.periods);
  }

  private groupOf(i: number): [number, number] {
    return this.groups().find(([s, e]) => i >= s && i < e) ?? [i, i];
  }

  /** From the target row to the end of its 一级 group (of its 二级 rows when no 二级 is pasted). */
  targetRegion(target: number, period: PeriodKey, hasLevel2: boolean): Region {
    let [, end] = this.groupOf(target);
    if (!hasLevel2 && target < end) {
      const l2 = normText(this.row(period, target)?.level2 ?? '');
      let e = target + 1;
      while (e < end && normText(this.row(period, e)?.level2 ?? '') === l2) e++;
      end = e;
    }
    return { at: target, end };
  }

  /** The rows of a 一级 group from its first row (or after the row this paste filled last); a new group where none is. */
  groupRegion(group: string): Region {
    const key = normText(group);
    const lastId = this.last.get(key);
    if (lastId) {
      const i = this.indexOf(lastId);
      if (i >= 0) return { at: i + 1, end: this.groupOf(i)[1] };
    }
    const groups = this.groups();
    const found = groups.find(([s]) => normText(level1At(this.w, this.periods, s)) === key);
    if (found) return { at: found[0], end: found[1] };
    // A 一级 of the system goes where the system puts it; other text after the last group filled.
    const order = INDICATOR_SYSTEMS[this.t.indicatorSystem].level1.map(normText);
    const rank = order.indexOf(key);
    let at = groups.length ? groups[groups.length - 1]![1] : 0;
    if (rank >= 0) {
      const after = groups.find(([s]) => order.indexOf(normText(level1At(this.w, this.periods, s))) > rank);
      if (after) at = after[0];
    } else {
      const ids = [...this.last.values()].map((id) => this.indexOf(id)).filter((i) => i >= 0);
      if (ids.length) at = this.groupOf(Math.max(...ids))[1];
    }
    return { at, end: at };
  }

  private indexOf(id: string): number {
    for (const p of this.periods) {
      const i = this.w.periods[p]?.indicators.findIndex((r) => r.id === id) ?? -1;
      if (i >= 0) return i;
    }
    return -1;
  }

  private apply(e: Edit): void {
    this.edits.push(e);
    this.w = applyEdit(this.w, e);
  }

  /** Fills the region with the rows of one 一级; returns how many rows were added. */
  fill(region: Region, group: string, rows: PastedRow[]): number {
    let { at, end } = region;
    let added = 0;
    for (const pr of rows) {
      if (at >= end) {
        const items: RowItem[] = this.periods.map((p) => {
          const len = this.w.periods[p]?.indicators.length ?? 0;
          const above = at > 0 ? this.row(p, at - 1) : undefined;
          const l2 = pr.level2[p] ?? (above && normText(above.level1) === normText(group) ? above.level2 : '');
          return { period: p, index: Math.min(at, len), row: emptyRow(group, l2) };
        });
        this.apply({ t: 'insert', items, label: '插入指标行' });
        end++;
        added++;
      }
      this.write(at, pr);
      const id = this.periods.map((p) => this.row(p, at)?.id).find(Boolean);
      if (id) this.last.set(normText(group), id);
      at++;
    }
    return added;
  }

  private write(i: number, pr: PastedRow): void {
    const set = (p: PeriodKey, col: Exclude<IndicatorColumn, 'level1'>, after: string) => {
      let row = this.row(p, i);
      if (!row) {
        // The shorter half of a dual table: rows up to this one, in the visual row's group.
        const len = this.w.periods[p]?.indicators.length ?? 0;
        const l1 = level1At(this.w, this.periods, i);
        const items = Array.from({ length: i + 1 - len }, (_, k) => ({ period: p, index: len + k, row: emptyRow(l1, '') }));
        this.apply({ t: 'insert', items, label: '插入指标行' });
        row = this.row(p, i)!;
      }
      if (row[col] === after) return;
      this.changes.push({ target: { kind: 'ind', period: p, rowId: row.id, index: i, col }, before: row[col], after });
    };
    for (const [p, l2] of Object.entries(pr.level2) as Array<[PeriodKey, string | undefined]>) if (l2 !== undefined) set(p, 'level2', l2);
    for (const c of pr.cells) set(c.period, c.col, c.text);
  }

  /** Removes the rows below the last row filled in each 一级 group, to the group's end, that hold nothing but 一级 / 二级. */
  dropBlankAfterFilled(): number {
    const items: RowItem[] = [];
    let n = 0;
    for (const id of this.last.values()) {
      const i = this.indexOf(id);
      if (i < 0) continue;
      const end = this.groupOf(i)[1];
      for (let k = i + 1; k < end; k++) {
        const rows = this.periods.map((p) => ({ p, row: this.row(p, k) }));
        if (!rows.every(({ row }) => !row || BODY.every((c) => !row[c].trim()))) continue;
        n++;
        for (const { p, row } of rows) if (row) items.push({ period: p, index: k, row });
      }
    }
    if (items.length) this.apply({ t: 'remove', items, label: '删除空白指标行' });
    return n;
  }

  tooMany(): boolean {
    return this.periods.some((p) => (this.w.periods[p]?.indicators.length ?? 0) > MAX_ROWS);
  }

  /** All of it as one step; the focus stays on the cell pasted into. */
  edit(label: string, cell: GridCell, f: ProjectFiling): Edit {
    const k = cell.kind;
    const edits = this.changes.length ? [...this.edits, { t: 'set' as const, changes: this.changes, label }] : this.edits;
    let focus: Edit['focus'];
    if (k.t === 'ind') focus = { period: k.period, rowId: f.periods[k.period]?.indicators[k.index]?.id, col: k.col };
    else if (k.t === 'grp') focus = { period: k.periods[0], rowId: f.periods[k.periods[0]!]?.indicators[k.indexes[0]!]?.id, col: k.col };
    else focus = { period: this.periods[0], rowId: this.w.periods[this.periods[0]!]?.indicators[0]?.id, col: 'name' };
    return { t: 'batch', edits, label, focus };
  }
}

