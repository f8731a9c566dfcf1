import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyFix,
  fenToDecimalText,
  isMeasure,
  moneyToFen,
  normaliseValue,
  normalisedView,
  parseDateText,
  parseIndicatorValue,
  printIndicatorValue,
  suggestValueFixes,
  type ParsedValue,
  type ValueKind,
} from '../../shared/indicator-value/index.ts';
import { allSeedProjects } from '../../tools/seed-corpus.ts';

type Case = [raw: string, expected: Record<string, unknown>];

const quantities: Case[] = [
  ['≥90%', { kind: 'quantity', comparator: '≥', number: 90, numberText: '90', unit: '%', percent: true, percentWord: false }],
  ['≤10万元', { kind: 'quantity', comparator: '≤', unit: '万元', money: { fen: 10_000_000, unit: '万元', perUnit: false } }],
  ['≥5220000人', { kind: 'quantity', comparator: '≥', number: 5_220_000, unit: '人' }],
  ['≤28000元/人/年', { kind: 'quantity', unit: '元/人/年', money: { fen: 2_800_000, unit: '元', perUnit: true } }],
  ['100元/月/人', { kind: 'quantity', comparator: null, unit: '元/月/人', money: { fen: 10_000, perUnit: true } }],
  ['≤3290.48元/人.年', { kind: 'quantity', unit: '元/人.年', money: { fen: 329_048, perUnit: true } }],
  ['≤0.05万元/月', { kind: 'quantity', unit: '万元/月', money: { fen: 50_000, unit: '万元', perUnit: true } }],
  ['≥1.4亿元', { kind: 'quantity', comparator: '≥', number: 1.4, money: { fen: 14_000_000_000, unit: '亿元', perUnit: false } }],
  ['<101000元', { kind: 'quantity', comparator: '<', money: { fen: 10_100_000, unit: '元' } }],
  ['≥90百分比', { kind: 'quantity', number: 90, unit: '百分比', percent: true, percentWord: true }],
  ['＞＝90%', { kind: 'quantity', comparator: '≥', comparatorText: '＞＝', number: 90, percent: true }],
  ['>=90%', { kind: 'quantity', comparator: '≥', comparatorText: '>=', number: 90 }],
  ['≧95％', { kind: 'quantity', comparator: '≥', number: 95, unit: '％', percent: true }],
  ['９０％', { kind: 'quantity', comparator: null, number: 90, numberText: '90', percent: true }],
  ['不低于90%', { kind: 'quantity', comparator: '≥', comparatorText: '不低于', number: 90, percent: true }],
  ['不少于5次', { kind: 'quantity', comparator: '≥', comparatorText: '不少于', number: 5, unit: '次' }],
  ['不超过20万元', { kind: 'quantity', comparator: '≤', money: { fen: 20_000_000 } }],
  ['达到100%', { kind: 'quantity', comparator: '≥', comparatorText: '达到', number: 100, percent: true }],
  ['100%以上', { kind: 'quantity', comparator: '≥', comparatorText: '以上', number: 100, percent: true }],
  ['5次左右', { kind: 'quantity', comparator: null, approximate: true, number: 5, unit: '次' }],
  ['80%-90%', { kind: 'quantity', number: 80, upper: { number: 90, numberText: '90' }, percent: true }],
  ['80-90%', { kind: 'quantity', number: 80, upper: { number: 90 }, unit: '%', percent: true }],
  ['5~10次', { kind: 'quantity', number: 5, upper: { number: 10 }, unit: '次' }],
  ['1,000人', { kind: 'quantity', number: 1000, numberText: '1000', unit: '人' }],
  ['≥100000万人次', { kind: 'quantity', unit: '万人次' }],
  ['≤5万/月', { kind: 'quantity', unit: '万/月' }],
  ['$\\geq 95\\%$', { kind: 'quantity', comparator: '≥', comparatorText: '\\geq', number: 95, percent: true }],
  [' ≥ 90 % ', { kind: 'quantity', comparator: '≥', number: 90, unit: '%', percent: true }],
  ['100', { kind: 'quantity', comparator: null, number: 100, unit: '' }],
  // A figure with words after it: still a figure, the words kept as a note.
  ['≥0.8月度整体接通率≥80%', { kind: 'quantity', number: 0.8, unit: '', note: '月度整体接通率≥80%' }],
  ['≥90系统使用人员对热线中心系统运行服务的满意度情况', { kind: 'quantity', number: 90, unit: '', note: '系统使用人员对热线中心系统运行服务的满意度情况' }],
  ['3报告按照分类各一份', { kind: 'quantity', number: 3, unit: '', note: '报告按照分类各一份' }],
  ['100%完成', { kind: 'quantity', number: 100, unit: '%', percent: true, note: '完成' }],
  ['≥95%（含）', { kind: 'quantity', number: 95, unit: '%', note: '（含）' }],
  ['每月≥1次', { kind: 'quantity', label: '每月', comparator: '≥', number: 1, unit: '次' }],
  ['≥1次/月', { kind: 'quantity', comparator: '≥', number: 1, unit: '次/月' }],
  // Words naming the measure before the figure.
  ['月度整体接通率≥80%', { kind: 'quantity', label: '月度整体接通率', comparator: '≥', number: 80, percent: true }],
  // 万 / 亿 / 千 before a count word (a trial's 农业 table flagged `万亩` as text after the number).
  ['≥2.5万亩', { kind: 'quantity', number: 2.5, unit: '万亩' }],
  ['≥12万头', { kind: 'quantity', number: 12, unit: '万头' }],
  ['≥3万立方米', { kind: 'quantity', unit: '万立方米' }],
  ['≥500只', { kind: 'quantity', unit: '只' }],
  ['≥1亿元', { kind: 'quantity', unit: '亿元' }],
];

