// The 审核 catalogue (docs/rules.md). Each rule is data plus a check; messages are Chinese
// and name the table, the row and the cell. Codes are stable: a region's RuleConfig and a
// user's 说明 refer to them.
import { FUNDING_KEYS, PERIOD_LABELS, type FundingKey, type PeriodKey, type ProjectFiling } from '../model/filing.ts';
import { isCostLevel2 } from '../templates/indicator-systems.ts';
import {
  parseDateText,
  parseIndicatorValue,
  suggestValueFixes,
  applyFix as applyValueFix,
  type ValueFix,
  type ValueFixCode,
} from '../indicator-value/index.ts';
import { getAt } from './paths.ts';
import type { FindingDraft, IndicatorEntry, ProjectContext, ProjectRule, Rule, UnitYearRule } from './types.ts';
import { SUBSTANCE_RULES } from './substance/index.ts';

export const RULESET_VERSION = '2025.2';

// ---------------------------------------------------------------------------------------
// helpers

const isBlank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

const q = (s: string): string => `“${s}”`;

function valueFix(entry: IndicatorEntry, fix: ValueFix): FindingDraft['fix'] {
  return {
    description: `改为${q(fix.replacement)}`,
    patch: { path: `${entry.path}.value`, value: fix.replacement, expect: entry.row.value },
  };
}

function isSatisfaction(e: IndicatorEntry): boolean {
  return /满意/.test(e.row.level1) || /满意/.test(e.row.level2);
}
function isCost(e: IndicatorEntry): boolean {
  return isCostLevel2(e.row.level2) || /成本/.test(e.row.level1);
}
function isTimeliness(e: IndicatorEntry): boolean {
  return /时效/.test(e.row.level2);
}

const allCache = new WeakMap<ProjectContext, IndicatorEntry[]>();
/** Every indicator row of every period; computed once per context (many rules walk it). */
function allIndicators(ctx: ProjectContext): IndicatorEntry[] {
  let all = allCache.get(ctx);
  if (!all) {
    all = ctx.periods.flatMap((p) => ctx.indicators(p));
    allCache.set(ctx, all);
  }
  return all;
}

/** The amount of a funding line, or null when blank / the period is missing. */
function amount(f: ProjectFiling, p: PeriodKey, k: FundingKey): number | null {
  return f.periods[p]?.funding[k] ?? null;
}

// ---------------------------------------------------------------------------------------
// Identification and money

const required: ProjectRule = {
  code: 'R-REQUIRED',
  severity: 'error',
  scope: 'project',
  title: '必填项已填写',
  description: '模板列为必填的栏目（项目名称、预算数、绩效目标等）不能为空。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const path of ctx.template.required) {
      const v = getAt(ctx.filing, path);
      if (!isBlank(v)) continue;
      const period = /^periods\.(\w+)\./.exec(path)?.[1] as PeriodKey | undefined;
      out.push({
        message: `${ctx.table} 的${q(ctx.fieldLabel(path))}未填写`,
        field: path,
        ...(period ? { period } : {}),
      });
    }
    return out;
  },
};

const fundSum: ProjectRule = {
  code: 'R-FUND-SUM',
  severity: 'error',
  scope: 'project',
  title: '财政资金 + 其他资金 = 预算数',
  check(ctx) {
    const lines = ctx.template.fundingLines;
    if (!lines.includes('total') || !lines.includes('fiscal')) return [];
    const out: FindingDraft[] = [];
    for (const p of ctx.periods) {
      const total = amount(ctx.filing, p, 'total');
      const fiscal = amount(ctx.filing, p, 'fiscal');
      const other = lines.includes('other') ? amount(ctx.filing, p, 'other') : null;
      if (total === null || (fiscal === null && other === null)) continue;
      const sum = (fiscal ?? 0) + (other ?? 0);
      if (sum === total) continue;
      const fl = ctx.fieldLabel(`periods.${p}.funding.fiscal`);
      const ol = ctx.fieldLabel(`periods.${p}.funding.other`);
      const tl = ctx.fieldLabel(`periods.${p}.funding.total`);
      const draft: FindingDraft = {
        message:
          `${ctx.table} ${q(tl)} ${ctx.money(total)} 不等于 ${q(fl)} ${ctx.money(fiscal ?? 0)}` +
          (lines.includes('other') ? ` + ${q(ol)} ${ctx.money(other ?? 0)}` : '') +
          `（相差 ${ctx.money(Math.abs(total - sum))}）`,
        field: `periods.${p}.funding.total`,
        period: p,
      };
      // One part blank and the rest positive: offer to fill the blank part.
      if (lines.includes('other') && other === null && fiscal !== null && total - fiscal > 0) {
        draft.fix = {
          description: `${ol}填为 ${ctx.money(total - fiscal)}`,
          patch: { path: `periods.${p}.funding.other`, value: total - fiscal, expect: null },
        };
      } else if (fiscal === null && other !== null && total - other >= 0) {
        draft.fix = {
          description: `${fl}填为 ${ctx.money(total - other)}`,
          patch: { path: `periods.${p}.funding.fiscal`, value: total - other, expect: null },
        };
      }
      out.push(draft);
    }
    return out;
  },
};

const SOURCE_KEYS: FundingKey[] = ['central', 'provincial', 'local', 'selfRaised', 'other'];

const fundSources: ProjectRule = {
  code: 'R-FUND-SOURCES',
  severity: 'error',
  scope: 'project',
  title: '资金来源合计等于资金总额（实施期、年度分别核对）',
  check(ctx) {
    const lines = ctx.template.fundingLines;
    const keys = SOURCE_KEYS.filter((k) => lines.includes(k));
    // Only where the table breaks the total down by source (中央/省级/市县/自筹/其他).
    if (!lines.includes('total') || !keys.some((k) => k !== 'other')) return [];
    const out: FindingDraft[] = [];
    for (const p of ctx.periods) {
      const total = amount(ctx.filing, p, 'total');
      const parts = keys.map((k) => amount(ctx.filing, p, k));
      if (total === null || parts.every((x) => x === null)) continue;
      const sum = parts.reduce<number>((a, b) => a + (b ?? 0), 0);
      if (sum === total) continue;
      const detail = keys
        .map((k, i) => `${ctx.fieldLabel(`periods.${p}.funding.${k}`)} ${ctx.money(parts[i] ?? 0)}`)
        .join(' + ');
      out.push({
        message: `${ctx.table} ${q(ctx.fieldLabel(`periods.${p}.funding.total`))} ${ctx.money(total)} 不等于各来源合计 ${ctx.money(sum)}（${detail}）`,
        field: `periods.${p}.funding.total`,
        period: p,
      });
    }
    return out;
  },
};

