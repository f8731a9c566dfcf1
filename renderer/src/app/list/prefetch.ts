// A list asked for before its view is shown (a unit or year being chosen), taken once.
import type { ApiClient, ApiResults } from '../../../../shared/api/contract.ts';

export type ListResult = ApiResults['projects.list'];

const prefetched = new Map<string, { at: number; result: Promise<ListResult> }>();
const PREFETCH_MS = 5000;
const listKey = (unitCode: string, year: number) => `${unitCode}/${year}`;

export function prefetchList(api: ApiClient, unitCode: string, year: number): void {
  const result = api.call('projects.list', { unitCode, year });
  result.catch(() => undefined); // the view asks again and shows the error
  prefetched.set(listKey(unitCode, year), { at: Date.now(), result });
}

export function takePrefetched(unitCode: string, year: number): Promise<ListResult> | null {
  const key = listKey(unitCode, year);
  const p = prefetched.get(key);
  prefetched.delete(key);
  return p && Date.now() - p.at < PREFETCH_MS ? p.result : null;
}
