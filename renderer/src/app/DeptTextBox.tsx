// A text box of the 部门整体绩效目标: what is typed is committed after a pause in typing
// (as in a table's cell), when the box is left, when it goes away and when the page is
// reloaded or closed; never in the middle of an input-method composition.
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { deptPaste } from './dept-paste.ts';

const IDLE_COMMIT_MS = 1200;

export function DeptTextBox({
  value,
  onCommit,
  label,
  multiline = true,
  maxLength,
  placeholder,
  carried = false,
  onStep,
  indicators = false,
  onHint,
}: {
  value: string;
  onCommit: (v: string) => void;
  label: string;
  multiline?: boolean;
  maxLength: number;
  placeholder?: string;
  /** Copied from last year and not yet looked at. */
  carried?: boolean;
  /** Ctrl+Z / Ctrl+Y: the editor's own undo / redo (what is typed is committed first). */
  onStep?: (undo: boolean) => void;
  /** A 分项's 绩效指标: rows of an indicator table pasted become its text (dept-paste.ts). */
  indicators?: boolean;
  /** How a paste was taken, or why not. */
  onHint?: (text: string, error: boolean) => void;
}): ReactNode {
  const [draft, setDraftState] = useState<string | null>(null);
  // The draft as it is now (a pagehide or unmount sees it before React re-renders).
  const draftRef = useRef<string | null>(null);
  const setDraft = (v: string | null) => {
    draftRef.current = v;
    setDraftState(v);
  };
  const composing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const clearIdle = () => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
  };
  const latest = useRef({ value, onCommit });
  latest.current = { value, onCommit };
  const commit = () => {
    clearIdle();
    const d = draftRef.current;
    if (composing.current || d === null) return;
    draftRef.current = null;
    if (d !== latest.current.value) latest.current.onCommit(d);
    setDraftState(null);
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => {
    const onHide = () => {
      composing.current = false;
      commitRef.current();
    };
    window.addEventListener('pagehide', onHide, { capture: true });
    return () => {
      window.removeEventListener('pagehide', onHide, { capture: true });
      commitRef.current();
    };
  }, []);
  const typed = () => {
    clearIdle();
    idle.current = setTimeout(() => {
      idle.current = null;
      if (!composing.current) commitRef.current();
    }, IDLE_COMMIT_MS);
  };
  return (
    <textarea
      className={`${multiline ? 'dept-text' : 'dept-line'}${carried ? ' carried' : ''}`}
      title={carried ? '上年结转的内容，请核对' : undefined}
      aria-label={label}
      rows={1}
      maxLength={maxLength}
      placeholder={placeholder}
      value={draft ?? value}
      onChange={(e) => {
        setDraft(e.target.value);
        typed();
      }}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={(e) => {
        composing.current = false;
        setDraft(e.currentTarget.value);
        typed();
      }}
      onBlur={commit}
      onPaste={(e) => {
        const r = deptPaste(e.clipboardData.getData('text/plain'), e.clipboardData.getData('text/html'), indicators ? 'indicators' : multiline ? 'text' : 'line');
        if (!r) return;
        e.preventDefault();
        const el = e.currentTarget;
        if (r.t === 'error' || el.value.length - (el.selectionEnd - el.selectionStart) + r.text.length > maxLength) {
          onHint?.(r.t === 'error' ? r.error : `粘贴后超过 ${maxLength} 字，未粘贴`, true);
          return;
        }
        // As the box's own paste: into its undo, onChange as typing (committed after the pause).
        if (!document.execCommand('insertText', false, r.text)) {
          setDraft(el.value.slice(0, el.selectionStart) + r.text + el.value.slice(el.selectionEnd));
          typed();
        }
        if (r.hint) onHint?.(r.hint, false);
      }}
      onKeyDown={(e) => {
        if (e.nativeEvent.isComposing || composing.current) return;
        if (e.key === 'Enter' && !multiline) e.preventDefault();
        const k = e.key.toLowerCase();
        if ((e.ctrlKey || e.metaKey) && k === 's') {
          e.preventDefault();
          commit();
        } else if ((e.ctrlKey || e.metaKey) && !e.altKey && (k === 'z' || k === 'y') && onStep) {
          e.preventDefault();
          commit();
          onStep(k === 'z' && !e.shiftKey);
        }
      }}
    />
  );
}
