// Carried-over marks beyond the tables' cells: the 部门整体绩效目标 is copied marked and
// packing is refused for it as for a table; saved 说明 come across marked for review; one
// table is copied from another year on its own.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { explanationMark } from '../../shared/api/carried-over.ts';
import { copyTable, copyYear } from '../../electron/services/book.ts';
import { ackDeptCarried, saveDeptTarget } from '../../electron/services/dept-edit.ts';
import { ackCarried, saveFiling, setStatus } from '../../electron/services/filing-edit.ts';
import { submitToFolder } from '../../electron/services/submit.ts';
import { CLEAN, storeWith, tempDirs } from '../handover/helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());
const [U, Y] = CLEAN.B;

describe('carried-over marks of the 部门整体绩效目标, the 说明 and one table', () => {
  it('marks the department target; an edit or 确认 clears a mark; packing is refused until then', async () => {
    const dir = dirs.make();
    const { store } = await storeWith(dir, [U]);
    try {
      copyYear(store, U, Y, Y + 1);
      const dept = store.getDeptTarget(U, Y + 1)!;
      expect(dept.carriedOver).toContain('overall');
      expect(dept.carriedOver).toContain('items[0].title');
      const n = dept.carriedOver.length;
      for (const p of store.projectsOfUnitYear(U, Y + 1)) ackCarried(store, p.id, 'all');
      const out = path.join(dir, 'stick');
      fs.mkdirSync(out);
      await expect(submitToFolder(store, { unitCode: U, year: Y + 1, outDir: out, book: null })).rejects.toMatchObject({
        code: 'HAS_CARRIED',
        message: `部门整体绩效目标：还有 ${n} 处从上年复制的内容没有确认，请逐项核对（或全部确认）后再打包报送`,
      });
      expect(fs.readdirSync(out)).toEqual([]);
      // A client cannot add marks; an edited text loses its mark, the others stay.
      const saved = saveDeptTarget(store, { ...dept, overall: `${dept.overall}（今年）`, carriedOver: [...dept.carriedOver, 'measures[99]'] });
      expect(saved.carriedOver).toEqual(dept.carriedOver.filter((m) => m !== 'overall'));
      expect(ackDeptCarried(store, U, Y + 1, ['items[0]'])!.carriedOver.some((m) => m.startsWith('items[0]'))).toBe(false);
      ackDeptCarried(store, U, Y + 1, 'all');
      expect((await submitToFolder(store, { unitCode: U, year: Y + 1, outDir: out, book: null })).submissionNo).toBe(1);
    } finally {
      store.close();
    }
  });

  it('carries saved 说明 marked for review: 已审核 waits for them; editing the 说明 clears its mark', async () => {
    const dir = dirs.make();
    const { store } = await storeWith(dir, [U]);
    try {
      const src = store.projectsOfUnitYear(U, Y)[0]!;
      const key = 'R-X@name';
      store.updateProject({ ...src, explanations: [{ key, text: '上年的说明' }] });
      const copy = copyTable(store, src.id, Y + 1);
      expect(copy).toMatchObject({ year: Y + 1, unitCode: U, name: src.name, explanations: [{ key, text: '上年的说明' }] });
      expect(copy.carriedOver).toContain(explanationMark(key));
      expect(store.listProjects(U, Y + 1).map((r) => r.id)).toEqual([copy.id]);
      // The same table again is refused, with the copy named.
      expect(() => copyTable(store, src.id, Y + 1)).toThrow(`这张表已复制到 ${Y + 1} 年度（第 1 张“${src.name}”），不再重复复制`);
      ackCarried(store, copy.id, copy.carriedOver.filter((m) => m !== explanationMark(key)));
      expect(() => setStatus(store, copy.id, 'checked')).toThrow(/还有 1 处从上年复制的内容没有确认/);
      const rec = store.getProjectRecord(copy.id)!;
      expect(rec.filing.carriedOver).toEqual([explanationMark(key)]);
      // A save with the 说明 unchanged keeps its mark; a changed 说明 has been looked at.
      const same = saveFiling(store, rec, { ...rec.filing, fundUse: `${rec.filing.fundUse}。` }, rec.revision);
      expect(same.filing.carriedOver).toEqual([explanationMark(key)]);
      const after = saveFiling(store, store.getProjectRecord(copy.id)!, { ...same.filing, explanations: [{ key, text: '今年重新说明' }] }, same.revision);
      expect(after.filing.carriedOver).toEqual([]);
    } finally {
      store.close();
    }
  });
});
