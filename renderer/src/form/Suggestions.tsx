// Library suggestions of a cell (一级 / 二级 / 三级 …): asked for while typing or on F4,
// only the last answer shown; ↑ ↓ highlight; the list opens upwards where there is no room below.
import { useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import type { FormController, Suggestion } from './controller.ts';

export interface CellSuggestions {
  /** null: no list open. */
  list: Suggestion[] | null;
  /** The highlighted entry, -1 for none. */
  sel: number;
  up: boolean;
  /** `all`: F4, the whole list (see FormController.suggest). */
  ask(text: string, all?: boolean): void;
  close(): void;
  /** Moves the highlight down (1) or up (-1), round the list. */
  step(dir: 1 | -1): void;
}

export function useSuggestions(ctl: FormController, ckey: string, ta: RefObject<HTMLTextAreaElement | null>, focused: boolean): CellSuggestions {
  const [list, setList] = useState<Suggestion[] | null>(null);
  const [sel, setSel] = useState(-1);
  const [up, setUp] = useState(false);
  const seq = useRef(0);

  const ask = (text: string, all = false) => {
    const n = ++seq.current;
    ctl.suggest(ckey, text, all).then(
      (found) => {
        if (n !== seq.current) return;
        setList(found && found.length ? found : null);
        setSel(-1);
      },
      () => undefined,
    );
  };

  const shown = !!list && focused;
  useLayoutEffect(() => {
    if (!shown || !ta.current) return;
    const r = ta.current.getBoundingClientRect();
    setUp(r.bottom + 220 > window.innerHeight && r.top > 240);
  }, [shown, ta]);

  const step = (dir: 1 | -1) => {
    const n = list?.length ?? 0;
    if (n) setSel((s) => (s + dir + n) % n);
  };

  return { list, sel, up, ask, close: () => setList(null), step };
}

export function SuggestList({ sugs, onChoose }: { sugs: CellSuggestions; onChoose: (s: Suggestion) => void }): ReactNode {
  return (
    <ul className={sugs.up ? 'suggest up' : 'suggest'} role="listbox">
      {sugs.list!.map((s, i) => (
        <li
          key={s.id}
          role="option"
          aria-selected={i === sugs.sel}
          className={i === sugs.sel ? 'sel' : ''}
          onMouseDown={(e) => {
            e.preventDefault();
            onChoose(s);
          }}
        >
          <span className="sug-main">{s.label}</span>
          {s.detail ? <span className="sug-detail">{s.detail}</span> : null}
          {s.tag ? <span className="sug-tag">{s.tag}</span> : null}
        </li>
      ))}
    </ul>
  );
}
