// The project tables of a unit-year book as a whole: create, delete and restore, duplicate,
// reorder, and 复制上年 (copy-year.ts does one table). Positions stay 1, 2, … in one batch.
import type { FilingStatus, ProjectFiling } from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { blankFiling } from './blank.ts';
import { ensureUnitYearSettings, templateForNewTable, unitYearSettingsOf } from './unit-year-settings.ts';
import { withSystem } from '../../shared/settings/unit-year.ts';
import type { FilingStore } from '../store/store.ts';
import { auditProject } from './filing-edit.ts';
import { warmCheckCounts } from './check-counts.ts';
import { copyFilingToYear } from './copy-year.ts';
import { copyTarget, inTarget, logCopyConversion } from './copy-convert.ts';
import type { CopyConversion } from '../../shared/api/views.ts';
import { deptMarks } from '../../shared/api/carried-over.ts';
import { newProjectId, newRowId } from '../../shared/model/ids.ts';
import { ServiceError, requireRecord, requireUnit } from './service-error.ts';
import { READY_TO_CHECK } from '../../shared/model/status.ts';
import { refuseReceivedUnit } from './received-unit.ts';
import { readinessRefusal, submitBlockers } from './status.ts';

const MAX_NAME = 300;
const COPY_SUFFIX = '（副本）';

/** Settings key of the copies made from one year into another: { sourceId: copyId }. */
export const copyMapKey = (unitCode: string, fromYear: number, toYear: number) => `copyYear:${unitCode}:${fromYear}:${toYear}`;

/** Filings whose seq must change so that `order` is numbered 1, 2, … (one batch). */
function renumbered(order: readonly ProjectFiling[]): ProjectFiling[] {
  return order.flatMap((p, i) => (p.seq === i + 1 ? [] : [{ ...p, seq: i + 1 }]));
}

/**
 * A new table of the unit-year: of the settings' layout and indicator system (a given
 * template id — import, tests — is used as given). The first table stores the settings.
 */
export function createProject(store: FilingStore, unitCode: string, year: number, templateId: string | undefined, name: string): ProjectFiling {
  const unit = store.getUnit(unitCode);
  if (!unit) throw new ServiceError(`单位 ${unitCode} 不存在，请先添加该单位`, 'NOT_FOUND');
  refuseReceivedUnit(store, unitCode, '新建项目表');
  const settings = unitYearSettingsOf(store, unitCode, year).settings;
  const template = getTemplate(templateForNewTable(store, unitCode, year, templateId))!;
  const blank = blankFiling(withSystem(template, settings.indicatorSystem), unit, year, name, { project: newProjectId(), row: newRowId });
  return store.transaction(() => {
    const created = store.createProject(blank);
    ensureUnitYearSettings(store, unitCode, year);
    return created;
  });
}

export function deleteProject(store: FilingStore, id: string): ProjectFiling {
  const { filing } = requireRecord(store, id);
  store.transaction(() => {
    store.deleteProject(id);
    for (const m of renumbered(store.projectsOfUnitYear(filing.unitCode, filing.year))) store.updateProject(m);
  });
  return filing;
}

/** Puts back a deleted table (undo of delete) at its place; its status only if it still passes. */
export function restoreProject(store: FilingStore, filing: ProjectFiling): void {
  if (store.getProjectRecord(filing.id)) throw new ServiceError('该项目表已存在，无需恢复', 'CONFLICT');
  if (!store.getUnit(filing.unitCode)) throw new ServiceError(`单位 ${filing.unitCode} 不存在，无法恢复该项目表`, 'NOT_FOUND');
  const rest = store.projectsOfUnitYear(filing.unitCode, filing.year);
  const at = filing.seq >= 1 ? Math.min(filing.seq, rest.length + 1) : rest.length + 1;
  const order = [...rest];
  order.splice(at - 1, 0, filing);
  const moves = renumbered(order).filter((p) => p.id !== filing.id);
  // The filing comes from the client: a status other than 草稿 comes back only if the table is ready.
  let status: FilingStatus = 'draft';
  if (filing.status !== 'draft') {
    try {
      if (!readinessRefusal(submitBlockers(filing, auditProject(store, filing)), READY_TO_CHECK, '恢复状态')) status = filing.status;
    } catch {
      /* unknown template: a 草稿 */
    }
  }
  store.transaction(() => {
    for (const m of moves) store.updateProject(m);
    store.createProject({ ...filing, seq: at, status });
  });
}

export function duplicateProject(store: FilingStore, id: string): ProjectFiling {
  const { filing: src } = requireRecord(store, id);
  refuseReceivedUnit(store, src.unitCode, '复制项目表');
  const rest = store.projectsOfUnitYear(src.unitCode, src.year);
  const name = src.name.slice(0, MAX_NAME - COPY_SUFFIX.length) + COPY_SUFFIX;
  const copy: ProjectFiling = { ...structuredClone(src), id: newProjectId(), name, status: 'draft', changedSinceSubmission: false };
  const i = rest.findIndex((p) => p.id === src.id);
  const order = [...rest];
  order.splice(i + 1, 0, copy);
  const moves = renumbered(order);
  const copySeq = order.indexOf(copy) + 1;
  store.transaction(() => {
    for (const m of moves) if (m.id !== copy.id) store.updateProject(m);
    store.createProject({ ...copy, seq: copySeq });
  });
  return copy;
}