const annualWithinImplementation: ProjectRule = {
  code: 'R-FUND-ANNUAL-LE-IMPL',
  severity: 'error',
  scope: 'project',
  title: '年度资金不超过实施期资金',
  check(ctx) {
    if (!ctx.periods.includes('implementation') || !ctx.periods.includes('annual')) return [];
    const out: FindingDraft[] = [];
    for (const k of ctx.template.fundingLines) {
      const impl = amount(ctx.filing, 'implementation', k);
      const ann = amount(ctx.filing, 'annual', k);
      if (impl === null || ann === null || ann <= impl) continue;
      out.push({
        message: `${ctx.table} ${q(ctx.fieldLabel(`periods.annual.funding.${k}`))} ${ctx.money(ann)} 超过 ${q(ctx.fieldLabel(`periods.implementation.funding.${k}`))} ${ctx.money(impl)}`,
        field: `periods.annual.funding.${k}`,
        period: 'annual',
      });
    }
    return out;
  },
};

const amountFormat: ProjectRule = {
  code: 'R-FUND-AMOUNT',
  severity: 'error',
  scope: 'project',
  title: '金额非负，万元最多两位小数、元为整数',
  check(ctx) {
    const { unit, decimals } = ctx.template.amount;
    // 1 元 = 100 分; 0.01 万元 = 100 元 = 10000 分. The smallest step the table can print:
    const stepFen = unit === 'yuan' ? 10 ** (2 - decimals) : 10 ** (6 - decimals);
    const what = unit === 'yuan' ? (decimals === 0 ? '整数元' : '两位小数（元）') : `${decimals} 位小数（万元）`;
    const out: FindingDraft[] = [];
    for (const p of ctx.periods) {
      for (const k of FUNDING_KEYS) {
        if (!ctx.template.fundingLines.includes(k)) continue;
        const v = amount(ctx.filing, p, k);
        if (v === null) continue;
        const field = `periods.${p}.funding.${k}`;
        if (!Number.isInteger(v) || v < 0) {
          out.push({ message: `${ctx.table} ${q(ctx.fieldLabel(field))} 不能为负数或非整数分`, field, period: p });
        } else if (v % stepFen !== 0) {
          out.push({
            message: `${ctx.table} ${q(ctx.fieldLabel(field))} 的金额精度超出表格格式（应为${what}）`,
            field,
            period: p,
          });
        }
      }
    }
    return out;
  },
};

const PLAN_KEYS = ['mar', 'jun', 'oct', 'dec'] as const;
const PLAN_LABELS: Record<(typeof PLAN_KEYS)[number], string> = { mar: '3月底', jun: '6月底', oct: '10月底', dec: '12月底' };

const spendingPlan: ProjectRule = {
  code: 'R-SPEND-PLAN',
  severity: 'error',
  scope: 'project',
  title: '资金支出计划逐期不减少且 12 月底为 100%',
  description: '累计支出进度；尚未开始支出的前几期可以空着（视为 0%）。',
  check(ctx) {
    if (!ctx.template.fields.includes('spendingPlan')) return [];
    const plan = ctx.filing.spendingPlan;
    const out: FindingDraft[] = [];
    const label = `${ctx.table} 资金支出计划`;
    if (PLAN_KEYS.every((k) => isBlank(plan[k]))) {
      return [{ message: `${label}未填写`, field: 'spendingPlan' }];
    }
    let prev: number | null = null;
    let prevKey: (typeof PLAN_KEYS)[number] | null = null;
    let started = false;
    for (const k of PLAN_KEYS) {
      const raw = plan[k];
      const field = `spendingPlan.${k}`;
      if (isBlank(raw)) {
        if (started) out.push({ message: `${label} ${PLAN_LABELS[k]} 未填写（之前各期已填写）`, field });
        continue;
      }
      started = true;
      const v = parseIndicatorValue(raw);
      if (v.kind !== 'quantity' || !v.percent || v.comparator !== null || v.note !== undefined || v.upper !== undefined) {
        out.push({ message: `${label} ${PLAN_LABELS[k]} ${q(raw)} 不是百分比（如“50%”）`, field });
        continue;
      }
      if (v.number < 0 || v.number > 100) {
        out.push({ message: `${label} ${PLAN_LABELS[k]} ${q(raw)} 超出 0%—100%`, field });
        continue;
      }
      if (prev !== null && prevKey !== null && v.number < prev) {
        out.push({
          message: `${label} ${PLAN_LABELS[k]} ${q(raw)} 小于 ${PLAN_LABELS[prevKey]} 的 ${prev}%（累计进度不能减少）`,
          field,
        });
      }
      prev = v.number;
      prevKey = k;
    }
    const dec = parseIndicatorValue(plan.dec);
    if (!isBlank(plan.dec) && dec.kind === 'quantity' && dec.percent && dec.number !== 100 && dec.number <= 100) {
      out.push({
        message: `${label} 12月底 应为 100%（全年预算执行完毕），现为 ${q(plan.dec)}`,
        field: 'spendingPlan.dec',
        fix: { description: '12月底改为“100%”', patch: { path: 'spendingPlan.dec', value: '100%', expect: plan.dec } },
      });
    } else if (isBlank(plan.dec)) {
      out.push({ message: `${label} 12月底 未填写（应为 100%）`, field: 'spendingPlan.dec' });
    }
    return out;
  },
};

/** `13020025P00682510503U`: 6-digit region, 2-digit year, `P`, 12 serial/check characters. */
const PROJECT_CODE_RE = /^(\d{6})(\d{2})P([0-9A-Z]{12})$/;

