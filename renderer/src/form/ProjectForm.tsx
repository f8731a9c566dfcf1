// The project table drawn from the template's layout: heading lines as the book prints
// them, then one <table> on the layout's grid (same columns, same merged cells, same
// labels), every value cell editable in place.
import { memo, startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { ProjectFiling, Unit } from '../../../shared/model/filing.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { indicatorPath, isUnder } from '../../../shared/api/carried-over.ts';
import type { ProjectEditor } from '../state/editor.ts';
import { Cell } from './Cell.tsx';
import { EmptyIndicators } from './EmptyIndicators.tsx';
import { createController } from './controller.ts';
import type { FormController } from './controller.ts';
import { buildGrid, cellForPath } from './grid.ts';
import type { GridCell, GridModel } from './grid.ts';
import { headingLines } from './heading.ts';
import { SIGN_ROWS_TITLE } from './sign-rows.ts';
import type { Edit, FocusHint } from './ops.ts';
import { starterRows, insertBelow } from './rows.ts';
import { cellText } from './values.ts';
import { afterPaint, useTrueAfterPaint } from '../ui/after-paint.ts';
import { CarriedBar, signal } from './CarriedBar.tsx';

export interface FocusRequest {
  path: string;
  nonce: number;
  /** Open the cell's list (F4) once it has the focus: the user picks (a 依据 kind). */
  open?: boolean;
}

interface Props {
  api: ApiClient;
  editor: ProjectEditor;
  filing: ProjectFiling;
  template: TemplateDef;
  unit: Unit | null;
  focusRequest: FocusRequest | null;
  /** Autofocus the first cell (a new, blank table). */
  autoFocus?: boolean;
  /** Review marks in the margin of the cells they point at (renderer/src/review). */
  pins?: readonly FormPin[];
  /** The path of the cell the user is in (the review panel pins a comment there). */
  onCellFocus?: (path: string) => void;
}

export interface FormPin {
  path: string;
  mark: string;
  title: string;
  cls: string;
}

/** Grid rows drawn at once when a table opens; the rest follow right after the first paint. */
const FIRST_ROWS = 24;

const MAX_LEN: Record<string, number> = {
  name: 300,
  headingName: 300,
  projectCode: 40,
  implementingUnit: 200,
  attribute: 100,
  duration: 50,
  level1: 50,
  level2: 50,
  description: 1000,
  value: 300,
  basis: 300,
  standard: 300,
  rangeLabel: 100,
  mar: 20,
  jun: 20,
  oct: 20,
  dec: 20,
  head: 50,
  handler: 50,
  phone: 50,
  date: 50,
};

function maxLenOf(c: GridCell): number {
  const k = c.kind;
  if (k.t === 'field' && k.money) return 24;
  const last = (k.t === 'ind' || k.t === 'grp' ? k.col : c.path.split('.').pop()) ?? '';
  return MAX_LEN[last] ?? 5000;
}

function placeholderOf(c: GridCell, t: TemplateDef): string {
  const k = c.kind;
  if (k.t === 'field') {
    if (k.money) return t.amount.unit === 'wanyuan' ? '0.00' : '0';
    if (k.path.startsWith('spendingPlan.')) return '如 50%';
    if (k.path === 'projectCode') return '如 13020025P00682510503U';
    if (k.path === 'footer.date') return '如 2025-10-25';
    if (k.path === 'footer.phone') return '如 0350-3333895';
    if (k.path.endsWith('.rangeLabel')) return '如 2024 年 1 月—2024 年 6 月';
    if (k.path.endsWith('.goal')) return '1.……';
    return '';
  }
  if (k.t === 'ind') {
    if (k.col === 'value') return '如 ≥90%';
    if (k.col === 'name') return '输入文字或拼音首字母';
    return '';
  }
  return '';
}

/** Carried-over marks that flag a cell: the mark is the cell itself, under it, or above it. */
function marksOf(f: ProjectFiling, c: GridCell): string[] {
  if (!f.carriedOver.length) return [];
  const k = c.kind;
  let path = '';
  if (k.t === 'field' && !k.readOnly) path = k.path;
  else if (k.t === 'ind' && k.rowId) path = indicatorPath(k.period, k.rowId, k.col);
  if (!path) return [];
  return f.carriedOver.filter((m) => isUnder(m, path) || isUnder(path, m));
}

/** Memoised: the view around it re-renders on 审核 results, the list of siblings and save states. */
export const ProjectForm = memo(function ProjectForm({ api, editor, filing, template, unit, focusRequest, autoFocus, pins, onCellFocus }: Props): ReactNode {
  const grid = useMemo(() => buildGrid(template, filing), [template, filing]);
  const pinByKey = useMemo(() => {
    const m = new Map<string, FormPin>();
    for (const p of pins ?? []) {
      const key = cellForPath(grid, filing, p.path);
      const had = key ? m.get(key) : undefined;
      if (key) m.set(key, had ? { ...had, mark: had.mark + p.mark, title: `${had.title}\n${p.title}`, cls: `${had.cls} ${p.cls}` } : p);
    }
    return m;
  }, [pins, grid, filing]);
  const onCellFocusRef = useRef(onCellFocus);
  onCellFocusRef.current = onCellFocus;
  const gridRef = useRef<GridModel>(grid);
  const filingRef = useRef(filing);
  gridRef.current = grid;
  filingRef.current = filing;
  const box = useRef<HTMLDivElement>(null);
  const pendingHint = useRef<FocusHint | null>(null);
  const focusedMarks = useMemo(() => signal<string[]>([]), []);
  const [limit, setLimit] = useState(FIRST_ROWS);
  const complete = grid.rowCount <= limit;

  useEffect(() => {
    if (complete) return;
    // After the first rows are painted (a frame, then a task), without blocking input.
    return afterPaint(() => startTransition(() => setLimit(Number.POSITIVE_INFINITY)));
  }, [complete]);
  // The 指标值 grammar marks (Cell `checkValue`) once every row is painted: opening parses nothing.
  const valuesChecked = useTrueAfterPaint(complete);

  const retry = useRef<{ key: string; flash: boolean } | null>(null);
  const limitRef = useRef(limit);
  limitRef.current = limit;

  /** `select`: a keyboard move, the text selected (typing replaces it, as in a spreadsheet). */
  const focusKey = (key: string, flash = false, select = false) => {
    let el = box.current?.querySelector<HTMLElement>(`[data-cell="${CSS.escape(key)}"]`);
    if (!el && gridRef.current.rowCount > limitRef.current) {
      // Not drawn yet: draw the rest, and focus once it is there.
      retry.current = { key, flash };
      startTransition(() => setLimit(Number.POSITIVE_INFINITY));
      return false;
    }
    if (!el) return false;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: flash ? 'center' : 'nearest', inline: 'nearest' });
    if (el instanceof HTMLTextAreaElement) {
      const n = el.value.length;
      el.setSelectionRange(select ? 0 : n, n);
    }
    if (flash) {
      const td = el.closest('td');
      td?.classList.add('flash');
      setTimeout(() => td?.classList.remove('flash'), 1400);
    }
    return true;
  };

  const resolveHint = (h: FocusHint): string | null => {
    const g = gridRef.current;
    const f = filingRef.current;
    if (h.rowId && h.period) {
      const idx = f.periods[h.period]?.indicators.findIndex((r) => r.id === h.rowId) ?? -1;
      if (idx >= 0) return cellForPath(g, f, `periods.${h.period}.indicators[${idx}].${h.col ?? 'name'}`);
    }
    if (h.path) return cellForPath(g, f, h.path);
    return null;
  };

  /** 确认 of the focused cell's carried-over marks (a mark goes on an edit or this, never on focus). */
  const ackFocused = (paths: string[]) => {
    const id = editor.id;
    focusedMarks.set([]);
    void editor.remote('确认结转内容', (s) => api.call('projects.ackCarried', { id, paths, expectedRevision: s.revision })).catch(() => undefined);
  };

  const ctl: FormController = useMemo(
    () =>
      createController({
        api,
        editor,
        template,
        unitCode: filing.unitCode,
        grid: () => gridRef.current,
        filing: () => filingRef.current,
        focusKey: (k, select) => void focusKey(k, false, select),
        onFocused: (c) => {
          focusedMarks.set(marksOf(filingRef.current, c));
          onCellFocusRef.current?.(c.path);
        },
        requestFocus: (h) => {
          pendingHint.current = h;
        },
        readOnly: editor.getSnapshot().readOnly,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, editor, template],
  );

  // Undo / redo move the focus to what changed.
  useEffect(() => {
    editor.onStep = (e: Edit, undo: boolean) => {
      if (e.t === 'insert' && undo) {
        const it = e.items[0];
        if (it && it.index > 0) pendingHint.current = { path: `periods.${it.period}.indicators[${it.index - 1}].name` };
        return;
      }
      if (e.t === 'remove' && undo) {
        const it = e.items[0];
        if (it) pendingHint.current = { period: it.period, rowId: it.row.id, col: 'name' };
        return;
      }
      if (e.focus) pendingHint.current = e.focus;
    };
    return () => {
      editor.onStep = null;
    };
  }, [editor]);

  useLayoutEffect(() => {
    const r = retry.current;
    if (r && complete) {
      retry.current = null;
      focusKey(r.key, r.flash);
    }
    const h = pendingHint.current;
    if (!h) return;
    pendingHint.current = null;
    const key = resolveHint(h);
    if (key) focusKey(key);
  });

  useEffect(() => {
    if (!focusRequest) return;
    const key = cellForPath(gridRef.current, filingRef.current, focusRequest.path);
    if (key && focusRequest.open) ctl.openOnFocus(key);
    if (key) focusKey(key, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  useEffect(() => {
    if (!autoFocus) return;
    const first = gridRef.current.order[0];
    if (first) focusKey(first);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);

  const total = grid.widths.reduce((a, b) => a + b, 0);
  const lines = headingLines(template, filing, unit);

  const renderCell = (c: GridCell, tools: boolean): ReactNode => {
    const k = c.kind;
    const span = { rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined, colSpan: c.colSpan > 1 ? c.colSpan : undefined };
    if (k.t === 'label') {
      return (
        <td key={c.key} className={k.header ? 'lbl hdr' : k.text === SIGN_ROWS_TITLE ? 'lbl sign-title' : 'lbl'} {...span}>
          {k.text}
        </td>
      );
    }
    if (k.t === 'field' && k.readOnly) {
      return (
        <td key={c.key} className="ro" {...span} title="在单位信息中修改">
          {cellText(c, filing, template, unit)}
        </td>
      );
    }
    if (k.t === 'indEmpty') {
      const info = grid.indicatorBlocks.find((b) => b.block === k.block);
      const periods = info?.periods ?? template.periods;
      return (
        <EmptyIndicators key={c.key} ckey={c.key} {...span} ctl={ctl}
          onStarter={() => commitWithFocus(starterRows(filing, template, periods))}
          onAddRow={() => commitWithFocus(insertBelow(filing, periods, -1))}
        />
      );
    }
    const isValue = k.t === 'ind' && k.col === 'value';
    const cls =
      k.t === 'ind' ? `c-${k.col}` : k.t === 'grp' ? `c-${k.col} grp` : k.t === 'field' && k.multiline ? 'c-long' : 'c-field';
    return (
      <Cell
        key={c.key}
        ckey={c.key}
        value={cellText(c, filing, template, unit)}
        path={c.path}
        rowSpan={c.rowSpan}
        colSpan={c.colSpan}
        multiline={k.t === 'field' ? k.multiline : k.t === 'ind' && k.col === 'description'}
        money={k.t === 'field' && k.money}
        isValue={isValue}
        checkValue={isValue && valuesChecked}
        carried={marksOf(filing, c).length > 0}
        pin={pinByKey.get(c.key)}
        placeholder={placeholderOf(c, template)}
        prefix={k.t === 'field' ? k.prefix : undefined}
        suffix={k.t === 'field' ? k.suffix : undefined}
        maxLength={maxLenOf(c)}
        tools={tools}
        cls={cls}
        ctl={ctl}
      />
    );
  };

  const commitWithFocus = (e: Edit) => {
    if (e.focus) pendingHint.current = e.focus;
    editor.commit(e);
  };

  return (
    <div className="form-col">
      <CarriedBar marks={focusedMarks} filing={filing} onAck={ackFocused} />
      <div className="form-scroll">
        <div className="paper-wrap" ref={box}>
          <div className={`paper paper-${template.layout.orientation}`} data-template={template.id}>
            {lines.map((l, i) => (
              <div key={i} className={`hd hd-${l.kind}`}>
                {l.text}
              </div>
            ))}
            <table className="form-table" data-complete={complete ? '' : undefined}>
              <colgroup>
                {grid.widths.map((w, i) => (
                  <col key={i} style={{ width: `${((w / total) * 100).toFixed(3)}%` }} />
                ))}
              </colgroup>
              <tbody>
                {(complete ? grid.rows : grid.rows.slice(0, limit)).map((row, r) => {
                  const first = row[0] !== undefined ? grid.cells[row[0]] : undefined;
                  const lastIdx = row[row.length - 1];
                  const last = lastIdx !== undefined ? grid.cells[lastIdx] : undefined;
                  const indRow = last?.kind.t === 'ind';
                  return (
                    <tr key={first?.key ?? `r${r}`} className={indRow ? 'ind-row' : undefined}>
                      {row.map((ci) => {
                        const c = grid.cells[ci]!;
                        return renderCell(c, indRow && ci === lastIdx);
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
});
