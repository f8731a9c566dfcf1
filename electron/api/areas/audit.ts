// audit.*: 审核 of a table or a unit-year book, 说明 for warnings, fixes (adapters of electron/services/).
import { auditUnitYearOf } from '../../services/audit.ts';
import { packRefusals } from '../../services/submit.ts';
import { applyFixTo, auditProject, explainFinding } from '../../services/filing-edit.ts';
import { requireRecord, type AreaHandlers, type HandlerContext } from '../context.ts';

export function auditHandlers({ store }: HandlerContext): AreaHandlers<'audit'> {
  return {
    'audit.project': ({ id }) => auditProject(store, requireRecord(store, id).filing),
    'audit.unitYear': ({ unitCode, year }) => {
      const { report, blockers } = auditUnitYearOf(store, unitCode, year);
      const notReady = packRefusals(store, unitCode, year).map((e) => e.message);
      return { findings: report?.findings ?? [], byProject: report?.byProject ?? {}, blockers, notReady, unfilled: report?.unfilled ?? [] };
    },
    'audit.explain': ({ id, key, text, force }) => explainFinding(store, id, key, text, { force }),
    'audit.applyFix': ({ id, fix, expectedRevision, force }) => applyFixTo(store, id, fix, expectedRevision, { force }),
  };
}
