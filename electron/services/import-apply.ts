// The store step of an import from a file (after its preview): the same bytes (checked by
// hash) read again with the same plan, the choices validated at the boundary (every table
// of the file named once, with the unit the preview showed; replace only where a table of
// that name is; a unit that is missing only when confirmed), then one transaction on the
// unit-years chosen and nothing else. A year other than the printed one stores the tables
// as 复制上年 does: every value marked carried over until looked at.
import { deptMarks } from '../../shared/api/carried-over.ts';
import type { ImportPlan } from '../../shared/api/import-preview.ts';
import type { DeptTarget, ProjectFiling } from '../../shared/model/filing.ts';
import { newProjectId, newRowId } from '../../shared/model/ids.ts';
import type { FilingStore } from '../store/store.ts';
import { UserError } from '../user-error.ts';
import { warmCheckCounts } from './check-counts.ts';
import { copyFilingToYear } from './copy-year.ts';
import { unitYearSettingsOf } from './unit-year-settings.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { fileSha256, importedBefore, importedBeforeNote, storeFileImport } from './file-import.ts';
import { backupBeforeImport, scopeProjectIds } from './import-scope.ts';
import { importTargetRefusal, receivedUnitRefusal } from './received-unit.ts';
import { readImportFile, sameName, targetUnit, type ImportFileKind, type ReadFile } from './import-preview.ts';

const refuse = (msg: string) => new UserError(`未导入：${msg}`, 'INVALID');
const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

interface Planned {
  filing: ProjectFiling;
  replaces: ProjectFiling | null;
}

/**
 * A table read from a file follows the unit-year's 指标体系, as a new table does (a file does not
 * say which system it was written in): a 成本指标 row then is where that system has it, or 审核
 * offers to move it, instead of the whole table being in the other system.
 */
function inSystemOf(store: FilingStore, filing: ProjectFiling, unitCode: string, year: number): ProjectFiling {
  const { indicatorSystem: _own, ...rest } = filing;
  const system = unitYearSettingsOf(store, unitCode, year).settings.indicatorSystem;
  return system === getTemplate(filing.templateId)?.indicatorSystem ? rest : { ...rest, indicatorSystem: system };
}

/** The choices checked against what the file holds and what is stored; the filings to write. */
function planWrites(store: FilingStore, read: ReadFile, plan: ImportPlan, defaultUnit: string, year: number) {
  const byKey = new Map(read.tables.map((t) => [t.key, t]));
  const seen = new Set<string>();
  for (const c of plan.tables) {
    if (!byKey.has(c.key)) throw refuse(`选择中的表格“${short(c.key)}”不在这个文件中`);
    if (seen.has(c.key)) throw refuse(`表格“${short(c.key)}”选择了两次`);
    seen.add(c.key);
  }
  const missing = read.tables.filter((t) => !seen.has(t.key));
  if (missing.length) throw refuse(`没有选择${missing.length} 张表格怎样处理（如“${short(missing[0]!.filing.name)}”）`);
  const carried = read.printedYear !== null && read.printedYear !== year;
  const known = store.listUnits();
  const used = new Set<string>();
  const writes: Planned[] = [];
  const nextSeq = new Map<string, number>();
  for (const c of plan.tables) {
    const t = byKey.get(c.key)!;
    const unitCode = targetUnit(t.printed, plan, defaultUnit, known);
    if (!c.action || !c.unitCode) throw refuse(`表格“${short(t.filing.name)}”没有选择导入到哪个单位、怎样处理`);
    if (c.unitCode !== unitCode) throw refuse(`表格“${short(t.filing.name)}”在预览中属于单位 ${unitCode}，不能导入到单位 ${c.unitCode}`);
    if (c.action === 'skip') continue;
    const readOnly = importTargetRefusal(store, unitCode, year);
    if (readOnly) throw refuse(readOnly);
    used.add(unitCode);
    const same = sameName(store, unitCode, year, t.filing.name);
    let replaces: ProjectFiling | null = null;
    if (c.action === 'replace') {
      if (same.length !== 1) throw refuse(same.length ? `单位 ${unitCode} ${year} 年度有 ${same.length} 张名为“${short(t.filing.name)}”的表，请选择“两者都保留”或“跳过”` : `单位 ${unitCode} ${year} 年度没有名为“${short(t.filing.name)}”的表可以替换`);
      replaces = store.getProject(same[0]!.id);
    }
    let seq = replaces?.seq;
    if (seq === undefined) {
      const n = (nextSeq.get(unitCode) ?? (store.getUnit(unitCode) ? store.listProjects(unitCode, year).reduce((m, r) => Math.max(m, r.seq), 0) : 0)) + 1;
      nextSeq.set(unitCode, n);
      seq = n;
    }
    const id = replaces?.id ?? newProjectId();
    const base: ProjectFiling = { ...inSystemOf(store, t.filing, unitCode, year), unitCode, status: 'draft', explanations: [], carriedOver: [], changedSinceSubmission: false };
    const filing = carried ? copyFilingToYear({ ...base, year: read.printedYear! }, year, { project: id, row: newRowId }, seq) : { ...base, id, year, seq };
    writes.push({ filing, replaces });
  }
  let dept: DeptTarget | null = null;
  if (read.dept && plan.dept && plan.dept.action !== 'skip') {
    const unitCode = targetUnit(read.deptPrinted, plan, defaultUnit, known);
    if (plan.dept.unitCode !== unitCode) throw refuse(`部门整体绩效目标在预览中属于单位 ${unitCode}，不能导入到单位 ${plan.dept.unitCode}`);
    if (store.received.isReceivedUnitYear(unitCode, year)) throw refuse(`单位 ${unitCode} ${year} 年度的数据是从报送包接收的，只读，不能导入部门整体绩效目标`);
    const receivedUnit = receivedUnitRefusal(store, unitCode, '导入部门整体绩效目标', '请跳过部门整体绩效目标');
    if (receivedUnit) throw refuse(receivedUnit);
    const existing = store.getUnit(unitCode) ? store.getDeptTarget(unitCode, year) : null;
    if (existing && plan.dept.action !== 'replace') throw refuse(`单位 ${unitCode} ${year} 年度已有部门整体绩效目标：请选择“替换”或“跳过”`);
    if (!existing && plan.dept.action === 'replace') throw refuse(`单位 ${unitCode} ${year} 年度没有部门整体绩效目标可以替换`);
    const target = { unitCode, year, ...read.dept, carriedOver: [] as string[] };
    dept = carried ? { ...target, carriedOver: deptMarks(target) } : target;
    used.add(unitCode);
  } else if (plan.dept && !read.dept) throw refuse('这个文件中没有部门整体绩效目标');
  for (const code of used) {
    const here = store.getUnit(code);
    if (here?.sample) throw refuse(`单位 ${code} 是示例单位（${here.name}），不能把您的文件导入示例单位（删除示例数据时会一并删除）：请先新建您自己的单位，再导入到该单位`);
    if (here) continue;
    if (!plan.createUnits.some((u) => u.code === code)) throw refuse(`单位 ${code} 在本机还没有：请在预览中确认新建该单位，或把它的表格改为导入到已有的单位`);
  }
  for (const u of plan.createUnits) {
    if (!used.has(u.code)) throw refuse(`要新建的单位 ${u.code} 没有要导入的表格`);
    if (store.getUnit(u.code)) throw refuse(`单位 ${u.code} 已经存在，不必新建`);
  }
  if (!writes.length && !dept) throw refuse('没有选择要导入的表格');
  return { writes, dept, units: [...used] };
}

