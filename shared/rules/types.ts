// 审核 rules as data: a code, a severity, a scope, a Chinese title and a check. A region
// tightens or relaxes the catalogue with a RuleConfig (severities, switches, thresholds),
// without code changes; the ruleset applied is recorded with each handover.
import type { IndicatorSystem } from '../templates/indicator-systems.ts';
import type { IndicatorSystemId, TemplateDef } from '../templates/types.ts';
import type { DeptTarget, IndicatorRow, PeriodKey, ProjectFiling } from '../model/filing.ts';
import type { ParsedValue, ValueFix } from '../indicator-value/types.ts';
import type { IndicatorGroup } from './groups.ts';

export type Severity = 'error' | 'warning' | 'hint';
export const SEVERITY_LABELS: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  hint: '提示',
};


/** A change to one field of a filing: set `path` to `value`. */
export interface Patch {
  /** Dotted path with indices: `periods.annual.indicators[3].value`. */
  path: string;
  value: unknown;
  /**
   * What the field held when the fix was computed; `applyFix` refuses to apply a fix
   * whose field has changed since (so a stale fix never overwrites the user's edit).
   */
  expect?: unknown;
}

export interface Fix {
  /** Chinese, shown on the button: `改为“≥90%”`. */
  description: string;
  patch: Patch;
}

export interface FindingLocation {
  projectId: string;
  /** The project name as printed (the table's title). */
  table: string;
  /** Position of the table in the book (第 N 张表). */
  seq?: number;
  period?: PeriodKey;
  /** Index of the indicator row in `periods[period].indicators`. */
  row?: number;
  /** Path of the field in the filing (`periods.annual.indicators[3].value`). */
  field: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  /** Chinese; names the table, the row and the cell. */
  message: string;
  location: FindingLocation;
  fix?: Fix;
  /**
   * The cell takes one of a list and only the user can say which (a 依据 kind): the panel's
   * button (this text) focuses the cell and opens its list (F4). Nothing is chosen for them.
   */
  choose?: string;
  /** What several findings of the rule have in common (`“指标值确定依据”未填写`): the panel lists them as one line with a count. */
  group?: string;
  /**
   * Stable identity, `code@path`, where an indicator row is named by its id instead of
   * its index (`R-SAT-LOW@periods.annual.indicators[id=ab12].value`), so a 说明 stays
   * attached when rows are inserted or moved.
   */
  key: string;
  /** A warning the user has answered with a 说明 (see `filing.explanations`). */
  explained?: boolean;
  explanation?: string;
  /** A 提示 that may be answered with a 说明 (every 警告 may; set only on hints). */
  explainable?: boolean;
}

/** What a rule returns; the engine adds code, severity, table, key and explanation. */
export interface FindingDraft {
  message: string;
  field: string;
  period?: PeriodKey;
  row?: number;
  fix?: Fix;
  choose?: string;
  group?: string;
  /** Overrides the stable path used in the key (default: `field` with row ids). */
  keyPath?: string;
  /** For unit-year findings: the project concerned (default: the first project). */
  projectId?: string;
  table?: string;
  seq?: number;
}

