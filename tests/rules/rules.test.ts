import { describe, expect, it } from 'vitest';
import {
  projectFilingSchema,
  type IndicatorRow,
  type ProjectFiling,
  type ProjectFilingInput,
} from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import type { TemplateDef } from '../../shared/templates/types.ts';
import {
  RULES,
  RULESET_VERSION,
  SEVERITY_LABELS,
  applyFix,
  auditUnitYear,
  describeRuleset,
  explain,
  getAt,
  looksLikePhone,
  summarise,
  validateProject,
  validateUnitYear,
  type Finding,
  type Rule,
} from '../../shared/rules/index.ts';

const tpl = (id: string): TemplateDef => {
  const t = getTemplate(id);
  if (!t) throw new Error(`template ${id}`);
  return t;
};

let rowSeq = 0;
const row = (level1: string, level2: string, name: string, value: string, extra: Partial<IndicatorRow> = {}): IndicatorRow => ({
  id: `r${++rowSeq}`,
  level1,
  level2,
  name,
  description: name,
  value,
  basis: '',
  standard: '',
  ...extra,
});

/** A complete, correct indicator table (legacy system). */
const goodRows = (extra: Partial<IndicatorRow> = {}, year = 2025): IndicatorRow[] => [
  row('产出指标', '数量指标', '组织专家评审次数', '≥5次', extra),
  row('产出指标', '质量指标', '设备验收合格率', '≥95%', extra),
  row('产出指标', '时效指标', '评审完成时间', `${year}年12月31日前`, extra),
  row('产出指标', '成本指标', '内部审计费用', '≤10万元', extra),
  row('效益指标', '社会效益指标', '完善医疗保障政策', '有所提升', extra),
  row('满意度指标', '服务对象满意度指标', '干部职工满意度', '≥90%', extra),
];

const base = (over: ProjectFilingInput): ProjectFiling => projectFilingSchema.parse(over);

const WAN = 1_000_000; // 分 per 万元

function goodA(): ProjectFiling {
  return base({
    id: 'a-1',
    templateId: 'A',
    unitCode: '382101',
    year: 2025,
    seq: 3,
    name: '医保业务工作经费',
    fundUse: '主要用于保障医保业务工作',
    periods: {
      annual: {
        funding: { total: 280 * WAN + 500_000, fiscal: 280 * WAN + 500_000 },
        goal: '1.持续推进医保业务工作',
        indicators: goodRows(),
      },
    },
  });
}

function goodB(): ProjectFiling {
  return base({
    id: 'b-1',
    templateId: 'B',
    unitCode: '619001',
    year: 2025,
    seq: 1,
    name: '办公楼维修（护）费',
    projectCode: '13020025P00682510503U',
    fundUse: '用于办公楼的维修维护',
    spendingPlan: { mar: '20%', jun: '50%', oct: '80%', dec: '100%' },
    periods: {
      annual: {
        funding: { total: 50 * WAN, fiscal: 50 * WAN },
        goal: '1.保障局机关办公正常运转',
        indicators: goodRows({ basis: '工作计划' }),
      },
    },
  });
}

function goodC(): ProjectFiling {
  const funding = { total: 100_000_000, central: 0, provincial: 0, local: 100_000_000, selfRaised: 0 };
  return base({
    id: 'c-1',
    templateId: 'C',
    unitCode: '303001',
    year: 2023,
    seq: 1,
    name: '欺诈骗取医疗保障基金行为举报奖励的经费',
    implementingUnit: '忻州市医疗保障局',
    attribute: '一次性项目（1年结束）',
    duration: '1年',
    prose: { overview: '举报奖励', basis: '忻医保发〔2019〕32号', necessity: '保障基金安全', measures: '暂行办法', plan: '按规定发放' },
    periods: {
      implementation: { funding, goal: '有效监督医疗服务行为', indicators: goodRows({}, 2023) },
      annual: { funding, goal: '有效监督医疗服务行为', indicators: goodRows({}, 2023) },
    },
    footer: { head: '刘霞', handler: '郭海清', phone: '03503333895', date: '20221025153126' },
  });
}

function goodD(): ProjectFiling {
  const funding = { total: 15 * WAN, fiscal: 15 * WAN, other: 0 };
  return base({
    id: 'd-1',
    templateId: 'D',
    unitCode: '341182',
    year: 2024,
    seq: 1,
    name: '行政运行费',
    implementingUnit: '明光市医疗保障局',
    attribute: '一次性项目',
    periods: {
      midterm: {
        funding,
        goal: '推进医保工作有序开展',
        rangeLabel: '2024 年 1 月—2024 年 6 月',
        indicators: goodRows({ standard: '年度计划' }, 2024),
      },
      // The 2024 table's deadlines are in 2024 (a 2025 deadline is R-TIME-IN-YEAR).
      annual: { funding, goal: '推进医保工作有序开展', indicators: goodRows({ standard: '年度计划' }, 2024) },
    },
  });
}

const GOOD: Record<string, () => ProjectFiling> = { A: goodA, B: goodB, C: goodC, D: goodD };

const run = (f: ProjectFiling, id = f.templateId): Finding[] => validateProject(f, tpl(id));
const codes = (fs: Finding[]): string[] => fs.map((f) => f.code);
const only = (fs: Finding[], code: string): Finding[] => fs.filter((f) => f.code === code);

/** Set a path on a filing (test helper; goes through the same code as fixes). */
function edit(f: ProjectFiling, path: string, value: unknown): ProjectFiling {
  return applyFix(f, { description: 'test', patch: { path, value } });
}

/** Assert the rule fires once, its message names the place, and its fix (if any) repairs it. */
function expectCaught(bad: ProjectFiling, code: string, messagePart: RegExp | string, opts: { fixes?: boolean } = {}): Finding {
  const found = only(run(bad), code);
  expect(found.length, `${code} in ${JSON.stringify(codes(run(bad)))}`).toBeGreaterThanOrEqual(1);
  const f = found[0]!;
  expect(f.message).toMatch(messagePart);
  expect(f.location.projectId).toBe(bad.id);
  expect(f.location.table).toBe(bad.name);
  expect(f.key.startsWith(`${code}@`)).toBe(true);
  if (opts.fixes) {
    expect(f.fix, `${code} should offer a fix`).toBeDefined();
    const repaired = applyFix(bad, f.fix!);
    expect(only(run(repaired), code).filter((x) => x.key === f.key)).toEqual([]);
  }
  return f;
}

