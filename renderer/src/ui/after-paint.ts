// Deferring work until the frame that shows the last change has been painted.
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
