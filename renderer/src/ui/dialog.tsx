// The modal dialog: focus moves in (to [data-autofocus] or the first field) and back out
// on close; Esc or a click outside closes it. `confirm`: the footer of a confirmation, 取消
// and the primary action (instead of a footer of one's own).
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

export function Modal({
  title,
  onClose,
  children,
  wide,
  footer: own,
  confirm,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  footer?: ReactNode;
  confirm?: ConfirmAction;
}): ReactNode {
  const footer = confirm ? <ConfirmFooter {...confirm} onCancel={onClose} /> : own;
  const box = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    // [data-autofocus] wherever it is (a selector list would take the first match in document order: 取消 before the primary button).
    const first = box.current?.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)') ?? box.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.modal-x)');
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
        // detail > 1: the second press of the double click that opened the dialog, not a choice to close it.
        if (e.target === e.currentTarget && e.detail <= 1) onClose();
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

interface ConfirmAction {
  label: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  /** The primary button takes the focus when the dialog opens. */
  autofocus?: boolean;
}

function ConfirmFooter({ label, onConfirm, disabled, autofocus, onCancel }: ConfirmAction & { onCancel: () => void }): ReactNode {
  return (
    <>
      <button type="button" onClick={onCancel}>
        取消
      </button>
      <button type="button" className="btn-primary" disabled={disabled} onClick={onConfirm} {...(autofocus ? { 'data-autofocus': true } : {})}>
        {label}
      </button>
    </>
  );
}
