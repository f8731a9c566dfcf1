// The deterministic stream of edits used by the crash test: edit n is a pure function of
// n, so the parent can compute exactly what the database must hold after edits 0..L.
import { projectFilingSchema, type ProjectFiling, type ProjectFilingInput } from '../../shared/model/filing.ts';
import type { FilingStore } from '../../electron/store/store.ts';

export const CRASH_UNIT = '100001';
export const SLOTS = 25;

export const slotId = (slot: number) => `p${String(slot).padStart(2, '0')}`;

/** Slots an edit writes: creates first, then single updates, every 5th a two-project batch. */
export function slotsOf(n: number): number[] {
  if (n < SLOTS) return [n];
  return n % 5 === 0 ? [n % SLOTS, (n + 1) % SLOTS] : [n % SLOTS];
}

export function filingFor(slot: number, n: number): ProjectFilingInput {
  return {
    id: slotId(slot),
    templateId: 'C',
    unitCode: CRASH_UNIT,
    year: 2025,
    seq: slot + 1,
    name: `项目${slot} 第${n}次编辑`,
    fundUse: '资金用途'.repeat(n % 40), // sizes vary so pages split, move and free
    periods: {
      annual: {
        funding: { total: n * 100, fiscal: n * 100 },
        goal: `目标 ${n}`,
        indicators: Array.from({ length: (n % 6) + 1 }, (_, i) => ({
          id: `i${i}`,
          level1: '产出指标',
          level2: '数量指标',
          name: `指标${i}`,
          value: `${n}-${i}`,
        })),
      },
    },
  };
}

export function expectedFiling(slot: number, n: number): ProjectFiling {
  return projectFilingSchema.parse(filingFor(slot, n));
}

/** Applies edit n as ONE store transaction. */
export function applyEdit(store: FilingStore, n: number): void {
  const slots = slotsOf(n);
  if (n < SLOTS) store.createProject(filingFor(n, n));
  else if (slots.length === 1) store.updateProject(filingFor(slots[0]!, n));
  else store.importBatch({ projects: slots.map((s) => filingFor(s, n)) });
}

/** slot → number of the last edit ≤ last that wrote it. */
export function stateAfter(last: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let n = 0; n <= last; n++) for (const s of slotsOf(n)) m.set(s, n);
  return m;
}
