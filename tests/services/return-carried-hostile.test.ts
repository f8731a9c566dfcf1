// A return package claiming `carried` (沿用第 N 次报送的审核结论) that the unit's own records
// contradict: no such earlier submission, the same or a later one, a submission without that
// table, or carried on a 退回. Refused in Chinese; nothing stored changes.
import { afterEach, describe, expect, it } from 'vitest';
import { importReturn } from '../../electron/services/review-return.ts';
import { integrity, snapshot, tempDirs } from '../handover/helpers.ts';
import fs from 'node:fs';
import { writeReturn } from '../../electron/services/review.ts';
import { decideAll, edit, forge, submitAndReturn, submitReceived, twoSides } from './review-helpers.ts';

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

  it('is refused for a table the unit changed after the claimed submission', async () => {
    const s = await twoSides(dirs.make());
    try {
      const first = await submitAndReturn(s, 'return');
      importReturn(s.unit, first.bytes);
      const [changed, same] = s.unit.projectsOfUnitYear(s.unitCode, s.year);
      edit(s, changed!.id, (f) => (f.fundUse = `${f.fundUse}（已修改）`));
      edit(s, same!.id, (f) => (f.status = f.status)); // saved again, content as it was
      await submitReceived(s);
      decideAll(s.recv, s, 'return', '张审核');
      const second = new Uint8Array(fs.readFileSync((await writeReturn(s.recv, s.unitCode, s.year, s.stick, '张审核')).path));
      const claim = (id: string) => forge(second, (d) => {
        const t = d.tables.find((x: { projectId: string }) => x.projectId === id);
        t.verdict = 'pass';
        t.carried = { submissionNo: 1 };
      });
      const before = snapshot(s.unitDb);
      expect(() => importReturn(s.unit, claim(changed!.id))).toThrow(/标为沿用第 1 次报送的审核结论，但这张表在第 1 次报送之后已修改，不能沿用结论，不能导入$/);
      expect(snapshot(s.unitDb)).toEqual(before);
      expect(integrity(s.unitDb)).toBe('ok');
      // An unchanged table (even saved again) may carry its decision.
      expect(importReturn(s.unit, claim(same!.id))).toMatchObject({ returnNo: 2, submissionNo: 2 });
    } finally {
      s.close();
    }
  });
});