const durations: Case[] = [
  ['1年', { kind: 'duration', comparator: null, number: 1, unit: '年', timeUnit: '年' }],
  ['≤30工作日', { kind: 'duration', comparator: '≤', number: 30, timeUnit: '工作日' }],
  ['≤30个工作日', { kind: 'duration', comparator: '≤', unit: '个工作日', timeUnit: '工作日' }],
  ['12个月', { kind: 'duration', number: 12, unit: '个月', timeUnit: '月' }],
  ['≤11个月', { kind: 'duration', comparator: '≤', timeUnit: '月' }],
  ['≥6月', { kind: 'duration', comparator: '≥', number: 6, timeUnit: '月' }], // 基金静态可支付月数
  ['≤8小时', { kind: 'duration', timeUnit: '小时' }],
  // A time limit after its starting event.
  ['收到委托后5个工作日内', { kind: 'duration', label: '收到委托后', comparator: '≤', number: 5, timeUnit: '工作日' }],
  ['接到投诉之日起3日内', { kind: 'duration', label: '接到投诉之日起', comparator: '≤', number: 3, timeUnit: '日' }],
  ['≤20分钟', { kind: 'duration', timeUnit: '分钟' }],
  ['≥3年', { kind: 'duration', comparator: '≥', timeUnit: '年' }],
  ['30天内', { kind: 'duration', comparator: '≤', comparatorText: '内', number: 30, timeUnit: '日' }],
];