export function reorderProjects(store: FilingStore, unitCode: string, year: number, ids: readonly string[]): number {
  const rest = store.projectsOfUnitYear(unitCode, year);
  const byId = new Map(rest.map((p) => [p.id, p]));
  const unique = new Set(ids);
  if (unique.size !== ids.length || ids.length !== rest.length || ids.some((x) => !byId.has(x))) {
    throw new ServiceError('项目列表已在别处变化（新增或删除了项目表），请刷新后重新排序', 'CONFLICT');
  }
  const moves = renumbered(ids.map((x) => byId.get(x) as ProjectFiling));
  store.transaction(() => {
    for (const m of moves) store.updateProject(m);
  });
  return ids.length;
}

export interface CopyYearResult {
  copied: number;
  /** Tables of fromYear already copied (their copy still exists in toYear). */
  skipped: number;
  deptCopied: boolean;
  /** Tables converted to the unit-year's layout / 指标体系, with what had no place (not copied). */
  converted: CopyConversion[];
}

/**
 * 复制上年: every table of `fromYear` not yet copied, and the 部门整体绩效目标 if the new year has none.
 * The copies follow the new year's layout and 指标体系 (copy-convert.ts).
 */
export function copyYear(store: FilingStore, unitCode: string, fromYear: number, toYear: number): CopyYearResult {
  if (fromYear === toYear) throw new ServiceError('复制的来源年度和目标年度不能相同', 'INVALID');
  requireUnit(store, unitCode);
  refuseReceivedUnit(store, unitCode, '复制上年的表');
  const sources = store.projectsOfUnitYear(unitCode, fromYear);
  const key = copyMapKey(unitCode, fromYear, toYear);
  const map = parseMap(store.getSetting(key));
  const existing = store.listProjects(unitCode, toYear);
  let seq = existing.reduce((m, r) => Math.max(m, r.seq), 0);
  const copies: ProjectFiling[] = [];
  const converted: { copy: ProjectFiling; c: CopyConversion }[] = [];
  const target = copyTarget(store, unitCode, toYear, sources[0]);
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
    const { filing, conversion } = inTarget(src, target);
    const copy = copyFilingToYear(filing, toYear, { project: id, row: newRowId }, ++seq);
    copies.push(copy);
    if (conversion) converted.push({ copy, c: conversion });
  }
  const dept = store.getDeptTarget(unitCode, fromYear);
  const deptCopied = dept !== null && store.getDeptTarget(unitCode, toYear) === null;
  if (copies.length) store.setSetting(key, JSON.stringify(map));
  if (copies.length || deptCopied) {
    store.transaction(() => {
      store.importBatch({ projects: copies, deptTargets: deptCopied && dept ? [{ ...dept, year: toYear, carriedOver: deptMarks(dept) }] : [] });
      for (const { copy, c } of converted) logCopyConversion(store, copy, c, fromYear);
    });
    warmCheckCounts(store, [{ unitCode, year: toYear }]);
  }
  return { copied: copies.length, skipped, deptCopied, converted: converted.map((x) => x.c) };
}

/** Copies one table of another year into `toYear` of its unit (refused if its copy is there already). */
export function copyTable(store: FilingStore, id: string, toYear: number): ProjectFiling {
  return copyTableConverted(store, id, toYear).copy;
}

/** copyTable, with the conversion to the unit-year's layout / 指标体系 it made (null: none). */
export function copyTableConverted(store: FilingStore, id: string, toYear: number): { copy: ProjectFiling; conversion: CopyConversion | null } {
  const { filing: src } = requireRecord(store, id);
  if (src.year === toYear) throw new ServiceError('这张表已在该年度，请用“复制”建立副本', 'INVALID');
  refuseReceivedUnit(store, src.unitCode, `把表复制到 ${toYear} 年度`);
  const key = copyMapKey(src.unitCode, src.year, toYear);
  const map = parseMap(store.getSetting(key));
  const prior = map[src.id];
  const there = prior ? store.getProject(prior) : null;
  if (there) throw new ServiceError(`这张表已复制到 ${toYear} 年度（第 ${there.seq} 张“${there.name}”），不再重复复制`, 'CONFLICT');
  const copyId = prior ?? newProjectId();
  map[src.id] = copyId;
  const seq = store.listProjects(src.unitCode, toYear).reduce((m, r) => Math.max(m, r.seq), 0) + 1;
  const { filing, conversion } = inTarget(src, copyTarget(store, src.unitCode, toYear, src));
  const copy = copyFilingToYear(filing, toYear, { project: copyId, row: newRowId }, seq);
  store.setSetting(key, JSON.stringify(map));
  store.transaction(() => {
    store.importBatch({ projects: [copy] });
    if (conversion) logCopyConversion(store, copy, conversion, src.year);
  });
  warmCheckCounts(store, [{ unitCode: src.unitCode, year: toYear }]);
  return { copy, conversion };
}

function parseMap(raw: string | null): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  if (!raw) return out;
  try {
    const v: unknown = JSON.parse(raw);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
    }
  } catch {
    /* a damaged map: copy again */
  }
  return out;
}