// ---------------------------------------------------------------------------------------

describe('catalogue', () => {
  it('has unique codes, Chinese titles, a version', () => {
    const all = RULES.map((r) => r.code);
    expect(new Set(all).size).toBe(all.length);
    for (const r of RULES) {
      expect(r.code).toMatch(/^R-[A-Z0-9-]+$/);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      expect(['error', 'warning', 'hint']).toContain(r.severity);
    }
    expect(RULESET_VERSION).toMatch(/\S/);
    expect(SEVERITY_LABELS).toEqual({ error: '错误', warning: '警告', hint: '提示' });
  });

  it('lists codes and severities (a change shows up here)', () => {
    expect(RULES.map((r) => `${r.code} ${r.severity} ${r.scope}`)).toMatchInlineSnapshot(`
      [
        "R-SETTINGS error project",
        "R-REQUIRED error project",
        "R-FUND-SUM error project",
        "R-FUND-SOURCES error project",
        "R-FUND-ANNUAL-LE-IMPL error project",
        "R-FUND-AMOUNT error project",
        "R-FUND-MAGNITUDE warning project",
        "R-SPEND-PLAN error project",
        "R-PROJECT-CODE error project",
        "R-PHONE warning project",
        "R-FILL-DATE error project",
        "R-FILL-DATE-FORMAT hint project",
        "R-FILL-DATE-RANGE warning project",
        "R-IND-NONE error project",
        "R-IND-L1-MISSING error project",
        "R-IND-L1-UNKNOWN error project",
        "R-IND-L2-PARENT error project",
        "R-IND-ROW-BLANK error project",
        "R-IND-NAME-EMPTY error project",
        "R-IND-VALUE-EMPTY error project",
        "R-IND-DUP error project",
        "R-IND-DUP-NAME warning project",
        "R-VALUE-FORMAT warning project",
        "R-VALUE-PERCENT-RANGE error project",
        "R-VALUE-RATIO warning project",
        "R-VALUE-GE100 hint project",
        "R-VALUE-PERCENT-WORD warning project",
        "R-VALUE-NORMALISE hint project",
        "R-COST-BUDGET error project",
        "R-COST-FLOOR warning project",
        "R-DATE-INVALID error project",
        "R-DATE-RANGE warning project",
        "R-TIME-VALUE hint project",
        "R-SAT-LOW warning project",
        "R-IND-BASIS warning project",
        "R-IND-BASIS-KIND warning project",
        "R-IND-STANDARD warning project",
        "R-PLACEHOLDER error project",
        "R-MEASURABLE warning project",
        "R-VAGUE hint project",
        "R-COST-PLACEHOLDER warning project",
        "R-QTY-COST warning project",
        "R-COST-SUM warning project",
        "R-TIME-IN-YEAR warning project",
        "R-COPIED-ROWS hint project",
        "R-GOAL-TERMS hint project",
        "R-PERIOD-CONTRADICT warning project",
        "R-TARGET-WEAKER hint project",
        "R-TARGET-STALE hint project",
        "R-TARGET-JUMP warning project",
        "R-UNIT-PROJECTS error unit-year",
        "R-UNIT-YEAR error unit-year",
        "R-UNIT-DEPT error unit-year",
        "R-UNIT-DEPT-ITEMS warning unit-year",
        "R-UNIT-DUP-CODE error unit-year",
        "R-UNIT-DUP-NAME warning unit-year",
        "R-UNIT-TOTAL hint unit-year",
      ]
    `);
  });
});

describe('a good filing passes', () => {
  for (const id of ['A', 'B', 'C', 'D']) {
    it(`template ${id}`, () => {
      const f = GOOD[id]!();
      const findings = run(f);
      expect(findings.filter((x) => x.severity !== 'hint')).toEqual([]);
      expect(summarise(findings).ready).toBe(true);
    });
  }
});