const dates: Case[] = [
  ['2024年12月底前', { kind: 'date', year: 2024, month: 12, end: true, deadline: true, valid: true }],
  ['2024年底', { kind: 'date', year: 2024, month: 12, end: true, deadline: true, valid: true }],
  ['2024年', { kind: 'date', year: 2024, deadline: false, valid: true }],
  ['2024年内', { kind: 'date', year: 2024, deadline: true, valid: true }],
  ['2025.12.31', { kind: 'date', year: 2025, month: 12, day: 31, valid: true }],
  ['2025-12-31', { kind: 'date', year: 2025, month: 12, day: 31, valid: true }],
  ['2025年12月31日', { kind: 'date', year: 2025, month: 12, day: 31, deadline: false, valid: true }],
  ['2024年12月31日前', { kind: 'date', year: 2024, month: 12, day: 31, deadline: true, valid: true }],
  ['2025年12月前', { kind: 'date', year: 2025, month: 12, deadline: true }],
  ['20221025', { kind: 'date', year: 2022, month: 10, day: 25, valid: true }],
  ['20221025153126', { kind: 'date', year: 2022, month: 10, day: 25, hasTime: true, valid: true }],
  ['≤6月', { kind: 'date', month: 6, comparator: '≤', deadline: true, valid: true }],
  ['4月', { kind: 'date', month: 4, deadline: false, valid: true }],
  ['1-12月', { kind: 'date', month: 1, toMonth: 12, valid: true }],
  ['2024年1-12月', { kind: 'date', year: 2024, month: 1, toMonth: 12, valid: true }],
  ['不晚于2025年6月30日', { kind: 'date', comparator: '≤', deadline: true, year: 2025, month: 6, day: 30 }],
  ['2024年底前完成印刷工作', { kind: 'date', year: 2024, deadline: true, note: '完成印刷工作' }],
  ['1002025年12月31日', { kind: 'date', year: 1_002_025, valid: false }],
  ['2025年2月30日', { kind: 'date', valid: false, problem: '2月没有30日' }],
  ['2025年13月', { kind: 'date', valid: false }],
];

const qualitative: Case[] = [
  ['有所提升', { kind: 'qualitative', text: '有所提升' }],
  ['成效明显', { kind: 'qualitative' }],
  ['根据实际情况', { kind: 'qualitative' }],
  ['据实支付', { kind: 'qualitative' }],
  ['达到满意', { kind: 'qualitative' }],
  ['每日服务时间0点-24点，满足7*24小时热线服务', { kind: 'qualitative' }],
  // A leading year or number followed by prose is prose.
  ['2024年预算总额为1500万元，其中2024年计划支付712.5万元，根据年度考核据实进行结算。', { kind: 'qualitative' }],
  ['1.加强医保宣传', { kind: 'qualitative' }],
  ['1、完成培训；2、完成检查', { kind: 'qualitative' }],
  ['  有所提升 ', { kind: 'qualitative', text: '有所提升' }],
];

const others: Case[] = [
  ['本项目不适用此指标', { kind: 'notApplicable' }],
  ['不适用', { kind: 'notApplicable' }],
  ['不涉及', { kind: 'notApplicable' }],
  ['/', { kind: 'notApplicable' }],
  ['——', { kind: 'notApplicable' }],
  ['', { kind: 'empty' }],
  ['   ', { kind: 'empty' }],
  ['\u3000', { kind: 'empty' }],
];

describe('parseIndicatorValue', () => {
  for (const [group, cases] of [
    ['quantity', quantities],
    ['duration', durations],
    ['date', dates],
    ['qualitative', qualitative],
    ['notApplicable / empty', others],
  ] as const) {
    describe(group, () => {
      it.each(cases)('%j', (raw, expected) => {
        const v = parseIndicatorValue(raw);
        expect(v).toMatchObject(expected);
        expect(v.raw).toBe(raw);
      });
    });
  }

  it('explains an impossible year', () => {
    const v = parseIndicatorValue('1002025年12月31日');
    expect(v.kind === 'date' && v.problem).toBe('年份“1002025”不是有效的年份（可能多输入了“100”）');
  });

  it('spans point into the raw text', () => {
    const raw = '≥ ９０ 百分比';
    const v = parseIndicatorValue(raw);
    expect(v.kind).toBe('quantity');
    if (v.kind !== 'quantity') return;
    expect(raw.slice(...v.spans.comparator!)).toBe('≥');
    expect(raw.slice(...v.spans.number)).toBe('９０');
    expect(raw.slice(...v.spans.unit!)).toBe('百分比');
  });

  it('parseDateText reads a 填报日期 and refuses anything else', () => {
    expect(parseDateText('20221025153126')).toMatchObject({ year: 2022, month: 10, day: 25, valid: true });
    expect(parseDateText('2022年10月25日')).toMatchObject({ year: 2022, valid: true });
    expect(parseDateText('有所提升')).toBeNull();
    expect(parseDateText('2024年底前完成印刷工作')).toBeNull();
  });
});

