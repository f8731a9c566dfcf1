// Unit lines printed without a code (`填报单位（盖章）：…`, `填报单位：…（盖章）`, `单位名称：…`) in a file made by
// python-docx: the tables go to the unit here of exactly that name; a name not here goes to
// the unit the import was opened from, and the preview says the printed name.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPlan, importPlanSchema } from '../../shared/api/import-preview.ts';
import { buildPreview, readImportFile } from '../../electron/services/import-preview.ts';
import { applyImport } from '../../electron/services/import-apply.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { CORPUS_TOOLS } from '../fixtures/foreign/generate.ts';
import type { BookBlock } from '../fixtures/foreign/html-book.ts';
import { tempDirs } from '../store/helpers.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
const PY = path.resolve(import.meta.dirname, '../fixtures/foreign/python-docx.py');
function pythonDocx(blocks: BookBlock[]): Uint8Array {
  const d = dirs.make();
  fs.writeFileSync(path.join(d, 'b.json'), JSON.stringify(blocks));
  execFileSync(fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3', [PY, path.join(d, 'b.json'), path.join(d, 'b.docx')], { stdio: 'ignore', timeout: 60_000 });
  return new Uint8Array(fs.readFileSync(path.join(d, 'b.docx')));
}
const book = (unitLine: string): BookBlock[] => [
  { p: '2025年度项目支出绩效目标表' },
  { p: unitLine },
  {
    table: [
      [{ t: '项目名称' }, { t: '动物防疫补助经费', cs: 4 }],
      [{ t: '预算规模及资金用途', rs: 2 }, { t: '预算数' }, { t: '35' }, { t: '其中：财政资金' }, { t: '35' }],
      [{ t: '用于疫苗采购', cs: 4 }],
      [{ t: '绩效目标' }, { t: '完成全县牲畜强制免疫。', cs: 4 }],
      [{ t: '一级指标' }, { t: '二级指标' }, { t: '三级指标' }, { t: '绩效指标描述' }, { t: '指标值' }],
      [{ t: '产出指标' }, { t: '数量指标' }, { t: '免疫牲畜数量' }, { t: '免疫数量' }, { t: '≥12万头' }],
    ],
  },
];

describe.runIf(CORPUS_TOOLS.pythonDocx)('unit lines without a code', () => {
  for (const line of ['填报单位（盖章）：宁武县农业农村局        单位：万元', '填报单位：宁武县农业农村局（盖章）        单位：万元', '单位名称：宁武县农业农村局', '编报单位：宁武县农业农村局']) {
    it(`${line.split('：')[0]}: stored under the unit of that name, not the one the import was opened from`, async () => {
      const store = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'), { dailyBackup: false });
      try {
        store.upsertUnit({ code: '420101', name: '宁武县水利局' });
        store.upsertUnit({ code: '420102', name: '宁武县农业农村局' });
        const bytes = pythonDocx(book(line));
        const plan = importPlanSchema.parse({});
        const read = await readImportFile('docx', bytes, '420101', plan);
        const p = buildPreview(store, read, { fileName: 'x.docx', defaultUnit: '420101', year: null, plan, bytes });
        expect(p.units.map((u) => [u.unitCode, u.printed, u.printedName])).toEqual([['420102', { code: '420102', name: '宁武县农业农村局' }, null]]);
        await applyImport(store, { kind: 'docx', bytes, fileName: 'x.docx', sha256: p.sha256, defaultUnit: '420101', year: 2025, plan: defaultPlan(p) });
        expect(store.listProjects('420101', 2025)).toEqual([]);
        const [row] = store.listProjects('420102', 2025);
        const stored = store.getProject(row!.id)!;
        expect([stored.name, stored.periods.annual!.funding.total, stored.fundUse]).toEqual(['动物防疫补助经费', 35_000_000, '用于疫苗采购']);
      } finally {
        store.close();
      }
    });
  }

  it('a name that is no unit here: the tables go to the unit chosen, and the preview names what is printed', async () => {
    const store = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'), { dailyBackup: false });
    try {
      store.upsertUnit({ code: '420101', name: '宁武县水利局' });
      const bytes = pythonDocx(book('填报单位（盖章）：宁武县林业局'));
      const plan = importPlanSchema.parse({});
      const read = await readImportFile('docx', bytes, '420101', plan);
      const p = buildPreview(store, read, { fileName: 'x.docx', defaultUnit: '420101', year: 2025, plan, bytes });
      expect(p.units.map((u) => [u.unitCode, u.printed, u.printedName])).toEqual([['420101', null, '宁武县林业局']]);
    } finally {
      store.close();
    }
  });
});
