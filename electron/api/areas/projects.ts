// projects.*: the project tables of a unit-year book (adapters of electron/services/).
import type { ProjectRow } from '../../../shared/api/contract.ts';
import { listProjectsWithCheckCounts } from '../../services/check-counts.ts';
import { copyTableConverted, copyYear, createProject, deleteProject, duplicateProject, reorderProjects, restoreProject } from '../../services/book.ts';
import { ackCarried, saveFiling, setStatus } from '../../services/filing-edit.ts';
import { previewCopy } from '../../services/copy-convert.ts';
import { requireRecord, saved, type AreaHandlers, type HandlerContext } from '../context.ts';

export function projectHandlers(ctx: HandlerContext): AreaHandlers<'projects'> {
  const { store } = ctx;
  let cacheErrorLogged = false;
  // The counts cache is disposable: a failed write is logged once and the list still served.
  const onCacheError = (e: unknown) => {
    if (cacheErrorLogged) return;
    cacheErrorLogged = true;
    (ctx.log ?? console.error)('projects.list: 审核 counts not cached', e);
  };
  return {
    'projects.list': ({ unitCode, year }) => {
      const rows: ProjectRow[] = [];
      let totalBudget = 0;
      for (const r of listProjectsWithCheckCounts(store, unitCode, year, { onCacheError })) {
        totalBudget += r.budget ?? 0;
        rows.push({
          id: r.id,
          seq: r.seq,
          name: r.name,
          templateId: r.templateId,
          status: r.status,
          budget: r.budget,
          indicatorCount: r.indicatorCount,
          errors: r.counts.errors,
          warnings: r.counts.warnings,
          openWarnings: r.counts.openWarnings,
          carriedOver: r.counts.carried,
          revision: r.revision,
          updatedAt: r.updatedAt,
        });
      }
      const from = store.received.current(unitCode, year);
      const received = from && {
        unitCode,
        unitName: store.getUnit(unitCode)?.name ?? '',
        fileName: from.fileName,
        createdAt: from.createdAt,
        receivedAt: from.receivedAt,
        submissionNo: from.submissionNo,
      };
      return { rows, totalBudget, received, ...(store.received.isReceivedUnit(unitCode) ? { receivedUnit: true } : {}) };
    },
    'projects.get': ({ id }) => saved(store, id),
    'projects.create': ({ unitCode, year, templateId, name }) => saved(store, createProject(store, unitCode, year, templateId, name).id),
    'projects.save': ({ filing, expectedRevision, force }) => saveFiling(store, requireRecord(store, filing.id), filing, expectedRevision, { force }),
    'projects.ackCarried': ({ id, paths, expectedRevision }) => ackCarried(store, id, paths, expectedRevision),
    'projects.delete': ({ id }) => ({ deleted: deleteProject(store, id) }),
    'projects.restore': ({ filing }) => {
      restoreProject(store, filing);
      return saved(store, filing.id);
    },
    'projects.duplicate': ({ id }) => saved(store, duplicateProject(store, id).id),
    'projects.reorder': ({ unitCode, year, ids }) => ({ count: reorderProjects(store, unitCode, year, ids) }),
    'projects.setStatus': ({ id, status }) => setStatus(store, id, status),
    'projects.copyYear': ({ unitCode, fromYear, toYear }) => copyYear(store, unitCode, fromYear, toYear),
    'projects.copyTable': ({ id, toYear }) => {
      const { copy, conversion } = copyTableConverted(store, id, toYear);
      return { ...saved(store, copy.id), conversion };
    },
    'projects.copyPreview': ({ unitCode, fromYear, toYear, id }) =>
      previewCopy(store, unitCode, store.projectsOfUnitYear(unitCode, fromYear).filter((p) => id === undefined || p.id === id), toYear),
  };
}
