// Spreadsheets of a unit-year (docs/spreadsheet-template.md):
// - export: a 汇总 sheet, then one sheet per project in the shape of the printed table
//   (labels and values as on paper, merged cells as on paper, money as printed text so it
//   stays exact), and a hidden `_jxmb` sheet holding what the table does not show (ids,
//   status, 说明, …) so that export → import gives back equal filings;
// - import: the same shape (a workbook exported here, or one filled in from it). Visible
//   cells win; the hidden sheet only supplies what is not visible. Parsed and recognised in
//   the xlsx worker (sheet-preview.ts).
import type * as XLSX from 'xlsx';
import { loadXlsx, type Xlsx } from './xlsx-lib.ts';
import type { DeptTarget, ProjectFiling, ProjectFilingInput, Unit } from '../../../shared/model/filing.ts';
import { PERIOD_KEYS, STATUS_LABELS } from '../../../shared/model/filing.ts';
import { getTemplate, amountUnitLabel } from '../../../shared/templates/index.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { projectTableLayout } from '../../../shared/layout/index.ts';
import { formatMoney } from '../../../shared/model/money.ts';
import { warmCheckCounts } from '../../services/check-counts.ts';
import { scopeProjectIds } from '../../services/import-scope.ts';
import type { FilingStore } from '../../store/store.ts';
import { previewXlsxInWorker, type SpreadsheetLimits } from './xlsx-read.ts';
import { SpreadsheetError } from './sheet-error.ts';
import { META_SHEET, SHEET_FORMAT, SUMMARY_SHEET, type SheetImportPreview, type SheetPreviewOptions } from './sheet-preview.ts';

const CHUNK = 30_000; // Excel allows 32,767 characters per cell

export interface UnitYearBook {
  unit: Unit;
  year: number;
  projects: ProjectFiling[];
  deptTarget?: DeptTarget | null;
}

const BAD_SHEET_CHARS = /[\\/?*[\]:]/g;

function sheetName(seq: number, name: string, used: Set<string>): string {
  const base = `${seq}.${name.replace(BAD_SHEET_CHARS, '_').trim() || '项目'}`;
  let n = [...base].slice(0, 31).join('');
  for (let k = 2; used.has(n.toLowerCase()) || n === SUMMARY_SHEET || n === META_SHEET; k++) n = [...base].slice(0, 27).join('') + `(${k})`;
  used.add(n.toLowerCase());
  return n;
}

/** One project as a sheet: the printed table's cells, merges and column widths. */
function projectSheet(xl: Xlsx, t: TemplateDef, f: ProjectFiling, unit: Unit, year: number): XLSX.WorkSheet {
  // As stored: the workbook is read back to equal filings (其他资金 blank stays blank, 0 stays 0).
  const parts = projectTableLayout(t, { filing: f, unit, year, asStored: true });
  const aoa: string[][] = [];
  const merges: XLSX.Range[] = [];
  for (const part of parts) {
    for (const row of part.rows) {
      const r = aoa.length;
      const line: string[] = new Array(t.layout.grid.length).fill('');
      for (const c of row.cells) {
        if (c.merge === 'continue') continue;
        line[c.col] = c.lines.join('\n');
        const down = c.merge === 'restart' ? c.rowSpan : 1;
        if (c.colSpan > 1 || down > 1) merges.push({ s: { r, c: c.col }, e: { r: r + down - 1, c: c.col + c.colSpan - 1 } });
      }
      aoa.push(line);
    }
  }
  const ws = xl.utils.aoa_to_sheet(aoa);
  // Every value is text: money stays exactly as printed, 指标值 exactly as written.
  for (const key of Object.keys(ws)) {
    if (key.startsWith('!')) continue;
    const cell = ws[key] as XLSX.CellObject;
    cell.t = 's';
    cell.v = String(cell.v ?? '');
  }
  ws['!merges'] = merges;
  ws['!cols'] = t.layout.grid.map((mm) => ({ wch: Math.max(8, Math.round(mm / 2)) }));
  return ws;
}

