// The preview of a file from outside (Word, spreadsheet) before anything is stored, and the
// choices made in it: per recognised table its source cells beside the filing, what was not
// read marked in place, the template and amount unit with why; per table import / replace /
// keep both / skip; printed units mapped to units here (a missing one created only when
// confirmed); the year (another than the printed one: stored as carried over).
import { z } from 'zod';
import { unitCodeSchema, type DeptTarget, type ProjectFiling } from '../model/filing.ts';

/** [row, col]: the row within the table's source rows, the reader's grid column. */
export type CellAt = [row: number, col: number];

export interface TraceData {
  /** Field path (`name`, `periods.annual.funding.total`, `periods.annual.indicators.3.value`) → its cells. */
  values: Array<{ field: string; cells: CellAt[] }>;
  labels: CellAt[];
  /** What was not read, with why. */
  marks: Array<{ cells: CellAt[]; note: string }>;
}

export interface SourceCell {
  text: string;
  col: number;
  span: number;
  /** Continues a cell merged down from the row above. */
  cont: boolean;
}

/** One source row: which table of the document (1-based; in a sheet, within the sheet) and row. */
export interface SourceRow {
  table: number;
  /** Row within that table (0-based); in a sheet, the sheet's own row (0-based). */
  row: number;
  cells: SourceCell[];
}

export type AmountUnitKey = 'yuan' | 'wanyuan';

/** Where a filing came from in the file, cell by cell. */
export interface FilingSource extends TraceData {
  /** Stable within the file: which table and which filing in it (`3.1`; in a sheet `2:1.1`). */
  key: string;
  /** `第 3 个表格`, `工作表“1.项目”`. */
  where: string;
  sheet: boolean;
  /** The lines printed above the table (title, unit line, amount unit), as read. */
  above: string[];
  rows: SourceRow[];
  template: { id: string; from: 'detected' | 'given' | 'fixed'; matched: number; total: number };
  amountUnit: { unit: AmountUnitKey; from: 'table' | 'above' | 'template' | 'given' };
  /** The notes of this table. */
  notes: string[];
}

export interface ImportTableView {
  key: string;
  filing: ProjectFiling;
  source: FilingSource;
  /** Own tables of the same name in the target unit-year. */
  existing: Array<{ id: string; seq: number; name: string; status: string }>;
  /** Key rows the table was recognised without (`预算数`, `绩效目标`): 确认导入 warns first. */
  lost: string[];
}

export interface ImportUnitView {
  /** The unit line printed above the tables (null: tables before any unit line, or none printed). */
  printed: { code: string; name: string } | null;
  /** A unit name printed without a code that matches no unit here (its tables go to the unit chosen). */
  printedName: string | null;
  /** Where they go. */
  unitCode: string;
  unitName: string;
  /** false: the unit is created only when the import confirms it. */
  exists: boolean;
  /** The unit is a 示例 unit here: an office's file is never imported into one (removing the 示例 data would delete it). */
  sample: boolean;
  /** Why nothing can be imported into the unit here (its data, or this year's, came from a package), or absent. */
  readOnly?: string;
  tables: ImportTableView[];
}

export interface ImportFilePreview {
  sha256: string;
  fileName: string;
  /** The year printed on the file, if any. */
  printedYear: number | null;
  /** The year the tables go to. */
  year: number;
  /** Tables go to another year than printed: stored as carried over (复制上年's marks). */
  carriedOver: boolean;
  /** The earlier import of the same bytes (by hash), if its tables are still here. */
  importedBefore: string | null;
  units: ImportUnitView[];
  /** 第一部分 部门整体绩效目标, with the unit it goes to and whether that unit-year has one. */
  dept: { unitCode: string; target: Pick<DeptTarget, 'overall' | 'items' | 'measures'>; existing: boolean } | null;
  /** Every note of the file (the tables' own ones too). */
  notes: string[];
}

/** The notes on the 部门整体绩效目标 part (sections found and not read): shown beside it too. */
export const deptNotes = (p: Pick<ImportFilePreview, 'notes'>): string[] => p.notes.filter((n) => n.startsWith('部门整体绩效目标'));

/** What the preview says of a file of another year than the one it goes to. */
export function carriedOverText(printedYear: number, year: number): string {
  return `文件为 ${printedYear} 年度，将作为 ${year} 年度的新表导入：与“复制上年”一样，每项内容都标为上年结转，报送前须逐项确认；${printedYear} 年度已有的表不受影响`;
}

export const IMPORT_ACTIONS = ['import', 'replace', 'skip'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

const key = z.string().min(1).max(60);
/** Corrections and choices of the preview; `import.store` takes every table's action and unit. */
export const importPlanSchema = z
  .object({
    /** Printed unit → unit here (default: the printed code). */
    units: z.array(z.object({ printed: unitCodeSchema, unitCode: unitCodeSchema }).strict()).max(500).default([]),
    tables: z
      .array(
        z
          .object({
            key,
            templateId: z.string().max(8).optional(),
            amountUnit: z.enum(['yuan', 'wanyuan']).optional(),
            unitCode: unitCodeSchema.optional(),
            action: z.enum(IMPORT_ACTIONS).optional(),
          })
          .strict(),
      )
      .max(5000)
      .default([]),
    /** Units that do not exist yet, confirmed to be created. */
    createUnits: z.array(z.object({ code: unitCodeSchema, name: z.string().trim().min(1).max(100) }).strict()).max(500).default([]),
    dept: z.object({ unitCode: unitCodeSchema, action: z.enum(IMPORT_ACTIONS) }).strict().nullable().default(null),
  })
  .strict();
export type ImportPlan = z.infer<typeof importPlanSchema>;
export type ImportPlanInput = z.input<typeof importPlanSchema>;


/**
 * The choices a preview starts with: every table imported to the unit it shows, where a
 * table of the same name is there already skipped (nothing replaced unless chosen); units
 * not here yet created (the dialog asks first); the department target where none is.
 */
export function defaultPlan(p: ImportFilePreview, corrections: Pick<ImportPlan, 'units' | 'tables'> = { units: [], tables: [] }): ImportPlan {
  const fixes = new Map(corrections.tables.map((t) => [t.key, t]));
  return {
    units: corrections.units,
    tables: p.units.flatMap((u) =>
      u.tables.map((t) => {
        const f = fixes.get(t.key);
        return { ...f, key: t.key, unitCode: u.unitCode, action: f?.action ?? (t.existing.length ? 'skip' : 'import') };
      }),
    ),
    createUnits: p.units.filter((u) => !u.exists && u.unitName).map((u) => ({ code: u.unitCode, name: u.unitName })).filter((u, i, a) => a.findIndex((x) => x.code === u.code) === i),
    dept: p.dept ? { unitCode: p.dept.unitCode, action: p.dept.existing ? 'skip' : 'import' } : null,
  };
}