/** Thresholds a region may tune. */
export interface RuleParams {
  /** 满意度 below this percentage is a warning. */
  satisfactionMin: number;
  /** Dates may lie this many years before the fiscal year … */
  dateYearsBefore: number;
  /** … and this many after. */
  dateYearsAfter: number;
  /** A 填报日期 may lie this many years before the fiscal year (filed the year before). */
  fillDateYearsBefore: number;
  /** 效益 values with these words ask for a grade or a measurable value (substance/measurable.ts). */
  vagueWords: string[];
  /** A 成本指标 value made of these words is no cost target (`实际情况`, `据实支付`). */
  costPlaceholderWords: string[];
  /** Rows identical with another table of the unit-year from which on copying is hinted. */
  copiedRowsMin: number;
  /** Bigrams of the project name / 资金用途 that say nothing about it (`项目`, `工作`). */
  genericBigrams: string[];
  /** A figure this many times last year's (or a this-many-th of it) is implausible. */
  jumpFactor: number;
  /** Quantity × unit cost may exceed the budget by this many percent (rounded unit costs). */
  qtyCostTolerancePct: number;
  /** R-FUND-MAGNITUDE: an amount of this many 万元 or more in a 万元 table was likely typed in 元. */
  magnitudeWanyuanMax: number;
  /** … a budget over this many times the median budget of the unit-year's other tables … */
  magnitudeMedianFactor: number;
  /** … (compared only when that many other tables have a budget) … */
  magnitudeMinSiblings: number;
  /** … a cost indicator this many times above or below the budget. */
  magnitudeCostFactor: number;
  /** … and in the yearly forms, an 执行率 (执行数 ÷ 预算数) above this many percent. */
  magnitudeRatePct: number;
  /** R-VALUE-RATIO: a percentage (or bare figure) of at most this on a rate was likely typed as a ratio (0.9 = 90%). */
  ratioMax: number;
  /** … where the indicator's name or description has one of these words … */
  ratioWords: string[];
  /** … and none of these (rates small by nature or changes: 差错率 0.5%, 增长率 1%). */
  ratioSmallWords: string[];
}

export const DEFAULT_PARAMS: RuleParams = {
  satisfactionMin: 80,
  dateYearsBefore: 1,
  dateYearsAfter: 1,
  fillDateYearsBefore: 2,
  vagueWords: [
    '有所', '进一步', '不断', '逐步', '逐年', '持续', '稳步', '显著', '明显', '大幅', '较大',
    '有效', '全面推进', '全方位',
    '一定', '切实', '根据实际情况', '成效明显', '得到提升', '得到提高', '得到改善', '日益',
  ],
  costPlaceholderWords: ['实际情况', '据实', '按实', '按需', '按文件', '按规定', '实报实销', '以实际为准', '实际'],
  copiedRowsMin: 3,
  genericBigrams: ['项目', '工作', '经费', '资金', '专项', '保障', '相关', '用于', '开展', '费用', '支出', '年度', '管理', '单位', '本级', '提升', '提高', '加强', '推进', '确保'],
  jumpFactor: 10,
  qtyCostTolerancePct: 1,
  magnitudeWanyuanMax: 10_000,
  magnitudeMedianFactor: 100,
  magnitudeMinSiblings: 2,
  magnitudeCostFactor: 10_000,
  magnitudeRatePct: 1000,
  ratioMax: 1,
  ratioWords: ['率', '比例', '占比', '比重', '满意度', '覆盖面'],
  ratioSmallWords: [
    '差错', '错误', '失误', '误差', '偏差', '事故', '发生', '投诉', '违规', '违纪', '违法', '不合格', '不良',
    '故障', '损失', '伤亡', '死亡', '感染', '逾期', '超期', '退回', '返工', '流失', '遗漏', '漏报', '重复',
    '拒付', '超支', '增长', '增幅', '涨幅', '下降', '降低', '降幅', '减少', '节约', '提高', '提升', '变动',
  ],
};

/** A region's adjustments of the catalogue. Plain data (it travels with a handover). */
export interface RuleConfig {
  /** Name of the configuration (`默认`, `唐山市财政局 2025`). */
  name?: string;
  rules?: Record<string, { severity?: Severity; enabled?: boolean }>;
  params?: Partial<RuleParams>;
}

/** An indicator row of one period, with its parsed value. */
export interface IndicatorEntry {
  period: PeriodKey;
  index: number;
  row: IndicatorRow;
  value: ParsedValue;
  /** 数量, 质量, 时效, 成本, 效益, 满意度 (by 一级/二级). */
  group: IndicatorGroup;
  /** 成本 in the 二级 or the 一级 (isCost). */
  cost: boolean;
  /** 时效 in the 二级 (isTimeliness). */
  timeliness: boolean;
  /** `periods.annual.indicators[3]` */
  path: string;
  /** The value's suggested fixes, once asked for (helpers.ts fixesOf). */
  fixes?: readonly ValueFix[];
}

