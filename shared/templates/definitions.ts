// The four published layouts as data. Grid widths are millimetres of the printed page
// (A4 portrait text width 156 mm, landscape 225 mm — GB/T 9704 margins).
import type { RowSpec, TemplateDef } from './types.ts';

const span = (text: string, n: number) => ({ text, span: n });

/** 预算规模及资金用途: the budget line and the 资金用途 line under one label (A, B). */
const BUDGET_AND_USE_ROWS: RowSpec[] = [
  {
    cells: [
      { text: '预算规模及资金用途', rowSpan: 2 },
      { text: '预算数' },
      { field: 'periods.annual.funding.total', format: 'money' },
      { text: '其中：财政资金' },
      { field: 'periods.annual.funding.fiscal', format: 'money' },
      { text: '其他资金' },
      { field: 'periods.annual.funding.other', format: 'money' },
    ],
  },
  { cells: [{ field: 'fundUse', span: 6 }] },
];

/** Layout A — five-column target table (天津市医疗保障局, 2024; seed 000). */
export const TEMPLATE_A: TemplateDef = {
  id: 'A',
  name: '绩效目标表（五栏）',
  source: '天津市的表样（天津市医疗保障局 2024 年部门预算）',
  indicatorSystem: 'legacy',
  amount: { unit: 'wanyuan', decimals: 2, thousands: false },
  otherFunding: 'blank',
  periods: ['annual'],
  fundingLines: ['total', 'fiscal', 'other'],
  fields: ['fundUse'],
  indicatorColumns: ['level1', 'level2', 'name', 'description', 'value'],
  required: ['name', 'periods.annual.funding.total', 'fundUse', 'periods.annual.goal'],
  layout: {
    // 一级 | 二级 | 三级 (2) | 描述 (2) | 指标值
    grid: [20, 22, 19, 19, 19, 19, 38],
    orientation: 'portrait',
    blocks: [
      {
        kind: 'rows',
        rows: [
          { cells: [{ text: '项目名称' }, { field: 'name', span: 6 }] },
          ...BUDGET_AND_USE_ROWS,
          { cells: [{ text: '绩效目标' }, { field: 'periods.annual.goal', span: 6 }] },
        ],
      },
      {
        kind: 'indicators',
        periods: ['annual'],
        columns: ['level1', 'level2', 'name', 'description', 'value'],
        spans: { name: 2, description: 2 },
        header: true,
      },
    ],
  },
  book: { style: 'numbered', departmentPart: false, tableHeading: '{n}.{name}绩效目标表' },
};

/** Layout B — six-column table with 项目编码 and 资金支出计划 (唐山市, 2025; seed 002). */
export const TEMPLATE_B: TemplateDef = {
  id: 'B',
  name: '绩效目标表（含资金支出计划、指标值确定依据）',
  source: '河北省唐山市的表样（唐山市医疗保障局 2025 年部门预算）',
  indicatorSystem: 'legacy',
  amount: { unit: 'wanyuan', decimals: 2, thousands: false },
  otherFunding: 'blank',
  periods: ['annual'],
  fundingLines: ['total', 'fiscal', 'other'],
  fields: ['projectCode', 'fundUse', 'spendingPlan'],
  indicatorColumns: ['level1', 'level2', 'name', 'description', 'value', 'basis'],
  required: ['projectCode', 'name', 'periods.annual.funding.total', 'fundUse', 'periods.annual.goal'],
  layout: {
    // 一级 | 二级 | 三级 | 描述 (2) | 指标值 | 依据
    grid: [18, 20, 24, 18, 18, 28, 30],
    orientation: 'portrait',
    blocks: [
      {
        kind: 'rows',
        rows: [
          // 项目编码 and 项目名称 share one row on paper (seed 002).
          {
            cells: [{ text: '项目编码' }, { field: 'projectCode', span: 2 }, { text: '项目名称' }, { field: 'name', span: 3 }],
          },
          ...BUDGET_AND_USE_ROWS,
          {
            cells: [
              { text: '资金支出计划（%）', rowSpan: 2 },
              span('3月底', 2),
              span('6月底', 2),
              { text: '10月底' },
              { text: '12月底' },
            ],
          },
          {
            cells: [
              { field: 'spendingPlan.mar', span: 2 },
              { field: 'spendingPlan.jun', span: 2 },
              { field: 'spendingPlan.oct' },
              { field: 'spendingPlan.dec' },
            ],
          },
          { cells: [{ text: '绩效目标' }, { field: 'periods.annual.goal', span: 6 }] },
        ],
      },
      {
        kind: 'indicators',
        periods: ['annual'],
        columns: ['level1', 'level2', 'name', 'description', 'value', 'basis'],
        spans: { description: 2 },
        header: true,
      },
    ],
  },
  book: { style: 'numbered', departmentPart: true, tableHeading: '{n}.{name}绩效目标表' },
};

