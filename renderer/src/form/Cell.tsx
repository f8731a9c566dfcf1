// One editable cell of the paper table. While focused it keeps the text being typed
// (a draft, cell-draft.ts); the draft is committed — one edit, one save — on Tab / Enter /
// arrows out of the cell / leaving it / a pause in typing, and never in the middle of an
// input-method composition. Everything else it shows comes from the stored filing.
// The text box is uncontrolled: a keystroke changes its DOM value and the draft ref and
// renders nothing; the stored value is written into the box whenever no draft is open.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ClipboardEvent, KeyboardEvent } from 'react';
import { useCellDraft } from './cell-draft.ts';
import type { FormController, Suggestion } from './controller.ts';
import { RowTools } from './RowTools.tsx';
import { SuggestList, useSuggestions } from './Suggestions.tsx';
import { valueChip } from './values.ts';
import { isBlock } from './paste.ts';
import { afterPaint } from '../ui/after-paint.ts';
import { caretEdges, liveEnd, liveFit, liveSettle, liveStart } from './live-box.ts';

export interface CellProps {
  ckey: string;
  value: string;
  path: string;
  rowSpan: number;
  colSpan: number;
  multiline: boolean;
  money: boolean;
  /** 指标值: show how the text is understood. */
  isValue: boolean;
  /**
   * 指标值 not being edited: mark a value the grammar flags (an impossible date, a percentage
   * over 100). The form turns this on once all rows are painted, so opening a table parses none.
   */
  checkValue: boolean;
  carried: boolean;
  placeholder: string;
  prefix?: string;
  suffix?: string;
  maxLength: number;
  /** Render the row tools (last cell of an indicator row). */
  tools: boolean;
  /** Extra class for the <td> (column kind, highlight). */
  cls: string;
  ctl: FormController;
  /** A review mark in the cell's margin (comment, change since the last submission). */
  pin?: { mark: string; title: string; cls: string } | undefined;
}

