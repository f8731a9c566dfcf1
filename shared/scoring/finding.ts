// A finding of the yearly forms' 审核 (rules-common.ts runs the rules), apart from the rules so
// that views and the API contract name it without importing the rule engine.
import type { Fix, Severity } from '../rules/types.ts';

export type YearlyFormKind = 'monitoring' | 'self-evaluation' | 'dept-self-evaluation';
export const FORM_LABELS: Record<YearlyFormKind, string> = { monitoring: '绩效运行监控表', 'self-evaluation': '绩效自评表', 'dept-self-evaluation': '部门整体绩效自评表' };

export interface YearlyFinding {
  code: string;
  severity: Severity;
  message: string;
  location: {
    form: YearlyFormKind;
    filingId: string;
    projectId: string;
    /** 「项目名称」绩效自评表 */
    table: string;
    /** Index of the row in the form's `rows`. */
    row?: number;
    /** Path of the field in the form (`rows[3].actual`, `funds.total.executed`). */
    field: string;
  };
  fix?: Fix;
  /** `code@field`, rows named by indicator id. */
  key: string;
}

