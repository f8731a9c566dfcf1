// projects.*: the project tables of a unit-year book.
import { ApiError, type ProjectRow } from '../../../shared/api/contract.ts';
import { ackMarks } from '../../../shared/api/carried-over.ts';
import type { ProjectFiling } from '../../../shared/model/filing.ts';
import { getTemplate } from '../../../shared/templates/index.ts';
import { setStatus } from '../../services/filing-service.ts';
import { findingCounts, listProjectsWithCheckCounts, warmCheckCounts } from '../../services/check-counts.ts';
import type { FilingStore } from '../../store/store.ts';
import { isStoreError } from '../../store/errors.ts';
import { blankFiling } from '../blank.ts';
import { copyFilingToYear } from '../copy-year.ts';
import {
  conflictError,
  newProjectId,
  newRowId,
  requireRecord,
  saveFiling,
  saved,
  type AreaHandlers,
  type HandlerContext,
} from '../context.ts';

const MAX_NAME = 300;
const COPY_SUFFIX = '（副本）';

/** Settings key of the copies made from one year into another: { sourceId: copyId }. */
export const copyMapKey = (unitCode: string, fromYear: number, toYear: number) => `copyYear:${unitCode}:${fromYear}:${toYear}`;

function book(store: FilingStore, unitCode: string, year: number): ProjectFiling[] {
  return store
    .listProjects(unitCode, year)
    .map((r) => store.getProject(r.id))
    .filter((p): p is ProjectFiling => p !== null);
}

