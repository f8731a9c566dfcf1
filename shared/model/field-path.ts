// Field paths into a filing, parsed and printed in this one place:
//   name · spendingPlan.mar · periods.annual.funding.total
//   periods.annual.indicators[3].value        (a row by position: findings, fixes)
//   periods.annual.indicators[id=r1].value    (a row by id: carried-over marks, stable keys)
import type { PeriodKey, ProjectFiling } from './filing.ts';

/** A key, an array index, or an array element chosen by its `id`. */
export type PathSegment = string | number | { id: string };

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
const SEGMENT_RE = /([^.[\]]+)|\[(\d+)\]|\[id=([^\]]*)\]/g;

/** Split a path into keys, indices and `[id=…]` selectors. Throws on malformed or dangerous paths. */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of path.matchAll(SEGMENT_RE)) {
    if (m[1] !== undefined) {
      if (FORBIDDEN.has(m[1])) throw new Error(`非法的字段路径：${path}`);
      out.push(m[1]);
    } else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push({ id: m[3] ?? '' });
  }
  // Only the canonical spelling: `a..b`, `.a`, `a[x]` are refused, not read as something else.
  if (out.length === 0 || formatPath(out) !== path) {
    throw new Error(`无法识别的字段路径：${path}`);
  }
  return out;
}

const parsed = new Map<string, readonly PathSegment[]>();
/** parsePath memoised (paths repeat: the template's fields, each row's columns); shared, never mutated. */
function segmentsOf(path: string): readonly PathSegment[] {
  let segs = parsed.get(path);
  if (segs === undefined) {
    segs = Object.freeze(parsePath(path)); // a malformed path throws and is not kept
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(path, segs);
  }
  return segs;
}

/** The inverse of parsePath. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'object') out += `[id=${s.id}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/** `periods.annual.indicators[3]`, `periods.annual.indicators[id=r1].value` (`row` a position or an id). */
export function indicatorPath(period: string, row: number | { id: string }, column?: string): string {
  // formatPath(['periods', period, 'indicators', row, column]) without the array (called for every row)
  return `periods.${period}.indicators[${typeof row === 'number' ? row : `id=${row.id}`}]${column ? `.${column}` : ''}`;
}

export interface IndicatorPathParts {
  period: PeriodKey;
  /** Position of the row when the path names it by index. */
  index?: number;
  /** Id of the row when the path names it by `[id=…]`. */
  rowId?: string;
  /** The column (`value`, `name` …); absent for the whole row. */
  column?: string;
}

/** The parts of an indicator-row path, or null for any other path (or a malformed one). */
export function parseIndicatorPath(path: string): IndicatorPathParts | null {
  if (!path.startsWith('periods.')) return null;
  let segs: readonly PathSegment[];
  try {
    segs = segmentsOf(path);
  } catch {
    return null;
  }
  const [, period, list, row, column, ...rest] = segs;
  if (typeof period !== 'string' || list !== 'indicators' || row === undefined || rest.length > 0) return null;
  if (column !== undefined && typeof column !== 'string') return null;
  const parts: IndicatorPathParts = { period: period as PeriodKey };
  if (typeof row === 'number') parts.index = row;
  else if (typeof row === 'object') parts.rowId = row.id;
  else return null;
  if (column !== undefined) parts.column = column;
  return parts;
}

/** The period a path lies in (`periods.annual.…` → `annual`), if any. */
export function periodOfPath(path: string): PeriodKey | undefined {
  return /^periods\.(\w+)(?:\.|$)/.exec(path)?.[1] as PeriodKey | undefined;
}

/** `periods.annual.indicators[3]…` → `periods.annual.indicators[id=<id of row 3>]…` (unchanged when there is no such row). */
export function stableIndicatorPath(filing: Pick<ProjectFiling, 'periods'>, path: string): string {
  const m = /^periods\.(\w+)\.indicators\[(\d+)\]/.exec(path);
  if (!m) return path;
  const row = filing.periods[m[1] as PeriodKey]?.indicators[Number(m[2])];
  return row ? indicatorPath(m[1]!, { id: row.id }) + path.slice(m[0].length) : path;
}

function step(cur: unknown, seg: PathSegment): unknown {
  if (cur === null || typeof cur !== 'object') return undefined;
  if (typeof seg === 'number') return Array.isArray(cur) ? cur[seg] : undefined;
  if (typeof seg === 'object') {
    return Array.isArray(cur) ? cur.find((x) => x !== null && typeof x === 'object' && (x as { id?: unknown }).id === seg.id) : undefined;
  }
  if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
  return (cur as Record<string, unknown>)[seg];
}

/** The value at `path`, or undefined where any level is missing. Throws on a malformed path. */
export function getAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const seg of segmentsOf(path)) cur = step(cur, seg);
  return cur;
}

/**
 * A copy of `root` with `path` set to `value`; objects along the path are copied, the
 * rest is shared. Missing plain-object levels are created; a missing array element or
 * an index past the end is an error.
 */
export function setAt<T>(root: T, path: string, value: unknown): T {
  const segs = segmentsOf(path);
  const missing = () => new Error(`字段路径不存在：${path}`);
  const rec = (node: unknown, i: number): unknown => {
    const seg = segs[i] as PathSegment;
    const last = i === segs.length - 1;
    if (typeof seg !== 'string') {
      if (!Array.isArray(node)) throw missing();
      const k = typeof seg === 'number' ? seg : node.findIndex((x) => (x as { id?: unknown } | null)?.id === seg.id);
      if (k < 0 || k >= node.length) throw missing();
      const copy = node.slice();
      copy[k] = last ? value : rec(node[k], i + 1);
      return copy;
    }
    if (node !== undefined && (node === null || typeof node !== 'object' || Array.isArray(node))) throw missing();
    const base: Record<string, unknown> = { ...(node as Record<string, unknown> | undefined) };
    base[seg] = last ? value : rec(base[seg], i + 1);
    return base;
  };
  return rec(root, 0) as T;
}

/** Set `path` in `root` itself (objects only), creating missing levels: for building a new filing. */
export function assignAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const segs = segmentsOf(path);
  let o = root;
  for (const [i, seg] of segs.entries()) {
    if (typeof seg !== 'string') throw new Error(`字段路径不能用于新建：${path}`);
    if (i === segs.length - 1) {
      o[seg] = value;
      return;
    }
    if (typeof o[seg] !== 'object' || o[seg] === null) o[seg] = {};
    o = o[seg] as Record<string, unknown>;
  }
}
