// Toasts: short messages at the foot of the window, with an action such as 撤销.
import { createContext, useCallback, useContext, useRef, useState } from 'react';
import type { ReactNode } from 'react';

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error' | 'ok';
  action?: ToastAction;
}

export type ToastFn = (text: string, opts?: { kind?: Toast['kind']; action?: ToastAction; ms?: number }) => void;

const ToastContext = createContext<ToastFn>(() => undefined);

export function useToast(): ToastFn {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }): ReactNode {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const remove = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show: ToastFn = useCallback(
    (text, opts) => {
      const id = next.current++;
      setToasts((ts) => [...ts.slice(-3), { id, text, kind: opts?.kind ?? 'info', action: opts?.action }]);
      setTimeout(() => remove(id), opts?.ms ?? (opts?.action ? 10_000 : opts?.kind === 'error' ? 8000 : 4000));
    },
    [remove],
  );
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`}>
            <span>{t.text}</span>
            {t.action ? (
              <button
                type="button"
                onClick={() => {
                  remove(t.id);
                  void t.action?.run();
                }}
              >
                {t.action.label}
              </button>
            ) : null}
            <button type="button" className="toast-close" aria-label="关闭" onClick={() => remove(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
