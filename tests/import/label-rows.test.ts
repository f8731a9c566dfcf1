// Tables typed by offices in other programs (python-docx here), shaped as a new user's files
// were: rows found by their labels whatever the cells between, optional cells missing, values
// beside labels the template prints in the row below, a single-year table under a two-period
// layout. Stored cells are compared with what the document prints.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { previewDocx } from '../../electron/import/docx/docx-read.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { CORPUS_TOOLS } from '../fixtures/foreign/generate.ts';
import type { BookBlock } from '../fixtures/foreign/html-book.ts';
import { typedTable } from '../fixtures/foreign/typed-table.ts';
import { tempDirs } from '../store/helpers.ts';
import { buildPreview, readImportFile } from '../../electron/services/import-preview.ts';
import { importPlanSchema } from '../../shared/api/import-preview.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
const PY = path.resolve(import.meta.dirname, '../fixtures/foreign/python-docx.py');

/** A .docx written by python-docx from blocks (cells with rs/cs merged by python-docx). */
function pythonDocx(blocks: BookBlock[]): Uint8Array {
  const d = dirs.make();
  fs.writeFileSync(path.join(d, 'b.json'), JSON.stringify(blocks));
  execFileSync(fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3', [PY, path.join(d, 'b.json'), path.join(d, 'b.docx')], { stdio: 'ignore', timeout: 60_000 });
  return new Uint8Array(fs.readFileSync(path.join(d, 'b.docx')));
}

const INDICATORS: BookBlock = {
  table: [
    [{ t: '一级指标' }, { t: '二级指标' }, { t: '三级指标' }, { t: '指 标 值' }],
    [{ t: '产出指标', rs: 3 }, { t: '数量指标', rs: 2 }, { t: '管护面积' }, { t: '≥2.5万亩' }],
    [{ t: '维修灌排设施' }, { t: '≥40处' }],
    [{ t: '质量指标' }, { t: '设施完好率' }, { t: '≥95%' }],
    [{ t: '满意度指标' }, { t: '服务对象满意度指标' }, { t: '农户满意度' }, { t: '≥90%' }],
  ],
};
const WANT_INDICATORS = [
  ['产出指标', '数量指标', '管护面积', '≥2.5万亩'],
  ['产出指标', '数量指标', '维修灌排设施', '≥40处'],
  ['产出指标', '质量指标', '设施完好率', '≥95%'],
  ['满意度指标', '服务对象满意度指标', '农户满意度', '≥90%'],
];

async function store(bytes: Uint8Array) {
  const r = previewDocx(bytes, { year: 2025, unitCode: '420101' });
  const s = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'));
  try {
    const projects = r.projects.map((x) => x.filing);
    s.importBatch({ units: [{ code: '420101', name: '宁武县农业农村局', supervisor: null, region: '', sample: false }], projects, deptTargets: [] });
    return { r, stored: projects.map((p) => s.getProject(p.id)!) };
  } finally {
    s.close();
  }
}

describe('rows found by their labels (python-docx)', () => {
  it.runIf(CORPUS_TOOLS.pythonDocx)('a single-year 项目资金 table: 预算数, 财政拨款, 其他资金, 年度目标 and the indicators continued after （续表） are stored', async () => {
    const bytes = pythonDocx([
      { p: '2025年度项目支出绩效目标表' },
      { p: '填报单位（盖章）：宁武县农业农村局        单位：万元' },
      {
        table: [
          [{ t: '项 目 名 称' }, { t: '高标准农田建设管护经费', cs: 4 }],
          [{ t: '主管部门' }, { t: '宁武县农业农村局' }, { t: '实施单位' }, { t: '宁武县农业农村局', cs: 2 }],
          [{ t: '项目资金\n（万元）', rs: 3 }, { t: '年度资金总额' }, { t: '120', cs: 3 }],
          [{ t: '其中：财政拨款' }, { t: '120', cs: 3 }],
          [{ t: '其他资金' }, { t: '0', cs: 3 }],
          [{ t: '年度总体目标' }, { t: '完成全县2.5万亩高标准农田设施管护。', cs: 4 }],
        ],
      },
      { p: '（续表）' },
      INDICATORS,
    ]);
    const { r, stored } = await store(bytes);
    expect(r.projects).toHaveLength(1);
    const p = stored[0]!;
    expect(p.name).toBe('高标准农田建设管护经费');
    expect(p.implementingUnit).toBe('宁武县农业农村局');
    expect(p.periods.annual!.funding).toMatchObject({ total: 120_000_000, fiscal: 120_000_000, other: 0 });
    expect(p.periods.annual!.goal).toBe('完成全县2.5万亩高标准农田设施管护。');
    expect(p.periods.annual!.indicators.map((i) => [i.level1, i.level2, i.name, i.value])).toEqual(WANT_INDICATORS);
    const notes = r.notes.join('\n');
    expect(notes).not.toMatch(/第 3 行无法识别|第 6 行无法识别/);
    // What the layout has no place for is said, not dropped silently.
    expect(notes).toMatch(/主管部门 \| 宁武县农业农村局/);
  });

  it.runIf(CORPUS_TOOLS.pythonDocx)('a layout-A budget row without the 其他资金 cells keeps 预算数 and 财政资金; a 主管部门 row is not taken for 资金用途', async () => {
    const bytes = pythonDocx([
      { p: '编报单位：420101 宁武县水利局　　单位：万元' },
      {
        table: [
          [{ t: '项 目 名 称' }, { t: '农村饮水安全维修养护经费', cs: 4 }],
          [{ t: '预算规模及\n资金用途', rs: 2 }, { t: '预 算 数' }, { t: '85' }, { t: '其中：财政资金' }, { t: '85' }],
          [{ t: '主管部门' }, { t: '宁武县水利局' }, { t: '实施单位' }, { t: '宁武县水利局' }],
          [{ t: '用于全县农村饮水工程维修养护' , cs: 5 }],
          [{ t: '绩效目标' }, { t: '完成12个村饮水工程维修养护。', cs: 4 }],
        ],
      },
      {
        table: [
          [{ t: '一级指标' }, { t: '二级指标' }, { t: '三级指标' }, { t: '绩效指标描述' }, { t: '指标值' }],
          [{ t: '产出指标' }, { t: '数量指标' }, { t: '维修村数' }, { t: '维修的村庄数' }, { t: '≥12个' }],
        ],
      },
    ]);
    const { r, stored } = await store(bytes);
    const p = stored[0]!;
    expect(p.templateId).toBe('A');
    expect(p.periods.annual!.funding).toMatchObject({ total: 85_000_000, fiscal: 85_000_000, other: null });
    expect(p.fundUse).not.toMatch(/主管部门/);
    expect(p.periods.annual!.goal).toBe('完成12个村饮水工程维修养护。');
    expect(r.notes.join('\n')).toMatch(/主管部门 \| 宁武县水利局 \| 实施单位/);
  });

  it.runIf(CORPUS_TOOLS.pythonDocx)('the preview names the key rows a recognised table came without (确认导入 warns before storing it)', async () => {
    const table = (budget: string, total: string) =>
      pythonDocx([
        { p: '编报单位：420101 宁武县水利局　　单位：万元' },
        {
          table: [
            [{ t: '项目名称' }, { t: '农村饮水安全维修养护经费', cs: 4 }],
            [{ t: budget, rs: 2 }, { t: total }, { t: '85' }, { t: '其中：财政资金' }, { t: '85' }],
            [{ t: '用于全县农村饮水工程维修养护', cs: 4 }],
            [{ t: '一级指标' }, { t: '二级指标' }, { t: '三级指标' }, { t: '绩效指标描述' }, { t: '指标值' }],
            [{ t: '产出指标' }, { t: '数量指标' }, { t: '维修村数' }, { t: '维修的村庄数' }, { t: '≥12个' }],
          ],
        },
      ]);
    const s = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'));
    try {
      const plan = importPlanSchema.parse({});
      const lost = async (bytes: Uint8Array) => {
        const read = await readImportFile('docx', bytes, '420101', plan);
        return buildPreview(s, read, { fileName: 'x.docx', defaultUnit: '420101', year: 2025, plan, bytes }).units.flatMap((u) => u.tables.map((t) => t.lost));
      };
      // No 绩效目标 row at all; the budget row read.
      expect(await lost(table('预算规模及资金用途', '预算数'))).toEqual([['绩效目标']]);
      // 预算数 printed under a word no layout has (`总额`): the total is lost, and said so.
      expect(await lost(table('预算规模及资金用途', '总额'))).toEqual([['预算数', '绩效目标']]);
    } finally {
      s.close();
    }
  });

  it.runIf(CORPUS_TOOLS.pythonDocx)('部门整体绩效目标 under a heading with unit and year, after the tables: read up to the next table title and unit line, nothing of them in 保障措施', async () => {
    const table = (name: string): BookBlock[] => typedTable(name);
    const dept: BookBlock[] = [
      { p: '宁武县水利局2025年度部门整体绩效目标' },
      { p: '一、总体绩效目标' },
      { p: '保障全县水利工程安全运行。' },
      { p: '二、分项绩效目标' },
      { p: '1. 农村饮水安全' },
      { p: '绩效目标：完成12个村饮水工程维修。' },
      { p: '绩效指标：维修村数≥12个。' },
      { p: '三、工作保障措施' },
      { p: '加强资金管理。' },
    ];
    const want = { overall: '保障全县水利工程安全运行。', items: [{ title: '1. 农村饮水安全', goal: '完成12个村饮水工程维修。', indicators: '维修村数≥12个。' }], measures: ['加强资金管理。'] };
    // Before the tables (the next table's title and unit line end it), and after them.
    for (const blocks of [[...dept, ...table('甲项目')], [...table('甲项目'), ...dept], [...table('甲项目'), ...dept, ...table('乙项目')]]) {
      const r = previewDocx(pythonDocx(blocks), { year: 2025 });
      expect(r.dept).toEqual(want);
      expect(r.projects.map((p) => p.filing.name)).toEqual(blocks.length > 12 ? ['甲项目', '乙项目'] : ['甲项目']);
    }
    // A heading with nothing readable under it is said, not passed over.
    const r = previewDocx(pythonDocx([{ p: '2025年度部门整体绩效目标' }, { p: '部门基本情况：内设股室8个。' }, ...table('甲项目')]), { year: 2025 });
    expect(r.dept).toBeNull();
    expect(r.notes.join('\n')).toMatch(/“2025年度部门整体绩效目标”，但其下没有读到/);
  });
  it.runIf(CORPUS_TOOLS.pythonDocx)('部门整体绩效目标: a section typed as a table, an empty section, a missing one and stray lines are each a note naming it', async () => {
    const project = typedTable('甲项目');
    const s = await FilingStore.open(path.join(dirs.make(), 'f.sqlite'));
    const preview = async (blocks: BookBlock[]) => {
      const bytes = pythonDocx(blocks);
      const plan = importPlanSchema.parse({});
      const read = await readImportFile('docx', bytes, '420101', plan);
      const v = buildPreview(s, read, { fileName: 'b.docx', defaultUnit: '420101', year: 2025, plan, bytes });
      return { dept: v.dept?.target ?? null, notes: v.notes.filter((n) => n.startsWith('部门整体绩效目标')) };
    };
    try {
      // 分项绩效目标 typed as a table: 总体 and 保障措施 (after the table) are read, the table is named.
      const tabled = await preview([
        { p: '第一部分 部门整体绩效目标' },
        { p: '一、总体绩效目标' },
        { p: '保障全县水利工程安全运行。' },
        { p: '二、分项绩效目标' },
        { table: [[{ t: '分项' }, { t: '绩效目标' }, { t: '绩效指标' }], [{ t: '农村饮水安全' }, { t: '完成12个村饮水工程维修。' }, { t: '维修村数≥12个。' }]] },
        { p: '三、工作保障措施' },
        { p: '加强资金管理。' },
        { p: '第二部分 预算项目绩效目标' },
        ...project,
      ]);
      expect(tabled.dept).toEqual({ overall: '保障全县水利工程安全运行。', items: [], measures: ['加强资金管理。'] });
      expect(tabled.notes).toEqual(['部门整体绩效目标的“二、分项绩效目标”下有表格，表格中的内容未能读入，这一部分未导入']);
      // An empty 总体绩效目标, no 保障措施 at all, a line before the first section.
      const gaps = await preview([
        { p: '宁武县水利局2025年度部门整体绩效目标' },
        { p: '部门职责：负责全县水利工作。' },
        { p: '一、总体绩效目标' },
        { p: '二、分项绩效目标' },
        { p: '1. 农村饮水安全' },
        { p: '绩效目标：完成12个村饮水工程维修。' },
        { p: '绩效指标：维修村数≥12个。' },
        ...project,
      ]);
      expect(gaps.dept).toEqual({ overall: '', items: [{ title: '1. 农村饮水安全', goal: '完成12个村饮水工程维修。', indicators: '维修村数≥12个。' }], measures: [] });
      expect(gaps.notes).toEqual([
        '部门整体绩效目标：标题下、各部分之前的 1 段文字不属于一、总体绩效目标 / 二、分项绩效目标 / 三、工作保障措施中的任何一部分，未导入（“部门职责：负责全县水利工作。”）',
        '部门整体绩效目标的“一、总体绩效目标”下没有读到内容，这一部分未导入',
        '部门整体绩效目标中没有找到“三、工作保障措施”，这一部分未导入',
      ]);
      // A complete part: no such note.
      const whole = await preview([{ p: '第一部分 部门整体绩效目标' }, { p: '一、总体绩效目标' }, { p: '保障运行。' }, { p: '二、分项绩效目标' }, { p: '1. 饮水' }, { p: '绩效目标：维修。' }, { p: '三、工作保障措施' }, { p: '加强管理。' }, ...project]);
      expect(whole.dept?.measures).toEqual(['加强管理。']);
      expect(whole.notes).toEqual([]);
    } finally {
      s.close();
    }
  });

  it.runIf(CORPUS_TOOLS.pythonDocx)('a layout-B table typed by hand (项目编码, 资金支出计划, 指标值确定依据; no 预算规模及资金用途 label) is read as B; a 资金用途 label before its text is no part of it', async () => {
    const cells = (...c: string[]) => c.map((t) => ({ t }));
    const bytes = pythonDocx([
      { p: '2027年项目支出绩效目标表' },
      { p: '填报单位：某县教育局（盖章）        单位：万元' },
      {
        table: [
          [{ t: '项目名称' }, { t: '学前教育资助', cs: 5 }],
          [{ t: '项目编码' }, { t: '52110127P00000000002A', cs: 5 }],
          cells('预算数', '50', '其中：财政资金', '50', '其他资金', ''),
          [{ t: '资金用途' }, { t: '对家庭经济困难幼儿给予保育教育费资助', cs: 5 }],
          cells('资金支出计划（%）', '3月底 20%', '6月底 50%', '10月底 80%', '12月底 100%', ''),
          [{ t: '绩效目标' }, { t: '资助家庭经济困难幼儿不少于600人。', cs: 5 }],
          cells('一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'),
          cells('产出指标', '数量指标', '资助幼儿人数', '', '≥600人', '计划标准'),
          cells('成本指标', '经济成本指标', '生均资助标准', '', '1000元/人·年', '行业标准'),
          cells('满意度指标', '服务对象满意度指标', '受助家庭满意度', '', '≥90%', '历史标准'),
        ],
      },
    ]);
    const r = previewDocx(bytes, { year: 2027 });
    expect(r.templateId).toBe('B');
    expect(r.unit).toEqual({ code: '', name: '某县教育局' });
    const p = r.projects[0]!.filing;
    expect(p.fundUse).toBe('对家庭经济困难幼儿给予保育教育费资助');
    expect(p.periods.annual!.funding).toMatchObject({ total: 50_000_000, fiscal: 50_000_000 });
    expect(p.periods.annual!.indicators.map((i) => [i.level1, i.name, i.value, i.basis])).toEqual([
      ['产出指标', '资助幼儿人数', '≥600人', '计划标准'],
      ['成本指标', '生均资助标准', '1000元/人·年', '行业标准'],
      ['满意度指标', '受助家庭满意度', '≥90%', '历史标准'],
    ]);
  });
});