/** What the printed table does not show, kept in the hidden sheet. */
function metaOf(f: ProjectFiling): string {
  return JSON.stringify(f);
}

/** Builds the workbook of a unit-year. */
export async function exportUnitYearWorkbook(book: UnitYearBook): Promise<Uint8Array> {
  const xl = await loadXlsx();
  const wb = xl.utils.book_new();
  const used = new Set<string>();
  const projects = [...book.projects].sort((a, b) => a.seq - b.seq);
  const t0 = projects[0] ? getTemplate(projects[0].templateId) : undefined;
  const unitLabel = t0 ? amountUnitLabel(t0) : '万元';
  const names = projects.map((p) => sheetName(p.seq, p.name, used));
  const summary: Array<Array<string | number>> = [
    [`${book.unit.code}${book.unit.name}　${book.year} 年度项目支出绩效目标`],
    ['序号', '工作表', '项目名称', `预算数（${unitLabel}）`, '指标数', '状态', '模板'],
  ];
  projects.forEach((p, i) => {
    const t = getTemplate(p.templateId);
    const last = t ? p.periods[t.periods[t.periods.length - 1]!] : undefined;
    const ind = PERIOD_KEYS.reduce((n, k) => n + (p.periods[k]?.indicators.length ?? 0), 0);
    summary.push([p.seq, names[i]!, p.name, t && last ? formatMoney(last.funding.total, t.amount) : '', ind, STATUS_LABELS[p.status], p.templateId]);
  });
  const ss = xl.utils.aoa_to_sheet(summary);
  ss['!cols'] = [{ wch: 6 }, { wch: 24 }, { wch: 50 }, { wch: 14 }, { wch: 8 }, { wch: 8 }, { wch: 6 }];
  xl.utils.book_append_sheet(wb, ss, SUMMARY_SHEET);
  projects.forEach((p, i) => {
    const t = getTemplate(p.templateId);
    if (!t) throw new SpreadsheetError(`未知的模板“${p.templateId}”`);
    xl.utils.book_append_sheet(wb, projectSheet(xl, t, p, book.unit, book.year), names[i]!);
  });
  const meta: string[][] = [[SHEET_FORMAT, '1', book.unit.code, String(book.year), JSON.stringify(book.unit)]];
  projects.forEach((p, i) => {
    const json = metaOf(p);
    const row = [names[i]!];
    for (let k = 0; k < json.length; k += CHUNK) row.push(json.slice(k, k + CHUNK));
    meta.push(row);
  });
  xl.utils.book_append_sheet(wb, xl.utils.aoa_to_sheet(meta), META_SHEET);
  wb.Workbook = { Sheets: wb.SheetNames.map((n) => ({ name: n, Hidden: n === META_SHEET ? 1 : 0 })) } as XLSX.WorkBook['Workbook'];
  return new Uint8Array(xl.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}

/** Reads a workbook (bytes from outside) into filings in the worker, without storing anything. */
export function importWorkbook(bytes: Uint8Array, opts: SheetPreviewOptions & { limits?: Partial<SpreadsheetLimits> } = {}): Promise<SheetImportPreview> {
  const { limits, ...preview } = opts;
  return previewXlsxInWorker(bytes, preview, limits);
}

/**
 * Stores previewed filings (a separate step after the user has seen the preview), in one
 * transaction. Projects whose id exists are replaced; the unit must exist.
 */
export function storeImported(store: FilingStore, unitCode: string, projects: readonly ProjectFilingInput[]): { projects: number; notes: string[]; stored: string[] } {
  if (!store.getUnit(unitCode)) throw new SpreadsheetError(`单位 ${unitCode} 不存在，请先添加该单位`, 'NOT_FOUND');
  const scoped = scopeProjectIds(store, projects.map((p) => ({ ...p, unitCode })));
  store.importBatch({ projects: scoped.items });
  warmCheckCounts(store, projects.map((p) => ({ unitCode, year: p.year })));
  return { projects: projects.length, notes: scoped.notes, stored: scoped.items.map((p) => p.id) };
}
