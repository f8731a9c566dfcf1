// The line above the form while the table holds values copied from last year: for the
// focused cell that holds some, its explicit 确认本格; else how many are left. It stands
// above the scroll area, not in it: it covers no cell, and its place is kept from the
// moment the table opens with copied values (until the table is left), so the paper never
// moves when the line changes (the 43 px jump when it appeared over the paper).
import { useRef, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { ProjectFiling } from '../../../shared/model/filing.ts';

/** A value that one small component follows without re-rendering the form. */
export function signal<T>(initial: T) {
  let value = initial;
  const subs = new Set<() => void>();
  return {
    get: () => value,
    set(v: T) {
      value = v;
      for (const f of subs) f();
    },
    subscribe(f: () => void) {
      subs.add(f);
      return () => void subs.delete(f);
    },
  };
}

export function CarriedBar({ marks, filing, onAck }: { marks: ReturnType<typeof signal<string[]>>; filing: ProjectFiling; onAck: (paths: string[]) => void }): ReactNode {
  const focused = useSyncExternalStore(marks.subscribe, marks.get);
  const had = useRef(false);
  const left = filing.carriedOver.length;
  if (left) had.current = true;
  if (!had.current) return null;
  const open = focused.filter((m) => filing.carriedOver.includes(m));
  return (
    <div className="carried-strip">
      {open.length ? (
        <div className="carried-bar" role="status">
          本格是从上年复制的内容，请核对：无需修改就点
          <button type="button" className="btn-carried" onMouseDown={(e) => e.preventDefault()} onClick={() => onAck(open)}>
            确认本格
          </button>
          ，修改后标记自动消失。
        </div>
      ) : (
        <div className="carried-idle" role="status">
          {left ? `本表有 ${left} 处从上年复制的内容（黄色底），请逐格核对：修改它，或在格中点“确认本格”。` : '本表从上年复制的内容已全部核对。'}
        </div>
      )}
    </div>
  );
}