/**
 * What a check may know beyond the filing itself. The service that runs 审核 builds it from
 * the store (other tables of the unit-year, last year's filing of the same project); every
 * member is optional, so the engine runs in plain tests with none of it. Its `version` is
 * part of the 审核 counts cache key: whatever changes a finding must change the version.
 */
export interface AuditContext {
  /** The other project tables of the same unit-year (this one excluded), in book order. */
  siblings?: readonly ProjectFiling[];
  /**
   * The whole book the siblings come from (this table included), one array shared by every
   * table's context: rules index it once per book instead of scanning the siblings per table.
   */
  book?: readonly ProjectFiling[];
  /** Last year's filing of the same project (matched by 项目编码, else by name), if stored. */
  lastYear?: ProjectFiling | null;
  /** The filing of the year before last, matched the same way. */
  yearBeforeLast?: ProjectFiling | null;
  /** The unit-year's settings (表样, 指标体系, 审核规则): a table that differs is flagged at once. */
  settings?: { templateId: string; indicatorSystem: IndicatorSystemId; ruleProfile: string } | null;
  /** Identifies the content above (revisions of the filings it holds, the settings); '' when empty. */
  version?: string;
}

export interface ProjectContext {
  filing: ProjectFiling;
  /** Everything beyond the filing (empty when the caller gave none). */
  audit: AuditContext;
  template: TemplateDef;
  system: IndicatorSystem;
  params: RuleParams;
  /** The template's periods, in print order. */
  periods: PeriodKey[];
  /** Indicator rows of one period, parsed once. */
  indicators(period: PeriodKey): IndicatorEntry[];
  /** Indicator rows of every period in print order (built once). */
  rows(): IndicatorEntry[];
  /** What several rules derive from the table, computed once per check (`key` names it). */
  memo<T>(key: string, compute: () => T): T;
  /** 「项目名称」第 N 张表 */
  table: string;
  /** ` 年度` when the template has several periods, '' otherwise. */
  periodLabel(period: PeriodKey): string;
  /** 「项目名称」第 N 张表 年度 效益指标/社会效益指标/“完善医疗保障政策” */
  at(entry: IndicatorEntry): string;
  /** Label of a field as the template prints it (`预算数`, `年度资金总额`, `联系电话`). */
  fieldLabel(path: string): string;
  /** 分 in the template's unit: `280.50 万元` / `1,147,100 元`. */
  money(fen: number): string;
}

export interface UnitYearContext {
  projects: ProjectFiling[];
  deptTarget: DeptTarget | null;
  template: TemplateDef;
  params: RuleParams;
  /** Number of 错误 of each project (after config), by project id. */
  projectErrors: ReadonlyMap<string, number>;
  money(fen: number): string;
}

interface RuleBase {
  code: string;
  severity: Severity;
  title: string;
  /** One line on why the rule exists / what it accepts (shown in the rule list). */
  description?: string;
  /** The bureau's review criterion it anticipates (grade estimate); default 完整性. */
  criterion?: ReviewCriterion;
  /** A hint the user may answer with a 说明 (carried over by 复制上年). */
  explainable?: boolean;
}

/** The criteria of the finance bureau's 绩效目标审核. */
export type ReviewCriterion = '完整性' | '明确性' | '相关性' | '适当性' | '可行性';
export interface ProjectRule extends RuleBase {
  scope: 'project';
  check(ctx: ProjectContext): FindingDraft[];
}
export interface UnitYearRule extends RuleBase {
  scope: 'unit-year';
  check(ctx: UnitYearContext): FindingDraft[];
}
export type Rule = ProjectRule | UnitYearRule;