export interface ApplyInput {
  kind: ImportFileKind;
  bytes: Uint8Array;
  fileName: string;
  /** The hash the preview showed: the file stored must be the file previewed. */
  sha256: string;
  defaultUnit: string;
  year: number;
  plan: ImportPlan;
}

export interface ImportStored {
  projects: number;
  replaced: number;
  deptTargets: number;
  createdUnits: number;
  carriedOver: boolean;
  /** The first table stored (in the file's order): where 转到 goes after the import. */
  first: { id: string; unitCode: string; name: string } | null;
}

/** Stores an import as chosen in its preview (backup first); one transaction. */
export async function applyImport(store: FilingStore, input: ApplyInput): Promise<ImportStored> {
  if (fileSha256(input.bytes) !== input.sha256) throw refuse('文件与预览时的文件不同，请重新选择文件并预览');
  const before = importedBefore(store, input.bytes);
  if (before) throw new UserError(importedBeforeNote(before, input.year), 'DUPLICATE');
  const read = await readImportFile(input.kind, input.bytes, input.defaultUnit, input.plan);
  const { writes, dept, units } = planWrites(store, read, input.plan, input.defaultUnit, input.year);
  await backupBeforeImport(store);
  const projects = writes.map((w) => w.filing);
  const r = storeFileImport(
    store,
    {
      bytes: input.bytes,
      fileName: input.fileName,
      unitCode: units[0]!,
      year: input.year,
      projects,
      scopes: units.map((unitCode) => ({ unitCode, year: input.year })),
      createUnits: () =>
        input.plan.createUnits.map((u) => {
          store.upsertUnit({ code: u.code, name: u.name });
          return u.code;
        }),
      dept: dept ? [dept] : [],
      ...(read.printedYear !== null && read.printedYear !== input.year ? { carriedFrom: read.printedYear } : {}),
    },
    (ps) => {
      // Ids are new, or those of own tables of the same unit-year (replaced): scoping keeps it so.
      const scoped = scopeProjectIds(store, ps);
      store.importBatch({ projects: scoped.items });
      return { projects: ps.length, stored: scoped.items.map((p) => p.id) };
    },
  );
  warmCheckCounts(store, units.map((unitCode) => ({ unitCode, year: input.year })));
  return { projects: r.projects, replaced: writes.filter((w) => w.replaces).length, deptTargets: r.deptTargets, createdUnits: input.plan.createUnits.length, carriedOver: read.printedYear !== null && read.printedYear !== input.year, first: projects[0] ? { id: projects[0].id, unitCode: projects[0].unitCode, name: projects[0].name } : null };
}