const C_FUNDING: Array<[string, 'central' | 'provincial' | 'local' | 'selfRaised' | 'other']> = [
  ['其中：中央财政资金', 'central'],
  ['省级财政资金', 'provincial'],
  ['市县（区）财政资金', 'local'],
  ['单位自筹', 'selfRaised'],
  ['其他资金', 'other'],
];

/** Layout C — national 申报表, 实施期 + 年度 (忻州市, 2023; seed 001). */
export const TEMPLATE_C: TemplateDef = {
  id: 'C',
  name: '项目支出绩效目标申报表（实施期、年度）',
  source: '山西省忻州市的表样（忻州市市级预算部门 2023 年度）',
  indicatorSystem: 'legacy',
  amount: { unit: 'yuan', decimals: 0, thousands: true },
  otherFunding: 'blank',
  periods: ['implementation', 'annual'],
  fundingLines: ['total', 'central', 'provincial', 'local', 'selfRaised', 'other'],
  fields: ['supervisor', 'implementingUnit', 'attribute', 'duration', 'prose', 'footer'],
  indicatorColumns: ['level1', 'level2', 'name', 'value'],
  required: [
    'name',
    'implementingUnit',
    'attribute',
    'duration',
    'periods.implementation.funding.total',
    'periods.annual.funding.total',
    'prose.overview',
    'prose.basis',
    'periods.implementation.goal',
    'periods.annual.goal',
    'footer.head',
    'footer.handler',
    'footer.phone',
    'footer.date',
  ],
  layout: {
    // 标签 | 一级 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值
    grid: [17, 17, 17, 24, 20, 17, 24, 20],
    orientation: 'portrait',
    blocks: [
      {
        kind: 'rows',
        rows: [
          { cells: [span('项目名称', 2), { field: 'name', span: 6 }] },
          {
            cells: [
              span('主管部门及代码', 2),
              { field: '$unit.supervisorText', span: 2 },
              { text: '实施单位' },
              { field: 'implementingUnit', span: 3 },
            ],
          },
          {
            cells: [span('项目属性', 2), { field: 'attribute', span: 2 }, { text: '项目期' }, { field: 'duration', span: 3 }],
          },
          {
            cells: [
              { text: '项目资金（元）', rowSpan: 6 },
              span('实施期资金总额：', 2),
              { field: 'periods.implementation.funding.total', format: 'money' },
              span('年度资金总额：', 2),
              { field: 'periods.annual.funding.total', format: 'money', span: 2 },
            ],
          },
          ...C_FUNDING.map(([label, key]) => ({
            cells: [
              span(label, 2),
              { field: `periods.implementation.funding.${key}`, format: 'money' as const },
              span(label, 2),
              { field: `periods.annual.funding.${key}`, format: 'money' as const, span: 2 },
            ],
          })),
          { cells: [span('项目概况', 2), { field: 'prose.overview', span: 6 }] },
          { cells: [span('立项依据', 2), { field: 'prose.basis', span: 6 }] },
          { cells: [span('项目设立必要性', 2), { field: 'prose.necessity', span: 6 }] },
          { cells: [span('保证项目实施的制度、措施', 2), { field: 'prose.measures', span: 6 }] },
          { cells: [span('项目实施计划', 2), { field: 'prose.plan', span: 6 }] },
          { cells: [{ text: '总体目标', rowSpan: 2 }, span('实施期目标', 4), span('年度目标', 3)] },
          { cells: [{ field: 'periods.implementation.goal', span: 4 }, { field: 'periods.annual.goal', span: 3 }] },
        ],
      },
      {
        kind: 'indicators',
        periods: ['implementation', 'annual'],
        columns: ['level1', 'level2', 'name', 'value'],
        sideLabel: '绩效指标',
        header: true,
        // The 申报表 merges equal 二级 as well (seed 001); A, B and D print 二级 on every row.
        merge: ['level1', 'level2'],
      },
      {
        kind: 'rows',
        rows: [
          {
            cells: [
              { text: '负责人：' },
              { field: 'footer.head' },
              { text: '经办人：' },
              { field: 'footer.handler' },
              { text: '联系电话：' },
              { field: 'footer.phone' },
              { text: '填报日期：' },
              { field: 'footer.date' },
            ],
          },
        ],
      },
    ],
  },
  book: {
    style: 'forms',
    departmentPart: false,
    tableHeading: '{region}市级预算部门（单位）项目支出绩效目标申报表',
    captions: ['（{year}年度）'],
  },
};

