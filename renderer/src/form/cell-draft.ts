// The text being typed in a focused cell (a draft) and when it is committed: one edit, one
// save, never in the middle of an input-method composition. Amounts are checked after a
// pause and stored when the cell is left; other text is committed after a pause in typing.
// How an amount was understood stays a moment after the cell is left (a Tab faster than the
// pause would otherwise never show it); other hints go with the focus.
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { FormController } from './controller.ts';

const IDLE_COMMIT_MS = 1200;
const MONEY_CHECK_MS = 600;
/** How long an amount's hint stays over a cell that was left. */
export const HINT_LINGER_MS = 4000;

/** The one hint staying over a cell that was left: it goes when another cell shows one. */
let lingering: (() => void) | null = null;

export interface CellDraft {
  /** Something typed since the last commit (re-renders only when this flips, not per keystroke). */
  drafting: boolean;
  /** The text box is uncontrolled while typing: the caller keeps its DOM value in step. */
  setDraft(text: string | null): void;
  /** The draft as it is now (also between a change and the render that shows it). */
  current(): string | null;
  /** The refusal of the last commit or check ('' for none). */
  error: string;
  setError(text: string): void;
  /** How the amount being typed or last committed is understood (a unit word stripped or converted; '' for none). */
  hint: string;
  setHint(text: string): void;
  /**
   * The cell lost the focus: an amount's hint stays HINT_LINGER_MS above it (over neither the
   * next cell to the right nor the one below), unless the focus went up; any other hint goes.
   */
  left(): void;
  /** A keyboard move out of the cell (`up`: to the cell above), known to the blur it causes. */
  moveOut(up: boolean, move: () => void): void;
  /** An input-method composition is under way. */
  composing: RefObject<boolean>;
  /** Commits the draft; false when the text is refused (money that is not an amount) or a composition is open. */
  commit(): boolean;
  /** Ends a composition; commits its text if a commit was asked for meanwhile, else returns false. */
  endComposition(text: string): boolean;
  /** Restarts the pause timer after typing. */
  typed(): void;
  /** Stops the pause timer. */
  clearIdle(): void;
}

export function useCellDraft(ctl: FormController, ckey: string, money: boolean): CellDraft {
  // The draft lives in a ref, not in state: a keystroke re-renders nothing (the profile of
  // typing in a 40-row table: React's render and commit of the cell was the largest part of
  // a keystroke the page adds over a bare textarea). Only its start and end re-render.
  // A blur fired while a key handler moves the focus also sees the draft as it is now.
  const draftRef = useRef<string | null>(null);
  const [drafting, setDrafting] = useState(false);
  const setDraft = (v: string | null) => {
    const was = draftRef.current !== null;
    draftRef.current = v;
    if (was !== (v !== null)) setDrafting(v !== null);
  };
  const [error, setError] = useState('');
  // Shown while the cell has the focus (Cell clears it on blur), above the cell: never over the next one.
  const [hint, setHintText] = useState('');
  /** The hint shown is how the amount typed or committed is understood. */
  const amountHint = useRef(false);
  const linger = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Stable (refs and a state setter only): `lingering` names it across renders.
  const drop = useRef(() => {
    if (linger.current) clearTimeout(linger.current);
    linger.current = null;
    if (lingering === drop) lingering = null;
    amountHint.current = false;
    setHintText('');
  }).current;
  const setHint = (text: string, amount = false) => {
    if (linger.current) drop();
    if (text && lingering && lingering !== drop) lingering();
    amountHint.current = amount && !!text;
    setHintText(text);
  };
  const goingUp = useRef(false);
  const moveOut = (up: boolean, move: () => void) => {
    goingUp.current = up;
    move();
    goingUp.current = false;
  };
  const left = () => {
    if (goingUp.current || !amountHint.current) return setHint('');
    if (lingering && lingering !== drop) lingering();
    if (linger.current) clearTimeout(linger.current);
    lingering = drop;
    linger.current = setTimeout(drop, HINT_LINGER_MS);
  };
  useEffect(() => () => {
    if (linger.current) clearTimeout(linger.current);
    if (lingering === drop) lingering = null;
  }, []);
  const composing = useRef(false);
  const commitAfterComposition = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  const clearIdle = () => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
  };
  useEffect(() => clearIdle, []);

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
    if (money) setHint(ctl.moneyHint(d) ?? '', true);
    setDraft(null);
    return true;
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;
  // A cell that goes away (the view closes, the row is renumbered) keeps what was typed.
  useEffect(() => () => void commitRef.current(), []);
  // So does a page that is reloaded or closed: the commit reaches the editor, which keeps it
  // in localStorage before the page is gone (capture: before anyone else's pagehide).
  useEffect(() => {
    if (!drafting) return;
    const on = () => {
      composing.current = false;
      commitRef.current();
    };
    window.addEventListener('pagehide', on, { capture: true });
    return () => window.removeEventListener('pagehide', on, { capture: true });
  }, [drafting]);

  const endComposition = (text: string): boolean => {
    composing.current = false;
    setDraft(text);
    if (!commitAfterComposition.current) return false;
    commitAfterComposition.current = false;
    if (!ctl.commit(ckey, text)) setDraft(null);
    return true;
  };

  const typed = () => {
    clearIdle();
    if (money) {
      // Amounts are stored when the cell is left; a pause in typing only checks them.
      idle.current = setTimeout(() => {
        idle.current = null;
        const d = draftRef.current;
        if (d === null) return;
        const err = ctl.checkMoney(d);
        setError(err ?? '');
        setHint(err ? '' : (ctl.moneyHint(d) ?? ''), true);
      }, MONEY_CHECK_MS);
      return;
    }
    idle.current = setTimeout(() => {
      idle.current = null;
      if (!composing.current) commitRef.current();
    }, IDLE_COMMIT_MS);
  };

  return { drafting, setDraft, current: () => draftRef.current, error, setError, hint, setHint: (t) => setHint(t), left, moveOut, composing, commit, endComposition, typed, clearIdle };
}
