// A React root in a fresh element for each test of a happy-dom renderer test (mounted before,
// unmounted and removed after), with `settle` to let pending promises and timers run.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface DomRoot {
  host: HTMLDivElement;
  root: Root;
}

/** Registers the hooks; the returned object holds the current test's host and root. */
export function useDomRoot(before?: () => void): DomRoot {
  const cur = {} as DomRoot;
  beforeEach(() => {
    before?.();
    cur.host = document.createElement('div');
    document.body.appendChild(cur.host);
    cur.root = createRoot(cur.host);
  });
  afterEach(async () => {
    await act(async () => cur.root.unmount());
    cur.host.remove();
  });
  return cur;
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}
