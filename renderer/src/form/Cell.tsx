// One editable cell of the paper table. While focused it keeps the text being typed
// (a draft); the draft is committed — one edit, one save — on Tab / Enter / arrows out
// of the cell / leaving it / a pause in typing, and never in the middle of an input-method
// composition. Everything else it shows comes from the stored filing.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { FormController, Suggestion } from './controller.ts';
import { valueChip } from './values.ts';

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
}

const IDLE_COMMIT_MS = 1200;
const MONEY_CHECK_MS = 600;

function caretEdges(el: HTMLTextAreaElement): { atStart: boolean; atEnd: boolean; firstLine: boolean; lastLine: boolean } {
  const { selectionStart: a, selectionEnd: b, value } = el;
  const collapsed = a === b;
  return {
    atStart: collapsed && a === 0,
    atEnd: collapsed && b === value.length,
    firstLine: collapsed && !value.slice(0, a).includes('\n'),
    lastLine: collapsed && !value.slice(b).includes('\n'),
  };
}

export const Cell = memo(function Cell(p: CellProps) {
  const { ctl, ckey } = p;
  const [draft, setDraftState] = useState<string | null>(null);
  // The draft also lives in a ref: a blur fired while a key handler moves the focus runs
  // before React re-renders, and must see the draft as it is now, not as last rendered.
  const draftRef = useRef<string | null>(null);
  const setDraft = (v: string | null) => {
    draftRef.current = v;
    setDraftState(v);
  };
  const [error, setError] = useState('');
  const [focused, setFocused] = useState(false);
  const [sugs, setSugs] = useState<Suggestion[] | null>(null);
  const [sel, setSel] = useState(-1);
  const composing = useRef(false);
  const commitAfterComposition = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seq = useRef(0);
  /** Last text outside a composition: what the chip shows. */
  const [settled, setSettled] = useState<string | null>(null);
  const ta = useRef<HTMLTextAreaElement>(null);
  const [up, setUp] = useState(false);

  const shown = draft ?? p.value;

  const clearIdle = () => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
  };
  useEffect(() => clearIdle, []);

  /** Commits the draft; false when the text is refused (money that is not an amount). */
  const commit = (): boolean => {
    clearIdle();
    if (composing.current) {
      commitAfterComposition.current = true;
      return false;
    }
    const d = draftRef.current;
    if (d === null) return true;
    const err = ctl.commit(ckey, d);
    if (err) {
      setError(err);
      return false;
    }
    setError('');
    setDraft(null);
    return true;
  };

  const scheduleIdle = () => {
    clearIdle();
    if (p.money) {
      // Amounts are stored when the cell is left; a pause in typing only checks them.
      idle.current = setTimeout(() => {
        idle.current = null;
        const d = draftRef.current;
        if (d !== null) setError(ctl.checkMoney(d) ?? '');
      }, MONEY_CHECK_MS);
      return;
    }
    idle.current = setTimeout(() => {
      idle.current = null;
      if (!composing.current) commitRef.current();
    }, IDLE_COMMIT_MS);
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;
  // A cell that goes away (the view closes, the row is renumbered) keeps what was typed.
  useEffect(() => () => void commitRef.current(), []);

  const askSuggestions = (text: string) => {
    const n = ++seq.current;
    ctl.suggest(ckey, text).then(
      (list) => {
        if (n !== seq.current) return;
        setSugs(list && list.length ? list : null);
        setSel(-1);
      },
      () => undefined,
    );
  };

  const onTextChanged = (text: string) => {
    setSettled(text);
    if (p.money && error && !ctl.checkMoney(text)) setError('');
    scheduleIdle();
    if (ctl.hasSuggestions(ckey)) askSuggestions(text);
  };

  const choose = (s: Suggestion) => {
    clearIdle();
    ctl.choose(ckey, s, draftRef.current ?? p.value);
    setDraft(null);
    setError('');
    setSugs(null);
  };

  const leave = (how: Parameters<FormController['move']>[1]) => {
    if (!commit() && !composing.current) {
      // A refused amount stays in its cell with its message; Tab / Enter still move on.
      if (how !== 'tab' && how !== 'shiftTab' && how !== 'enter') return;
    }
    setSugs(null);
    ctl.move(ckey, how);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing || composing.current || e.keyCode === 229) return;
    const el = e.currentTarget;
    const ctrl = e.ctrlKey || e.metaKey;
    const open = sugs !== null && sugs.length > 0;
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = sugs.length;
        setSel((s) => (e.key === 'ArrowDown' ? (s + 1) % n : (s - 1 + n) % n));
        return;
      }
      if (e.key === 'Enter' && !ctrl && !e.shiftKey && !e.altKey && sel >= 0) {
        e.preventDefault();
        const s = sugs[sel];
        if (s) choose(s);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setSugs(null);
        return;
      }
      if (e.key === 'Tab' && sel >= 0) {
        // Tab takes the highlighted suggestion and moves on.
        e.preventDefault();
        const s = sugs[sel];
        if (s) choose(s);
        ctl.move(ckey, e.shiftKey ? 'shiftTab' : 'tab');
        return;
      }
    }
    if (ctrl && !e.altKey) {
      const k = e.key.toLowerCase();
      if (k === 'z' || k === 'y') {
        // Typing not yet committed is undone by the text box itself.
        if (draft !== null && draft !== p.value) return;
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
      askSuggestions(shown);
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
            const next = shown.slice(0, a) + '\n' + shown.slice(b);
            setDraft(next);
            onTextChanged(next);
            requestAnimationFrame(() => ta.current?.setSelectionRange(a + 1, a + 1));
          }
          return;
        }
        if (ctrl) return;
        e.preventDefault();
        leave('enter');
        return;
      case 'Escape':
        if (draft !== null) {
          e.preventDefault();
          clearIdle();
          setDraft(null);
          setError('');
          setSettled(null);
        }
        setSugs(null);
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

  // The suggestion list opens upwards where there is no room below.
  const listShown = !!sugs && focused;
  useLayoutEffect(() => {
    if (!listShown || !ta.current) return;
    const r = ta.current.getBoundingClientRect();
    setUp(r.bottom + 220 > window.innerHeight && r.top > 240);
  }, [listShown]);

  const chipText = p.isValue && focused ? (settled ?? p.value) : null;
  const chip = chipText !== null ? valueChip(chipText) : null;
  const staticChip = p.isValue && !focused ? valueChip(p.value) : null;
  const bad = staticChip?.bad;

  const cls = [
    'cell',
    p.cls,
    p.carried ? 'carried' : '',
    error ? 'invalid' : '',
    bad ? 'bad' : '',
    focused ? 'focused' : '',
    p.money ? 'money' : '',
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
          spellCheck={false}
          value={shown}
          // Only while editing: an empty box sizes to its placeholder.
          placeholder={focused ? p.placeholder : undefined}
          maxLength={p.maxLength}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            if (!composing.current) onTextChanged(text);
          }}
          onCompositionStart={() => {
            composing.current = true;
            clearIdle();
          }}
          onCompositionEnd={(e) => {
            composing.current = false;
            const text = e.currentTarget.value;
            setDraft(text);
            if (commitAfterComposition.current) {
              commitAfterComposition.current = false;
              const err = ctl.commit(ckey, text);
              if (!err) setDraft(null);
              return;
            }
            onTextChanged(text);
          }}
          onFocus={() => {
            setFocused(true);
            ctl.focused(ckey);
          }}
          onBlur={() => {
            setFocused(false);
            setSugs(null);
            setSettled(null);
            commit();
          }}
          onKeyDown={onKeyDown}
        />
        {p.suffix ? <span className="affix-text">{p.suffix}</span> : null}
      </div>
      {error ? <div className="cell-msg">{error}</div> : null}
      {chip && !error ? (
        <div className={`chip chip-${chip.kind}${chip.bad ? ' chip-bad' : ''}`} title={chip.note ? `“${chip.note}”不属于指标值，宜写入绩效指标描述` : undefined}>
          {chip.text}
          {chip.bad ? `：${chip.bad}` : ''}
          {chip.note ? <span className="chip-note">＋附注</span> : null}
        </div>
      ) : null}
      {sugs && focused ? (
        <ul className={up ? 'suggest up' : 'suggest'} role="listbox">
          {sugs.map((s, i) => (
            <li
              key={s.id}
              role="option"
              aria-selected={i === sel}
              className={i === sel ? 'sel' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
            >
              <span className="sug-main">{s.label}</span>
              {s.detail ? <span className="sug-detail">{s.detail}</span> : null}
              {s.tag ? <span className="sug-tag">{s.tag}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {p.tools ? <RowTools ctl={ctl} ckey={ckey} /> : null}
    </td>
  );
});

function RowTools({ ctl, ckey }: { ctl: FormController; ckey: string }): ReactNode {
  const b = (cmd: Parameters<FormController['rowCommand']>[1], text: string, title: string) => (
    <button
      type="button"
      tabIndex={-1}
      title={title}
      aria-label={title}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => ctl.rowCommand(ckey, cmd)}
    >
      {text}
    </button>
  );
  return (
    <div className="row-tools">
      {b('up', '↑', '上移（Alt+↑）')}
      {b('down', '↓', '下移（Alt+↓）')}
      {b('insert', '＋', '在下方插入一行（Ctrl+Enter）')}
      {b('group', '＋级', '新增一级指标（Ctrl+Shift+Enter）')}
      {b('remove', '×', '删除本行（Ctrl+Delete）')}
    </div>
  );
}