const projectCode: ProjectRule = {
  code: 'R-PROJECT-CODE',
  severity: 'error',
  scope: 'project',
  title: '项目编码符合“区划+年份+P+序号”格式',
  description: '如 13020025P00682510503U：6 位区划代码、2 位立项年份、P、12 位序号和校验字符。',
  check(ctx) {
    if (!ctx.template.fields.includes('projectCode')) return [];
    const code = ctx.filing.projectCode;
    if (isBlank(code)) return []; // R-REQUIRED reports a missing code
    const trimmed = code.trim();
    const m = PROJECT_CODE_RE.exec(trimmed.toUpperCase());
    if (!m) {
      return [
        {
          message: `${ctx.table} 的项目编码 ${q(code)} 格式不正确（应为 6 位区划代码 + 2 位年份 + P + 12 位序号，如“13020025P00682510503U”）`,
          field: 'projectCode',
        },
      ];
    }
    const out: FindingDraft[] = [];
    const yy = Number(m[2]);
    if (yy > ctx.filing.year % 100) {
      out.push({
        message: `${ctx.table} 的项目编码 ${q(code)} 中的立项年份 20${m[2]} 晚于预算年度 ${ctx.filing.year}`,
        field: 'projectCode',
      });
    }
    if (trimmed !== code || trimmed !== trimmed.toUpperCase()) {
      out.push({
        message: `${ctx.table} 的项目编码 ${q(code)} 含空格或小写字母`,
        field: 'projectCode',
        fix: {
          description: `改为${q(trimmed.toUpperCase())}`,
          patch: { path: 'projectCode', value: trimmed.toUpperCase(), expect: code },
        },
      });
    }
    return out;
  },
};

