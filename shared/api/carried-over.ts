// Carried-over marks: paths of values copied from last year that the user has not looked
// at yet (`filing.carriedOver`). Path forms:
//   name · projectCode · fundUse · spendingPlan.mar · prose.overview · footer.head
//   periods.annual.goal · periods.midterm.rangeLabel · periods.annual.funding.total
//   periods.annual.indicators[id=<row id>].value   (rows by id, so marks survive moves)
// Pure: used by the backend (copy, save, ack) and by the renderer (which cells to flag).
import type { ProjectFiling } from '../model/filing.ts';
import { getAt } from '../rules/paths.ts';

const ROW_RE = /^periods\.(\w+)\.indicators\[id=([^\]]*)\](?:\.(\w+))?$/;

/** `periods.annual.indicators[id=r1].value` (column omitted: the whole row). */
export function indicatorPath(period: string, rowId: string, column?: string): string {
  return `periods.${period}.indicators[id=${rowId}]${column ? `.${column}` : ''}`;
}

/** The value a mark points at; `found: false` when the field or row no longer exists. */
export function resolveCarried(filing: ProjectFiling, path: string): { found: boolean; value: unknown } {
  const m = ROW_RE.exec(path);
  try {
    if (m) {
      const rows = filing.periods[m[1] as keyof ProjectFiling['periods']]?.indicators;
      const row = rows?.find((r) => r.id === m[2]);
      if (!row) return { found: false, value: undefined };
      if (!m[3]) return { found: true, value: row };
      if (!Object.prototype.hasOwnProperty.call(row, m[3])) return { found: false, value: undefined };
      return { found: true, value: (row as Record<string, unknown>)[m[3]] };
    }
    if (path.includes('[')) return { found: false, value: undefined };
    const value = getAt(filing, path);
    return { found: value !== undefined, value };
  } catch {
    return { found: false, value: undefined };
  }
}

/** Whether `mark` is `path` itself or lies under it. */
export function isUnder(mark: string, path: string): boolean {
  return mark === path || mark.startsWith(`${path}.`) || mark.startsWith(`${path}[`);
}

/** Whether the cell at `path` (or anything under it) is still marked as carried over. */
export function isCarried(filing: Pick<ProjectFiling, 'carriedOver'>, path: string): boolean {
  return filing.carriedOver.some((m) => isUnder(m, path));
}

/** The marks left after the user acknowledged `paths` ('all' clears every mark). */
export function ackMarks(marks: readonly string[], paths: readonly string[] | 'all'): string[] {
  if (paths === 'all') return [];
  return marks.filter((m) => !paths.some((p) => isUnder(m, p)));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Marks that still hold after `prev` became `next`: marked in both (a client can drop a
 * mark, never add one), the path exists in both and its value did not change. An edited
 * (or deleted) value has been looked at, so its mark goes.
 */
export function pruneCarried(prev: ProjectFiling, next: ProjectFiling): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  const inNext = new Set(next.carriedOver);
  for (const mark of prev.carriedOver) {
    if (seen.has(mark) || !inNext.has(mark)) continue;
    seen.add(mark);
    const a = resolveCarried(prev, mark);
    const b = resolveCarried(next, mark);
    if (a.found && b.found && same(a.value, b.value)) kept.push(mark);
  }
  return kept;
}
