// 打包报送 after a return with comments: each comment on a table sent back that has neither
// 已处理 nor a 说明 is named, and packing asks first (NEEDS_CONFIRM) until every one is answered
// or the user packs anyway; comments on a table that passed need no answer. Real SQLite files.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { addComment, setTableReview, writeReturn } from '../../electron/services/review.ts';
import { answerComment, importReturn, unansweredComments } from '../../electron/services/review-return.ts';
import { assertNotRepeat } from '../../electron/services/submit.ts';
import { indicatorPath } from '../../shared/model/field-path.ts';
import { tempDirs } from '../handover/helpers.ts';
import { decideDept, submitReceived, twoSides } from './review-helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('packing with comments of the last return unanswered', () => {
  it('names them and asks first; answered (已处理 or a 说明) or confirmed, it packs', async () => {
    const s = await twoSides(dirs.make());
    const { unit, recv, unitCode, year } = s;
    try {
      await submitReceived(s);
      const [a, b] = recv.projectsOfUnitYear(unitCode, year);
      const c1 = addComment(recv, { projectId: a!.id, path: 'fundUse', text: '资金用途过于笼统', author: '张审核' });
      const c2 = addComment(recv, { projectId: a!.id, path: indicatorPath('annual', 0, 'value'), text: '指标值应量化', author: '张审核' });
      addComment(recv, { projectId: b!.id, path: 'fundUse', text: '写得很好', author: '张审核' });
      for (const t of recv.projectsOfUnitYear(unitCode, year)) setTableReview(recv, { projectId: t.id, verdict: t.id === a!.id ? 'return' : 'pass', reviewer: '张审核' });
      decideDept(recv, unitCode, year);
      const ret = await writeReturn(recv, unitCode, year, s.stick, '张审核');
      importReturn(unit, new Uint8Array(fs.readFileSync(ret.path)));

      // The passed table's comment needs no answer; the returned table's two are named.
      expect(unansweredComments(unit, unitCode, year).map((c) => [c.where, c.text])).toEqual([
        ['资金用途', '资金用途过于笼统'],
        [expect.stringMatching(/指标值/), '指标值应量化'],
      ]);
      expect(() => assertNotRepeat(unit, unitCode, year, false)).toThrow(/^还有 2 条审核意见没有答复：1\..+（资金用途）：“资金用途过于笼统”/);
      expect(() => assertNotRepeat(unit, unitCode, year, true)).not.toThrow();

      answerComment(unit, { projectId: a!.id, commentId: c1.id, handled: true });
      expect(() => assertNotRepeat(unit, unitCode, year, false)).toThrow(/^还有 1 条审核意见没有答复/);
      answerComment(unit, { projectId: a!.id, commentId: c2.id, handled: false, note: '已按工作计划量化' });
      expect(unansweredComments(unit, unitCode, year)).toEqual([]);
      expect(() => assertNotRepeat(unit, unitCode, year, false)).not.toThrow();
    } finally {
      s.close();
    }
  }, 60_000);
});