/** Layout D — dual table 中期 + 年度 with 绩效标准 (明光市, 2024; seed 003). */
export const TEMPLATE_D: TemplateDef = {
  id: 'D',
  name: '项目支出绩效目标表（中期、年度，含绩效标准）',
  source: '安徽省明光市的表样（明光市医疗保障局本级 2024 年）',
  indicatorSystem: 'legacy',
  // Seed 003 prints whole 万元 without decimals (`4000`); 审核 still allows 0.01 万元.
  amount: { unit: 'wanyuan', decimals: 2, thousands: false, trimZeros: true },
  // 其他资金 prints 0 as five of the seed's six tables do.
  otherFunding: 'zero',
  periods: ['midterm', 'annual'],
  fundingLines: ['total', 'fiscal', 'other'],
  fields: ['implementingUnit', 'attribute'],
  indicatorColumns: ['level1', 'level2', 'name', 'value', 'standard'],
  required: [
    'name',
    'implementingUnit',
    'attribute',
    'periods.midterm.funding.total',
    'periods.annual.funding.total',
    'periods.midterm.goal',
    'periods.annual.goal',
  ],
  layout: {
    // 标签 | 一级 | 二级 | 三级 | 指标值 | 标准 | 二级 | 三级 | 指标值 | 标准
    grid: [17, 19, 25, 31.5, 20, 18, 25, 31.5, 20, 18],
    orientation: 'landscape',
    blocks: [
      {
        kind: 'rows',
        rows: [
          { cells: [span('项目名称', 2), { field: 'name', span: 8 }] },
          { cells: [span('实施单位', 2), { field: 'implementingUnit', span: 8 }] },
          { cells: [span('项目属性', 2), { field: 'attribute', span: 8 }] },
          {
            cells: [
              { text: '项目资金（万元）', rowSpan: 3 },
              span('中期资金总额：', 2),
              { field: 'periods.midterm.funding.total', format: 'money', span: 2 },
              span('年度资金总额：', 2),
              { field: 'periods.annual.funding.total', format: 'money', span: 3 },
            ],
          },
          {
            cells: [
              span('其中：财政拨款', 2),
              { field: 'periods.midterm.funding.fiscal', format: 'money', span: 2 },
              span('其中：财政拨款', 2),
              { field: 'periods.annual.funding.fiscal', format: 'money', span: 3 },
            ],
          },
          {
            cells: [
              span('其他资金', 2),
              { field: 'periods.midterm.funding.other', format: 'money', span: 2 },
              span('其他资金', 2),
              { field: 'periods.annual.funding.other', format: 'money', span: 3 },
            ],
          },
          {
            cells: [
              { text: '总体目标', rowSpan: 2 },
              { field: 'periods.midterm.rangeLabel', prefix: '中期目标（', suffix: '）', blank: '中期目标', span: 5 },
              span('年度目标', 4),
            ],
          },
          { cells: [{ field: 'periods.midterm.goal', span: 5 }, { field: 'periods.annual.goal', span: 4 }] },
        ],
      },
      {
        kind: 'indicators',
        periods: ['midterm', 'annual'],
        columns: ['level1', 'level2', 'name', 'value', 'standard'],
        sideLabel: '绩效指标',
        header: true,
      },
    ],
  },
  book: {
    style: 'attachment',
    departmentPart: false,
    title: '{unit}{year}年项目支出绩效目标表',
    tableHeading: '{n}. “{name}”项目',
    captions: ['项目支出绩效目标表', '（{year} 年度）'],
  },
};
