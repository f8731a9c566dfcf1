// The yearly forms as documents: the print items of one project or of a unit-year (from
// the same view the UI shows), the layout (shared/layout/yearly.ts), then the HTML print
// view or the DOCX writer of the targets.
import type { FilingStore } from '../store/store.ts';
import { buildYearlyLayout, type YearlyPrintItem, type YearlyPrintKind } from '../../shared/layout/yearly.ts';
import type { LayoutDocument, PrintOptions } from '../../shared/layout/index.ts';
import { safeFileName } from '../../shared/model/file-name.ts';
import { requireUnit, ServiceError } from './service-error.ts';
import { yearlyView } from './yearly-view.ts';
import { deptPrintItem } from './dept-self-evaluation.ts';
import { deptSelfEvaluationBlocks } from '../../shared/layout/dept-yearly.ts';
import { PUBLIC_PRINT } from '../../shared/layout/submission.ts';

export type YearlyScope = { kind: 'project'; id: string } | { kind: 'unitYear'; unitCode: string; year: number };

function item(store: FilingStore, projectId: string): YearlyPrintItem {
  const v = yearlyView(store, projectId);
  const unit = requireUnit(store, v.unitCode);
  return {
    unit,
    projectId,
    name: v.name,
    ...(v.monitoring ? { monitoring: { filing: v.monitoring.form, target: v.monitoring.target, template: v.templates.monitoring, rate: v.monitoring.rate } } : {}),
    ...(v.selfEvaluation ? { selfEvaluation: { filing: v.selfEvaluation.form, target: v.selfEvaluation.target, template: v.templates.selfEvaluation, score: v.selfEvaluation.score } } : {}),
  };
}

export function yearlyPrintItems(store: FilingStore, scope: YearlyScope): { items: YearlyPrintItem[]; year: number } {
  if (scope.kind === 'project') {
    const p = store.getProject(scope.id);
    if (!p) throw new ServiceError('该项目表不存在（可能已被删除），请刷新列表', 'NOT_FOUND');
    return { items: [item(store, p.id)], year: p.year };
  }
  requireUnit(store, scope.unitCode);
  const ids = new Set(store.yearly.ofUnitYear(scope.unitCode, scope.year).forms.map((f) => f.projectId));
  const projects = store.projectsOfUnitYear(scope.unitCode, scope.year).filter((p) => ids.has(p.id));
  return { items: projects.map((p) => item(store, p.id)), year: scope.year };
}

/** The forms as a document; a unit-year book of self-evaluations opens with its 部门整体绩效自评表. */
export function yearlyLayout(store: FilingStore, scope: YearlyScope, kind: YearlyPrintKind, print?: PrintOptions): LayoutDocument {
  const { items, year } = yearlyPrintItems(store, scope);
  const dept = scope.kind === 'unitYear' && kind !== 'monitoring' ? deptPrintItem(store, scope.unitCode, scope.year) : null;
  return buildYearlyLayout(items, kind, year, print, dept ? { unit: dept.unit, blocks: deptSelfEvaluationBlocks(dept, print ?? PUBLIC_PRINT) } : undefined);
}

const WORDS: Record<YearlyPrintKind, string> = { monitoring: '绩效运行监控表', 'self-evaluation': '绩效自评表', both: '绩效运行监控表和绩效自评表' };

export function yearlyFileName(store: FilingStore, scope: YearlyScope, kind: YearlyPrintKind, ext: string, suffix = ''): string {
  if (scope.kind === 'project') {
    const p = store.getProject(scope.id);
    return safeFileName(`${p?.seq ? `${p.seq}.` : ''}${p?.name || '未命名项目'}${WORDS[kind]}${suffix}`, ext, { fallback: WORDS[kind] });
  }
  const unit = requireUnit(store, scope.unitCode);
  return safeFileName(`${unit.code}${unit.name}${scope.year}年${WORDS[kind]}${suffix}`, ext, { fallback: WORDS[kind] });
}
