// The preview of a file from outside before anything is stored (issue 10 point 5): the file
// is read with the corrections of the plan (template, amount unit per table), its tables
// grouped under the units printed above them (mapped to units here), each beside its source
// cells, with the tables of the same name already in the target unit-year. The store step
// (import-apply.ts) reads the same bytes again with the same plan.
import type { ImportFilePreview, ImportPlan, ImportUnitView, FilingSource } from '../../shared/api/import-preview.ts';
import type { ProjectFiling, Unit } from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { fieldLabel } from '../../shared/templates/labels.ts';
import type { DeptTargetText } from '../import/recognise/dept-target.ts';
import type { FilingAdjust } from '../import/recognise/book.ts';
import { previewWordInWorker } from '../import/docx/word-offthread.ts';
import { previewXlsxInWorker } from '../import/spreadsheet/xlsx-read.ts';
import type { FilingStore } from '../store/store.ts';
import { UserError } from '../user-error.ts';
import { newRowId } from '../../shared/model/ids.ts';
import { copyFilingToYear } from './copy-year.ts';
import { importTargetRefusal } from './received-unit.ts';
import { fileSha256, importedBefore, importedBeforeNote } from './file-import.ts';

export type ImportFileKind = 'xlsx' | 'docx';

export interface ReadTable {
  key: string;
  printed: { code: string; name: string } | null;
  filing: ProjectFiling;
  source: FilingSource;
}

export interface ReadFile {
  sha256: string;
  printedYear: number | null;
  tables: ReadTable[];
  dept: DeptTargetText | null;
  /** The unit the department part belongs to: the first unit line of the file. */
  deptPrinted: { code: string; name: string } | null;
  notes: string[];
}

// The last files read, by hash and corrections: the store step sends the same bytes again
// (their hash must be the previewed one) and gets the same reading without parsing twice.
// A ReadFile is never changed after it is made (preview and store copy what they change).
const recent: Array<{ key: string; read: ReadFile }> = [];
const RECENT_FILES = 2;

/** Reads the file with the plan's corrections; nothing is stored. */
export async function readImportFile(kind: ImportFileKind, bytes: Uint8Array, defaultUnit: string, plan: ImportPlan): Promise<ReadFile> {
  for (const t of plan.tables) {
    if (t.templateId !== undefined && !getTemplate(t.templateId)) throw new UserError(`没有表样“${t.templateId.slice(0, 8)}”（可选 A、B、C、D）`, 'INVALID');
  }
  const sha256 = fileSha256(bytes);
  // Only the corrections change the reading (not the actions or units chosen).
  const fixes = plan.tables.filter((t) => t.templateId || t.amountUnit).map((t) => [t.key, t.templateId ?? '', t.amountUnit ?? '']);
  const key = JSON.stringify([sha256, kind, defaultUnit, fixes.sort((x, y) => (x[0]! < y[0]! ? -1 : 1))]);
  const hit = recent.find((r) => r.key === key);
  if (hit) return hit.read;
  const read = await readAnew(kind, bytes, sha256, defaultUnit, plan);
  recent.unshift({ key, read });
  recent.length = Math.min(recent.length, RECENT_FILES);
  return read;
}

async function readAnew(kind: ImportFileKind, bytes: Uint8Array, sha256: string, defaultUnit: string, plan: ImportPlan): Promise<ReadFile> {
  const adjust: Record<string, FilingAdjust> = Object.create(null) as Record<string, FilingAdjust>;
  for (const t of plan.tables) if (t.templateId || t.amountUnit) adjust[t.key] = { ...(t.templateId ? { templateId: t.templateId } : {}), ...(t.amountUnit ? { amountUnit: t.amountUnit } : {}) };
  if (kind === 'xlsx') {
    // Parsed and recognised in the worker: the main process only checks what comes back.
    const p = await previewXlsxInWorker(bytes, { unitCode: defaultUnit, adjust, yearLater: true });
    return {
      sha256,
      printedYear: p.printedYear,
      tables: p.projects.map((x) => ({ key: x.source.key, printed: x.unit, filing: x.filing, source: x.source })),
      dept: p.dept,
      deptPrinted: p.deptUnit,
      notes: p.notes,
    };
  }
  const p = await previewWordInWorker(bytes, { adjust });
  return {
    sha256,
    printedYear: p.year,
    tables: p.projects.map((x) => ({ key: x.source.key, printed: x.unit, filing: x.filing, source: x.source })),
    dept: p.dept,
    deptPrinted: p.unit,
    notes: p.notes.filter((n) => !/^文件中没有找到年度/.test(n)),
  };
}

/**
 * A unit line printed without its code (`填报单位（盖章）：宁武县农业农村局`, `单位名称：…`): the
 * unit here of exactly that name, or null (its tables go to the unit the import was opened from).
 */