/** Mobile, landline with area code (010, 02X, 0XXX + 7–8 digits), 400/800, or a local number. */
export function looksLikePhone(raw: string): boolean {
  const s = raw.replace(/[\s\-－—()（）]/g, '').replace(/^\+?86/, '');
  const ext = s.replace(/(转|ext\.?|#)\d{1,6}$/i, '');
  return (
    /^1[3-9]\d{9}$/.test(ext) ||
    /^(010|02\d)\d{8}$/.test(ext) ||
    /^0[3-9]\d{2}\d{7,8}$/.test(ext) ||
    /^[48]00\d{7}$/.test(ext) ||
    /^[2-9]\d{6,7}$/.test(ext)
  );
}

const phone: ProjectRule = {
  code: 'R-PHONE',
  severity: 'warning',
  scope: 'project',
  title: '联系电话像电话号码',
  description: '手机 11 位；座机为区号（010、02X 或 4 位）加 7—8 位号码，可带分机。',
  check(ctx) {
    if (!ctx.template.fields.includes('footer')) return [];
    const v = ctx.filing.footer.phone;
    if (isBlank(v) || looksLikePhone(v)) return [];
    return [
      {
        message: `${ctx.table} 的联系电话 ${q(v)} 不像有效的电话号码（手机 11 位；座机为区号加 7—8 位号码），请核对位数`,
        field: 'footer.phone',
      },
    ];
  },
};

/** 填报日期 read as a date: `2022-10-25`, `2022年10月25日`, `20221025`, `20221025153126`. */
function readFillDate(raw: string): { date: ReturnType<typeof parseDateText>; spaced: boolean } {
  const direct = parseDateText(raw.trim());
  if (direct && direct.day !== undefined) return { date: direct, spaced: false };
  // `202302021416 41`: the printed timestamp with a stray space.
  const squeezed = raw.replace(/\s+/g, '');
  if (/^\d+$/.test(squeezed) && squeezed !== raw.trim()) {
    const d = parseDateText(squeezed);
    if (d && d.day !== undefined) return { date: d, spaced: true };
  }
  return { date: null, spaced: false };
}

const fillDate: ProjectRule = {
  code: 'R-FILL-DATE',
  severity: 'error',
  scope: 'project',
  title: '填报日期是真实的日期',
  description:
    '接受 2022-10-25、2022年10月25日、20221025，以及申报系统打印的时间戳 20221025153126（年月日时分秒）。',
  check(ctx) {
    if (!ctx.template.fields.includes('footer')) return [];
    const raw = ctx.filing.footer.date;
    if (isBlank(raw)) return [];
    const { date } = readFillDate(raw);
    if (!date || !date.valid) {
      return [
        {
          message: `${ctx.table} 的填报日期 ${q(raw)} 不是有效日期${date?.problem ? `：${date.problem}` : ''}`,
          field: 'footer.date',
        },
      ];
    }
    return [];
  },
};

const fillDateFormat: ProjectRule = {
  code: 'R-FILL-DATE-FORMAT',
  severity: 'hint',
  scope: 'project',
  title: '填报日期中没有多余空格',
  check(ctx) {
    if (!ctx.template.fields.includes('footer')) return [];
    const raw = ctx.filing.footer.date;
    if (isBlank(raw)) return [];
    const { date, spaced } = readFillDate(raw);
    if (!date || !spaced) return [];
    const fixed = raw.replace(/\s+/g, '');
    return [
      {
        message: `${ctx.table} 的填报日期 ${q(raw)} 中有多余空格`,
        field: 'footer.date',
        fix: { description: `改为${q(fixed)}`, patch: { path: 'footer.date', value: fixed, expect: raw } },
      },
    ];
  },
};

const fillDateRange: ProjectRule = {
  code: 'R-FILL-DATE-RANGE',
  severity: 'warning',
  scope: 'project',
  title: '填报日期在预算年度之前或之内',
  check(ctx) {
    if (!ctx.template.fields.includes('footer')) return [];
    const raw = ctx.filing.footer.date;
    if (isBlank(raw)) return [];
    const { date } = readFillDate(raw);
    if (!date || !date.valid || date.year === undefined) return [];
    const fy = ctx.filing.year;
    if (date.year <= fy && date.year >= fy - ctx.params.fillDateYearsBefore) return [];
    return [
      {
        message: `${ctx.table} 的填报日期 ${q(raw)}（${date.year}年）与预算年度 ${fy} 年不符`,
        field: 'footer.date',
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------
// Indicator table

const noIndicators: ProjectRule = {
  code: 'R-IND-NONE',
  severity: 'error',
  scope: 'project',
  title: '绩效指标表不能为空',
  check(ctx) {
    return ctx.periods
      .filter((p) => ctx.indicators(p).length === 0)
      .map((p) => ({
        message: `${ctx.table}${ctx.periodLabel(p)} 没有填写任何绩效指标`,
        field: `periods.${p}.indicators`,
        period: p,
      }));
  },
};

const level1Missing: ProjectRule = {
  code: 'R-IND-L1-MISSING',
  severity: 'error',
  scope: 'project',
  title: '每个必备一级指标下至少有一个三级指标',
  description: '旧体系：产出、效益、满意度；财预〔2021〕101号体系另有成本指标。不适用的可填“本项目不适用此指标”。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const p of ctx.periods) {
      const rows = ctx.indicators(p);
      if (rows.length === 0) continue; // R-IND-NONE
      for (const l1 of ctx.system.required) {
        if (rows.some((e) => e.row.level1.trim() === l1 && e.row.name.trim() !== '')) continue;
        out.push({
          message: `${ctx.table}${ctx.periodLabel(p)} 缺少${q(l1)}（该一级指标下至少要有一个三级指标）`,
          field: `periods.${p}.indicators`,
          period: p,
          keyPath: `periods.${p}.indicators:${l1}`,
        });
      }
    }
    return out;
  },
};

const level1Known: ProjectRule = {
  code: 'R-IND-L1-UNKNOWN',
  severity: 'error',
  scope: 'project',
  title: '一级指标属于模板的指标体系',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      const l1 = e.row.level1.trim();
      if (ctx.system.level1.includes(l1)) continue;
      // A 二级 that belongs to exactly one 一级 tells which one was meant.
      const owners = Object.entries(ctx.system.level2)
        .filter(([, l2s]) => l2s.includes(e.row.level2.trim()))
        .map(([k]) => k);
      const draft: FindingDraft = {
        message:
          l1 === ''
            ? `${ctx.at(e)} 的一级指标未填写`
            : `${ctx.at(e)} 的一级指标 ${q(l1)} 不在${ctx.system.name}中（应为 ${ctx.system.level1.join('、')} 之一）`,
        field: `${e.path}.level1`,
        period: e.period,
        row: e.index,
      };
      const owner = owners[0];
      if (owners.length === 1 && owner !== undefined) {
        draft.fix = {
          description: `一级指标改为${q(owner)}`,
          patch: { path: `${e.path}.level1`, value: owner, expect: e.row.level1 },
        };
      }
      out.push(draft);
    }
    return out;
  },
};

const level2Parent: ProjectRule = {
  code: 'R-IND-L2-PARENT',
  severity: 'error',
  scope: 'project',
  title: '二级指标属于其一级指标',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      const l1 = e.row.level1.trim();
      const l2 = e.row.level2.trim();
      const allowed = ctx.system.level2[l1];
      if (!allowed) continue; // R-IND-L1-UNKNOWN
      if (allowed.includes(l2)) continue;
      const base = { field: `${e.path}.level2`, period: e.period, row: e.index };
      if (l2 === '') {
        out.push({ ...base, message: `${ctx.at(e)} 的二级指标未填写（${q(l1)}下可选：${allowed.join('、')}）` });
        continue;
      }
      // `生态效益` for `生态效益指标`: offer the full name.
      const near = allowed.find((a) => a === `${l2}指标` || a.replace(/指标$/, '') === l2.replace(/指标$/, ''));
      if (near) {
        out.push({
          ...base,
          message: `${ctx.at(e)} 的二级指标 ${q(l2)} 应写作 ${q(near)}`,
          fix: { description: `二级指标改为${q(near)}`, patch: { path: `${e.path}.level2`, value: near, expect: e.row.level2 } },
        });
        continue;
      }
      const owners = Object.entries(ctx.system.level2)
        .filter(([, l2s]) => l2s.includes(l2))
        .map(([k]) => k);
      const owner = owners[0];
      const draft: FindingDraft = {
        ...base,
        message:
          owner !== undefined
            ? `${ctx.at(e)} 的二级指标 ${q(l2)} 属于 ${q(owner)}，不属于 ${q(l1)}`
            : `${ctx.at(e)} 的二级指标 ${q(l2)} 不在${q(l1)}之下（可选：${allowed.join('、')}）`,
      };
      if (owners.length === 1 && owner !== undefined) {
        draft.fix = {
          description: `一级指标改为${q(owner)}`,
          patch: { path: `${e.path}.level1`, value: owner, expect: e.row.level1 },
        };
      }
      out.push(draft);
    }
    return out;
  },
};

const nameEmpty: ProjectRule = {
  code: 'R-IND-NAME-EMPTY',
  severity: 'error',
  scope: 'project',
  title: '三级指标名称不能为空',
  check(ctx) {
    return allIndicators(ctx)
      .filter((e) => e.row.name.trim() === '')
      .map((e) => ({
        message: `${ctx.at(e)}（第 ${e.index + 1} 行）的三级指标名称为空`,
        field: `${e.path}.name`,
        period: e.period,
        row: e.index,
      }));
  },
};

const valueEmpty: ProjectRule = {
  code: 'R-IND-VALUE-EMPTY',
  severity: 'error',
  scope: 'project',
  title: '指标值不能为空',
  description: '不适用的指标可填写“本项目不适用此指标”。',
  check(ctx) {
    return allIndicators(ctx)
      .filter((e) => e.value.kind === 'empty')
      .map((e) => ({
        message: `${ctx.at(e)} 的指标值为空`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      }));
  },
};

const squash = (s: string): string => s.replace(/\s+/g, '');

/**
 * Duplicates within one period's table. The same 三级 name with the same 指标值 twice is
 * one target stated twice: an error, fixed by deleting the later row. This holds across
 * 二级 too: seed 002 table 51 has “工作完成率 ≥100%” under 数量指标 and again under
 * 质量指标 (the row was copied and only the 二级 changed). The same name with different
 * values is two targets under one name: a warning (it may be meant, e.g. two stages; the
 * user renames, merges or explains).
 */
