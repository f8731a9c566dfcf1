// A return package claiming `carried` (沿用第 N 次报送的审核结论) that the unit's own records
// contradict: no such earlier submission, the same or a later one, a submission without that
// table, or carried on a 退回. Refused in Chinese; nothing stored changes.
import { afterEach, describe, expect, it } from 'vitest';
import { importReturn } from '../../electron/services/review-return.ts';
import { integrity, snapshot, tempDirs } from '../handover/helpers.ts';
import { forge, submitAndReturn, twoSides } from './review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('a return package claiming a carried decision', () => {
  it('is refused when the claimed submission is not an earlier one of this unit-year holding the table', async () => {
    const s = await twoSides(dirs.make());
    try {
      const { bytes } = await submitAndReturn(s, 'pass');
      const before = snapshot(s.unitDb);
      const cases: Array<[string, Uint8Array, RegExp]> = [
        ['a submission never made', forge(bytes, (d) => (d.tables[0].carried = { submissionNo: 99 })), /沿用第 99 次报送的审核结论，但本单位没有更早的第 99 次报送/],
        ['the submission itself', forge(bytes, (d) => (d.tables[0].carried = { submissionNo: 1 })), /沿用第 1 次报送的审核结论，但本单位没有更早的第 1 次报送/],
        ['carried on a 退回', forge(bytes, (d) => ((d.tables[0].verdict = 'return'), (d.tables[0].carried = { submissionNo: 1 }))), /退回的表不能沿用/],
      ];
      for (const [what, b, message] of cases) {
        expect(() => importReturn(s.unit, b), what).toThrow(message);
      }
      expect(snapshot(s.unitDb)).toEqual(before);
      expect(integrity(s.unitDb)).toBe('ok');
      // The genuine package still imports.
      expect(importReturn(s.unit, bytes)).toMatchObject({ returnNo: 1, approved: expect.any(Number) });
    } finally {
      s.close();
    }
  });
});