export function printedUnit(printed: { code: string; name: string } | null, units: readonly Unit[]): { code: string; name: string } | null {
  if (!printed || printed.code) return printed;
  const n = printed.name.replace(/\s+/g, '');
  const u = units.find((x) => x.name.replace(/\s+/g, '') === n);
  return u ? { code: u.code, name: printed.name } : null;
}

/** Where a printed unit goes: as mapped in the plan, else the printed code (a name only: the unit of that name); tables under no unit line go to the default unit. */
export function targetUnit(line: { code: string; name: string } | null, plan: ImportPlan, defaultUnit: string, units: readonly Unit[]): string {
  const printed = printedUnit(line, units);
  if (!printed) return defaultUnit;
  return plan.units.find((u) => u.printed === printed.code)?.unitCode ?? printed.code;
}

/** Own tables of a unit-year with this name (received data is not replaced by an import). */
export function sameName(store: FilingStore, unitCode: string, year: number, name: string): ImportFilePreview['units'][number]['tables'][number]['existing'] {
  const n = name.replace(/\s+/g, '');
  if (!store.getUnit(unitCode)) return [];
  return store
    .listProjects(unitCode, year)
    .filter((r) => r.name.replace(/\s+/g, '') === n && !store.received.isReceivedProject(r.id))
    .map((r) => ({ id: r.id, seq: r.seq, name: r.name, status: r.status }));
}

/** The 预算数 and 绩效目标 (年度) a recognised table came without: the store step warns before storing it. */
export function lostRows(f: ProjectFiling): string[] {
  const t = getTemplate(f.templateId);
  const annual = f.periods.annual;
  if (!t || !annual) return [];
  const lost: string[] = [];
  if (annual.funding.total === null) lost.push(fieldLabel(t, 'periods.annual.funding.total'));
  if (!annual.goal.trim()) lost.push(fieldLabel(t, 'periods.annual.goal'));
  return lost;
}

/** The preview: tables under their units, each with its source and the tables it would meet. */
export function buildPreview(
  store: FilingStore,
  read: ReadFile,
  input: { fileName: string; defaultUnit: string; year: number | null; plan: ImportPlan; bytes: Uint8Array },
): ImportFilePreview {
  const year = input.year ?? read.printedYear;
  const carried = year !== null && read.printedYear !== null && year !== read.printedYear;
  const units: ImportUnitView[] = [];
  const known = store.listUnits();
  for (const t of read.tables) {
    const unitCode = targetUnit(t.printed, input.plan, input.defaultUnit, known);
    const printed = printedUnit(t.printed, known);
    // A unit named without a code that is not here: said in the preview, not silently dropped.
    const printedName = t.printed && !printed ? t.printed.name : null;
    let group = units.find((u) => u.unitCode === unitCode && u.printed?.code === printed?.code && u.printedName === printedName);
    if (!group) {
      const here = store.getUnit(unitCode);
      const created = input.plan.createUnits.find((c) => c.code === unitCode);
      group = { printed, printedName, unitCode, unitName: here?.name ?? created?.name ?? (t.printed?.code === unitCode ? t.printed.name : ''), exists: here !== null, sample: here?.sample === true, tables: [] };
      const readOnly = here && year !== null ? importTargetRefusal(store, unitCode, year) : null;
      if (readOnly) group.readOnly = readOnly;
      units.push(group);
    }
    // As it will be stored: into another year than printed, as 复制上年 carries it (dates moved, marks).
    const filing = carried ? copyFilingToYear({ ...t.filing, unitCode, year: read.printedYear! }, year!, { project: t.filing.id, row: newRowId }, t.filing.seq) : { ...t.filing, unitCode, year: year ?? t.filing.year };
    group.tables.push({ key: t.key, filing, source: t.source, existing: year === null ? [] : sameName(store, unitCode, year, t.filing.name), lost: lostRows(t.filing) });
  }
  const before = importedBefore(store, input.bytes);
  const deptUnit = read.dept ? targetUnit(read.deptPrinted, input.plan, input.defaultUnit, known) : null;
  return {
    sha256: read.sha256,
    fileName: input.fileName,
    printedYear: read.printedYear,
    year: year ?? 0,
    carriedOver: carried,
    importedBefore: before ? importedBeforeNote(before, year ?? undefined) : null,
    units,
    dept:
      read.dept && deptUnit
        ? { unitCode: deptUnit, target: read.dept, existing: year !== null && store.getUnit(deptUnit) !== null && store.getDeptTarget(deptUnit, year) !== null }
        : null,
    notes: [...(year === null ? ['文件中没有找到年度，请选择导入到哪个年度'] : []), ...read.notes],
  };
}