describe('identification and money', () => {
  it('R-REQUIRED: required fields of the template', () => {
    const f = expectCaught(edit(goodA(), 'periods.annual.goal', ''), 'R-REQUIRED', '「医保业务工作经费」第 3 张表 的“绩效目标”未填写');
    expect(f.location.field).toBe('periods.annual.goal');
    expectCaught(edit(goodA(), 'periods.annual.funding.total', null), 'R-REQUIRED', '“预算数”未填写');
    expectCaught(edit(goodB(), 'projectCode', ''), 'R-REQUIRED', '“项目编码”未填写');
    expectCaught(edit(goodC(), 'footer.phone', ' '), 'R-REQUIRED', '“联系电话”未填写');
    expectCaught(edit(goodC(), 'periods.implementation.funding.total', null), 'R-REQUIRED', '“实施期资金总额”未填写');
    expectCaught(edit(goodD(), 'periods.midterm.goal', ''), 'R-REQUIRED', '“中期目标”未填写');
    // Not required by A: 项目编码.
    expect(only(run(goodA()), 'R-REQUIRED')).toEqual([]);
  });

  it('R-FUND-SUM: 财政资金 + 其他资金 = 预算数, with a fix filling the blank part', () => {
    const bad = edit(goodA(), 'periods.annual.funding.fiscal', 200 * WAN);
    const f = expectCaught(bad, 'R-FUND-SUM', '“预算数” 280.50 万元 不等于 “财政资金” 200.00 万元 + “其他资金” 0.00 万元（相差 80.50 万元）', {
      fixes: true,
    });
    expect(f.fix!.patch).toMatchObject({ path: 'periods.annual.funding.other', value: 80_500_000 });
    // 预算数 80000 typed in 元 beside 财政资金 30 万元: no fix filling 79970 万元 of 其他资金.
    const yuan = edit(edit(goodA(), 'periods.annual.funding.total', 80_000 * WAN), 'periods.annual.funding.fiscal', 30 * WAN);
    expect(only(run(yuan), 'R-FUND-SUM')[0]!.fix).toBeUndefined();
    // D calls it 财政拨款 and checks both periods.
    expectCaught(edit(goodD(), 'periods.midterm.funding.other', 3 * WAN), 'R-FUND-SUM', /中期资金总额.*中期财政拨款.*中期其他资金/);
  });

  it('R-FUND-SOURCES: the breakdown adds up, 实施期 and 年度 separately', () => {
    const bad = edit(goodC(), 'periods.annual.funding.local', 90_000_000);
    const f = expectCaught(bad, 'R-FUND-SOURCES', /年度资金总额” 1,000,000 元 不等于各来源合计 900,000 元/);
    expect(f.location.period).toBe('annual');
    expect(only(run(bad), 'R-FUND-SOURCES')).toHaveLength(1);
  });

  it('R-FUND-ANNUAL-LE-IMPL: 年度 ≤ 实施期', () => {
    let bad = edit(goodC(), 'periods.annual.funding.total', 120_000_000);
    bad = edit(bad, 'periods.annual.funding.local', 120_000_000);
    expectCaught(bad, 'R-FUND-ANNUAL-LE-IMPL', '“年度资金总额” 1,200,000 元 超过 “实施期资金总额” 1,000,000 元');
  });

  it('R-FUND-AMOUNT: 万元 two decimals (multiples of 10000 分), 元 integers (multiples of 100 分), non-negative', () => {
    // 280.505 万元 cannot be printed with two decimals.
    let bad = edit(goodA(), 'periods.annual.funding.total', 280_505_000);
    bad = edit(bad, 'periods.annual.funding.fiscal', 280_505_000);
    expectCaught(bad, 'R-FUND-AMOUNT', '“预算数” 的金额精度超出表格格式（应为2 位小数（万元））');
    let badC = edit(goodC(), 'periods.annual.funding.total', 100_000_050);
    badC = edit(badC, 'periods.annual.funding.local', 100_000_050);
    expectCaught(badC, 'R-FUND-AMOUNT', '应为整数元');
    expectCaught(edit(goodA(), 'periods.annual.funding.other', -1), 'R-FUND-AMOUNT', '不能为负数');
  });

  it('R-SPEND-PLAN: non-decreasing, ends at 100%', () => {
    expectCaught(edit(goodB(), 'spendingPlan.oct', '40%'), 'R-SPEND-PLAN', '10月底 “40%” 小于 6月底 的 50%');
    expectCaught(edit(goodB(), 'spendingPlan.dec', '90%'), 'R-SPEND-PLAN', '12月底 应为 100%', { fixes: true });
    expectCaught(edit(goodB(), 'spendingPlan.jun', '一半'), 'R-SPEND-PLAN', '不是百分比');
    // Typed without the sign: each cell gets its fix, and the fixed plan passes.
    const bare = edit(goodB(), 'spendingPlan', { mar: '25', jun: '50', oct: '80.5', dec: '100' });
    const fixes = only(run(bare), 'R-SPEND-PLAN').map((f) => f.fix);
    expect(fixes.map((f) => f?.description)).toEqual(['改为“25%”', '改为“50%”', '改为“80.5%”', '改为“100%”']);
    const fixed = fixes.reduce<ProjectFiling>((f, x) => applyFix(f, x!), bare);
    expect(only(run(fixed), 'R-SPEND-PLAN')).toEqual([]);
    expect(only(run(edit(goodB(), 'spendingPlan.jun', '150')), 'R-SPEND-PLAN')[0]?.fix).toBeUndefined();
    expectCaught(edit(goodB(), 'spendingPlan', { mar: '', jun: '', oct: '', dec: '' }), 'R-SPEND-PLAN', '资金支出计划未填写');
    // Nothing spent in the first quarters is fine (seed 002 table 5: '', '', 100%, 100%).
    const late = edit(goodB(), 'spendingPlan', { mar: '', jun: '', oct: '100%', dec: '100%' });
    expect(only(run(late), 'R-SPEND-PLAN')).toEqual([]);
    // Template A has no spending plan.
    expect(only(run(edit(goodA(), 'spendingPlan.dec', '5%')), 'R-SPEND-PLAN')).toEqual([]);
  });

  it('R-PROJECT-CODE: region/year/P/serial', () => {
    expectCaught(edit(goodB(), 'projectCode', '1302025P00682510503U'), 'R-PROJECT-CODE', '格式不正确');
    // The message says what is off: the length, the digits, the P, the serial.
    expectCaught(edit(goodB(), 'projectCode', '1302025P00682510503U'), 'R-PROJECT-CODE', '现在是 20 位');
    expectCaught(edit(goodB(), 'projectCode', '1302002XP00682510503U'), 'R-PROJECT-CODE', '前 8 位应全是数字');
    expectCaught(edit(goodB(), 'projectCode', '13020025Q00682510503U'), 'R-PROJECT-CODE', '第 9 位应为 P，现在是“Q”');
    expectCaught(edit(goodB(), 'projectCode', '13020025P006825105-3U'), 'R-PROJECT-CODE', '后 12 位只能是数字或字母');
    expectCaught(edit(goodB(), 'projectCode', '13020026P00682510503U'), 'R-PROJECT-CODE', '立项年份 2026 晚于预算年度 2025');
    expectCaught(edit(goodB(), 'projectCode', '13020025p00682510503u '), 'R-PROJECT-CODE', '含空格或小写字母', { fixes: true });
    expect(only(run(edit(goodB(), 'projectCode', '13020024P00716010019D')), 'R-PROJECT-CODE')).toEqual([]);
  });

  it('R-PHONE: looks like a phone number (warning)', () => {
    for (const ok of ['03503333895', '0350-3333895', '13912345678', '010-12345678', '(0350)3333895', '3333895', '0350-3333895转8001']) {
      expect(looksLikePhone(ok), ok).toBe(true);
    }
    for (const bad of ['0350333893', '12345', '139123456789', '电话']) expect(looksLikePhone(bad), bad).toBe(false);
    const f = expectCaught(edit(goodC(), 'footer.phone', '0350333893'), 'R-PHONE', '联系电话 “0350333893” 不像有效的电话号码');
    expect(f.severity).toBe('warning');
  });

  it('R-FILL-DATE: a real date; the printed timestamp is accepted', () => {
    for (const ok of ['20221025153126', '20221025', '2022-10-25', '2022年10月25日']) {
      expect(only(run(edit(goodC(), 'footer.date', ok)), 'R-FILL-DATE'), ok).toEqual([]);
    }
    expectCaught(edit(goodC(), 'footer.date', '20221325'), 'R-FILL-DATE', '不是有效日期');
    expectCaught(edit(goodC(), 'footer.date', '2022年2月30日'), 'R-FILL-DATE', '2月没有30日');
    expectCaught(edit(goodC(), 'footer.date', '上周'), 'R-FILL-DATE', '不是有效日期');
  });

  it('R-FILL-DATE-FORMAT: stray space in the timestamp (hint with fix)', () => {
    const bad = edit(goodC(), 'footer.date', '202210251531 26');
    expect(only(run(bad), 'R-FILL-DATE')).toEqual([]);
    expectCaught(bad, 'R-FILL-DATE-FORMAT', '多余空格', { fixes: true });
  });

  it('R-FILL-DATE-RANGE: filed before or during the fiscal year', () => {
    expectCaught(edit(goodC(), 'footer.date', '20240101'), 'R-FILL-DATE-RANGE', '与预算年度 2023 年不符');
    expectCaught(edit(goodC(), 'footer.date', '20180101'), 'R-FILL-DATE-RANGE', '2018年');
  });
});

