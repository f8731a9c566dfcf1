// Runs the catalogue over a project table or a unit-year, applies a region's RuleConfig,
// attaches 说明 to warnings, and applies fixes (purely: a new filing is returned).
import { PERIOD_LABELS, type DeptTarget, type PeriodKey, type ProjectFiling } from '../model/filing.ts';
import { INDICATOR_SYSTEMS } from '../templates/indicator-systems.ts';
import type { TemplateDef } from '../templates/types.ts';
import { parseIndicatorValue } from '../indicator-value/parse.ts';
import { fenToDecimalText } from '../indicator-value/money.ts';
import { RULES, RULESET_VERSION } from './catalogue.ts';
import { getAt, sameValue, setAt } from './paths.ts';
import {
  DEFAULT_PARAMS,
  type Finding,
  type FindingDraft,
  type Fix,
  type IndicatorEntry,
  type ProjectContext,
  type Rule,
  type RuleConfig,
  type RuleParams,
  type Severity,
  type UnitYearContext,
  type AuditContext,
} from './types.ts';

export interface ValidateOptions {
  config?: RuleConfig;
  /** Another catalogue (tests, a region's extra rules); default RULES. */
  rules?: readonly Rule[];
  /** Other tables of the unit-year, last year's filing … (see AuditContext). */
  context?: AuditContext;
  /** For a unit-year: the context of each table beyond its siblings (last year …). */
  contextFor?: (filing: ProjectFiling) => AuditContext;
}

/** A rule as applied under a config. */
export interface AppliedRule {
  code: string;
  title: string;
  scope: Rule['scope'];
  severity: Severity;
  enabled: boolean;
}

/** What was applied; recorded with each handover. */
export interface RulesetRecord {
  version: string;
  config: string;
  params: RuleParams;
  rules: AppliedRule[];
}

export function describeRuleset(config: RuleConfig = {}, rules: readonly Rule[] = RULES): RulesetRecord {
  return {
    version: RULESET_VERSION,
    config: config.name ?? '默认',
    params: { ...DEFAULT_PARAMS, ...config.params },
    rules: rules.map((r) => {
      const o = config.rules?.[r.code];
      return {
        code: r.code,
        title: r.title,
        scope: r.scope,
        severity: o?.severity ?? r.severity,
        enabled: o?.enabled ?? true,
      };
    }),
  };
}

