// What a cell asks of its form: commit text, move the focus, run row commands, undo,
// suggestions. One stable object per open form; it reads the newest grid and filing
// through getters, so cells never re-render because a callback changed.
import type { ApiClient, LibraryEntry } from '../../../shared/api/contract.ts';
import type { PeriodKey, ProjectFiling } from '../../../shared/model/filing.ts';
import { INDICATOR_SYSTEMS, basisKindOf } from '../../../shared/templates/index.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import type { ProjectEditor } from '../state/editor.ts';
import type { Direction, GridCell, GridModel } from './grid.ts';
import { isGroupLabel, level1At, nextInOrder, nextRow, neighbour } from './grid.ts';
import type { Change, Edit, FocusHint } from './ops.ts';
import { insertBelow, insertGroup, moveRow, removeRow } from './rows.ts';
import { cellText, checkMoney, commitEdit } from './values.ts';
import { planPaste } from './paste.ts';
import { clipboardTable } from './clipboard-html.ts';
import type { PasteOutcome } from './paste.ts';

export interface Suggestion {
  id: string;
  label: string;
  detail?: string;
  tag?: string;
  entry?: LibraryEntry;
}

export type MoveHow = 'tab' | 'shiftTab' | 'enter' | Direction;
export type RowCommand = 'insert' | 'group' | 'remove' | 'up' | 'down';

export interface FormController {
  /** Received data: cells show their text and take no input. */
  readonly readOnly: boolean;
  /** Commits a cell's text; a Chinese message when refused. */
  commit(key: string, text: string): string | null;
  checkMoney(text: string): string | null;
  /** How a committed amount was understood (`“30万元”按 30 万元填写`), or null. */
  moneyHint(text: string): string | null;
  move(key: string, how: MoveHow): void;
  /** True (once) when the cell got the focus by a move from the keyboard (Tab, Enter, arrows). */
  takeKeyboardFocus(key: string): boolean;
  /** The cell's list opens when it next gets the focus (the 审核 panel's 选择 button). */
  openOnFocus(key: string): void;
  /** The cell got the focus; true (once) when its list is to open now (openOnFocus). */
  focused(key: string): boolean;
  undo(): void;
  redo(): void;
  isIndicator(key: string): boolean;
  rowCommand(key: string, cmd: RowCommand): void;
  hasSuggestions(key: string): boolean;
  /** `all` (F4): the whole list whatever the cell holds; the library for an empty 三级 by its 一级/二级. */
  suggest(key: string, text: string, all?: boolean): Promise<Suggestion[]>;
  choose(key: string, s: Suggestion, text: string): void;
  /** Clipboard text pasted into a cell: text for the cell itself, or a block stored as one edit (one undo step). */
  paste(key: string, text: string, html?: string): PasteOutcome;
}

export interface ControllerDeps {
  api: ApiClient;
  editor: ProjectEditor;
  template: TemplateDef;
  unitCode: string;
  grid(): GridModel;
  filing(): ProjectFiling;
  /** `select`: the focus comes from a keyboard move; the cell's text is selected. */
  focusKey(key: string, select?: boolean): void;
  onFocused(cell: GridCell): void;
  /** Focus this place after the next render. */
  requestFocus(hint: FocusHint): void;
  readOnly?: boolean;
}

const READ_ONLY = '这是从报送包接收的数据，只读，不能修改';

const SOURCE_TAGS: Record<LibraryEntry['source'], string> = { standard: '标准', seed: '示例', unit: '本单位' };

