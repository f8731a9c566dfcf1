// A Word table imported into a unit-year set to 财预〔2021〕101号 follows that setting, as a new
// table does: its 成本指标 row (一级, as the clerk typed it) is no 错误, and no "按指标体系 88号 填写"
// asks for 转换表样; into a unit-year of the older system the table stays in that system.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPlan, importPlanSchema } from '../../shared/api/import-preview.ts';
import { buildPreview, readImportFile } from '../../electron/services/import-preview.ts';
import { applyImport } from '../../electron/services/import-apply.ts';
import { auditUnitYearOf } from '../../electron/services/audit.ts';
import { unitYearSettingsOf } from '../../electron/services/unit-year-settings.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { CORPUS_TOOLS, writePythonDocx } from '../fixtures/foreign/generate.ts';
import type { BookBlock } from '../fixtures/foreign/html-book.ts';
import { tempDirs } from '../store/helpers.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
function pythonDocx(blocks: BookBlock[]): Uint8Array {
  const out = path.join(dirs.make(), 'b.docx');
  writePythonDocx(blocks, out);
  return new Uint8Array(fs.readFileSync(out));
}
const UNIT = '521101';
const YEAR = 2027;
const row = (...c: string[]) => c.map((t) => ({ t }));
const BOOK: BookBlock[] = [
  { p: '2027年度项目支出绩效目标表' },
  { p: '填报单位：某县教育局        单位：万元' },
  {
    table: [
      [{ t: '项目名称' }, { t: '学前教育资助', cs: 4 }],
      [{ t: '预算规模及资金用途', rs: 2 }, { t: '预算数' }, { t: '50' }, { t: '其中：财政资金' }, { t: '50' }],
      [{ t: '对家庭经济困难幼儿给予保育教育费资助', cs: 4 }],
      [{ t: '绩效目标' }, { t: '资助家庭经济困难幼儿不少于600人。', cs: 4 }],
      row('一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值'),
      row('产出指标', '数量指标', '资助幼儿人数', '受资助的幼儿人数', '≥600人'),
      row('成本指标', '经济成本指标', '生均资助标准', '每生每年资助金额', '≤1000元/人·年'),
      row('效益指标', '社会效益指标', '家庭经济困难幼儿入园率', '入园幼儿占比', '≥95%'),
      row('满意度指标', '服务对象满意度指标', '受助家庭满意度', '问卷调查', '≥90%'),
    ],
  },
];

async function importInto(system: 'legacy' | 'caiyu2021') {
  const store = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'), { dailyBackup: false });
  store.upsertUnit({ code: UNIT, name: '某县教育局' });
  store.unitYearSettings.put({ ...unitYearSettingsOf(store, UNIT, YEAR).settings, templateId: 'A', indicatorSystem: system }, 'settings-create');
  const bytes = pythonDocx(BOOK);
  const plan = importPlanSchema.parse({});
  const read = await readImportFile('docx', bytes, UNIT, plan);
  const p = buildPreview(store, read, { fileName: 'x.docx', defaultUnit: UNIT, year: YEAR, plan, bytes });
  await applyImport(store, { kind: 'docx', bytes, fileName: 'x.docx', sha256: p.sha256, defaultUnit: UNIT, year: YEAR, plan: defaultPlan(p) });
  const audit = auditUnitYearOf(store, UNIT, YEAR);
  const [filing] = audit.projects;
  const codes = (audit.report?.byProject[filing!.id] ?? []).filter((f) => f.severity === 'error').map((f) => f.code);
  store.close();
  return { filing: filing!, codes };
}

describe.runIf(CORPUS_TOOLS.pythonDocx)('a Word table imported follows the unit-year\'s 指标体系', () => {
  it('财预〔2021〕101号: stored in it; its 成本指标 row and the table itself give no 错误', async () => {
    const { filing, codes } = await importInto('caiyu2021');
    expect(filing.templateId).toBe('A');
    expect(filing.indicatorSystem).toBe('caiyu2021');
    expect(filing.periods.annual!.indicators.map((r) => r.level1)).toEqual(['产出指标', '成本指标', '效益指标', '满意度指标']);
    expect(codes).toEqual([]);
  });

  it('财预〔2015〕88号等 (the template\'s own): stored without a system of its own, the 成本指标 一级 is the error it is there', async () => {
    const { filing, codes } = await importInto('legacy');
    expect(filing.indicatorSystem).toBeUndefined();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).not.toContain('R-SETTINGS');
  });
});
