// A long book (more than WINDOW_FROM tables) draws only the rows in view plus a margin;
// the rest are drawn as they are scrolled to.
import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { ProjectRow } from '../../../../shared/api/contract.ts';

/** Books longer than this draw only the rows in view (plus a margin). */
const WINDOW_FROM = 100;
/** Height of a list row in px (one line, see .list-table td); rows are measured when drawn. */
export const ROW_PX = 31;
const OVERSCAN = 12;

export type ListVirtualizer = Virtualizer<HTMLDivElement, Element>;

export interface ListWindow {
  windowed: boolean;
  virt: ListVirtualizer;
}

export function useListWindow(visible: ProjectRow[] | null, scroller: RefObject<HTMLDivElement | null>, tbody: RefObject<HTMLTableSectionElement | null>): ListWindow {
  const windowed = (visible?.length ?? 0) > WINDOW_FROM;
  // Rows start below the sticky header: its height is the list's offset in the scroller.
  const [headPx, setHeadPx] = useState(0);
  const virt = useVirtualizer({
    count: windowed ? visible!.length : 0,
    enabled: windowed,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN,
    // Before the first measurement: the window's height, so the first frame has its rows.
    initialRect: { width: 0, height: window.innerHeight },
    getItemKey: (i) => visible![i]!.id,
    scrollMargin: headPx,
  });
  useLayoutEffect(() => {
    // Measured once the list is windowed (the header's height does not change with scrolling).
    if (windowed && tbody.current) setHeadPx(tbody.current.offsetTop);
  }, [windowed, tbody]);
  return { windowed, virt };
}