type Duplicates = { exact: Array<[IndicatorEntry, IndicatorEntry]>; named: Array<[IndicatorEntry, IndicatorEntry]> };
const dupCache = new WeakMap<ProjectContext, Duplicates>();
/** Pairs of repeated 三级 (two rules read it; computed once per context). */
function duplicates(ctx: ProjectContext): Duplicates {
  let d = dupCache.get(ctx);
  if (!d) dupCache.set(ctx, (d = findDuplicates(ctx)));
  return d;
}

function findDuplicates(ctx: ProjectContext): Duplicates {
  const exact: Array<[IndicatorEntry, IndicatorEntry]> = [];
  const named: Array<[IndicatorEntry, IndicatorEntry]> = [];
  for (const p of ctx.periods) {
    const seen = new Map<string, IndicatorEntry>();
    const seenNamed = new Map<string, IndicatorEntry>();
    for (const e of ctx.indicators(p)) {
      if (e.row.name.trim() === '') continue;
      const kName = squash(e.row.name);
      const kFull = `${kName}\u0000${squash(e.row.value)}`;
      const first = seen.get(kFull);
      if (first) {
        exact.push([first, e]);
        continue;
      }
      seen.set(kFull, e);
      const firstNamed = seenNamed.get(kName);
      if (firstNamed) named.push([firstNamed, e]);
      else seenNamed.set(kName, e);
    }
  }
  return { exact, named };
}

const where2 = (e: IndicatorEntry): string => `${e.row.level2.trim() || '（二级指标空）'}`;

const duplicateRow: ProjectRule = {
  code: 'R-IND-DUP',
  severity: 'error',
  scope: 'project',
  title: '同一张表内没有重复的三级指标',
  description: '三级指标名称和指标值都相同的行只能出现一次（即使二级指标不同）。',
  check(ctx) {
    return duplicates(ctx).exact.map(([first, dup]) => {
      const rows = ctx.filing.periods[dup.period]?.indicators ?? [];
      const same2 = squash(first.row.level2) === squash(dup.row.level2);
      return {
        message:
          `${ctx.at(dup)}（第 ${dup.index + 1} 行）与第 ${first.index + 1} 行` +
          (same2 ? '' : `（${where2(first)}）`) +
          `的三级指标和指标值 ${q(dup.row.value)} 相同，是重复行`,
        field: dup.path,
        period: dup.period,
        row: dup.index,
        fix: {
          description: `删除重复的第 ${dup.index + 1} 行`,
          patch: {
            path: `periods.${dup.period}.indicators`,
            value: rows.filter((_, i) => i !== dup.index),
            expect: rows,
          },
        },
      };
    });
  },
};

const duplicateName: ProjectRule = {
  code: 'R-IND-DUP-NAME',
  severity: 'warning',
  scope: 'project',
  title: '同一张表内三级指标名称不重复',
  check(ctx) {
    return duplicates(ctx).named.map(([first, dup]) => ({
      message: `${ctx.at(dup)}（第 ${dup.index + 1} 行）与第 ${first.index + 1} 行（${where2(first)}）名称相同但指标值不同（${q(first.row.value)} / ${q(dup.row.value)}），请合并或改名`,
      field: `${dup.path}.name`,
      period: dup.period,
      row: dup.index,
    }));
  },
};

const valueFormat: ProjectRule = {
  code: 'R-VALUE-FORMAT',
  severity: 'warning',
  scope: 'project',
  title: '定量指标值由比较符、数值和计量单位组成',
  description: '数值后面附带的说明文字应写入指标描述；数值应带计量单位。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      const v = e.value;
      if (v.kind !== 'quantity' && v.kind !== 'duration') continue;
      const base = { field: `${e.path}.value`, period: e.period, row: e.index };
      if (v.note !== undefined) {
        out.push({
          ...base,
          message: `${ctx.at(e)} 的指标值 ${q(v.raw)} 在数值之后还有文字 ${q(v.note)}，请只填写比较符、数值和计量单位，说明写入指标描述`,
        });
      } else if (v.unit === '') {
        out.push({ ...base, message: `${ctx.at(e)} 的指标值 ${q(v.raw)} 缺少计量单位` });
      }
    }
    return out;
  },
};

const percentRange: ProjectRule = {
  code: 'R-VALUE-PERCENT-RANGE',
  severity: 'error',
  scope: 'project',
  title: '百分比在 0%—100% 之间',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      const v = e.value;
      if (v.kind !== 'quantity' || !v.percent) continue;
      const hi = v.upper?.number ?? v.number;
      const over = hi > 100 || (v.comparator === '>' && v.number >= 100);
      if (!over) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(v.raw)} 超过 100%`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

function fixOf(raw: string, codes: ValueFixCode[]): ValueFix | undefined {
  return suggestValueFixes(raw).find((f) => codes.includes(f.code));
}

const ge100: ProjectRule = {
  code: 'R-VALUE-GE100',
  severity: 'hint',
  scope: 'project',
  title: '“≥100%”写作“100%”',
  description: '比率不会超过 100%，“≥100%”就是“100%”。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      const f = fixOf(e.row.value, ['ge-100']);
      if (!f) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(e.row.value)} 建议写作 ${q(f.replacement)}`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
        fix: valueFix(e, f),
      });
    }
    return out;
  },
};

const percentWord: ProjectRule = {
  code: 'R-VALUE-PERCENT-WORD',
  severity: 'warning',
  scope: 'project',
  title: '“百分比”写作“%”',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      const f = fixOf(e.row.value, ['percent-word']);
      if (!f) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(e.row.value)} 用了“百分比”，应写作 ${q(f.replacement)}`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
        fix: valueFix(e, f),
      });
    }
    return out;
  },
};

const NORMALISE_CODES: ValueFixCode[] = ['latex', 'comparator-symbol', 'full-width', 'spaces'];

const normalise: ProjectRule = {
  code: 'R-VALUE-NORMALISE',
  severity: 'hint',
  scope: 'project',
  title: '指标值写法规范（比较符、半角字符、空格）',
  description: '“>=”写作“≥”，全角数字和符号改为半角，去掉多余空格和排版残留符号。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      // Apply every normalisation of this kind in turn: one finding, one fix per value.
      let text = e.row.value;
      const applied: string[] = [];
      for (let guard = 0; guard < 6; guard++) {
        const f = fixOf(text, NORMALISE_CODES);
        if (!f) break;
        applied.push(f.message);
        text = applyValueFix(text, f);
      }
      if (applied.length === 0 || text === e.row.value) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(e.row.value)} 写法不规范，建议改为 ${q(text)}`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
        fix: {
          description: `改为${q(text)}`,
          patch: { path: `${e.path}.value`, value: text, expect: e.row.value },
        },
      });
    }
    return out;
  },
};