describe('moneyToFen (exact, string arithmetic)', () => {
  it.each([
    ['280.50', '万元', 280_500_000],
    ['0.29', '万元', 290_000],
    ['3088.94', '万元', 3_088_940_000],
    ['1,147,100', '元', 114_710_000],
    ['51.17', '元', 5_117],
    ['0.01', '元', 1],
    ['1.4', '亿元', 14_000_000_000],
    ['0.05', '万元/月', 50_000],
    ['28000', '元/人/年', 2_800_000],
    ['12.5', '千元', 1_250_000],
    ['0.001', '元', null], // a fraction of a 分
    ['0.0100', '元', 1], // trailing zeros are fine
    ['abc', '元', null],
    ['1,00', '元', null],
    ['10', '人', null],
  ] as const)('%s %s → %s', (text, unit, fen) => {
    expect(moneyToFen(text, unit)).toBe(fen);
  });

  it('has no float error: 0.1 + 0.2 style amounts stay exact', () => {
    expect(moneyToFen('0.07', '万元')).toBe(70_000); // 0.07 * 1e6 = 70000.00000000001 in floats
    expect(moneyToFen('1.15', '元')).toBe(115); // 1.15 * 100 = 114.99999999999999
  });

  it('round-trips any 分 amount through its 万元 / 元 decimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), (fen) => {
        expect(moneyToFen(fenToDecimalText(fen, '万元'), '万元')).toBe(fen);
        expect(moneyToFen(fenToDecimalText(fen, '元'), '元')).toBe(fen);
      }),
    );
  });
});

