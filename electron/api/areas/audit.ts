// audit.*: 审核 of a table or a unit-year book, 说明 for warnings, fixes.
import { ApiError } from '../../../shared/api/contract.ts';
import { applyFix, auditUnitYear } from '../../../shared/rules/index.ts';
import type { ProjectFiling } from '../../../shared/model/filing.ts';
import { getTemplate } from '../../../shared/templates/index.ts';
import { checkProject, explainFinding } from '../../services/filing-service.ts';
import { conflictError, requireRecord, saveFiling, saved, type AreaHandlers, type HandlerContext } from '../context.ts';

export function auditHandlers({ store }: HandlerContext): AreaHandlers<'audit'> {
  return {
    'audit.project': ({ id }) => checkProject(requireRecord(store, id).filing),

    'audit.unitYear': ({ unitCode, year }) => {
      const projects = store
        .listProjects(unitCode, year)
        .map((r) => store.getProject(r.id))
        .filter((p): p is ProjectFiling => p !== null);
      const first = projects[0];
      if (!first) return { findings: [], byProject: {} };
      const template = getTemplate(first.templateId);
      if (!template) throw new ApiError('INVALID', `未知的模板“${first.templateId}”，无法审核`);
      const report = auditUnitYear(projects, store.getDeptTarget(unitCode, year), template);
      return { findings: report.findings, byProject: report.byProject };
    },

    'audit.explain': ({ id, key, text }) => {
      explainFinding(store, id, key, text);
      return saved(store, id);
    },

    'audit.applyFix': ({ id, fix, expectedRevision }) => {
      const prev = requireRecord(store, id);
      if (prev.revision !== expectedRevision) throw conflictError(prev.filing);
      let next: ProjectFiling;
      try {
        next = applyFix(prev.filing, { description: fix.description, patch: { ...fix.patch } });
      } catch (e) {
        const msg = e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : '该建议已不再适用，请重新审核';
        throw new ApiError('STALE_FIX', msg);
      }
      return saveFiling(store, prev, next, expectedRevision);
    },
  };
}
