// Filing services shared by the CLI, the local web host and Electron's IPC: import and
// export of interchange JSON and 审核 of a unit-year (edits and status: filing-edit.ts).
// Everything from outside is validated here before the store sees it.
import { FilingStore } from '../store/store.ts';
import { readJsonBytes } from '../files/read-json.ts';
import { parseInterchangeInWorker, type InterchangeRows } from '../handover/offthread.ts';
import { writeFileAtomicChunks } from '../files/atomic-write.ts';
import { APP_INFO } from '../app-info.ts';
import { makeInterchange } from '../../shared/interchange/format.ts';
import type { DeptTarget, ProjectFilingInput } from '../../shared/model/filing.ts';
import type { Finding } from '../../shared/rules/index.ts';
import { ServiceError } from './service-error.ts';
import { receivedUnitRefusal } from './received-unit.ts';
import { auditUnitYearOf } from './audit.ts';
import { backupBeforeImport, scopeProjectIds, scopeUnits } from './import-scope.ts';

export { ServiceError } from './service-error.ts';
export { checkProject, auditProject, setStatus, explainFinding, applySuggestedFix } from './filing-edit.ts';

export interface ImportResult {
  units: number;
  projects: number;
  deptTargets: number;
  /** Chinese notes: ids renewed, 示例 flags ignored (import only). */
  notes?: string[];
}

/**
 * Reads, validates (in a worker, with limits) and stores an interchange file in one
 * transaction, after a `pre-import` backup. The store step runs in slices (a file of a
 * whole database holds tens of thousands of projects): the process keeps answering.
 */
export async function importInterchangeFile(store: FilingStore, path: string): Promise<ImportResult> {
  // The bytes are not kept past the parse (a file of up to 64 MB).
  const rows = await parseInterchangeInWorker(await readJsonBytes(path), path, store.listUnits().map((u) => u.code));
  for (const code of new Set([...rows.keys.map((k) => k.unitCode), ...rows.head.deptTargets.map((t) => t.unitCode)])) {
    const why = receivedUnitRefusal(store, code, '导入项目表或部门整体绩效目标', '请从文件中去掉该单位的数据后再导入');
    if (why) throw new ServiceError(`未导入：文件中有单位 ${code} 的表格，${why}`, 'READ_ONLY');
  }
  await backupBeforeImport(store);
  const r = await importInterchangeRows(store, rows);
  return { ...r, notes: [...rows.notes, ...(r.notes ?? [])] };
}

/** Stores a parsed interchange document with identities scoped (import-scope.ts), all or nothing. */
async function importInterchangeRows(store: FilingStore, rows: InterchangeRows): Promise<ImportResult> {
  const { head, keys, projectJson, projectEnds } = rows;
  const units = scopeUnits(store, head.units);
  const scoped = scopeProjectIds(store, keys);
  const ids = scoped.items.map((k) => k.id);
  const notes = [...units.notes, ...scoped.notes];
  const utf8 = new TextDecoder();
  const json = (i: number) => utf8.decode(projectJson.subarray(i > 0 ? projectEnds[i - 1]! : 0, projectEnds[i]!));
  await store.importBatchInSlices({
    units: units.items,
    deptTargets: head.deptTargets,
    projects: { count: keys.length, item: (i) => ({ ...(JSON.parse(json(i)) as ProjectFilingInput), id: ids[i]! }) },
  });
  return { units: head.units.length, projects: keys.length, deptTargets: head.deptTargets.length, notes };
}

export interface ExportScope {
  unitCode?: string;
  year?: number;
}

/**
 * Writes the interchange document project by project, so a whole database exports in
 * bounded memory; the file appears only once complete (atomic write).
 */
export async function exportInterchangeFile(store: FilingStore, path: string, scope: ExportScope = {}): Promise<ImportResult> {
  const units = store.listUnits().filter((u) => !scope.unitCode || u.code === scope.unitCode);
  if (scope.unitCode && units.length === 0) throw new ServiceError(`单位 ${scope.unitCode} 不存在`, 'NOT_FOUND');
  const counts: ImportResult = { units: units.length, projects: 0, deptTargets: 0 };
  const head = makeInterchange({ units, projects: [], deptTargets: [] }, APP_INFO);
  const indent = (json: string) => json.replace(/\n/g, '\n    ');
  async function* chunks(): AsyncGenerator<string> {
    const { projects: _p, deptTargets: _d, ...rest } = head;
    const headJson = JSON.stringify(rest, null, 2);
    yield headJson.slice(0, -2) + ',\n  "projects": [';
    let first = true;
    const depts: DeptTarget[] = [];
    for (const u of units) {
      const years = scope.year !== undefined ? [scope.year] : store.listYears(u.code);
      for (const year of years) {
        for (const p of store.projectsOfUnitYear(u.code, year)) {
          yield (first ? '\n    ' : ',\n    ') + indent(JSON.stringify(p, null, 2));
          first = false;
          counts.projects++;
        }
        const d = store.getDeptTarget(u.code, year);
        if (d) depts.push(d);
      }
    }
    counts.deptTargets = depts.length;
    yield `${first ? '' : '\n  '}],\n  "deptTargets": ${JSON.stringify(depts, null, 2).replace(/\n/g, '\n  ')}\n}\n`;
  }
  await writeFileAtomicChunks(path, chunks());
  return counts;
}

export interface UnitYearCheck {
  unitCode: string;
  year: number;
  /** `unfilled`: no indicator typed yet (not graded). */
  projects: Array<{ id: string; seq: number; name: string; findings: Finding[]; unfilled: boolean }>;
  unitFindings: Finding[];
}

/** 审核 of every project of a unit-year (with its context) plus the unit-year rules, each table once. */
export function checkUnitYear(store: FilingStore, unitCode: string, year: number): UnitYearCheck {
  const { projects, report } = auditUnitYearOf(store, unitCode, year);
  return {
    unitCode,
    year,
    projects: projects.map((p) => ({ id: p.id, seq: p.seq, name: p.name, findings: report?.byProject[p.id] ?? [], unfilled: !!report?.unfilled.includes(p.id) })),
    unitFindings: report?.unitFindings ?? [],
  };
}