describe('suggestValueFixes / applyFix', () => {
  const fixCases: Array<[string, string, string]> = [
    ['≥90百分比', 'percent-word', '≥90%'],
    ['100百分比', 'percent-word', '100%'],
    ['≥100%', 'ge-100', '100%'],
    ['100%以上', 'ge-100', '100%'],
    ['不低于100%', 'ge-100', '100%'],
    ['>=90%', 'comparator-symbol', '≥90%'],
    ['＞＝90%', 'comparator-symbol', '≥90%'],
    ['≧90%', 'comparator-symbol', '≥90%'],
    ['≥９０％', 'full-width', '≥90%'],
    ['$\\geq 95\\%$', 'latex', '≥95%'],
    [' ≥ 90 % ', 'spaces', '≥90%'],
    [' 有所提升 ', 'spaces', '有所提升'],
  ];

  it.each(fixCases)('%j offers %s → %j', (raw, code, replacement) => {
    const fixes = suggestValueFixes(raw);
    const f = fixes.find((x) => x.code === code);
    expect(f, JSON.stringify(fixes)).toBeDefined();
    expect(f!.replacement).toBe(replacement);
    expect(applyFix(raw, f!)).toBe(replacement);
    expect(f!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('offers nothing for clean values', () => {
    for (const raw of ['≥90%', '100%', '≤10万元', '2025年12月31日', '有所提升', '本项目不适用此指标', '', '达到100%']) {
      expect(suggestValueFixes(raw), raw).toEqual([]);
    }
  });

  it('never applies a fix to text it was not computed for', () => {
    const [f] = suggestValueFixes('≥90百分比');
    expect(() => applyFix('≥95百分比', f!)).toThrow(/已被修改/);
  });

  it('normaliseValue applies every suggestion in turn', () => {
    expect(normaliseValue(' ＞＝１００百分比 ')).toBe('100%');
    expect(normaliseValue('≥90%')).toBe('≥90%');
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const pieces = [
  '≥', '≤', '>', '<', '=', '＞', '＝', '>=', '\\geq', '$', ' ', '\u3000', '0', '1', '9', '１', '.', ',', '%', '％',
  '百分比', '万元', '元', '/', '人', '年', '月', '日', '个', '底', '前', '内', '以上', '-', '~', '不低于', '达到',
  '有所提升', '，', '。', '、', '本项目不适用此指标', '2024', '12', '31', 'X', '*',
];
const grammarish = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((a) => a.join(''));
const anyText = fc.oneof(grammarish, fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

describe('properties', () => {
  it('printing a parsed value gives back the raw text, for every input', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const v = parseIndicatorValue(raw);
        expect(printIndicatorValue(v)).toBe(raw);
      }),
      { numRuns: 3000 },
    );
  });

  it('spans lie inside the raw text and the number span reads numberText', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const v = parseIndicatorValue(raw);
        if (!isMeasure(v)) return;
        const [s, e] = v.spans.number;
        expect(s).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(raw.length);
        expect(normalisedView(raw.slice(s, e)).replace(/,/g, '')).toBe(v.numberText);
        expect(Number(v.numberText)).toBe(v.number);
      }),
      { numRuns: 3000 },
    );
  });

  it('every fix applies to its own raw text and yields its replacement', () => {
    fc.assert(
      fc.property(grammarish, (raw) => {
        for (const f of suggestValueFixes(raw)) expect(applyFix(raw, f)).toBe(f.replacement);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// The seed corpus: every 指标值 of every project, all periods.

const PROSE = /[，。；;、,]/;

describe('seed corpus', () => {
  const values: Array<{ where: string; raw: string; v: ParsedValue }> = [];
  for (const p of allSeedProjects()) {
    for (const [period, data] of Object.entries(p.periods)) {
      data?.indicators.forEach((r, i) => {
        values.push({ where: `${p.id} ${period}[${i}]`, raw: r.value, v: parseIndicatorValue(r.value) });
      });
    }
  }

  it('reads every value with confidence', () => {
    expect(values.length).toBeGreaterThan(800);
    for (const { where, raw, v } of values) {
      const t = raw.trim();
      // A value that starts with a comparator or a digit is a figure or a date,
      // unless the rest is really prose (sentence punctuation).
      if (/^([≥≤<>=＞＜＝]|\d)/.test(t)) {
        expect(v.kind === 'qualitative' && !PROSE.test(t) ? `${where}: ${raw} read as qualitative` : 'ok').toBe('ok');
      }
      // A comparator anywhere in a short non-prose text means a figure.
      if (/[≥≤<>]/.test(t) && !PROSE.test(t)) {
        expect(v.kind, `${where}: ${raw}`).not.toBe('qualitative');
      }
      // Qualitative values really are words: no figure could be read at their start.
      if (v.kind === 'qualitative' && /^\d/.test(t)) expect(PROSE.test(t), `${where}: ${raw}`).toBe(true);
      expect(printIndicatorValue(v)).toBe(raw);
    }
  });

  it('counts per kind (a change in the grammar shows up here)', () => {
    const counts: Partial<Record<ValueKind, number>> = {};
    for (const { v } of values) counts[v.kind] = (counts[v.kind] ?? 0) + 1;
    const flags = {
      percent: values.filter(({ v }) => v.kind === 'quantity' && v.percent).length,
      percentWord: values.filter(({ v }) => v.kind === 'quantity' && v.percentWord).length,
      money: values.filter(({ v }) => v.kind === 'quantity' && v.money !== undefined).length,
      moneyPerUnit: values.filter(({ v }) => v.kind === 'quantity' && v.money?.perUnit).length,
      withNote: values.filter(({ v }) => (isMeasure(v) || v.kind === 'date') && v.note !== undefined).length,
      labelled: values.filter(({ v }) => isMeasure(v) && v.label !== undefined).length,
      invalidDates: values.filter(({ v }) => v.kind === 'date' && !v.valid).length,
      deadlines: values.filter(({ v }) => v.kind === 'date' && v.deadline).length,
    };
    expect({ counts, flags }).toMatchInlineSnapshot(`
      {
        "counts": {
          "date": 87,
          "duration": 31,
          "qualitative": 221,
          "quantity": 551,
        },
        "flags": {
          "deadlines": 21,
          "invalidDates": 1,
          "labelled": 2,
          "money": 120,
          "moneyPerUnit": 34,
          "percent": 329,
          "percentWord": 28,
          "withNote": 16,
        },
      }
    `);
  });
});
