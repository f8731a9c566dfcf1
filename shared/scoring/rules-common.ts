// 审核 of the yearly forms: rules as data (code, severity, Chinese title, check) with a
// region's RuleConfig applied as for the targets; findings name the form, row and cell.
import type { Fix, RuleConfig, Severity } from '../rules/types.ts';
import { FORM_LABELS, type YearlyFinding, type YearlyFormKind } from './finding.ts';

export { FORM_LABELS };
import { applyFix } from '../rules/engine.ts';
import type { ProjectFiling } from '../model/filing.ts';

export type { YearlyFinding, YearlyFormKind };

export interface YearlyDraft {
  message: string;
  field: string;
  row?: number;
  /** Stable path for the key (rows by indicator id). */
  keyPath?: string;
  fix?: Fix;
}

export interface YearlyRule<C> {
  code: string;
  severity: Severity;
  title: string;
  check(ctx: C): YearlyDraft[];
}

export interface FormHead {
  form: YearlyFormKind;
  filingId: string;
  projectId: string;
  table: string;
}

/** Runs the rules a config leaves on, at the severity it sets; a failing rule is reported, never thrown. */
export function runYearlyRules<C>(rules: readonly YearlyRule<C>[], ctx: C, head: FormHead, config: RuleConfig = {}): YearlyFinding[] {
  const out: YearlyFinding[] = [];
  for (const rule of rules) {
    const over = config.rules?.[rule.code];
    if (over?.enabled === false) continue;
    const severity = over?.severity ?? rule.severity;
    let drafts: YearlyDraft[];
    try {
      drafts = rule.check(ctx);
    } catch (e) {
      drafts = [{ message: `审核规则 ${rule.code}（${rule.title}）执行出错：${e instanceof Error ? e.message : String(e)}`, field: '' }];
    }
    for (const d of drafts) {
      out.push({
        code: rule.code,
        severity,
        message: d.message,
        location: { ...head, ...(d.row === undefined ? {} : { row: d.row }), field: d.field },
        ...(d.fix ? { fix: d.fix } : {}),
        key: `${rule.code}@${d.keyPath ?? d.field}`,
      });
    }
  }
  return out;
}

/** `rows[3].actual` keyed by indicator id: `rows[id=ab12].actual`. */
export const rowKey = (indicatorId: string, field: string): string => `rows[id=${indicatorId}].${field}`;

/** 第 3 行“参保人数” */
export const rowLabel = (index: number, name: string): string => `第 ${index + 1} 行“${name.trim()}”`;

/** Applies a finding's fix to a form (refused when the field changed since, as for the targets). */
export function applyYearlyFix<F extends { rows: unknown[] }>(form: F, fix: Fix): F {
  // applyFix only reads and writes the patch's path; it is typed for the target filing.
  return applyFix(form as unknown as ProjectFiling, fix) as unknown as F;
}
