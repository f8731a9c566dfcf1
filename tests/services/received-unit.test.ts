// A unit whose data came from a package belongs to its sender: the receiving office authors no
// table for it in any year (新建, 复制, 复制上年, copy one table, import of a file or of
// interchange JSON, 部门整体绩效目标, starting a year), through the same service functions the
// hosts call; a unit that was the office's own before a package came keeps its other years.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTable, copyYear, createProject, duplicateProject } from '../../electron/services/book.ts';
import { saveDeptTarget } from '../../electron/services/dept-edit.ts';
import { startUnitYear } from '../../electron/services/unit-year-settings.ts';
import { exportInterchangeFile, importInterchangeFile } from '../../electron/services/filing-service.ts';
import { applyImport } from '../../electron/services/import-apply.ts';
import { buildPreview, readImportFile } from '../../electron/services/import-preview.ts';
import { defaultPlan, importPlanSchema } from '../../shared/api/import-preview.ts';
import { twoUnitBookBytes } from '../fixtures/foreign/two-unit.ts';
import { snapshot, tempDirs } from '../store/helpers.ts';
import { submitReceived, twoSides } from './review-helpers.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
const REFUSED = /单位 619001.* 的数据是从报送包接收的，属于报送单位（由该单位填报后报送），本机不能为它/;

describe('a received unit: nothing authored for it in any year', () => {
  it('新建, 复制, 复制上年, copy a table, 部门整体绩效目标, a new year, interchange JSON: refused, nothing changed', async () => {
    const s = await twoSides(dirs.make());
    try {
      await submitReceived(s);
      const recv = s.recv;
      expect(recv.received.isReceivedUnit(s.unitCode)).toBe(true);
      const next = s.year + 1;
      const db = recv.path;
      const before = snapshot(db);
      const table = recv.listProjects(s.unitCode, s.year)[0]!;
      expect(() => createProject(recv, s.unitCode, next, undefined, '新项目')).toThrow(REFUSED);
      expect(() => createProject(recv, s.unitCode, next, undefined, '新项目')).toThrow(/不能为它新建项目表/);
      expect(() => copyYear(recv, s.unitCode, s.year, next)).toThrow(/不能为它复制上年的表/);
      expect(() => copyTable(recv, table.id, next)).toThrow(new RegExp(`不能为它把表复制到 ${next} 年度`));
      expect(() => duplicateProject(recv, table.id)).toThrow(/不能为它复制项目表/);
      const dept = { unitCode: s.unitCode, year: next, overall: '总体目标', items: [], measures: [] };
      expect(() => saveDeptTarget(recv, dept)).toThrow(/不能为它填写部门整体绩效目标/);
      expect(() => startUnitYear(recv, s.unitCode, next)).toThrow(new RegExp(`不能为它开始 ${next} 年度`));

      // The unit's own export, moved to the next year: an interchange import of it is refused whole.
      const json = path.join(dirs.make(), 'unit.json');
      await exportInterchangeFile(s.unit, json, { unitCode: s.unitCode, year: s.year });
      const doc = JSON.parse(fs.readFileSync(json, 'utf8')) as { projects: Array<{ id: string; year: number }>; deptTargets: Array<{ year: number }> };
      doc.projects.forEach((p, i) => ((p.year = next), (p.id = `${p.id.slice(0, -4)}${String(i).padStart(4, '9')}`)));
      for (const t of doc.deptTargets) t.year = next;
      fs.writeFileSync(json, JSON.stringify(doc));
      await expect(importInterchangeFile(recv, json)).rejects.toThrow(/未导入：文件中有单位 619001 的表格，.*不能为它导入项目表或部门整体绩效目标/);

      expect(recv.listProjects(s.unitCode, next)).toEqual([]);
      expect(snapshot(db)).toEqual(before);
    } finally {
      s.close();
    }
  });

  it('a Word book imported into another year: the received unit\'s tables refused, the other unit\'s go in', async () => {
    const s = await twoSides(dirs.make());
    try {
      await submitReceived(s);
      const next = s.year + 1;
      const { bytes } = twoUnitBookBytes();
      const p0 = importPlanSchema.parse({});
      const read = await readImportFile('docx', bytes, s.unitCode, p0);
      const p = await buildPreview(s.recv, read, { fileName: 'b.docx', defaultUnit: s.unitCode, year: next, plan: p0, bytes });
      const plan = defaultPlan(p);
      expect(plan.tables.some((t) => t.unitCode === s.unitCode && t.action !== 'skip')).toBe(true);
      // The preview says so under the unit (the dialog then waits until its tables are skipped).
      expect(p.units.filter((u) => u.readOnly).map((u) => [u.unitCode, u.readOnly])).toEqual([[s.unitCode, expect.stringMatching(REFUSED)]]);
      const inReceivedYear = await buildPreview(s.recv, read, { fileName: 'b.docx', defaultUnit: s.unitCode, year: s.year, plan: p0, bytes });
      expect(inReceivedYear.units.find((u) => u.unitCode === s.unitCode)!.readOnly).toBe(`单位 ${s.unitCode} ${s.year} 年度的数据是从报送包接收的，只读，不能导入表格；请导入到本单位自己的年度，或跳过这些表格`);
      const before = snapshot(s.recv.path);
      const apply = (pl: typeof plan) => applyImport(s.recv, { kind: 'docx', bytes, fileName: 'b.docx', sha256: p.sha256, defaultUnit: s.unitCode, year: next, plan: importPlanSchema.parse(pl) });
      await expect(apply(plan)).rejects.toThrow('未导入：单位 619001唐山市医疗保障局本级 的数据是从报送包接收的，属于报送单位（由该单位填报后报送），本机不能为它导入表格（任何年度）；请跳过这些表格');
      const onlyDept = { ...plan, tables: plan.tables.map((t) => ({ ...t, action: 'skip' as const })), dept: { unitCode: s.unitCode, action: 'import' as const } };
      await expect(apply(onlyDept)).rejects.toThrow(/不能为它导入部门整体绩效目标（任何年度）；请跳过部门整体绩效目标/);
      expect(snapshot(s.recv.path)).toEqual(before);
      const others = { ...plan, dept: plan.dept ? { ...plan.dept, action: 'skip' as const } : null, tables: plan.tables.map((t) => (t.unitCode === s.unitCode ? { ...t, action: 'skip' as const } : t)) };
      const r = await apply(others);
      expect(r.projects).toBeGreaterThan(0);
      expect(s.recv.listProjects(s.unitCode, next)).toEqual([]);
    } finally {
      s.close();
    }
  });
});

