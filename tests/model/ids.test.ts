import { describe, expect, it } from 'vitest';
import { newProjectId, newRowId } from '../../shared/model/ids.ts';
import { likelyFilingYear } from '../../shared/model/year.ts';

describe('ids and years', () => {
  it('makes distinct row and project ids of the expected form', () => {
    const rows = new Set(Array.from({ length: 1000 }, newRowId));
    expect(rows.size).toBe(1000);
    for (const r of rows) expect(r).toMatch(/^r[0-9a-f]{12}$/);
    const p = newProjectId();
    expect(p).toMatch(/^p-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newProjectId()).not.toBe(p);
  });

  it('files for next year from July on', () => {
    expect(likelyFilingYear(new Date(2025, 5, 30))).toBe(2025);
    expect(likelyFilingYear(new Date(2025, 6, 1))).toBe(2026);
  });
});