function activeRules<S extends Rule['scope']>(
  scope: S,
  opts: ValidateOptions,
): Array<{ rule: Extract<Rule, { scope: S }>; severity: Severity }> {
  const rules = opts.rules ?? RULES;
  const out: Array<{ rule: Extract<Rule, { scope: S }>; severity: Severity }> = [];
  for (const r of rules) {
    if (r.scope !== scope) continue;
    const o = opts.config?.rules?.[r.code];
    if (o?.enabled === false) continue;
    out.push({ rule: r as Extract<Rule, { scope: S }>, severity: o?.severity ?? r.severity });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Labels

const FIELD_LABELS: Record<string, string> = {
  name: '项目名称',
  projectCode: '项目编码',
  implementingUnit: '实施单位',
  attribute: '项目属性',
  duration: '项目期',
  fundUse: '资金用途',
  spendingPlan: '资金支出计划',
  'spendingPlan.mar': '3月底支出进度',
  'spendingPlan.jun': '6月底支出进度',
  'spendingPlan.oct': '10月底支出进度',
  'spendingPlan.dec': '12月底支出进度',
  'prose.overview': '项目概况',
  'prose.basis': '立项依据',
  'prose.necessity': '项目设立必要性',
  'prose.measures': '保证项目实施的制度、措施',
  'prose.plan': '项目实施计划',
  'footer.head': '负责人',
  'footer.handler': '经办人',
  'footer.phone': '联系电话',
  'footer.date': '填报日期',
};

const FUNDING_LABELS: Record<string, string> = {
  total: '资金总额',
  fiscal: '财政资金',
  central: '中央财政资金',
  provincial: '省级财政资金',
  local: '市县（区）财政资金',
  selfRaised: '单位自筹',
  other: '其他资金',
};

/** The label printed before a field in its row of the template's layout, if any. */
function layoutLabel(template: TemplateDef, path: string): string | null {
  for (const block of template.layout.blocks) {
    if (block.kind !== 'rows') continue;
    for (const row of block.rows) {
      let label: string | null = null;
      for (const cell of row.cells) {
        if ('text' in cell) label = cell.text;
        else if (cell.field === path) return label;
        else label = null;
      }
    }
  }
  return null;
}

const labelCache = new WeakMap<TemplateDef, Map<string, string>>();

/** The Chinese name of a field as the template's table prints it (memoised per template). */
export function fieldLabel(template: TemplateDef, path: string): string {
  let cache = labelCache.get(template);
  if (!cache) labelCache.set(template, (cache = new Map()));
  let label = cache.get(path);
  if (label === undefined) cache.set(path, (label = fieldLabelUncached(template, path)));
  return label;
}

function fieldLabelUncached(template: TemplateDef, path: string): string {
  const m = /^periods\.(\w+)\.(funding\.(\w+)|goal|rangeLabel|indicators)$/.exec(path);
  const period = m?.[1] as PeriodKey | undefined;
  const periodWord = period && template.periods.length > 1 ? PERIOD_LABELS[period] ?? '' : '';
  let label = layoutLabel(template, path);
  if (label !== null) {
    label = label.replace(/^其中[:：]\s*/, '').replace(/[:：]\s*$/, '').replace(/\s+/g, '');
    if (periodWord && !label.includes(periodWord)) label = periodWord + label;
    return label;
  }
  if (m && period) {
    if (m[3]) return periodWord + (FUNDING_LABELS[m[3]] ?? m[3]);
    if (m[2] === 'goal') return periodWord ? `${periodWord}目标` : '绩效目标';
    if (m[2] === 'rangeLabel') return `${periodWord}目标期间`;
    return `${periodWord}绩效指标`;
  }
  return FIELD_LABELS[path] ?? path;
}

export function formatMoney(template: TemplateDef, fen: number): string {
  if (template.amount.unit === 'wanyuan') {
    return `${fenToDecimalText(fen, '万元', Math.max(2, template.amount.decimals))} 万元`;
  }
  const text = fenToDecimalText(fen, '元', fen % 100 === 0 ? 0 : 2);
  const [i = '0', f] = text.split('.');
  const grouped = template.amount.thousands ? i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : i;
  return `${grouped}${f !== undefined ? '.' + f : ''} 元`;
}

// ---------------------------------------------------------------------------------------
// Project

function projectTitle(f: ProjectFiling): string {
  return `「${f.name.trim() || '（未命名项目）'}」第 ${f.seq} 张表`;
}

export function buildProjectContext(
  filing: ProjectFiling,
  template: TemplateDef,
  params: RuleParams,
  audit: AuditContext = {},
): ProjectContext {
  const system = INDICATOR_SYSTEMS[template.indicatorSystem];
  const cache = new Map<PeriodKey, IndicatorEntry[]>();
  const table = projectTitle(filing);
  const periodLabel = (p: PeriodKey): string => (template.periods.length > 1 ? ` ${PERIOD_LABELS[p]}` : '');
  return {
    filing,
    audit,
    template,
    system,
    params,
    periods: [...template.periods],
    indicators(period) {
      let list = cache.get(period);
      if (!list) {
        list = (filing.periods[period]?.indicators ?? []).map((row, index) => ({
          period,
          index,
          row,
          value: parseIndicatorValue(row.value),
          path: `periods.${period}.indicators[${index}]`,
        }));
        cache.set(period, list);
      }
      return list;
    },
    table,
    periodLabel,
    at(e) {
      const r = e.row;
      return `${table}${periodLabel(e.period)} ${r.level1.trim() || '（一级指标空）'}/${r.level2.trim() || '（二级指标空）'}/“${r.name.trim() || '（三级指标空）'}”`;
    },
    fieldLabel: (path) => fieldLabel(template, path),
    money: (fen) => formatMoney(template, fen),
  };
}

/** `periods.annual.indicators[3].value` → `periods.annual.indicators[id=…].value`. */
function stablePath(filing: ProjectFiling | null, path: string): string {
  if (!filing) return path;
  return path.replace(/^periods\.(\w+)\.indicators\[(\d+)\]/, (all, p: string, i: string) => {
    const row = filing.periods[p as PeriodKey]?.indicators[Number(i)];
    return row ? `periods.${p}.indicators[id=${row.id}]` : all;
  });
}

function finalise(
  draft: FindingDraft,
  code: string,
  severity: Severity,
  filing: ProjectFiling | null,
  fallback: { projectId: string; table: string; seq?: number },
  explainableHint = false,
): Finding {
  const keyPath = draft.keyPath ?? stablePath(filing, draft.field);
  const projectId = draft.projectId ?? fallback.projectId;
  const key = filing ? `${code}@${keyPath}` : `${code}@${draft.projectId ? projectId + ':' : ''}${keyPath}`;
  const seq = draft.seq ?? fallback.seq;
  const finding: Finding = {
    code,
    severity,
    message: draft.message,
    location: {
      projectId,
      table: draft.table ?? fallback.table,
      ...(seq !== undefined ? { seq } : {}),
      ...(draft.period ? { period: draft.period } : {}),
      ...(draft.row !== undefined ? { row: draft.row } : {}),
      field: draft.field,
    },
    ...(draft.fix ? { fix: draft.fix } : {}),
    key,
  };
  if (explainableHint && severity === 'hint') finding.explainable = true;
  if (filing && (severity === 'warning' || finding.explainable)) {
    const ex = filing.explanations.find((e) => e.key === key);
    if (ex) {
      finding.explained = true;
      finding.explanation = ex.text;
    }
  }
  return finding;
}

/**
 * Check one project table. Findings come in catalogue order; a rule that throws is
 * reported as an error finding (`R-ENGINE`) instead of breaking the whole check.
 */
export function validateProject(filing: ProjectFiling, template: TemplateDef, opts: ValidateOptions = {}): Finding[] {
  const params: RuleParams = { ...DEFAULT_PARAMS, ...opts.config?.params };
  const ctx = buildProjectContext(filing, template, params, opts.context);
  const fallback = { projectId: filing.id, table: filing.name, seq: filing.seq };
  const out: Finding[] = [];
  if (filing.templateId !== template.id) {
    out.push(
      finalise(
        { message: `${ctx.table} 使用模板 ${filing.templateId}，却按模板 ${template.id} 审核`, field: 'templateId' },
        'R-TEMPLATE',
        'error',
        filing,
        fallback,
      ),
    );
  }
  for (const { rule, severity } of activeRules('project', opts)) {
    let drafts: FindingDraft[];
    try {
      drafts = rule.check(ctx);
    } catch (e) {
      drafts = [];
      out.push(
        finalise(
          { message: `审核规则 ${rule.code}（${rule.title}）执行出错：${e instanceof Error ? e.message : String(e)}`, field: '' },
          'R-ENGINE',
          'error',
          filing,
          fallback,
        ),
      );
    }
    for (const d of drafts) out.push(finalise(d, rule.code, severity, filing, fallback, rule.explainable));
  }
  return out;
}

export interface FindingSummary {
  errors: number;
  warnings: number;
  hints: number;
  /** Warnings without a 说明. */
  unexplainedWarnings: number;
  /** No 错误: the filing may be marked ready once every warning is explained. */
  blocking: boolean;
  /** No 错误 and every 警告 explained. */
  ready: boolean;
}

export function summarise(findings: readonly Finding[]): FindingSummary {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const hints = findings.filter((f) => f.severity === 'hint').length;
  const unexplainedWarnings = findings.filter((f) => f.severity === 'warning' && !f.explained).length;
  return { errors, warnings, hints, unexplainedWarnings, blocking: errors > 0, ready: errors === 0 && unexplainedWarnings === 0 };
}

// ---------------------------------------------------------------------------------------
// Unit-year

export interface UnitYearReport {
  ruleset: RulesetRecord;
  /** Unit-level findings first, then each project's, in book order. */
  findings: Finding[];
  unitFindings: Finding[];
  byProject: Record<string, Finding[]>;
  summary: FindingSummary;
}

/**
 * The unit-level findings of a unit-year (or of a department book spanning several
 * units): every project passes (R-UNIT-PROJECTS, which runs the project checks),
 * department text, duplicates, totals. Project findings themselves are not repeated
 * here; `auditUnitYear` returns both.
 */
export function validateUnitYear(
  projects: readonly ProjectFiling[],
  deptTarget: DeptTarget | null | undefined,
  template: TemplateDef,
  opts: ValidateOptions = {},
): Finding[] {
  return auditUnitYear(projects, deptTarget, template, opts).unitFindings;
}

/** Everything about a unit-year: unit-level findings, each project's, and a summary. */
export function auditUnitYear(
  projects: readonly ProjectFiling[],
  deptTarget: DeptTarget | null | undefined,
  template: TemplateDef,
  opts: ValidateOptions = {},
): UnitYearReport {
  const params: RuleParams = { ...DEFAULT_PARAMS, ...opts.config?.params };
  const sorted = [...projects].sort((a, b) => a.seq - b.seq);
  const byProject: Record<string, Finding[]> = {};
  const projectFindings = new Map<string, Finding[]>();
  for (const p of sorted) {
    const context: AuditContext = { siblings: sorted.filter((x) => x !== p), ...opts.contextFor?.(p) };
    const f = validateProject(p, template, { ...opts, context });
    byProject[p.id] = f;
    projectFindings.set(p.id, f);
  }
  const ctx: UnitYearContext = {
    projects: sorted,
    deptTarget: deptTarget ?? null,
    template,
    params,
    projectFindings,
    money: (fen) => formatMoney(template, fen),
  };
  const first = sorted[0];
  const unitLabel = first ? `${first.unitCode} ${first.year} 年` : '本单位';
  const unitFindings: Finding[] = [];
  for (const { rule, severity } of activeRules('unit-year', opts)) {
    let drafts: FindingDraft[];
    try {
      drafts = rule.check(ctx);
    } catch (e) {
      drafts = [{ message: `审核规则 ${rule.code} 执行出错：${e instanceof Error ? e.message : String(e)}`, field: '' }];
    }
    for (const d of drafts) {
      const fin = finalise(d, rule.code, severity, null, { projectId: '', table: unitLabel });
      unitFindings.push(fin);
    }
  }
  const findings = [...unitFindings, ...sorted.flatMap((p) => byProject[p.id] ?? [])];
  return { ruleset: describeRuleset(opts.config, opts.rules), findings, unitFindings, byProject, summary: summarise(findings) };
}

// ---------------------------------------------------------------------------------------
// Fixes

/**
 * The filing with the fix applied; the input is not changed. Throws if the field no longer
 * holds what the fix was computed from (`patch.expect`), or the path does not exist.
 */
export function applyFix(filing: ProjectFiling, fix: Fix): ProjectFiling {
  const { path, value } = fix.patch;
  if ('expect' in fix.patch) {
    const current = getAt(filing, path);
    const expected = fix.patch.expect;
    const bothBlank = (current === undefined || current === null) && (expected === undefined || expected === null);
    if (!bothBlank && !sameValue(current, expected)) {
      throw new Error(`该处内容已被修改，建议“${fix.description}”不再适用，请重新审核`);
    }
  }
  return setAt(filing, path, structuredClone(value));
}

/** Add or replace the 说明 of a finding (pure). */
export function explain(filing: ProjectFiling, key: string, text: string): ProjectFiling {
  const rest = filing.explanations.filter((e) => e.key !== key);
  const t = text.trim();
  return { ...filing, explanations: t === '' ? rest : [...rest, { key, text: t }] };
}
