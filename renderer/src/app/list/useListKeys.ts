// Keys of the list and its cursor. The cursor is a table id, not a drawn row: in a
// windowed book the row a key moves to may not be drawn yet, so the scroller holds the
// focus (and takes the keys, applied to that row) until it is drawn and focused.
import { useEffect, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { ProjectRow } from '../../../../shared/api/contract.ts';
import type { ToastFn } from '../../ui/toast.tsx';
import type { ListActions } from './useListActions.ts';
import { ROW_PX } from './useListWindow.ts';
import type { ListWindow } from './useListWindow.ts';

const STEP_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

/** The index a navigation key moves to from row `k` of `n` (`page` rows a page); null for other keys. */
export function keyTarget(key: string, k: number, n: number, page: number): number | null {
  const step: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, PageUp: -page, PageDown: page, Home: -n, End: n };
  const s = step[key];
  return s === undefined ? null : Math.min(n - 1, Math.max(0, k + s));
}

export interface RowCursor {
  /** A row to focus once it is drawn (null: none waiting). */
  focusId: string | null;
  /** Focuses the row now if drawn, else once it is. */
  focusRow(id: string): void;
  /** Focuses the row once it is drawn (after a load: a move, duplicate or restore). */
  focusWhenDrawn(id: string): void;
}

interface Refs {
  tbody: RefObject<HTMLTableSectionElement | null>;
  scroller: RefObject<HTMLDivElement | null>;
}

const drawnRow = (tbody: HTMLTableSectionElement | null, id: string) => tbody?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"]`) ?? null;

export function useRowCursor(visible: ProjectRow[] | null, { windowed, virt }: ListWindow, { tbody, scroller }: Refs): RowCursor {
  const [focusId, setFocusId] = useState<string | null>(null);

  // Focus a row once it is drawn (after a move, duplicate, restore, or keys past the window).
  useEffect(() => {
    if (!focusId) return;
    const tr = drawnRow(tbody.current, focusId);
    if (tr) {
      tr.focus();
      setFocusId(null);
    } else if (windowed) {
      const i = visible?.findIndex((r) => r.id === focusId) ?? -1;
      if (i >= 0) virt.scrollToIndex(i, { align: 'auto' });
      else setFocusId(null);
    }
  });

  const focusRow = (id: string) => {
    const tr = drawnRow(tbody.current, id);
    if (tr) {
      tr.focus();
      if (focusId) setFocusId(null);
      return;
    }
    // Not drawn yet: the scroller holds the focus (and takes the keys) until it is.
    scroller.current?.focus({ preventScroll: true });
    setFocusId(id);
  };

  return { focusId, focusRow, focusWhenDrawn: setFocusId };
}

interface KeyDeps {
  scroller: RefObject<HTMLDivElement | null>;
  visible: ProjectRow[] | null;
  filtered: boolean;
  cursor: RowCursor;
  actions: ListActions;
  searchBox: RefObject<HTMLInputElement | null>;
  toast: ToastFn;
}

/**
 * Keys of the list, on the scroller: ↑↓ PageUp/PageDown Home/End move, Enter opens, Alt+↑↓
 * reorder, Ctrl+D duplicates, Delete deletes; ↑ on the first row goes to 查找. They act on
 * the focused row, or on the row the cursor waits for while the scroller has the focus.
 */
export function useListKeys({ visible, filtered, cursor, actions, searchBox, scroller, toast }: KeyDeps): (e: KeyboardEvent<HTMLDivElement>) => void {
  return (e) => {
    const target = e.target as HTMLElement;
    const onScroller = target === e.currentTarget;
    const id = onScroller ? cursor.focusId : target.tagName === 'TR' ? (target.dataset.id ?? null) : null;
    const list = visible ?? [];
    const row = id ? list.find((r) => r.id === id) : undefined;
    if (!row) return;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      if (filtered) toast('正在查找或筛选：清除后再调整顺序', { kind: 'info' });
      else void actions.move(row, e.key === 'ArrowUp' ? -1 : 1);
    } else if (STEP_KEYS.has(e.key)) {
      e.preventDefault();
      const k = list.findIndex((r) => r.id === row.id);
      if (k === 0 && e.key === 'ArrowUp') {
        searchBox.current?.focus();
        return;
      }
      const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / ROW_PX) - 2);
      const j = keyTarget(e.key, k, list.length, page)!;
      if (j !== k) cursor.focusRow(list[j]!.id);
      else if (onScroller) cursor.focusWhenDrawn(row.id);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      actions.open(row.id);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      void actions.remove(row);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'd') {
      e.preventDefault();
      void actions.duplicate(row);
    }
  };
}
