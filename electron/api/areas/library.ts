// library.search: the indicator library while typing a 三级 name, with the unit's own
// indicators joined in (rebuilt when the unit's tables change).
import { buildLibrary, collectIndicators, type IndicatorLibrary } from '../../../shared/library/index.ts';
import type { ProjectFiling } from '../../../shared/model/filing.ts';
import { likelyFilingYear } from '../../../shared/model/year.ts';
import { libraryValueVetter } from '../../../shared/rules/index.ts';
import type { FilingStore } from '../../store/store.ts';
import type { AreaHandlers, HandlerContext } from '../context.ts';


function unitSignature(store: FilingStore, unitCode: string): string {
  return store
    .listYears(unitCode)
    .flatMap((y) => store.listProjects(unitCode, y).map((r) => `${r.id}:${r.revision}`))
    .join(',');
}

export function libraryHandlers({ store }: HandlerContext): AreaHandlers<'library'> {
  const base = buildLibrary();
  const perUnit = new Map<string, { sig: string; lib: IndicatorLibrary }>();
  const MAX_UNITS = 20;
  // 指标值 are proposed only as 审核 accepts them (per fiscal year: dates are checked against it).
  const vetters = new Map<number, ReturnType<typeof libraryValueVetter>>();
  const vetterFor = (y: number) => {
    let v = vetters.get(y);
    if (!v) vetters.set(y, (v = libraryValueVetter(y)));
    return v;
  };

  function forUnit(unitCode: string): IndicatorLibrary {
    const sig = unitSignature(store, unitCode);
    const hit = perUnit.get(unitCode);
    if (hit && hit.sig === sig) return hit.lib;
    const filings: ProjectFiling[] = [...store.iterateAllProjects({ unitCode })];
    const lib = buildLibrary(collectIndicators(filings, 'unit'));
    if (perUnit.size >= MAX_UNITS) perUnit.clear();
    perUnit.set(unitCode, { sig, lib });
    return lib;
  }

  return {
    'library.search': ({ query, level1, level2, unitCode, year, budget, limit }) => {
      const lib = unitCode ? forUnit(unitCode) : base;
      const y = year ?? likelyFilingYear();
      return lib.search(query, {
        limit,
        year: y,
        vetValue: (row, value) => vetterFor(y)(row, value, budget ?? null),
        ...(level1 !== undefined ? { level1 } : {}),
        ...(level2 !== undefined ? { level2 } : {}),
      });
    },
  };
}
