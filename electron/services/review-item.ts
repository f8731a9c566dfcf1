// What the receiving side reviews: a received table, or the received 部门整体绩效目标 of a
// unit-year under its review id (shared/handover/dept-review.ts). Both are reviewed by the
// same code (review.ts): this module says what each one is — which submission it belongs to,
// the criteria it is graded by, where a comment may point, its open 审核 findings.
import { DEPT_REVIEW_NAME, deptOfReviewId, deptPinLabel, deptPinPoints } from '../../shared/handover/dept-review.ts';
import { pinLabel } from '../../shared/handover/pin-label.ts';
import { REVIEW_CRITERIA, criteriaOf, type ReviewCriterionName } from '../../shared/handover/return-manifest.ts';
import { getAt, parsePath, stableIndicatorPath } from '../../shared/model/field-path.ts';
import type { DeptTarget, ProjectFiling } from '../../shared/model/filing.ts';
import type { Finding } from '../../shared/rules/types.ts';
import type { FilingStore } from '../store/store.ts';
import { auditUnitYearOf } from './audit.ts';
import { ServiceError } from './service-error.ts';

export interface ReviewItem {
  id: string;
  unitCode: string;
  year: number;
  seq: number;
  name: string;
  /** The current received submission the item belongs to. */
  packageSha256: string;
  criteria: readonly ReviewCriterionName[];
  /** `''` (the whole item) or a place in it; an indicator row by position becomes `[id=…]`. INVALID when it names nothing there. */
  pin(path: string): string;
  /** Where a finding about the item points, `''` when nowhere in particular. */
  findingPin(f: Finding): string;
  /** How a comment's place reads (`整表`, `指标“…”`, `分项 1 的绩效目标`). */
  label(path: string): string;
  filing: ProjectFiling | null;
  dept: DeptTarget | null;
}

const badPin = (path: string, where: string) => new ServiceError(`意见的位置“${path.slice(0, 80)}”${where}`, 'INVALID');

function currentOf(store: FilingStore, unitCode: string, year: number): string {
  const current = store.received.current(unitCode, year);
  if (!current) throw new ServiceError(`${unitCode} ${year} 年度没有当前的报送版本`, 'NOT_FOUND');
  return current.sha256;
}

function tableItem(store: FilingStore, projectId: string): ReviewItem {
  const filing = store.getProject(projectId);
  if (!filing || !store.received.isReceivedProject(projectId)) throw new ServiceError('只能审核接收到的报送包中的表（该表不存在或不是接收的数据）', 'NOT_FOUND');
  const pin = (path: string) => {
    if (path === '') return '';
    try {
      parsePath(path);
    } catch {
      throw badPin(path, '不是有效的字段路径');
    }
    const stable = stableIndicatorPath(filing, path);
    if (getAt(filing, stable) === undefined) throw badPin(path, '在该表中不存在');
    return stable;
  };
  return {
    id: filing.id,
    unitCode: filing.unitCode,
    year: filing.year,
    seq: filing.seq,
    name: filing.name,
    packageSha256: currentOf(store, filing.unitCode, filing.year),
    criteria: REVIEW_CRITERIA,
    pin,
    findingPin: (f) => orWhole(() => (f.location.field ? pin(f.location.field) : '')),
    label: (path) => pinLabel(filing, path),
    filing,
    dept: null,
  };
}

const orWhole = (fn: () => string) => {
  try {
    return fn();
  } catch {
    return '';
  }
};

/** The received 部门整体绩效目标 under its review id, or a refusal: only received data is reviewed. */
function deptItem(store: FilingStore, id: string, at: { unitCode: string; year: number }): ReviewItem {
  const { unitCode, year } = at;
  const dept = store.received.isReceivedUnitYear(unitCode, year) ? store.getDeptTarget(unitCode, year) : null;
  if (!dept) throw new ServiceError(`${unitCode} ${year} 年度接收到的报送包中没有${DEPT_REVIEW_NAME}，不能审核`, 'NOT_FOUND');
  const points = new Set(deptPinPoints(dept).map((p) => p.path));
  const pin = (path: string) => {
    if (path !== '' && !points.has(path)) throw badPin(path, `在${DEPT_REVIEW_NAME}中不存在`);
    return path;
  };
  return {
    id,
    unitCode,
    year,
    seq: 0,
    name: DEPT_REVIEW_NAME,
    packageSha256: currentOf(store, unitCode, year),
    criteria: criteriaOf(id),
    pin,
    findingPin: (f) => orWhole(() => pin((f.location.field ?? '').replace(/^deptTarget\./, ''))),
    label: (path) => deptPinLabel(dept, path),
    filing: null,
    dept,
  };
}

/** A received table or 部门整体绩效目标 of a current package, or a refusal. */
export function receivedItem(store: FilingStore, id: string): ReviewItem {
  const dept = deptOfReviewId(id);
  return dept ? deptItem(store, id, dept) : tableItem(store, id);
}

export type FindingsOf = (item: Pick<ReviewItem, 'id' | 'unitCode' | 'year'>) => Finding[];

/** The open findings of each item of a unit-year (a dept target: the unit-year's about it), its 审核 run once on first use. */
export function findingsOnce(store: FilingStore): FindingsOf {
  let report: ReturnType<typeof auditUnitYearOf>['report'] | undefined;
  return (item) => {
    report ??= auditUnitYearOf(store, item.unitCode, item.year).report;
    if (!deptOfReviewId(item.id)) return report?.byProject[item.id] ?? [];
    return (report?.unitFindings ?? []).filter((f) => f.location.field?.startsWith('deptTarget.'));
  };
}
