// Filing services shared by the CLI, the local web host and Electron's IPC: import and
// export of interchange JSON, 审核 of a unit-year, status changes, 说明 for warnings.
// Everything from outside is validated here before the store sees it.
import { FilingStore } from '../store/store.ts';
import { readJsonFile } from '../files/read-json.ts';
import { writeFileAtomicChunks } from '../files/atomic-write.ts';
import { APP_INFO } from '../app-info.ts';
import { makeInterchange, parseInterchange } from '../../shared/interchange/format.ts';
import type { InterchangeDoc } from '../../shared/interchange/format.ts';
import type { DeptTarget, FilingStatus, ProjectFiling } from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { applyFix, validateProject, validateUnitYear } from '../../shared/rules/index.ts';
import type { Finding } from '../../shared/rules/index.ts';
import { UserError } from '../user-error.ts';
import { backupBeforeImport, scopeProjectIds, scopeUnits } from './import-scope.ts';

export class ServiceError extends UserError {
  override name = 'ServiceError';
  constructor(message: string, code = 'SERVICE') {
    super(message, code);
  }
}

export interface ImportResult {
  units: number;
  projects: number;
  deptTargets: number;
  /** Chinese notes: ids renewed, 示例 flags ignored (import only). */
  notes?: string[];
}

/** Reads, validates and stores an interchange file in one transaction, after a `pre-import` backup. */
export async function importInterchangeFile(store: FilingStore, path: string): Promise<ImportResult> {
  const raw = await readJsonFile(path);
  const known = new Set(store.listUnits().map((u) => u.code));
  const doc = parseInterchange(raw, known);
  await backupBeforeImport(store);
  return importInterchangeDoc(store, doc);
}

/** Stores a parsed interchange document with identities scoped (import-scope.ts). */
export function importInterchangeDoc(store: FilingStore, doc: InterchangeDoc): ImportResult {
  const units = scopeUnits(store, doc.units);
  const projects = scopeProjectIds(store, doc.projects);
  store.importBatch({ units: units.items, projects: projects.items, deptTargets: doc.deptTargets });
  return { units: doc.units.length, projects: doc.projects.length, deptTargets: doc.deptTargets.length, notes: [...units.notes, ...projects.notes] };
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
        for (const row of store.listProjects(u.code, year)) {
          const p = store.getProject(row.id);
          if (!p) continue;
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

/** 审核 of one project with its template. */
export function checkProject(filing: ProjectFiling): Finding[] {
  const t = getTemplate(filing.templateId);
  if (!t) throw new ServiceError(`未知的模板“${filing.templateId}”`, 'INVALID');
  return validateProject(filing, t);
}

export interface UnitYearReport {
  unitCode: string;
  year: number;
  projects: Array<{ id: string; seq: number; name: string; findings: Finding[] }>;
  unitFindings: Finding[];
}

/** 审核 of every project of a unit-year plus the unit-year rules. */
export function checkUnitYear(store: FilingStore, unitCode: string, year: number): UnitYearReport {
  const rows = store.listProjects(unitCode, year);
  const projects = rows.map((r) => store.getProject(r.id)).filter((p): p is ProjectFiling => p !== undefined && p !== null);
  const dept = store.getDeptTarget(unitCode, year) ?? null;
  const report: UnitYearReport = { unitCode, year, projects: [], unitFindings: [] };
  for (const p of projects) report.projects.push({ id: p.id, seq: p.seq, name: p.name, findings: checkProject(p) });
  const t = projects[0] ? getTemplate(projects[0].templateId) : undefined;
  if (t) report.unitFindings = validateUnitYear(projects, dept, t);
  return report;
}

/** Marks a filing 已审核 / 已上报; refused while 错误 remain or warnings lack a 说明. */
export function setStatus(store: FilingStore, id: string, status: FilingStatus): ProjectFiling {
  const p = store.getProject(id);
  if (!p) throw new ServiceError(`项目 ${id} 不存在`, 'NOT_FOUND');
  if (status !== 'draft') {
    const findings = checkProject(p);
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length) throw new ServiceError(`还有 ${errors.length} 个错误，不能标记为${status === 'checked' ? '已审核' : '已上报'}`, 'HAS_ERRORS');
    const open = findings.filter((f) => f.severity === 'warning' && !f.explained);
    if (open.length) throw new ServiceError(`还有 ${open.length} 个警告没有填写说明`, 'HAS_WARNINGS');
  }
  return store.updateProject({ ...p, status });
}

/** Stores the 说明 for a warning; an empty text removes it. */
export function explainFinding(store: FilingStore, id: string, key: string, text: string): ProjectFiling {
  const p = store.getProject(id);
  if (!p) throw new ServiceError(`项目 ${id} 不存在`, 'NOT_FOUND');
  const findings = checkProject(p);
  const f = findings.find((x) => x.key === key);
  if (!f) throw new ServiceError(`项目中没有审核项“${key}”`, 'NOT_FOUND');
  if (f.severity !== 'warning' && !f.explainable) throw new ServiceError('只有警告需要填写说明；错误必须改正', 'INVALID');
  const explanations = p.explanations.filter((e) => e.key !== key);
  const trimmed = text.trim();
  if (trimmed) explanations.push({ key, text: trimmed });
  return store.updateProject({ ...p, explanations });
}

/** Applies the fix the 审核 suggested for a finding (the user accepted it). */
export function applySuggestedFix(store: FilingStore, id: string, key: string): ProjectFiling {
  const p = store.getProject(id);
  if (!p) throw new ServiceError(`项目 ${id} 不存在`, 'NOT_FOUND');
  const f = checkProject(p).find((x) => x.key === key);
  if (!f) throw new ServiceError(`项目中没有审核项“${key}”（可能已经改正）`, 'NOT_FOUND');
  if (!f.fix) throw new ServiceError('这一项没有可自动采纳的修改建议，请手工修改', 'INVALID');
  return store.updateProject(applyFix(p, f.fix));
}
