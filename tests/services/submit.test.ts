// 打包报送 as a step of the status machine: refused with unconfirmed carried-over values,
// recorded as a numbered submission (manifest, table, SHA-256), tables 已报送; an edit of an
// 已报送 table needs force and marks it changed since submission.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyYear } from '../../electron/services/book.ts';
import { ackCarried, saveFiling } from '../../electron/services/filing-edit.ts';
import { submitToFolder } from '../../electron/services/submit.ts';
import { ackDeptCarried } from '../../electron/services/dept-edit.ts';
import { openPackageBytes, readPackageFile } from '../../electron/handover/package-read.ts';
import { CLEAN, storeWith, tempDirs } from '../handover/helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('submitting a unit-year', () => {
  it('records numbered submissions, marks the tables 已报送, and an edit after it needs force', async () => {
    const dir = dirs.make();
    const [unit, year] = CLEAN.B;
    const { store } = await storeWith(dir, [unit]);
    try {
      const out = path.join(dir, 'stick');
      fs.mkdirSync(out);
      const first = await submitToFolder(store, { unitCode: unit, year, outDir: out, book: null });
      expect(first.submissionNo).toBe(1);
      expect(first.manifest.submissionNo).toBe(1);
      const opened = openPackageBytes(await readPackageFile(first.path));
      expect(opened.manifest.submissionNo).toBe(1);
      const tables = store.projectsOfUnitYear(unit, year);
      expect(tables.every((p) => p.status === 'submitted')).toBe(true);
      const [sub] = store.submissions.list(unit, year);
      expect(sub).toMatchObject({ unitCode: unit, year, submissionNo: 1, packageSha256: first.sha256 });
      expect(sub!.projects.map((p) => p.id).sort()).toEqual(tables.map((p) => p.id).sort());
      expect(store.auditLog(tables[0]!.id).some((r) => r.path === 'status' && r.newValue === 'submitted')).toBe(true);

      const rec = store.getProjectRecord(tables[0]!.id)!;
      const changed = { ...rec.filing, fundUse: `${rec.filing.fundUse}。` };
      expect(() => saveFiling(store, rec, changed, rec.revision)).toThrow(/该表已报送，修改后将变回草稿，需要重新审核并重新报送/);
      const after = saveFiling(store, rec, changed, rec.revision, { force: true });
      expect(after.filing).toMatchObject({ status: 'draft', changedSinceSubmission: true });

      const second = await submitToFolder(store, { unitCode: unit, year, outDir: out, book: null });
      expect(second.submissionNo).toBe(2);
      expect(store.submissions.list(unit, year).map((s) => s.submissionNo)).toEqual([1, 2]);
      expect(store.getProject(tables[0]!.id)).toMatchObject({ status: 'submitted', changedSinceSubmission: false });
    } finally {
      store.close();
    }
  });

  it('is refused while copied values are unconfirmed, and nothing is recorded', async () => {
    const dir = dirs.make();
    const [unit, year] = CLEAN.B;
    const { store } = await storeWith(dir, [unit]);
    try {
      copyYear(store, unit, year, year + 1);
      const out = path.join(dir, 'stick');
      fs.mkdirSync(out);
      await expect(submitToFolder(store, { unitCode: unit, year: year + 1, outDir: out, book: null })).rejects.toMatchObject({
        code: 'HAS_CARRIED',
        // The other tables (and the 部门整体绩效目标) with such values follow the first.
        message: expect.stringMatching(/^第 1 张表“.+”：还有 \d+ 处从上年复制的内容没有确认，请逐项核对（或全部确认）后再打包报送(。此外：第 2 张表“.+”：还有 \d+ 处.+)?$/),
      });
      expect(fs.readdirSync(out)).toEqual([]);
      expect(store.submissions.list(unit, year + 1)).toEqual([]);
      for (const p of store.projectsOfUnitYear(unit, year + 1)) ackCarried(store, p.id, 'all');
      ackDeptCarried(store, unit, year + 1, 'all');
      const r = await submitToFolder(store, { unitCode: unit, year: year + 1, outDir: out, book: null });
      expect(r.submissionNo).toBe(1);
    } finally {
      store.close();
    }
  });
});
