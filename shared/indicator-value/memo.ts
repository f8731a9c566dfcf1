// A bounded memo for pure functions of a value text. Indicator values repeat heavily
// (`≥90%`, `100%`, `2025年12月31日` …), so 审核 of a whole database parses each distinct
// text once. Results are frozen: callers share them and must not mutate them.
export function memoByText<T extends object>(fn: (raw: string) => T, max = 20_000): (raw: string) => T {
  const cache = new Map<string, T>();
  return (raw: string): T => {
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    const value = deepFreeze(fn(raw));
    if (cache.size >= max) cache.delete(cache.keys().next().value as string); // oldest first
    cache.set(raw, value);
    return value;
  };
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
