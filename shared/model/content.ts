// What decides whether a filing's content was changed: everything but its bookkeeping
// (status, position, carried-over marks, 说明, the changed-since-submission flag).
import type { ProjectFiling } from './filing.ts';

export function filingContent(f: ProjectFiling): string {
  const { status: _s, seq: _q, carriedOver: _c, explanations: _e, changedSinceSubmission: _x, ...rest } = f;
  return JSON.stringify(rest);
}

/** Same content and the same 说明 (an edit of either is an edit of the table). */
export const sameEdit = (a: ProjectFiling, b: ProjectFiling): boolean =>
  filingContent(a) === filingContent(b) && JSON.stringify(a.explanations) === JSON.stringify(b.explanations);
