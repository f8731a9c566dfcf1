// Keys of the yearly forms, as in the target form: Tab / Shift+Tab next / previous cell
// (the browser's own order), Enter commits and goes to the cell below, ↑ ↓ the row above /
// below, ← → the neighbouring cell when the caret is at the edge of the text. Cells carry
// data-yr (row) and data-yc (column); a select keeps its own ↑ ↓.
import type { KeyboardEvent } from 'react';

const cells = (root: HTMLElement): HTMLElement[] => Array.from(root.querySelectorAll<HTMLElement>('[data-yr]')).filter((e) => !(e as HTMLInputElement).disabled);

function below(root: HTMLElement, from: HTMLElement, dir: 1 | -1): HTMLElement | undefined {
  const r = Number(from.dataset.yr);
  const c = from.dataset.yc;
  const all = cells(root);
  const rows = [...new Set(all.map((e) => Number(e.dataset.yr)))].sort((a, b) => a - b);
  const next = rows[rows.indexOf(r) + dir];
  if (next === undefined) return undefined;
  const inRow = all.filter((e) => Number(e.dataset.yr) === next);
  return inRow.find((e) => e.dataset.yc === c) ?? inRow[0];
}

export function onGridKey(e: KeyboardEvent<HTMLElement>): void {
  const el = e.target as HTMLElement;
  if (!el.dataset?.yr || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
  const root = e.currentTarget;
  const isSelect = el.tagName === 'SELECT';
  const input = el as HTMLInputElement;
  let to: HTMLElement | undefined;
  if (e.key === 'Enter' && !e.shiftKey) {
    // The input commits on its own Enter handler first (it runs before this one bubbles).
    to = below(root, el, 1);
  } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !isSelect) {
    to = below(root, el, e.key === 'ArrowDown' ? 1 : -1);
  } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !isSelect) {
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    if (e.key === 'ArrowLeft' ? atStart : atEnd) {
      const all = cells(root);
      to = all[all.indexOf(el) + (e.key === 'ArrowLeft' ? -1 : 1)];
    }
  } else return;
  if (!to) return;
  e.preventDefault();
  to.focus();
  if (to instanceof HTMLInputElement) to.select();
}