describe('indicator table', () => {
  it('R-IND-NONE: a table without indicators', () => {
    const f = expectCaught(edit(goodA(), 'periods.annual.indicators', []), 'R-IND-NONE', '「医保业务工作经费」第 3 张表 没有填写任何绩效指标');
    expect(f.severity).toBe('error');
    // … and the per-一级 rule does not pile on.
    expect(only(run(edit(goodA(), 'periods.annual.indicators', [])), 'R-IND-L1-MISSING')).toEqual([]);
    expectCaught(edit(goodD(), 'periods.midterm.indicators', []), 'R-IND-NONE', '第 1 张表 中期 没有填写任何绩效指标');
  });

  it('R-IND-L1-MISSING: each required 一级 of the system', () => {
    const noSat = goodA().periods.annual!.indicators.filter((r) => r.level1 !== '满意度指标');
    expectCaught(edit(goodA(), 'periods.annual.indicators', noSat), 'R-IND-L1-MISSING', '缺少“满意度指标”');
    // A row written 本项目不适用此指标 fills the group.
    const na = [...noSat, row('满意度指标', '服务对象满意度指标', '服务对象满意度', '本项目不适用此指标')];
    expect(only(run(edit(goodA(), 'periods.annual.indicators', na)), 'R-IND-L1-MISSING')).toEqual([]);
  });

  it('R-IND-L1-MISSING under the 2021 system requires 成本指标 as a 一级', () => {
    const t2021: TemplateDef = { ...tpl('A'), indicatorSystem: 'caiyu2021' };
    const f = goodA();
    const found = validateProject(f, t2021);
    expect(only(found, 'R-IND-L1-MISSING').map((x) => x.message)).toEqual([expect.stringContaining('缺少“成本指标”')]);
    // …and 成本指标 under 产出指标 no longer belongs there.
    expect(only(found, 'R-IND-L2-PARENT')[0]!.message).toContain('“成本指标”');
    const fixed = f.periods.annual!.indicators.map((r) =>
      r.level2 === '成本指标' ? { ...r, level1: '成本指标', level2: '经济成本指标' } : r,
    );
    const ok = validateProject(edit(f, 'periods.annual.indicators', fixed), t2021);
    expect(ok.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('R-IND-L2-PARENT under the 2021 system: the fix moves 产出指标/成本指标 into the 成本指标 group', () => {
    const t2021: TemplateDef = { ...tpl('A'), indicatorSystem: 'caiyu2021' };
    const f = goodA();
    const rows = f.periods.annual!.indicators;
    const i = rows.findIndex((r) => r.level2 === '成本指标');
    const [l2] = only(validateProject(f, t2021), 'R-IND-L2-PARENT');
    expect(l2!.message).toContain('的二级指标 “成本指标” 不在“产出指标”之下：项目支出绩效指标体系（财预〔2021〕101号）中“成本指标”是一级指标（二级指标：经济成本指标、社会成本指标、生态环境成本指标）');
    expect(l2!.fix!.description).toBe('移到“成本指标/经济成本指标”');
    const moved = applyFix(f, l2!.fix!);
    const after = moved.periods.annual!.indicators;
    expect(after).toHaveLength(rows.length);
    const m = after.find((r) => r.id === rows[i]!.id)!;
    expect([m.level1, m.level2, m.name, m.value]).toEqual(['成本指标', '经济成本指标', rows[i]!.name, rows[i]!.value]);
    // The 一级 groups stay together: 产出 rows, then 成本, then the rest.
    const order = after.map((r) => r.level1).filter((x, k, a) => a.indexOf(x) === k);
    expect(after.map((r) => r.level1)).toEqual(order.flatMap((l1) => after.filter((r) => r.level1 === l1).map(() => l1)));
    expect(validateProject(moved, t2021).filter((x) => x.severity === 'error')).toEqual([]);
    // Where the 成本指标 group holds a blank placeholder row (a new 101号 table), the row takes its place.
    const placeholder = { ...row('成本指标', '经济成本指标', '', ''), description: '', basis: '' };
    const withBlank = edit(f, 'periods.annual.indicators', [...rows.slice(0, i + 1), placeholder, ...rows.slice(i + 1)]);
    const [again] = only(validateProject(withBlank, t2021), 'R-IND-L2-PARENT');
    const filled = applyFix(withBlank, again!.fix!).periods.annual!.indicators;
    expect(filled).toHaveLength(rows.length);
    expect(filled.some((r) => r.id === placeholder.id)).toBe(false);
  });

  it('R-IND-L1-UNKNOWN: 一级 outside the system, fix from the 二级', () => {
    const f = expectCaught(edit(goodA(), 'periods.annual.indicators[0].level1', '产出'), 'R-IND-L1-UNKNOWN', '一级指标 “产出” 不在', {
      fixes: true,
    });
    expect(f.fix!.patch.value).toBe('产出指标');
  });

  it('R-IND-L2-PARENT: 二级 belongs to its 一级', () => {
    expectCaught(edit(goodA(), 'periods.annual.indicators[4].level2', '数量指标'), 'R-IND-L2-PARENT', '二级指标 “数量指标” 属于 “产出指标”，不属于 “效益指标”', {
      fixes: true,
    });
    expectCaught(edit(goodA(), 'periods.annual.indicators[4].level2', '生态效益'), 'R-IND-L2-PARENT', '应写作 “生态效益指标”', { fixes: true });
    expectCaught(edit(goodA(), 'periods.annual.indicators[4].level2', ''), 'R-IND-L2-PARENT', '二级指标未填写');
  });

  it('R-IND-NAME-EMPTY / R-IND-VALUE-EMPTY', () => {
    expectCaught(edit(goodA(), 'periods.annual.indicators[1].name', ''), 'R-IND-NAME-EMPTY', '三级指标名称为空');
    const f = expectCaught(edit(goodA(), 'periods.annual.indicators[4].value', ' '), 'R-IND-VALUE-EMPTY',
      '「医保业务工作经费」第 3 张表 效益指标/社会效益指标/“完善医疗保障政策” 的指标值为空');
    expect(f.location).toMatchObject({ period: 'annual', row: 4, field: 'periods.annual.indicators[4].value' });
  });

  it('R-IND-ROW-BLANK: an untouched row is one finding, and its group is not “缺少”', () => {
    const rows = goodA().periods.annual!.indicators;
    // Every 满意度 row emptied as a new table's rows come (一级/二级 kept, nothing typed).
    const blanked = rows.map((r) => (r.level1 === '满意度指标' ? { ...r, name: '', description: '', value: '', basis: '', standard: '' } : r));
    const n = blanked.filter((r) => r.level1 === '满意度指标').length;
    expect(n).toBeGreaterThan(0);
    const bad = edit(goodA(), 'periods.annual.indicators', blanked);
    const f = expectCaught(bad, 'R-IND-ROW-BLANK', /^「医保业务工作经费」第 3 张表 第 \d+ 行（满意度指标\/.+）未填写：请填写三级指标和指标值，不需要的行可删除$/);
    expect(f.location.field).toMatch(/^periods\.annual\.indicators\[\d+\]\.name$/);
    const found = run(bad);
    expect(only(found, 'R-IND-ROW-BLANK')).toHaveLength(n);
    expect(only(found, 'R-IND-NAME-EMPTY')).toEqual([]);
    expect(only(found, 'R-IND-VALUE-EMPTY')).toEqual([]);
    expect(only(found, 'R-IND-L1-MISSING')).toEqual([]);
    // Still an 错误: the table is refused as before. With no 满意度 row at all, it is “缺少”.
    expect(found.some((x) => x.severity === 'error')).toBe(true);
    const none = edit(goodA(), 'periods.annual.indicators', rows.filter((r) => r.level1 !== '满意度指标'));
    expectCaught(none, 'R-IND-L1-MISSING', '缺少“满意度指标”');
    // A row with anything typed is not blank: its empty cells are said one by one.
    const typed = edit(bad, `periods.annual.indicators[${f.location.row}].description`, '群众对服务的评价');
    expect(only(run(typed), 'R-IND-ROW-BLANK')).toHaveLength(n - 1);
    expect(only(run(typed), 'R-IND-NAME-EMPTY')).toHaveLength(1);
    expect(only(run(typed), 'R-IND-VALUE-EMPTY')).toHaveLength(1);
  });

  it('R-IND-DUP: the same 三级 and 指标值 twice is an error, deleted by the fix', () => {
    const rows = goodA().periods.annual!.indicators;
    const copy = { ...rows[1]!, id: 'copy', level2: '数量指标' }; // copied, only the 二级 changed (seed 002 table 51)
    const bad = edit(goodA(), 'periods.annual.indicators', [...rows, copy]);
    const f = expectCaught(bad, 'R-IND-DUP', '与第 2 行（质量指标）的三级指标和指标值 “≥95%” 相同，是重复行', { fixes: true });
    expect(applyFix(bad, f.fix!).periods.annual!.indicators).toHaveLength(rows.length);
  });

  it('R-IND-DUP-NAME: same name, different value is a warning', () => {
    const rows = goodA().periods.annual!.indicators;
    const other = { ...rows[1]!, id: 'other', value: '≥98%' };
    const f = expectCaught(edit(goodA(), 'periods.annual.indicators', [...rows, other]), 'R-IND-DUP-NAME', '名称相同但指标值不同（“≥95%” / “≥98%”）');
    expect(f.severity).toBe('warning');
  });

  it('R-VALUE-FORMAT: words after the figure, or no unit', () => {
    expectCaught(edit(goodA(), 'periods.annual.indicators[1].value', '≥0.8月度整体接通率≥80%'), 'R-VALUE-FORMAT', '在数值之后还有文字 “月度整体接通率≥80%”');
    expectCaught(edit(goodA(), 'periods.annual.indicators[0].value', '≥5'), 'R-VALUE-FORMAT', '缺少计量单位');
  });

  it('R-VALUE-PERCENT-RANGE: 0–100', () => {
    expectCaught(edit(goodA(), 'periods.annual.indicators[1].value', '≥120%'), 'R-VALUE-PERCENT-RANGE', '超过 100%');
    expectCaught(edit(goodA(), 'periods.annual.indicators[1].value', '>100%'), 'R-VALUE-PERCENT-RANGE', '超过 100%');
    expect(only(run(edit(goodA(), 'periods.annual.indicators[1].value', '100%')), 'R-VALUE-PERCENT-RANGE')).toEqual([]);
  });

  it('R-VALUE-GE100: ≥100% is written 100% (hint with fix)', () => {
    const f = expectCaught(edit(goodA(), 'periods.annual.indicators[1].value', '≥100%'), 'R-VALUE-GE100', '建议写作 “100%”', { fixes: true });
    expect(f.severity).toBe('hint');
    expect(f.fix!.patch).toEqual({ path: 'periods.annual.indicators[1].value', value: '100%', expect: '≥100%' });
  });

  it('R-VALUE-PERCENT-WORD: 百分比 is written % (fix)', () => {
    const f = expectCaught(edit(goodA(), 'periods.annual.indicators[5].value', '≥90百分比'), 'R-VALUE-PERCENT-WORD', '应写作 “≥90%”', { fixes: true });
    expect(f.severity).toBe('warning');
  });

  it('R-VALUE-NORMALISE: >=, full-width, spaces, LaTeX residue in one fix', () => {
    expectCaught(edit(goodA(), 'periods.annual.indicators[1].value', '>=９５％ '), 'R-VALUE-NORMALISE', '建议改为 “≥95%”', { fixes: true });
    expectCaught(edit(goodA(), 'periods.annual.indicators[1].value', '$\\geq 95\\%$'), 'R-VALUE-NORMALISE', '建议改为 “≥95%”', { fixes: true });
  });

  it('R-COST-BUDGET: a money ceiling above the budget, after converting 元/万元', () => {
    // 280.50 万元 budget; ≤3000000元 = 300 万元 is above it.
    expectCaught(edit(goodA(), 'periods.annual.indicators[3].value', '≤3000000元'), 'R-COST-BUDGET',
      '产出指标/成本指标/“内部审计费用” 的指标值 “≤3000000元”（即 300.00 万元）超过本表“预算数” 280.50 万元');
    expectCaught(edit(goodA(), 'periods.annual.indicators[3].value', '300万元'), 'R-COST-BUDGET', '即 300.00 万元');
    expectCaught(edit(goodA(), 'periods.annual.indicators[3].value', '≤0.03亿元'), 'R-COST-BUDGET', '即 300.00 万元');
    // Equal to the budget, in 元: fine (seed 002: <101000元 with 10.10 万元).
    for (const ok of ['≤2805000元', '<2805000元', '≤280.5万元', '≤28000元/人/年', '≤1000元/小时', '有效控制']) {
      expect(only(run(edit(goodA(), 'periods.annual.indicators[3].value', ok)), 'R-COST-BUDGET'), ok).toEqual([]);
    }
    // 元 template: ≤10万元 against 1,000,000 元 is fine, ≤200万元 is not.
    expectCaught(edit(goodC(), 'periods.annual.indicators[3].value', '≤200万元'), 'R-COST-BUDGET', '超过本表“年度资金总额” 1,000,000 元');
  });

  it('R-COST-FLOOR: ≥ on a cost is a warning', () => {
    const f = expectCaught(edit(goodA(), 'periods.annual.indicators[3].value', '≥10万元'), 'R-COST-FLOOR', '用了下限“≥”');
    expect(f.severity).toBe('warning');
    expect(only(run(edit(goodA(), 'periods.annual.indicators[3].value', '≥10万元')), 'R-COST-BUDGET')).toEqual([]);
  });

  it('R-DATE-INVALID: an impossible date is an error', () => {
    const f = expectCaught(edit(goodB(), 'periods.annual.indicators[2].value', '1002025年12月31日'), 'R-DATE-INVALID',
      '“1002025年12月31日” 不是有效日期：年份“1002025”不是有效的年份（可能多输入了“100”）');
    expect(f.severity).toBe('error');
    expectCaught(edit(goodB(), 'periods.annual.indicators[2].value', '2025年2月30日'), 'R-DATE-INVALID', '2月没有30日');
  });

  it('R-DATE-RANGE: dates within a year of the fiscal year', () => {
    for (const ok of ['2024年底', '2025.12.31', '2026年6月30日前', '≤6月', '1-12月']) {
      expect(only(run(edit(goodB(), 'periods.annual.indicators[2].value', ok)), 'R-DATE-RANGE'), ok).toEqual([]);
    }
    expectCaught(edit(goodB(), 'periods.annual.indicators[2].value', '2023年12月31日'), 'R-DATE-RANGE', '在 2023 年，与预算年度 2025 年相差较远');
    expectCaught(edit(goodB(), 'periods.annual.indicators[2].value', '2030.12.31'), 'R-DATE-RANGE', '2030');
  });

  it('R-TIME-VALUE: a 时效指标 written as words (hint)', () => {
    expectCaught(edit(goodA(), 'periods.annual.indicators[2].value', '及时'), 'R-TIME-VALUE', '不是日期或时限');
    for (const ok of ['≤30个工作日', '2025年底', '≥95%', '本项目不适用此指标']) {
      expect(only(run(edit(goodA(), 'periods.annual.indicators[2].value', ok)), 'R-TIME-VALUE'), ok).toEqual([]);
    }
  });

  it('R-SAT-LOW: satisfaction below 80% (threshold configurable)', () => {
    expectCaught(edit(goodA(), 'periods.annual.indicators[5].value', '≥70%'), 'R-SAT-LOW', '低于 80%');
    expectCaught(edit(goodA(), 'periods.annual.indicators[5].value', '≤90%'), 'R-SAT-LOW', '满意度应设下限');
    const strict = validateProject(edit(goodA(), 'periods.annual.indicators[5].value', '≥85%'), tpl('A'), { config: { params: { satisfactionMin: 90 } } });
    expect(only(strict, 'R-SAT-LOW')[0]!.message).toContain('低于 90%');
  });

  it('R-IND-BASIS / R-IND-STANDARD: filled where the template has the column', () => {
    expectCaught(edit(goodB(), 'periods.annual.indicators[2].basis', ''), 'R-IND-BASIS', '“评审完成时间” 的“指标值确定依据”未填写');
    const blank = goodD().periods.annual!.indicators.map((r) => ({ ...r, standard: '' }));
    const f = expectCaught(edit(goodD(), 'periods.annual.indicators', blank), 'R-IND-STANDARD', '第 1 张表 年度 的“绩效标准”一栏全部未填写（6 行）');
    expect(only(run(edit(goodD(), 'periods.annual.indicators', blank)), 'R-IND-STANDARD')).toHaveLength(1);
    expect(f.severity).toBe('warning');
    // A has neither column.
    expect(codes(run(goodA()))).not.toContain('R-IND-BASIS');
  });

  it('R-IND-BASIS under 101号: each row finding opens the choice of the four kinds (none chosen), and names its group', () => {
    const rows = goodB().periods.annual!.indicators.map((r, i) => (i > 0 && i < 4 ? { ...r, basis: '' } : r));
    const legacy = only(run(edit(goodB(), 'periods.annual.indicators', rows)), 'R-IND-BASIS');
    expect(legacy.map((f) => [f.group, f.choose, f.fix])).toEqual(Array(3).fill(['“指标值确定依据”未填写', undefined, undefined]));
    const f2021 = edit(edit(goodB(), 'periods.annual.indicators', rows), 'indicatorSystem', 'caiyu2021');
    const found = only(run(f2021), 'R-IND-BASIS');
    expect(found.map((f) => [f.location.field, f.choose, f.fix])).toEqual(
      [1, 2, 3].map((i) => [`periods.annual.indicators[${i}].basis`, '选择依据类别（F4）', undefined]),
    );
    // The whole column blank: one finding, its button opens the first row's list.
    const blank = rows.map((r) => ({ ...r, basis: '' }));
    const col = only(run(edit(f2021, 'periods.annual.indicators', blank)), 'R-IND-BASIS');
    expect(col.map((f) => [f.location.field, f.choose, f.group])).toEqual([['periods.annual.indicators[*].basis', '选择依据类别（F4）', undefined]]);
    // A 依据 of no kind: the kind it names as the fix (工作计划 → 计划标准), else the choice.
    const kinds = only(run(edit(edit(f2021, 'periods.annual.indicators[1].basis', '工作计划'), 'periods.annual.indicators[2].basis', '领导要求')), 'R-IND-BASIS-KIND');
    expect(kinds.filter((f) => f.location.row === 1 || f.location.row === 2).map((f) => [f.fix?.patch.value, f.choose])).toEqual([['计划标准', undefined], [undefined, '选择依据类别（F4）']]);
  });

  it('R-PLACEHOLDER: XX, **, 待定 are errors', () => {
    expectCaught(edit(goodA(), 'periods.annual.indicators[0].value', '≥XX次'), 'R-PLACEHOLDER', '的“指标值”含有占位符 “XX”');
    expectCaught(edit(goodA(), 'name', 'XXX项目经费'), 'R-PLACEHOLDER', '“项目名称”含有占位符 “XXX”');
    expectCaught(edit(goodA(), 'periods.annual.goal', '1.完成**项工作'), 'R-PLACEHOLDER', '“**”');
    expectCaught(edit(goodA(), 'fundUse', '待定'), 'R-PLACEHOLDER', '“待定”');
    // Not placeholders: 7*24, a single ×, words with x.
    for (const ok of ['满足7*24小时热线服务', 'DIP支付方式改革', '3×8小时']) {
      expect(only(run(edit(goodA(), 'periods.annual.indicators[4].value', ok)), 'R-PLACEHOLDER'), ok).toEqual([]);
    }
  });
});

describe('engine', () => {
  it('R-TEMPLATE: checking against another template is an error', () => {
    expect(codes(validateProject(goodA(), tpl('B')))).toContain('R-TEMPLATE');
  });

  it('a region overrides a severity or disables a rule by code, as data', () => {
    const bad = edit(goodA(), 'periods.annual.indicators[5].value', '≥90百分比');
    const relaxed = validateProject(bad, tpl('A'), { config: { name: '某市', rules: { 'R-VALUE-PERCENT-WORD': { severity: 'hint' } } } });
    expect(only(relaxed, 'R-VALUE-PERCENT-WORD')[0]!.severity).toBe('hint');
    const off = validateProject(bad, tpl('A'), { config: { rules: { 'R-VALUE-PERCENT-WORD': { enabled: false } } } });
    expect(only(off, 'R-VALUE-PERCENT-WORD')).toEqual([]);
    const rec = describeRuleset({ name: '某市', rules: { 'R-PHONE': { enabled: false } } });
    expect(rec.version).toBe(RULESET_VERSION);
    expect(rec.config).toBe('某市');
    expect(rec.rules.find((r) => r.code === 'R-PHONE')).toMatchObject({ enabled: false, severity: 'warning' });
  });

  it('a warning with a 说明 is explained; an error cannot be explained away', () => {
    const bad = edit(goodA(), 'periods.annual.indicators[5].value', '≥70%');
    const [w] = only(run(bad), 'R-SAT-LOW');
    expect(w!.key).toBe(`R-SAT-LOW@periods.annual.indicators[id=${bad.periods.annual!.indicators[5]!.id}].value`);
    expect(summarise(run(bad)).ready).toBe(false);
    const answered = explain(bad, w!.key, '内部干部职工满意度历年约七成');
    const again = only(run(answered), 'R-SAT-LOW')[0]!;
    expect(again).toMatchObject({ explained: true, explanation: '内部干部职工满意度历年约七成' });
    expect(summarise(run(answered))).toMatchObject({ warnings: 1, unexplainedWarnings: 0, ready: true });
    // The key follows the row, not its index: insert a row above, still explained.
    const rows = answered.periods.annual!.indicators;
    const moved = edit(answered, 'periods.annual.indicators', [row('产出指标', '数量指标', '新增', '≥1次'), ...rows]);
    expect(only(run(moved), 'R-SAT-LOW')[0]!.explained).toBe(true);
    // Errors stay errors.
    const err = edit(goodA(), 'periods.annual.indicators[0].value', '');
    const e = only(run(err), 'R-IND-VALUE-EMPTY')[0]!;
    expect(only(run(explain(err, e.key, '说明')), 'R-IND-VALUE-EMPTY')[0]!.explained).toBeUndefined();
  });

  it('applyFix is pure and refuses a stale fix', () => {
    const bad = edit(goodA(), 'periods.annual.indicators[1].value', '≥100%');
    const frozen = structuredClone(bad);
    const f = only(run(bad), 'R-VALUE-GE100')[0]!;
    const fixed = applyFix(bad, f.fix!);
    expect(bad).toEqual(frozen);
    expect(getAt(fixed, 'periods.annual.indicators[1].value')).toBe('100%');
    expect(fixed.periods.annual!.indicators[0]).toBe(bad.periods.annual!.indicators[0]); // shared, not copied
    const changed = edit(bad, 'periods.annual.indicators[1].value', '≥99%');
    expect(() => applyFix(changed, f.fix!)).toThrow(/已被修改/);
    expect(() => applyFix(bad, { description: 'x', patch: { path: '__proto__.polluted', value: 1 } })).toThrow();
    expect(() => applyFix(bad, { description: 'x', patch: { path: 'periods.annual.indicators[99].value', value: 1 } })).toThrow();
  });

  it('a rule that throws is reported, not fatal', () => {
    const boom: Rule = { code: 'R-BOOM', severity: 'warning', scope: 'project', title: '测试', check: () => { throw new Error('坏了'); } };
    const out = validateProject(goodA(), tpl('A'), { rules: [boom] });
    expect(out).toEqual([expect.objectContaining({ code: 'R-ENGINE', severity: 'error', message: expect.stringContaining('坏了') })]);
  });
});

describe('unit-year', () => {
  const b2 = (): ProjectFiling => ({ ...goodB(), id: 'b-2', seq: 2, name: '法律顾问费', projectCode: '13020025P00T82D100042' });
  const dept = { unitCode: '619001', year: 2025, overall: '加强基金监管', items: [{ title: '基金监管', goal: '检查全覆盖', indicators: '现场检查率100%' }], measures: ['完善制度'], carriedOver: [] };

  it('passes when every project passes and the department text is there', () => {
    const findings = validateUnitYear([goodB(), b2()], dept, tpl('B'));
    expect(findings.filter((f) => f.severity !== 'hint')).toEqual([]);
    const total = only(findings, 'R-UNIT-TOTAL')[0]!;
    expect(total.message).toBe('共 2 个项目，年度预算合计 100.00 万元（财政资金 100.00 万元，其他资金 0.00 万元）。请与单位预算核对');
  });

  it('R-UNIT-PROJECTS: lists the tables with errors', () => {
    const bad = edit(b2(), 'periods.annual.indicators', []);
    const report = auditUnitYear([goodB(), bad], dept, tpl('B'));
    expect(only(report.unitFindings, 'R-UNIT-PROJECTS')[0]!.message).toBe('共 2 张项目表，其中 1 张存在错误，尚不能上报：第 2 张「法律顾问费」');
    expect(report.summary.blocking).toBe(true);
    expect(codes(report.byProject['b-2']!)).toContain('R-IND-NONE');
    expect(report.findings.length).toBe(report.unitFindings.length + report.byProject['b-1']!.length + report.byProject['b-2']!.length);
  });

  it('R-UNIT-DEPT / R-UNIT-DEPT-ITEMS: department text where the book has one', () => {
    expect(only(validateUnitYear([goodB()], null, tpl('B')), 'R-UNIT-DEPT')[0]!.message).toContain('部门整体绩效目标');
    expect(only(validateUnitYear([goodB()], { ...dept, items: [], measures: [] }, tpl('B')), 'R-UNIT-DEPT-ITEMS')).toHaveLength(2);
    // Boxes added with ＋ and left empty: said by their number, no empty 「」.
    const item = { title: '医保基金监管', goal: '开展检查全覆盖', indicators: '检查机构≥120家' };
    const added = { ...dept, items: [item, { title: '', goal: '', indicators: '' }, { ...item, title: '' }], measures: ['加强组织领导', ''] };
    expect(only(validateUnitYear([goodB()], added, tpl('B')), 'R-UNIT-DEPT-ITEMS').map((f) => f.message)).toEqual([
      '部门整体绩效目标 分项 2 未填写：请填写，或删除这一分项',
      '部门整体绩效目标 分项 3 的标题未填写',
      '部门整体绩效目标 第 2 条工作保障措施未填写：请填写，或删除这一条',
    ]);
    const blankOnly = { ...dept, measures: [''] };
    expect(only(validateUnitYear([goodB()], blankOnly, tpl('B')), 'R-UNIT-DEPT-ITEMS').map((f) => f.message)).toContain('部门整体绩效目标没有“三、工作保障措施”');
    expect(only(validateUnitYear([goodA()], null, tpl('A')), 'R-UNIT-DEPT')).toEqual([]);
  });

  it('R-UNIT-DUP-CODE / R-UNIT-DUP-NAME within one unit (other units may share a code)', () => {
    const dupCode = { ...b2(), projectCode: goodB().projectCode };
    expect(codes(validateUnitYear([goodB(), dupCode], dept, tpl('B')))).toContain('R-UNIT-DUP-CODE');
    const otherUnit = { ...dupCode, unitCode: '619005' };
    expect(codes(validateUnitYear([goodB(), otherUnit], dept, tpl('B')))).not.toContain('R-UNIT-DUP-CODE');
    const dupName = { ...b2(), name: goodB().name };
    expect(codes(validateUnitYear([goodB(), dupName], dept, tpl('B')))).toContain('R-UNIT-DUP-NAME');
  });

  it('R-UNIT-YEAR: one fiscal year and one template per batch', () => {
    const other = { ...b2(), year: 2024, projectCode: '13020024P00T82D100042' };
    expect(only(validateUnitYear([goodB(), other], dept, tpl('B')), 'R-UNIT-YEAR')[0]!.message).toContain('2024、2025');
  });
});
