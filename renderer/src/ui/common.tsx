// Small shared pieces: toasts (with an action such as 撤销), a modal dialog, money text.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { formatMoney } from '../../../shared/model/money.ts';
import type { AmountFormat } from '../../../shared/templates/types.ts';

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

type ToastFn = (text: string, opts?: { kind?: Toast['kind']; action?: ToastAction; ms?: number }) => void;

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

export function Modal({
  title,
  onClose,
  children,
  wide,
  footer,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  footer?: ReactNode;
}): ReactNode {
  const box = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, button:not(.modal-x)');
    (first ?? box.current)?.focus();
    // Esc closes the dialog wherever the focus is.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      closeRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      prev?.focus?.();
    };
  }, []);
  return (
    <div
      className="modal-back"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        className={`modal${wide ? ' modal-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        ref={box}
        tabIndex={-1}
      >
        <div className="modal-head">
          <span>{title}</span>
          <button type="button" className="modal-x" aria-label="关闭" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="modal-body">{children}</div>
        {footer ? <div className="modal-foot">{footer}</div> : null}
      </div>
    </div>
  );
}

export function money(fen: number | null, fmt: AmountFormat): string {
  return fen === null ? '' : formatMoney(fen, fmt);
}

/** Runs an async action once at a time, reporting failures as a toast. */
export function useBusy(): [boolean, (fn: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const ref = useRef(false);
  const run = useCallback(async (fn: () => Promise<void>) => {
    if (ref.current) return;
    ref.current = true;
    setBusy(true);
    try {
      await fn();
    } finally {
      ref.current = false;
      setBusy(false);
    }
  }, []);
  return [busy, run];
}

/** Runs `fn` once the next frame has been painted; returns a cancel function. */
export function afterPaint(fn: () => void): () => void {
  let t: ReturnType<typeof setTimeout> | null = null;
  const raf = requestAnimationFrame(() => {
    t = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(raf);
    if (t) clearTimeout(t);
  };
}