/** Filings whose seq must change so that `order` is numbered 1, 2, … (one batch). */
function renumbered(order: readonly ProjectFiling[]): ProjectFiling[] {
  return order.flatMap((p, i) => (p.seq === i + 1 ? [] : [{ ...p, seq: i + 1 }]));
}

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
      return { rows, totalBudget };
    },

    'projects.get': ({ id }) => saved(store, id),

    'projects.create': ({ unitCode, year, templateId, name }) => {
      const template = getTemplate(templateId);
      if (!template) throw new ApiError('INVALID', `未知的模板“${templateId}”`);
      const unit = store.getUnit(unitCode);
      if (!unit) throw new ApiError('NOT_FOUND', `单位 ${unitCode} 不存在，请先添加该单位`);
      const filing = blankFiling(template, unit, year, name, { project: newProjectId(), row: newRowId });
      const created = store.createProject(filing);
      return saved(store, created.id);
    },

    'projects.save': ({ filing, expectedRevision }) => {
      const prev = requireRecord(store, filing.id);
      return saveFiling(store, prev, filing, expectedRevision);
    },

    'projects.ackCarried': ({ id, paths, expectedRevision }) => {
      const prev = requireRecord(store, id);
      if (expectedRevision !== undefined && prev.revision !== expectedRevision) throw conflictError(prev.filing);
      const carriedOver = ackMarks(prev.filing.carriedOver, paths);
      if (carriedOver.length === prev.filing.carriedOver.length) return { filing: prev.filing, revision: prev.revision };
      try {
        store.updateProject({ ...prev.filing, carriedOver }, prev.revision);
      } catch (e) {
        if (isStoreError(e, 'CONFLICT')) throw conflictError(prev.filing);
        throw e;
      }
      return saved(store, id);
    },

    'projects.delete': ({ id }) => {
      const { filing } = requireRecord(store, id);
      store.transaction(() => {
        store.deleteProject(id);
        for (const m of renumbered(book(store, filing.unitCode, filing.year))) store.updateProject(m);
      });
      return { deleted: filing };
    },

    'projects.restore': ({ filing }) => {
      if (store.getProjectRecord(filing.id)) throw new ApiError('CONFLICT', '该项目表已存在，无需恢复');
      if (!store.getUnit(filing.unitCode)) throw new ApiError('NOT_FOUND', `单位 ${filing.unitCode} 不存在，无法恢复该项目表`);
      const rest = book(store, filing.unitCode, filing.year);
      const at = filing.seq >= 1 ? Math.min(filing.seq, rest.length + 1) : rest.length + 1;
      const order = [...rest];
      order.splice(at - 1, 0, filing);
      const moves = renumbered(order).filter((p) => p.id !== filing.id);
      // A status comes back only if the table still passes (the filing comes from the client).
      const counts = filing.status === 'draft' ? null : findingCounts(filing);
      const status = counts && counts.errors === 0 && counts.openWarnings === 0 ? filing.status : 'draft';
      store.transaction(() => {
        for (const m of moves) store.updateProject(m);
        store.createProject({ ...filing, seq: at, status });
      });
      return saved(store, filing.id);
    },

    'projects.duplicate': ({ id }) => {
      const { filing: src } = requireRecord(store, id);
      const rest = book(store, src.unitCode, src.year);
      const name = src.name.slice(0, MAX_NAME - COPY_SUFFIX.length) + COPY_SUFFIX;
      const copy: ProjectFiling = { ...structuredClone(src), id: newProjectId(), name, status: 'draft' };
      const i = rest.findIndex((p) => p.id === src.id);
      const order = [...rest];
      order.splice(i + 1, 0, copy);
      const moves = renumbered(order);
      const copySeq = order.indexOf(copy) + 1;
      store.transaction(() => {
        for (const m of moves) if (m.id !== copy.id) store.updateProject(m);
        store.createProject({ ...copy, seq: copySeq });
      });
      return saved(store, copy.id);
    },

    'projects.reorder': ({ unitCode, year, ids }) => {
      const rest = book(store, unitCode, year);
      const byId = new Map(rest.map((p) => [p.id, p]));
      const unique = new Set(ids);
      if (unique.size !== ids.length || ids.length !== rest.length || ids.some((x) => !byId.has(x))) {
        throw new ApiError('CONFLICT', '项目列表已在别处变化（新增或删除了项目表），请刷新后重新排序');
      }
      const moves = renumbered(ids.map((x) => byId.get(x) as ProjectFiling));
      store.transaction(() => {
        for (const m of moves) store.updateProject(m);
      });
      return { count: ids.length };
    },

    'projects.setStatus': ({ id, status }) => {
      const { filing } = requireRecord(store, id);
      if (status !== 'draft' && filing.carriedOver.length > 0) {
        throw new ApiError(
          'HAS_CARRIED',
          `还有 ${filing.carriedOver.length} 处从上年复制的内容没有确认，请逐项核对（或全部确认）后再标记为${status === 'checked' ? '已审核' : '已上报'}`,
        );
      }
      setStatus(store, id, status);
      return saved(store, id);
    },

    'projects.copyYear': ({ unitCode, fromYear, toYear }) => {
      if (fromYear === toYear) throw new ApiError('INVALID', '复制的来源年度和目标年度不能相同');
      if (!store.getUnit(unitCode)) throw new ApiError('NOT_FOUND', `单位 ${unitCode} 不存在`);
      const sources = book(store, unitCode, fromYear);
      const key = copyMapKey(unitCode, fromYear, toYear);
      const map = parseMap(store.getSetting(key));
      const existing = store.listProjects(unitCode, toYear);
      let seq = existing.reduce((m, r) => Math.max(m, r.seq), 0);
      const copies: ProjectFiling[] = [];
      let skipped = 0;
      for (const src of sources) {
        const prior = map[src.id];
        if (prior && store.getProjectRecord(prior)) {
          skipped++;
          continue;
        }
        // The copy's id is recorded before the copy is written: a second run after a crash
        // in between writes the same id again instead of a duplicate.
        const id = prior ?? newProjectId();
        map[src.id] = id;
        copies.push(copyFilingToYear(src, toYear, { project: id, row: newRowId }, ++seq));
      }
      const dept = store.getDeptTarget(unitCode, fromYear);
      const deptCopied = dept !== null && store.getDeptTarget(unitCode, toYear) === null;
      if (copies.length) store.setSetting(key, JSON.stringify(map));
      if (copies.length || deptCopied) {
        store.importBatch({ projects: copies, deptTargets: deptCopied && dept ? [{ ...dept, year: toYear }] : [] });
        warmCheckCounts(store, [{ unitCode, year: toYear }]);
      }
      return { copied: copies.length, skipped, deptCopied };
    },
  };
}

function parseMap(raw: string | null): Record<string, string> {
  if (!raw) return Object.create(null) as Record<string, string>;
  try {
    const v: unknown = JSON.parse(raw);
    const out = Object.create(null) as Record<string, string>;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
    }
    return out;
  } catch {
    return Object.create(null) as Record<string, string>;
  }
}
