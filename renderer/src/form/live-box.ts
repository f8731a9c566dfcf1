// The focused cell's text box as a relayout boundary. Every cell box sizes to its text
// (`field-sizing: content`), so a keystroke made the browser lay out the whole form table
// again (the profile of typing in a 40-row table: ~0.6 ms of layout a keystroke against
// ~0.15 ms for a bare textarea). While a box has the focus its height is fixed in pixels
// and it is contained (`.cell-input.live`, styles.css): typing lays out the box alone, and
// the table only when the text needs another line (or one less).
// While typing, the table keeps the height it gave the box when the focus came: a box that
// needs another line grows over the row below (a negative margin, as a spreadsheet's editor
// does), so nothing under it moves; a keystroke that wrapped cost ~4 ms more in a 40-row
// table (the rows below laid out, their paint properties updated and repainted). The row
// takes the box's height when the text is committed (a pause, leaving the cell: liveSettle).
// Boxes with a prefix or suffix (.affix, sized by their text's width) are left as they are.
// Also: where the caret is in the box (the arrow keys leave the cell at its edges).

/** Line boxes never shrink below the single-line height (`.cell-input` min-height). */
const MIN_PX = 26;

function eligible(el: HTMLTextAreaElement): boolean {
  return el.parentElement?.classList.contains('cell-box') === true;
}

/** Width changes of the focused box (window resized, 审核 panel opened): its text wraps anew. */
const widths = new WeakMap<HTMLTextAreaElement, ResizeObserver>();

/**
 * How many characters the box's lines surely hold: every character the paper font draws is
 * at most 1em wide, so a line fits at least (content width ÷ font size) of them, less 2 for
 * punctuation that may not start a line and pulls its neighbour down. While the
 * text (one paragraph, no wide or tab characters) is no longer, it cannot need another line
 * and a keystroke skips reading scrollHeight (a synchronous layout, ~0.3 ms a key).
 */
const room = new WeakMap<HTMLTextAreaElement, number>();
const UNSURE = /[\n\t\uD800-\uDFFF]/;

function measureRoom(el: HTMLTextAreaElement): void {
  const cs = getComputedStyle(el);
  const em = parseFloat(cs.fontSize) || 14;
  const line = parseFloat(cs.lineHeight) || em * 1.4;
  const pad = (v: string, w: string) => (parseFloat(v) || 0) + (parseFloat(w) || 0);
  const perLine = Math.floor((el.clientWidth - pad(cs.paddingLeft, cs.paddingRight)) / em);
  const lines = Math.floor((el.clientHeight - pad(cs.paddingTop, cs.paddingBottom) + 1) / line);
  room.set(el, Math.max(0, perLine - 2) * Math.max(0, lines));
}

/** Fixes the box at the height it has now and contains it. */
export function liveStart(el: HTMLTextAreaElement): void {
  if (!eligible(el)) return;
  const h = Math.max(MIN_PX, el.offsetHeight);
  el.style.height = `${h}px`;
  held.set(el, h);
  el.classList.add('live');
  let width = el.clientWidth;
  measureRoom(el);
  const ro = new ResizeObserver(() => {
    if (el.clientWidth === width) return; // its own height changed
    width = el.clientWidth;
    room.delete(el);
    liveFit(el, true);
    // The table is laid out anew anyway: its row follows the box at once.
    liveSettle(el);
  });
  ro.observe(el);
  widths.get(el)?.disconnect();
  widths.set(el, ro);
}

/**
 * After the text changed: the height its text needs. `shorter`: the text lost characters,
 * so it may need fewer lines (measured only where the box is taller than one line).
 */
export function liveFit(el: HTMLTextAreaElement, shorter: boolean): void {
  if (!el.classList.contains('live')) return;
  const now = parseFloat(el.style.height) || MIN_PX;
  if (shorter && now > MIN_PX) {
    el.style.height = `${MIN_PX}px`;
    setHeight(el, Math.max(MIN_PX, el.scrollHeight));
  } else {
    const fits = room.get(el);
    if (fits !== undefined && el.value.length <= fits && !UNSURE.test(el.value)) return;
    // Reading the box's overflow lays out the box alone (it is contained).
    const need = el.scrollHeight;
    if (need <= now) return;
    setHeight(el, need);
  }
  measureRoom(el);
  // The box scrolled to show the caret while it was a line short.
  if (el.scrollTop) el.scrollTop = 0;
}

/** Back to sizing by its text (focus left). */
export function liveEnd(el: HTMLTextAreaElement): void {
  widths.get(el)?.disconnect();
  widths.delete(el);
  room.delete(el);
  liveSettle(el);
  held.delete(el);
  el.classList.remove('live');
  el.style.height = '';
}

/** The height the table holds for the focused box (its height when typing began, or at the last commit). */
const held = new WeakMap<HTMLTextAreaElement, number>();

/** The box's height; the table keeps holding the same room (the margin makes up the difference). */
function setHeight(el: HTMLTextAreaElement, h: number): void {
  el.style.height = `${h}px`;
  const hold = held.get(el);
  if (hold === undefined) return;
  const over = h - hold;
  el.style.marginBottom = over ? `${-over}px` : '';
  el.classList.toggle('over', over > 0);
  // What hangs under the cell (a message, the value chip, the list of suggestions) goes under the box.
  const td = el.closest('td');
  if (over > 0) td?.style.setProperty('--over', `${over}px`);
  else td?.style.removeProperty('--over');
}

/** The row takes the focused box's height (the text was committed): typing grows it over the row below again. */
export function liveSettle(el: HTMLTextAreaElement): void {
  if (!held.has(el) || !el.style.marginBottom) return;
  held.set(el, parseFloat(el.style.height) || MIN_PX);
  el.style.marginBottom = '';
  el.classList.remove('over');
  el.closest('td')?.style.removeProperty('--over');
}

/** The caret (a collapsed selection) at the start / end of the text, on its first / last line. */
export function caretEdges(el: HTMLTextAreaElement): { atStart: boolean; atEnd: boolean; firstLine: boolean; lastLine: boolean } {
  const { selectionStart: a, selectionEnd: b, value } = el;
  const collapsed = a === b;
  return {
    atStart: collapsed && a === 0,
    atEnd: collapsed && b === value.length,
    firstLine: collapsed && !value.slice(0, a).includes('\n'),
    lastLine: collapsed && !value.slice(b).includes('\n'),
  };
}