describe('an own unit that later receives a year stays the office\'s own', () => {
  it('the received year is read-only; its other years take new tables, copies and a department target', async () => {
    const s = await twoSides(dirs.make());
    try {
      const recv = s.recv;
      // The office had the unit (and a table of another year) before the package came.
      recv.upsertUnit({ ...s.unit.getUnit(s.unitCode)!, sample: false });
      createProject(recv, s.unitCode, s.year - 1, undefined, '本机自己的表');
      await submitReceived(s);
      expect(recv.received.isReceivedUnitYear(s.unitCode, s.year)).toBe(true);
      expect(recv.received.isReceivedUnit(s.unitCode)).toBe(false);
      const received = recv.listProjects(s.unitCode, s.year)[0]!;
      expect(() => duplicateProject(recv, received.id)).toThrow(/只读/);
      const next = s.year + 1;
      expect(createProject(recv, s.unitCode, next, undefined, '新项目').name).toBe('新项目');
      expect(copyYear(recv, s.unitCode, s.year, next).copied).toBe(recv.listProjects(s.unitCode, s.year).length);
      saveDeptTarget(recv, { unitCode: s.unitCode, year: next + 1, overall: '总体目标', items: [], measures: [] });
      expect(startUnitYear(recv, s.unitCode, next + 2)).toContain(next + 2);
    } finally {
      s.close();
    }
  });
});
