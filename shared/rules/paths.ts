// Field paths into a filing: `name`, `periods.annual.funding.total`,
// `periods.annual.indicators[3].value`. Used by findings, fixes and required fields.

export type PathSegment = string | number;

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Split a path into keys and indices. Throws on malformed or dangerous paths. */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let consumed = '';
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) {
      if (FORBIDDEN.has(m[1])) throw new Error(`非法的字段路径：${path}`);
      out.push(m[1]);
    } else {
      out.push(Number(m[2]));
    }
    consumed += m[0];
  }
  if (out.length === 0 || consumed.length !== path.replace(/\./g, '').length) {
    throw new Error(`无法识别的字段路径：${path}`);
  }
  return out;
}

export function getAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const seg of parsePath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return cur;
}

/**
 * A copy of `root` with `path` set to `value`; objects along the path are copied, the
 * rest is shared. Missing plain-object levels are created; a missing array element or
 * an index past the end is an error.
 */
export function setAt<T>(root: T, path: string, value: unknown): T {
  const segs = parsePath(path);
  const rec = (node: unknown, i: number): unknown => {
    const seg = segs[i] as PathSegment;
    const last = i === segs.length - 1;
    if (typeof seg === 'number') {
      if (!Array.isArray(node)) throw new Error(`字段路径不存在：${path}`);
      if (seg >= node.length) throw new Error(`字段路径不存在：${path}`);
      const copy = node.slice();
      copy[seg] = last ? value : rec(node[seg], i + 1);
      return copy;
    }
    const base: Record<string, unknown> =
      node !== null && typeof node === 'object' && !Array.isArray(node) ? { ...(node as Record<string, unknown>) } : {};
    if (node !== undefined && (node === null || typeof node !== 'object' || Array.isArray(node))) {
      throw new Error(`字段路径不存在：${path}`);
    }
    base[seg] = last ? value : rec(base[seg], i + 1);
    return base;
  };
  return rec(root, 0) as T;
}

/** Structural equality for JSON-like values (used to check a fix is not stale). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