const costBudget: ProjectRule = {
  code: 'R-COST-BUDGET',
  severity: 'error',
  scope: 'project',
  title: '成本指标的上限不超过本表预算',
  description: '元、万元、亿元换算后比较；按人、按月等单价（元/人/年）不与预算比较。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      const v = e.value;
      if (!isCost(e) || v.kind !== 'quantity' || !v.money || v.money.perUnit) continue;
      if (v.comparator === '≥' || v.comparator === '>') continue; // R-COST-FLOOR
      const budget = amount(ctx.filing, e.period, 'total');
      if (budget === null) continue;
      const ceiling = v.money.upperFen ?? v.money.fen;
      if (ceiling <= budget) continue;
      out.push({
        message:
          `${ctx.at(e)} 的指标值 ${q(v.raw)}（即 ${ctx.money(ceiling)}）超过本表` +
          `${q(ctx.fieldLabel(`periods.${e.period}.funding.total`))} ${ctx.money(budget)}，请核对金额或单位（元/万元）`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

const costFloor: ProjectRule = {
  code: 'R-COST-FLOOR',
  severity: 'warning',
  scope: 'project',
  title: '成本指标一般用“≤”设上限',
  description: '成本指标控制支出上限，“≥”表示至少花多少，通常是写反了。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      const v = e.value;
      if (!isCost(e) || v.kind !== 'quantity' || !v.money) continue;
      if (v.comparator !== '≥' && v.comparator !== '>') continue;
      // No one-click fix: a floor can be meant (a subsidy standard “≥610元/人”); the user
      // either turns it into a ceiling or explains.
      out.push({
        message: `${ctx.at(e)} 是成本指标，指标值 ${q(v.raw)} 用了下限“${v.comparatorText}”，成本指标通常用“≤”设上限；如确为下限（如补助标准），请填写说明`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

const dateInvalid: ProjectRule = {
  code: 'R-DATE-INVALID',
  severity: 'error',
  scope: 'project',
  title: '日期真实存在',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      const v = e.value;
      if (v.kind !== 'date' || v.valid) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(v.raw)} 不是有效日期：${v.problem ?? ''}`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

const dateRange: ProjectRule = {
  code: 'R-DATE-RANGE',
  severity: 'warning',
  scope: 'project',
  title: '时效日期在预算年度前后一年内',
  check(ctx) {
    const out: FindingDraft[] = [];
    const fy = ctx.filing.year;
    const lo = fy - ctx.params.dateYearsBefore;
    const hi = fy + ctx.params.dateYearsAfter;
    for (const e of allIndicators(ctx)) {
      const v = e.value;
      if (v.kind !== 'date' || !v.valid || v.year === undefined) continue;
      if (v.year >= lo && v.year <= hi) continue;
      out.push({
        message: `${ctx.at(e)} 的指标值 ${q(v.raw)} 在 ${v.year} 年，与预算年度 ${fy} 年相差较远`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

const timelinessKind: ProjectRule = {
  code: 'R-TIME-VALUE',
  severity: 'hint',
  scope: 'project',
  title: '时效指标填写日期或时限',
  description: '时效指标的指标值一般是完成日期（2025年12月31日前）或时限（≤30个工作日）。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      if (!isTimeliness(e)) continue;
      const k = e.value.kind;
      if (k === 'date' || k === 'duration' || k === 'empty' || k === 'notApplicable') continue;
      if (k === 'quantity' && e.value.kind === 'quantity' && (e.value.percent || e.value.unit !== '')) continue; // 及时率 ≥95%, ≥12次
      out.push({
        message: `${ctx.at(e)} 是时效指标，指标值 ${q(e.row.value)} 不是日期或时限`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

const satisfactionLow: ProjectRule = {
  code: 'R-SAT-LOW',
  severity: 'warning',
  scope: 'project',
  title: '满意度目标不低于 80%',
  description: '满意度目标通常为 80%—95%；阈值可由地区配置。',
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const e of allIndicators(ctx)) {
      const v = e.value;
      if (!isSatisfaction(e) || v.kind !== 'quantity' || !v.percent) continue;
      if (v.comparator === '≤' || v.comparator === '<') {
        out.push({
          message: `${ctx.at(e)} 的满意度指标值 ${q(v.raw)} 用了上限“${v.comparatorText}”，满意度应设下限（≥）`,
          field: `${e.path}.value`,
          period: e.period,
          row: e.index,
        });
        continue;
      }
      if (v.number >= ctx.params.satisfactionMin) continue;
      out.push({
        message: `${ctx.at(e)} 的满意度指标值 ${q(v.raw)} 低于 ${ctx.params.satisfactionMin}%`,
        field: `${e.path}.value`,
        period: e.period,
        row: e.index,
      });
    }
    return out;
  },
};

function columnFilled(column: 'basis' | 'standard', code: string, title: string, label: string): ProjectRule {
  return {
    code,
    severity: 'warning',
    scope: 'project',
    title,
    check(ctx) {
      if (!ctx.template.indicatorColumns.includes(column)) return [];
      const out: FindingDraft[] = [];
      for (const p of ctx.periods) {
        const rows = ctx.indicators(p);
        const empty = rows.filter((e) => e.row[column].trim() === '');
        if (empty.length === 0) continue;
        if (empty.length === rows.length && rows.length > 1) {
          // The whole column is blank: one finding for the table, not one per row.
          out.push({
            message: `${ctx.table}${ctx.periodLabel(p)} 的${q(label)}一栏全部未填写（${rows.length} 行）`,
            field: `periods.${p}.indicators[*].${column}`,
            period: p,
          });
          continue;
        }
        for (const e of empty) {
          out.push({
            message: `${ctx.at(e)} 的${q(label)}未填写`,
            field: `${e.path}.${column}`,
            period: p,
            row: e.index,
          });
        }
      }
      return out;
    },
  };
}

const basisFilled = columnFilled('basis', 'R-IND-BASIS', '指标值确定依据已填写', '指标值确定依据');
const standardFilled = columnFilled('standard', 'R-IND-STANDARD', '绩效标准已填写', '绩效标准');

/** Placeholders left in a form: XX, XXX, **, ××, ○○, 待定, 某某, 待补充. */
export const PLACEHOLDER_RE = /(?<![A-Za-z])[Xx×]{2,}(?![A-Za-z])|\*{2,}|＊{2,}|○{2,}|□{2,}|待定|待补充|待填写?|某某|？{2,}|\?{2,}/;

/** Every text of the filing joined (fields separated so no placeholder spans two). */
function allText(ctx: ProjectContext): string {
  const f = ctx.filing;
  const parts: string[] = [f.name, f.projectCode, f.implementingUnit, f.attribute, f.duration, f.fundUse];
  for (const v of Object.values(f.prose)) parts.push(v);
  for (const v of Object.values(f.footer)) parts.push(v);
  for (const p of ctx.periods) {
    const per = f.periods[p];
    if (!per) continue;
    parts.push(per.goal);
    for (const r of per.indicators) parts.push(r.name, r.description, r.value, r.basis, r.standard);
  }
  return parts.join('\n');
}

function textFields(ctx: ProjectContext): Array<{ path: string; label: string; text: string; entry?: IndicatorEntry }> {
  const f = ctx.filing;
  const out: Array<{ path: string; label: string; text: string; entry?: IndicatorEntry }> = [
    { path: 'name', label: '项目名称', text: f.name },
    { path: 'projectCode', label: '项目编码', text: f.projectCode },
    { path: 'implementingUnit', label: '实施单位', text: f.implementingUnit },
    { path: 'attribute', label: '项目属性', text: f.attribute },
    { path: 'duration', label: '项目期', text: f.duration },
    { path: 'fundUse', label: '资金用途', text: f.fundUse },
    ...(['overview', 'basis', 'necessity', 'measures', 'plan'] as const).map((k) => ({
      path: `prose.${k}`,
      label: ctx.fieldLabel(`prose.${k}`),
      text: f.prose[k],
    })),
    ...(['head', 'handler', 'phone', 'date'] as const).map((k) => ({
      path: `footer.${k}`,
      label: ctx.fieldLabel(`footer.${k}`),
      text: f.footer[k],
    })),
  ];
  for (const p of ctx.periods) {
    const per = f.periods[p];
    if (!per) continue;
    out.push({ path: `periods.${p}.goal`, label: ctx.fieldLabel(`periods.${p}.goal`), text: per.goal });
    for (const e of ctx.indicators(p)) {
      for (const [col, label] of [
        ['name', '三级指标'],
        ['description', '绩效指标描述'],
        ['value', '指标值'],
        ['basis', '指标值确定依据'],
        ['standard', '绩效标准'],
      ] as const) {
        out.push({ path: `${e.path}.${col}`, label, text: e.row[col], entry: e });
      }
    }
  }
  return out;
}

const placeholder: ProjectRule = {
  code: 'R-PLACEHOLDER',
  severity: 'error',
  scope: 'project',
  title: '没有遗留的占位符（XX、**、待定）',
  check(ctx) {
    const out: FindingDraft[] = [];
    if (!PLACEHOLDER_RE.test(allText(ctx))) return out; // the common case: one scan, no labels built
    for (const t of textFields(ctx)) {
      const m = PLACEHOLDER_RE.exec(t.text);
      if (!m) continue;
      const where = t.entry ? `${ctx.at(t.entry)} 的${q(t.label)}` : `${ctx.table} 的${q(t.label)}`;
      out.push({
        message: `${where}含有占位符 ${q(m[0])}，请填写实际内容`,
        field: t.path,
        ...(t.entry ? { period: t.entry.period, row: t.entry.index } : {}),
      });
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------
// Unit-year

const unitProjectsPass: UnitYearRule = {
  code: 'R-UNIT-PROJECTS',
  severity: 'error',
  scope: 'unit-year',
  title: '本单位本年度每张项目表都通过审核',
  check(ctx) {
    const failing = ctx.projects.filter((p) => (ctx.projectFindings.get(p.id) ?? []).some((f) => f.severity === 'error'));
    if (failing.length === 0) return [];
    const list = failing.map((p) => `第 ${p.seq} 张「${p.name || '（未命名）'}」`).join('、');
    return [
      {
        message: `共 ${ctx.projects.length} 张项目表，其中 ${failing.length} 张存在错误，尚不能上报：${list}`,
        field: 'projects',
      },
    ];
  },
};

const unitYearConsistent: UnitYearRule = {
  code: 'R-UNIT-YEAR',
  severity: 'error',
  scope: 'unit-year',
  title: '同一批上报的项目表属于同一预算年度、使用同一模板',
  check(ctx) {
    const out: FindingDraft[] = [];
    const years = new Set(ctx.projects.map((p) => p.year));
    if (years.size > 1) {
      out.push({ message: `本批项目表的预算年度不一致：${[...years].sort().join('、')}`, field: 'year' });
    }
    for (const p of ctx.projects) {
      if (p.templateId !== ctx.template.id) {
        out.push({
          message: `第 ${p.seq} 张「${p.name}」使用模板 ${p.templateId}，与本批的模板 ${ctx.template.id} 不同`,
          field: 'templateId',
          projectId: p.id,
          table: p.name,
          seq: p.seq,
        });
      }
    }
    if (ctx.deptTarget && years.size === 1 && !years.has(ctx.deptTarget.year)) {
      out.push({ message: `部门整体绩效目标的年度 ${ctx.deptTarget.year} 与项目表的年度不一致`, field: 'deptTarget.year' });
    }
    return out;
  },
};

const unitDeptText: UnitYearRule = {
  code: 'R-UNIT-DEPT',
  severity: 'error',
  scope: 'unit-year',
  title: '部门整体绩效目标已填写',
  description: '模板的报送文本包含“部门整体绩效目标”部分时必填。',
  check(ctx) {
    if (!ctx.template.book.departmentPart) return [];
    const d = ctx.deptTarget;
    if (!d || d.overall.trim() === '') {
      return [{ message: '部门整体绩效目标（一、总体绩效目标）未填写', field: 'deptTarget.overall' }];
    }
    return [];
  },
};

const unitDeptItems: UnitYearRule = {
  code: 'R-UNIT-DEPT-ITEMS',
  severity: 'warning',
  scope: 'unit-year',
  title: '部门整体绩效目标有分项目标和保障措施',
  check(ctx) {
    if (!ctx.template.book.departmentPart || !ctx.deptTarget || ctx.deptTarget.overall.trim() === '') return [];
    const out: FindingDraft[] = [];
    const d = ctx.deptTarget;
    if (d.items.length === 0) out.push({ message: '部门整体绩效目标没有“二、分项绩效目标”', field: 'deptTarget.items' });
    d.items.forEach((it, i) => {
      if (it.goal.trim() === '' || it.indicators.trim() === '') {
        out.push({
          message: `部门整体绩效目标 分项 ${i + 1}「${it.title}」的${it.goal.trim() === '' ? '绩效目标' : '绩效指标'}未填写`,
          field: `deptTarget.items[${i}]`,
        });
      }
    });
    if (d.measures.length === 0) out.push({ message: '部门整体绩效目标没有“三、工作保障措施”', field: 'deptTarget.measures' });
    return out;
  },
};

const unitDuplicateCode: UnitYearRule = {
  code: 'R-UNIT-DUP-CODE',
  severity: 'error',
  scope: 'unit-year',
  title: '同一单位的项目编码不重复',
  description: '同一部门的不同单位可以共用一个项目编码（分别申报各自的资金）。',
  check(ctx) {
    const out: FindingDraft[] = [];
    const seen = new Map<string, ProjectFiling>();
    for (const p of ctx.projects) {
      const code = p.projectCode.trim();
      if (code === '') continue;
      const k = `${p.unitCode}\u0000${code}`;
      const first = seen.get(k);
      if (first) {
        out.push({
          message: `第 ${p.seq} 张「${p.name}」与第 ${first.seq} 张「${first.name}」是同一单位（${p.unitCode}），项目编码 ${q(code)} 相同`,
          field: 'projectCode',
          projectId: p.id,
          table: p.name,
          seq: p.seq,
        });
      } else seen.set(k, p);
    }
    return out;
  },
};

const unitDuplicateName: UnitYearRule = {
  code: 'R-UNIT-DUP-NAME',
  severity: 'warning',
  scope: 'unit-year',
  title: '同一单位的项目名称不重复',
  check(ctx) {
    const out: FindingDraft[] = [];
    const seen = new Map<string, ProjectFiling>();
    for (const p of ctx.projects) {
      const name = squash(p.name);
      if (name === '') continue;
      const k = `${p.unitCode}\u0000${name}`;
      const first = seen.get(k);
      if (first) {
        out.push({
          message: `第 ${p.seq} 张与第 ${first.seq} 张是同一单位（${p.unitCode}）的同名项目「${p.name}」`,
          field: 'name',
          projectId: p.id,
          table: p.name,
          seq: p.seq,
        });
      } else seen.set(k, p);
    }
    return out;
  },
};

const unitTotals: UnitYearRule = {
  code: 'R-UNIT-TOTAL',
  severity: 'hint',
  scope: 'unit-year',
  title: '各项目预算合计',
  description: '列出本批项目表年度预算的合计，供与单位预算核对。',
  check(ctx) {
    if (ctx.projects.length === 0) return [];
    const period: PeriodKey = ctx.template.periods.includes('annual') ? 'annual' : (ctx.template.periods.at(-1) ?? 'annual');
    const byUnit = new Map<string, { n: number; total: number; fiscal: number; other: number }>();
    for (const p of ctx.projects) {
      const f = p.periods[period]?.funding;
      const u = byUnit.get(p.unitCode) ?? { n: 0, total: 0, fiscal: 0, other: 0 };
      u.n += 1;
      u.total += f?.total ?? 0;
      u.fiscal += f?.fiscal ?? (f ? (f.central ?? 0) + (f.provincial ?? 0) + (f.local ?? 0) : 0);
      u.other += f?.other ?? 0;
      byUnit.set(p.unitCode, u);
    }
    const all = [...byUnit.values()].reduce((a, b) => ({
      n: a.n + b.n,
      total: a.total + b.total,
      fiscal: a.fiscal + b.fiscal,
      other: a.other + b.other,
    }));
    const label = PERIOD_LABELS[period];
    const parts =
      byUnit.size > 1
        ? '；其中 ' + [...byUnit.entries()].map(([code, u]) => `${code}：${u.n} 个项目 ${ctx.money(u.total)}`).join('，')
        : '';
    return [
      {
        message: `共 ${all.n} 个项目，${label}预算合计 ${ctx.money(all.total)}（财政资金 ${ctx.money(all.fiscal)}，其他资金 ${ctx.money(all.other)}）${parts}。请与单位预算核对`,
        field: `periods.${period}.funding.total`,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------

/** The catalogue, in the order findings are listed. */
export const RULES: readonly Rule[] = [
  required,
  fundSum,
  fundSources,
  annualWithinImplementation,
  amountFormat,
  spendingPlan,
  projectCode,
  phone,
  fillDate,
  fillDateFormat,
  fillDateRange,
  noIndicators,
  level1Missing,
  level1Known,
  level2Parent,
  nameEmpty,
  valueEmpty,
  duplicateRow,
  duplicateName,
  valueFormat,
  percentRange,
  ge100,
  percentWord,
  normalise,
  costBudget,
  costFloor,
  dateInvalid,
  dateRange,
  timelinessKind,
  satisfactionLow,
  basisFilled,
  standardFilled,
  placeholder,
  ...SUBSTANCE_RULES,
  unitProjectsPass,
  unitYearConsistent,
  unitDeptText,
  unitDeptItems,
  unitDuplicateCode,
  unitDuplicateName,
  unitTotals,
];
