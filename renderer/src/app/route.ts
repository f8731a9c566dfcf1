// Where the user is, kept in the address (hash) so that a reload reopens the same table.
import { useEffect, useRef, useState } from 'react';

export interface Route {
  unit: string | null;
  year: number | null;
  view: 'list' | 'project' | 'dept' | 'dept-eval' | 'receive' | 'yearly';
  id: string | null;
}

function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const r: Route = { unit: null, year: null, view: 'list', id: null };
  if (parts[0] === 'receive') return { ...r, view: 'receive' };
  if (parts[0] !== 'u' || !/^\d{6}$/.test(parts[1] ?? '')) return r;
  r.unit = parts[1]!;
  const y = Number(parts[2]);
  if (Number.isInteger(y) && y >= 2000 && y <= 2100) r.year = y;
  else return r;
  if (parts[3] === 'p' && parts[4]) {
    r.view = parts[5] === 'yearly' ? 'yearly' : 'project';
    r.id = parts[4];
  } else if (parts[3] === 'dept') r.view = parts[4] === 'eval' ? 'dept-eval' : 'dept';
  return r;
}

function routeHash(r: Route): string {
  if (r.view === 'receive') return '#/receive';
  if (!r.unit) return '#/';
  if (r.year === null) return `#/u/${r.unit}`;
  const base = `#/u/${r.unit}/${r.year}`;
  if (r.view === 'project' && r.id) return `${base}/p/${encodeURIComponent(r.id)}`;
  if (r.view === 'yearly' && r.id) return `${base}/p/${encodeURIComponent(r.id)}/yearly`;
  if (r.view === 'dept') return `${base}/dept`;
  if (r.view === 'dept-eval') return `${base}/dept/eval`;
  return base;
}

export function useRoute(): [Route, (r: Route, replace?: boolean) => void] {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  /** The hash the route shows: back / forward (popstate) and a hash typed by hand (hashchange) may both fire. */
  const shown = useRef(window.location.hash);
  useEffect(() => {
    const on = () => {
      if (window.location.hash === shown.current) return;
      shown.current = window.location.hash;
      setRoute(parseHash(shown.current));
    };
    window.addEventListener('hashchange', on);
    window.addEventListener('popstate', on);
    return () => {
      window.removeEventListener('hashchange', on);
      window.removeEventListener('popstate', on);
    };
  }, []);
  // pushState, not `location.hash =`: a fragment navigation looks for an element to scroll
  // to, which forces style and layout of the page being left (profiled: most of `go`).
  const go = (r: Route, replace = false) => {
    const h = routeHash(r);
    if (h === window.location.hash) return;
    if (replace) window.history.replaceState(window.history.state, '', h);
    else window.history.pushState(window.history.state, '', h);
    shown.current = h;
    setRoute(parseHash(h));
  };
  return [route, go];
}
