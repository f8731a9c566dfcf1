// Deferring work until the frame that shows the last change has been painted.
import { startTransition, useEffect, useState } from 'react';

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

/** False until `ready` has held for one painted frame, then true (a low-priority render). */
export function useTrueAfterPaint(ready: boolean): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (!ready || on) return;
    return afterPaint(() => startTransition(() => setOn(true)));
  }, [ready, on]);
  return on;
}
