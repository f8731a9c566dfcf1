// Runs the catalogue over a project table or a unit-year, applies a region's RuleConfig,
// attaches 说明 to warnings, and applies fixes (purely: a new filing is returned).
import type { DeptTarget, ProjectFiling } from '../model/filing.ts';
import type { TemplateDef } from '../templates/types.ts';
import { withSystem } from '../settings/unit-year.ts';
import { RULES, RULESET_VERSION } from './catalogue/index.ts';
import { indicatorsTyped } from './grade.ts';
import { getAt, indicatorPath, setAt, stableIndicatorPath } from '../model/field-path.ts';
import { sameValue } from '../model/same-value.ts';
import { buildProjectContext, formatMoney, rowPath } from './context.ts';
import {
  DEFAULT_PARAMS,
  type Finding,
  type FindingDraft,
  type Fix,
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

type Active<S extends Rule['scope']> = ReadonlyArray<{ rule: Extract<Rule, { scope: S }>; severity: Severity }>;
/** Rules of a catalogue as applied without per-rule overrides, by catalogue and scope (every table asks). */
const plainActive = new WeakMap<readonly Rule[], Map<Rule['scope'], Active<Rule['scope']>>>();

function activeRules<S extends Rule['scope']>(scope: S, opts: ValidateOptions): Active<S> {
  const rules = opts.rules ?? RULES;
  const plain = opts.config?.rules === undefined;
  let byScope = plain ? plainActive.get(rules) : undefined;
  const hit = byScope?.get(scope);
  if (hit) return hit as Active<S>;
  const out: Array<Active<S>[number]> = [];
  for (const r of rules) {
    if (r.scope !== scope) continue;
    const o = opts.config?.rules?.[r.code];
    if (o?.enabled === false) continue;
    out.push({ rule: r as Extract<Rule, { scope: S }>, severity: o?.severity ?? r.severity });
  }
  if (plain) {
    if (!byScope) plainActive.set(rules, (byScope = new Map()));
    byScope.set(scope, out as Active<Rule['scope']>);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Project

/** The template as a filing's own indicator system makes it, one object per pair (rules compare its lists). */
const bySystem = new WeakMap<TemplateDef, Map<string, TemplateDef>>();
function effectiveTemplate(layout: TemplateDef, system: ProjectFiling['indicatorSystem']): TemplateDef {
  if (!system || system === layout.indicatorSystem) return layout;
  let m = bySystem.get(layout);
  if (!m) bySystem.set(layout, (m = new Map()));
  let t = m.get(system);
  if (!t) m.set(system, (t = withSystem(layout, system)));
  return t;
}

/** DEFAULT_PARAMS with a config's (without one, the same frozen object for every table). */
const PLAIN_PARAMS: RuleParams = Object.freeze({ ...DEFAULT_PARAMS });
function paramsOf(config: RuleConfig | undefined): RuleParams {
  return config?.params ? { ...DEFAULT_PARAMS, ...config.params } : PLAIN_PARAMS;
}

/** stableIndicatorPath, without its expression where the draft names its row and the field lies in it (most findings). */
function stablePath(filing: ProjectFiling, draft: FindingDraft): string {
  const { field, period, row } = draft;
  if (period !== undefined && row !== undefined) {
    const prefix = rowPath(period, row);
    if (field.startsWith(prefix) && (field.length === prefix.length || field.charCodeAt(prefix.length) === 46 /* . */)) {
      const r = filing.periods[period]?.indicators[row];
      return r ? indicatorPath(period, { id: r.id }) + field.slice(prefix.length) : field;
    }
  }
  return stableIndicatorPath(filing, field);
}

function finalise(
  draft: FindingDraft,
  code: string,
  severity: Severity,
  filing: ProjectFiling | null,
  fallback: { projectId: string; table: string; seq?: number },
  explainableHint = false,
): Finding {
  const keyPath = draft.keyPath ?? (filing ? stablePath(filing, draft) : draft.field);
  const projectId = draft.projectId ?? fallback.projectId;
  const key = filing ? `${code}@${keyPath}` : `${code}@${draft.projectId ? projectId + ':' : ''}${keyPath}`;
  const seq = draft.seq ?? fallback.seq;
  // Built member by member in the order the finding has always had (its JSON is compared).
  const location = { projectId, table: draft.table ?? fallback.table } as Finding['location'];
  if (seq !== undefined) location.seq = seq;
  if (draft.period) location.period = draft.period;
  if (draft.row !== undefined) location.row = draft.row;
  location.field = draft.field;
  const finding = { code, severity, message: draft.message, location } as Finding;
  if (draft.fix) finding.fix = draft.fix;
  if (draft.choose) finding.choose = draft.choose;
  if (draft.group) finding.group = draft.group;
  finding.key = key;
  if (explainableHint && severity === 'hint') finding.explainable = true;
  if (filing && filing.explanations.length > 0 && (severity === 'warning' || finding.explainable)) {
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
export function validateProject(filing: ProjectFiling, layout: TemplateDef, opts: ValidateOptions = {}): Finding[] {
  return checkTable(filing, layout, opts, activeRules('project', opts), paramsOf(opts.config));
}

/** validateProject with the rules and parameters of its options resolved (once per book in auditUnitYear). */
function checkTable(filing: ProjectFiling, layout: TemplateDef, opts: ValidateOptions, active: Active<'project'>, params: RuleParams): Finding[] {
  const template = effectiveTemplate(layout, filing.indicatorSystem);
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
  for (let i = 0; i < active.length; i++) {
    const { rule, severity } = active[i]!;
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
    for (let k = 0; k < drafts.length; k++) out.push(finalise(drafts[k]!, rule.code, severity, filing, fallback, rule.explainable));
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
  /** Tables with no indicator typed yet (indicatorsTyped): not graded, counted apart as 未填写. */
  unfilled: string[];
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
  const params = paramsOf(opts.config);
  const active = activeRules('project', opts);
  const sorted = [...projects].sort((a, b) => a.seq - b.seq);
  const byProject: Record<string, Finding[]> = {};
  const projectErrors = new Map<string, number>();
  for (const p of sorted) {
    const context: AuditContext = { siblings: sorted.filter((x) => x !== p), book: sorted, ...opts.contextFor?.(p) };
    const f = checkTable(p, template, { ...opts, context }, active, params);
    byProject[p.id] = f;
    projectErrors.set(p.id, f.filter((x) => x.severity === 'error').length);
  }
  const unitFindings = checkUnitYearRules(sorted, deptTarget, template, projectErrors, opts);
  const findings = [...unitFindings, ...sorted.flatMap((p) => byProject[p.id] ?? [])];
  const unfilled = sorted.filter((p) => !indicatorsTyped(p)).map((p) => p.id);
  return { ruleset: describeRuleset(opts.config, opts.rules), findings, unitFindings, byProject, summary: summarise(findings), unfilled };
}

/**
 * Only the unit-year rules, given each table's 错误 count (after config) instead of its
 * findings: what `auditUnitYear` puts in `unitFindings`, for a caller that has the tables'
 * counts already (the counts cache). `projects` in book order (seq).
 */
export function checkUnitYearRules(
  projects: readonly ProjectFiling[],
  deptTarget: DeptTarget | null | undefined,
  template: TemplateDef,
  projectErrors: ReadonlyMap<string, number>,
  opts: Pick<ValidateOptions, 'config' | 'rules'> = {},
): Finding[] {
  const ctx: UnitYearContext = {
    projects: [...projects],
    deptTarget: deptTarget ?? null,
    template,
    params: paramsOf(opts.config),
    projectErrors,
    money: (fen) => formatMoney(template, fen),
  };
  const first = projects[0];
  const unitLabel = first ? `${first.unitCode} ${first.year} 年` : '本单位';
  const unitFindings: Finding[] = [];
  for (const { rule, severity } of activeRules('unit-year', opts)) {
    let drafts: FindingDraft[];
    try {
      drafts = rule.check(ctx);
    } catch (e) {
      drafts = [{ message: `审核规则 ${rule.code} 执行出错：${e instanceof Error ? e.message : String(e)}`, field: '' }];
    }
    for (const d of drafts) unitFindings.push(finalise(d, rule.code, severity, null, { projectId: '', table: unitLabel }));
  }
  return unitFindings;
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