export function createController(d: ControllerDeps): FormController {
  /** The cell a keyboard move is focusing (its text is selected, as a spreadsheet's). */
  let movedTo: string | null = null;
  /** The cell whose list opens when it gets the focus. */
  let openTo: string | null = null;
  const cellOf = (key: string): GridCell | undefined => {
    const g = d.grid();
    const i = g.byKey.get(key);
    return i === undefined ? undefined : g.cells[i];
  };

  /** Block periods and visual row index a command from this cell acts on. */
  const rowRef = (c: GridCell, cmd: RowCommand): { periods: PeriodKey[]; index: number } | null => {
    const g = d.grid();
    const k = c.kind;
    if (k.t === 'ind') {
      const info = g.indicatorBlocks.find((b) => b.block === k.block);
      return info ? { periods: info.periods, index: k.index } : null;
    }
    if (k.t === 'grp') {
      const info = g.indicatorBlocks.find((b) => b.block === k.block);
      if (!info) return null;
      const index = cmd === 'insert' ? k.indexes[k.indexes.length - 1]! : k.indexes[0]!;
      return { periods: info.periods, index };
    }
    return null;
  };

  const level2Options = (level1: string): string[] => {
    const sys = INDICATOR_SYSTEMS[d.template.indicatorSystem];
    return sys.level2[level1.trim()] ?? Object.values(sys.level2).flat();
  };

  const basisKinds = () => INDICATOR_SYSTEMS[d.template.indicatorSystem].basisKinds;
  /**
   * The 依据 a library entry proposes. Under 财预〔2021〕101号 only one of its four kinds (审核
   * would question any other): one of the entry's, else the kind its first names (工作计划 → 计划标准).
   */
  const basisOf = (e: LibraryEntry): string | undefined => {
    const kinds = basisKinds();
    if (!kinds) return e.bases[0];
    return e.bases.find((b) => kinds.some((k) => b.startsWith(k))) ?? (e.bases[0] ? basisKindOf(e.bases[0]) : undefined);
  };

  const filterList = (options: readonly string[], text: string, all = false): Suggestion[] => {
    if (all) return options.map((o) => ({ id: o, label: o }));
    const q = text.trim();
    const list = options.filter((o) => !q || o.includes(q));
    if (list.length === 1 && list[0] === q) return [];
    return list.map((o) => ({ id: o, label: o }));
  };

  const rowOfCell = (c: GridCell) => {
    if (c.kind.t !== 'ind') return undefined;
    return d.filing().periods[c.kind.period]?.indicators[c.kind.index];
  };

  return {
    readOnly: !!d.readOnly,
    commit(key, text) {
      if (d.readOnly) return READ_ONLY;
      const c = cellOf(key);
      if (!c) return null;
      const e = commitEdit(c, text, d.filing(), d.template);
      if (!e) return null;
      if ('error' in e) return e.error;
      d.editor.commit(e);
      return null;
    },
    checkMoney(text) {
      const r = checkMoney(text, d.template);
      return 'error' in r ? r.error : null;
    },
    moneyHint(text) {
      const r = checkMoney(text, d.template);
      return 'hint' in r ? (r.hint ?? null) : null;
    },
    move(key, how) {
      const g = d.grid();
      let next: string | null;
      if (how === 'tab' || how === 'shiftTab') {
        const f = d.filing();
        next = nextInOrder(g, key, how === 'shiftTab', (c) => isGroupLabel(c) && cellText(c, f, d.template, null).trim() !== '');
      }
      else if (how === 'enter') next = nextRow(g, key);
      else next = neighbour(g, key, how);
      if (!next) return;
      movedTo = next;
      d.focusKey(next, true);
      movedTo = null;
    },
    takeKeyboardFocus(key) {
      if (movedTo !== key) return false;
      movedTo = null;
      return true;
    },
    openOnFocus(key) {
      openTo = key;
    },
    focused(key) {
      const c = cellOf(key);
      if (c) d.onFocused(c);
      if (openTo !== key) return false;
      openTo = null;
      return !d.readOnly;
    },
    undo: () => void d.editor.undo(),
    redo: () => void d.editor.redo(),
    isIndicator(key) {
      const c = cellOf(key);
      return !!c && (c.kind.t === 'ind' || c.kind.t === 'grp');
    },
    rowCommand(key, cmd) {
      const c = cellOf(key);
      if (!c) return;
      const ref = rowRef(c, cmd);
      if (!ref) return;
      const f = d.filing();
      let e: Edit | null = null;
      if (cmd === 'insert') e = insertBelow(f, ref.periods, ref.index);
      else if (cmd === 'group') e = insertGroup(f, d.template, ref.periods, ref.index);
      else if (cmd === 'remove') e = removeRow(f, ref.periods, ref.index);
      else e = moveRow(f, ref.periods, ref.index, cmd === 'up' ? -1 : 1);
      if (!e) return;
      if (e.focus) d.requestFocus(e.focus);
      d.editor.commit(e);
    },
    hasSuggestions(key) {
      const c = cellOf(key);
      if (!c) return false;
      if (c.kind.t === 'grp') return true;
      if (c.kind.t === 'ind' && c.kind.col === 'basis') return !!basisKinds();
      return c.kind.t === 'ind' && (c.kind.col === 'name' || c.kind.col === 'level2');
    },
    async suggest(key, text, all = false) {
      const c = cellOf(key);
      if (!c) return [];
      const k = c.kind;
      const f = d.filing();
      if (k.t === 'grp') {
        if (k.col === 'level1') return filterList(INDICATOR_SYSTEMS[d.template.indicatorSystem].level1, text, all);
        return filterList(level2Options(level1At(f, k.periods, k.indexes[0] ?? 0)), text, all);
      }
      if (k.t !== 'ind') return [];
      if (k.col === 'level2') return filterList(level2Options(level1At(f, [k.period], k.index)), text, all);
      // 财预〔2021〕101号: the four kinds of 指标值确定依据 审核 accepts.
      if (k.col === 'basis') return filterList(basisKinds() ?? [], text, all);
      if (k.col !== 'name') return [];
      const q = text.trim();
      if (!q && !all) return [];
      const row = rowOfCell(c);
      const period = f.periods[k.period];
      const entries = await d.api.call('library.search', {
        // F4 in a filled 三级 cell looks for its name; in an empty one, the 一级/二级's indicators.
        query: q,
        level1: row?.level1.trim() || level1At(f, [k.period], k.index).trim() || undefined,
        level2: row?.level2.trim() || undefined,
        unitCode: d.unitCode,
        year: f.year,
        budget: period?.funding.total ?? null,
        limit: 8,
      });
      return entries
        .filter((e) => all || e.name !== q || e.values.length > 0)
        .map((e, i) => ({
          id: `${i}:${e.level1}:${e.level2}:${e.name}`,
          label: e.name,
          detail: [e.values[0] ? `指标值 ${e.values[0]}` : '', basisOf(e) ? `依据 ${basisOf(e)}` : ''].filter(Boolean).join(' · ') || `${e.level1}/${e.level2}`,
          tag: SOURCE_TAGS[e.source],
          entry: e,
        }));
    },
    choose(key, s, text) {
      const c = cellOf(key);
      if (!c) return;
      const k = c.kind;
      if (k.t === 'grp' || (k.t === 'ind' && (k.col === 'level2' || k.col === 'basis'))) {
        void text;
        this.commit(key, s.label);
        return;
      }
      if (k.t !== 'ind' || !s.entry) return;
      // Choosing from the library fills the name and proposes 指标值 / 依据 / 描述 where blank.
      const row = rowOfCell(c);
      const e = s.entry;
      const changes: Change[] = [];
      const set = (col: 'name' | 'level1' | 'level2' | 'value' | 'basis' | 'description', after: string) => {
        const before = row ? row[col] : '';
        if (before === after) return;
        changes.push({ target: { kind: 'ind', period: k.period, rowId: row?.id ?? null, index: k.index, col }, before, after });
      };
      set('name', e.name);
      if (row && !row.level1.trim() && e.level1) set('level1', e.level1);
      if (row && !row.level2.trim() && e.level2) set('level2', e.level2);
      if (!row?.value.trim() && e.values[0]) set('value', e.values[0]);
      const cols = d.template.indicatorColumns;
      const basis = basisOf(e);
      if (cols.includes('basis') && !row?.basis.trim() && basis) set('basis', basis);
      const desc = e.descriptions?.[0];
      if (cols.includes('description') && !row?.description.trim() && desc) set('description', desc);
      if (!changes.length) return;
      d.editor.commit({ t: 'set', changes, label: '选用指标库中的指标', focus: { period: k.period, rowId: row?.id, col: 'name' } });
    },
    paste(key, text, html) {
      if (d.readOnly || d.editor.getSnapshot().readOnly) return { t: 'error', error: READ_ONLY };
      const c = cellOf(key);
      if (!c) return { t: 'error', error: '这里不能粘贴' };
      // The editor's view: it already holds a draft committed just before.
      const table = html ? clipboardTable(text, html) : null;
      const r = planPaste(d.grid(), c, text, d.editor.getSnapshot().filing, d.template, table);
      if (r.t !== 'edit') return r;
      // The empty table's row gives way to the rows pasted: the focus goes to the first.
      if (c.kind.t === 'indEmpty' && r.edit.focus) d.requestFocus(r.edit.focus);
      d.editor.commit(r.edit);
      return r;
    },
  };
}