export const Cell = memo(function Cell(p: CellProps) {
  const { ctl, ckey } = p;
  const cellDraft = useCellDraft(ctl, ckey, p.money);
  const { setDraft, error, setError, composing, commit, clearIdle } = cellDraft;
  const [focused, setFocused] = useState(false);
  /** Last text outside a composition: what the chip shows. */
  const [settled, setSettled] = useState<string | null>(null);
  const ta = useRef<HTMLTextAreaElement>(null);
  /** Reached by the keyboard with its text selected: typing replaces it, F2 / Enter edit in place, arrows move on. */
  const selected = useRef(false);
  const sugs = useSuggestions(ctl, ckey, ta, focused);
  /** The text in the box now (the draft, or the stored value). */
  const shown = () => cellDraft.current() ?? p.value;
  // No draft open: the box shows the stored value (after a commit, undo, a fix, Escape), its row its height.
  useLayoutEffect(() => {
    const el = ta.current;
    if (!el || cellDraft.current() !== null) return;
    if (el.value !== p.value) {
      el.value = p.value;
      liveFit(el, true);
    }
    liveSettle(el);
  });

  /** The chip follows the typing one frame behind: a keystroke paints its text first. */
  const chipLater = useRef<{ text: string; cancel: () => void } | null>(null);
  const cancelChip = () => {
    chipLater.current?.cancel();
    chipLater.current = null;
  };
  useEffect(() => cancelChip, []);
  const setSettledLater = (text: string) => {
    if (!p.isValue) return;
    if (chipLater.current) {
      chipLater.current.text = text;
      return;
    }
    const job: { text: string; cancel: () => void } = { text, cancel: () => undefined };
    chipLater.current = job;
    job.cancel = afterPaint(() => {
      chipLater.current = null;
      setSettled(job.text);
    });
  };

  const onTextChanged = (text: string) => {
    setSettledLater(text);
    if (cellDraft.hint) cellDraft.setHint('');
    if (p.money && error && !ctl.checkMoney(text)) setError('');
    cellDraft.typed();
    if (ctl.hasSuggestions(ckey)) sugs.ask(text);
  };

  const choose = (s: Suggestion) => {
    clearIdle();
    ctl.choose(ckey, s, cellDraft.current() ?? p.value);
    setDraft(null);
    setError('');
    sugs.close();
  };

  const leave = (how: Parameters<FormController['move']>[1]) => {
    if (!commit() && !composing.current) {
      // A refused amount stays in its cell with its message; Tab / Enter still move on.
      if (how !== 'tab' && how !== 'shiftTab' && how !== 'enter') return;
    }
    sugs.close();
    cellDraft.moveOut(how === 'up', () => ctl.move(ckey, how));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing || composing.current || e.keyCode === 229) return;
    const el = e.currentTarget;
    const ctrl = e.ctrlKey || e.metaKey;
    if (selected.current && !ctrl && !e.altKey && !e.shiftKey) {
      if (e.key === 'F2' || (e.key === 'Enter' && !sugs.list?.length)) {
        e.preventDefault();
        selected.current = false;
        el.setSelectionRange(el.value.length, el.value.length);
        return;
      }
      const dir = ({ ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' } as const)[e.key as 'ArrowUp'];
      if (dir && !sugs.list?.length) {
        e.preventDefault();
        leave(dir);
        return;
      }
    }
    if (e.key !== 'Tab' && e.key !== 'F4' && e.key !== 'Escape' && !e.key.startsWith('Arrow')) selected.current = false;
    const { list, sel } = sugs;
    if (list && list.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        sugs.step(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (e.key === 'Enter' && !ctrl && !e.shiftKey && !e.altKey && sel >= 0) {
        e.preventDefault();
        const s = list[sel];
        if (s) choose(s);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        sugs.close();
        return;
      }
      if (e.key === 'Tab' && sel >= 0) {
        // Tab takes the highlighted suggestion and moves on.
        e.preventDefault();
        const s = list[sel];
        if (s) choose(s);
        ctl.move(ckey, e.shiftKey ? 'shiftTab' : 'tab');
        return;
      }
    }
    if (ctrl && !e.altKey) {
      const k = e.key.toLowerCase();
      if (k === 'z' || k === 'y') {
        // Typing not yet committed is undone by the text box itself.
        const d = cellDraft.current();
        if (d !== null && d !== p.value) return;
        e.preventDefault();
        if (k === 'y' || e.shiftKey) ctl.redo();
        else ctl.undo();
        return;
      }
      if (k === 's') {
        e.preventDefault();
        commit();
        return;
      }
      if (e.key === 'Enter' || e.key === 'Delete') {
        if (!ctl.isIndicator(ckey)) return;
        e.preventDefault();
        commit();
        ctl.rowCommand(ckey, e.key === 'Delete' ? 'remove' : e.shiftKey ? 'group' : 'insert');
        return;
      }
    }
    if (e.altKey && !ctrl && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      if (!ctl.isIndicator(ckey)) return;
      e.preventDefault();
      commit();
      ctl.rowCommand(ckey, e.key === 'ArrowUp' ? 'up' : 'down');
      return;
    }
    if (e.key === 'F4' && ctl.hasSuggestions(ckey)) {
      e.preventDefault();
      sugs.ask(shown(), true);
      return;
    }
    switch (e.key) {
      case 'Tab':
        e.preventDefault();
        leave(e.shiftKey ? 'shiftTab' : 'tab');
        return;
      case 'Enter':
        if (e.shiftKey || e.altKey) {
          if (!p.multiline) {
            e.preventDefault();
            return;
          }
          if (e.altKey) {
            // Alt+Enter starts a new line, as in a spreadsheet.
            e.preventDefault();
            const { selectionStart: a, selectionEnd: b } = el;
            const next = el.value.slice(0, a) + '\n' + el.value.slice(b);
            el.value = next;
            el.setSelectionRange(a + 1, a + 1);
            liveFit(el, false);
            setDraft(next);
            onTextChanged(next);
          }
          return;
        }
        if (ctrl) return;
        e.preventDefault();
        leave('enter');
        return;
      case 'Escape':
        if (cellDraft.current() !== null) {
          e.preventDefault();
          clearIdle();
          setDraft(null); // the render it causes puts the stored value back (the layout effect above)
          setError('');
          cancelChip();
          setSettled(null);
        }
        sugs.close();
        return;
      case 'ArrowUp':
      case 'ArrowDown': {
        if (e.shiftKey || ctrl) return;
        const c = caretEdges(el);
        if (e.key === 'ArrowUp' ? c.firstLine : c.lastLine) {
          e.preventDefault();
          leave(e.key === 'ArrowUp' ? 'up' : 'down');
        }
        return;
      }
      case 'ArrowLeft':
      case 'ArrowRight': {
        if (e.shiftKey || ctrl) return;
        const c = caretEdges(el);
        if (e.key === 'ArrowLeft' ? c.atStart : c.atEnd) {
          e.preventDefault();
          leave(e.key === 'ArrowLeft' ? 'left' : 'right');
        }
        return;
      }
    }
  };

  /** Clipboard text: one value into the text here; a block over the indicator rows (one step) or joined. */
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    const el = e.currentTarget;
    selected.current = false;
    // Typing not yet committed is kept (its own step) before a block is spread from here.
    if (isBlock(text) && ctl.isIndicator(ckey)) commit();
    const r = ctl.paste(ckey, text, e.clipboardData.getData('text/html'));
    if (r.t === 'error') {
      cellDraft.setHint(r.error);
      return;
    }
    if (r.t === 'edit') {
      sugs.close();
      cellDraft.setHint(r.hint);
      return;
    }
    const { selectionStart: a, selectionEnd: b, value } = el;
    const next = value.slice(0, a) + r.text + value.slice(b);
    if (next.length > p.maxLength) {
      cellDraft.setHint(`粘贴后超过 ${p.maxLength} 字，未粘贴`);
      return;
    }
    // As the text box's own paste would: into its undo (Ctrl+Z before the commit), onChange as typing.
    if (r.text && !document.execCommand('insertText', false, r.text)) {
      el.value = next;
      const caret = a + r.text.length;
      el.setSelectionRange(caret, caret);
      liveFit(el, false);
      setDraft(next);
      onTextChanged(next);
    }
    if (r.hint) cellDraft.setHint(r.hint);
  };

  const chipText = p.isValue && focused ? (settled ?? p.value) : null;
  const chip = chipText !== null ? valueChip(chipText) : null;
  const staticChip = p.checkValue && !focused ? valueChip(p.value) : null;
  const bad = staticChip?.bad;

  const cls = [
    'cell',
    p.cls,
    p.carried ? 'carried' : '',
    error ? 'invalid' : '',
    bad ? 'bad' : '',
    focused ? 'focused' : '',
    p.money ? 'money' : '',
    p.pin ? `pinned ${p.pin.cls}` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <td className={cls} rowSpan={p.rowSpan > 1 ? p.rowSpan : undefined} colSpan={p.colSpan > 1 ? p.colSpan : undefined} title={p.carried ? '上年结转的内容，请核对' : bad}
      onMouseDown={(e) => {
        // A click in the cell's padding (a tall merged cell) still edits it.
        if (e.target === e.currentTarget || (e.target as HTMLElement).classList.contains('cell-box')) {
          e.preventDefault();
          ta.current?.focus();
        }
      }}
    >
      <div className={p.prefix || p.suffix ? 'affix' : 'cell-box'}>
        {p.prefix ? <span className="affix-text">{p.prefix}</span> : null}
        <textarea
          ref={ta}
          data-cell={ckey}
          data-path={p.path}
          className="cell-input"
          rows={1}
          readOnly={p.ctl.readOnly || undefined}
          spellCheck={false}
          defaultValue={p.value}
          // Only while editing: an empty box sizes to its placeholder.
          placeholder={focused ? p.placeholder : undefined}
          maxLength={p.maxLength}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            const text = e.target.value;
            liveFit(e.target, text.length < shown().length);
            setDraft(text);
            if (!composing.current) onTextChanged(text);
          }}
          onCompositionStart={() => {
            composing.current = true;
            clearIdle();
          }}
          onCompositionEnd={(e) => {
            const text = e.currentTarget.value;
            if (!cellDraft.endComposition(text)) onTextChanged(text);
          }}
          onMouseDown={() => {
            selected.current = false;
          }}
          onFocus={(e) => {
            liveStart(e.currentTarget);
            setFocused(true);
            cellDraft.setHint('');
            // A keyboard move selects the text (ProjectForm's focusKey): typing replaces it.
            selected.current = ctl.takeKeyboardFocus(ckey) && e.currentTarget.value !== '';
            if (ctl.focused(ckey) && ctl.hasSuggestions(ckey)) sugs.ask(e.currentTarget.value, true);
          }}
          onBlur={(e) => {
            liveEnd(e.currentTarget);
            selected.current = false;
            setFocused(false);
            sugs.close();
            cancelChip();
            setSettled(null);
            commit();
            // An amount's hint stays a moment above this cell; any other goes with the focus.
            cellDraft.left();
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {p.suffix ? <span className="affix-text">{p.suffix}</span> : null}
      </div>
      {error ? <div className="cell-msg">{error}</div> : cellDraft.hint ? <div className="cell-msg cell-hint" role="status">{cellDraft.hint}</div> : null}
      {chip && !error ? (
        <div className={`chip chip-${chip.kind}${chip.bad ? ' chip-bad' : ''}`} title={chip.note ? `“${chip.note}”不属于指标值，宜写入绩效指标描述` : undefined}>
          {chip.text}
          {chip.bad ? `：${chip.bad}` : ''}
          {chip.note ? <span className="chip-note">＋附注</span> : null}
        </div>
      ) : null}
      {sugs.list && focused ? <SuggestList sugs={sugs} onChoose={choose} /> : null}
      {p.tools && !ctl.readOnly ? <RowTools ctl={ctl} ckey={ckey} /> : null}
      {p.pin ? (
        <span className="pin-mark" title={p.pin.title} data-testid="pin-mark">
          {p.pin.mark}
        </span>
      ) : null}
    </td>
  );
});
