// Spreadsheets of a unit-year (docs/spreadsheet-template.md):
// - export: a 汇总 sheet, then one sheet per project in the shape of the printed table
//   (labels and values as on paper, merged cells as on paper, money as printed text so it
//   stays exact), and a hidden `_jxmb` sheet holding what the table does not show (ids,
//   status, 说明, …) so that export → import gives back equal filings;
// - import: the same shape (a workbook exported here, or one filled in from it). Visible
//   cells win; the hidden sheet only supplies what is not visible. Parsed in a worker.
import XLSX from 'xlsx';
import { newProjectId } from '../../../shared/model/ids.ts';
import { z } from 'zod';
import type { DeptTarget, IndicatorRow, ProjectFiling, ProjectFilingInput, Unit } from '../../../shared/model/filing.ts';
import { projectFilingSchema, PERIOD_KEYS, STATUS_LABELS } from '../../../shared/model/filing.ts';
import { getTemplate, amountUnitLabel } from '../../../shared/templates/index.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { projectTableLayout } from '../../../shared/layout/index.ts';
import { formatFen, formatMoney } from '../../../shared/model/money.ts';
import { getAt } from '../../../shared/model/field-path.ts';
import { formatIssues } from '../../../shared/model/issues.ts';
import { type GridCell, type GridRow } from '../recognise/recognise.ts';
import { recogniseBook, type Block, type BookProject, type FilingAdjust } from '../recognise/book.ts';
import type { FilingSource } from '../recognise/source.ts';
import { isTemplateLabel } from '../recognise/labels.ts';
import { warmCheckCounts } from '../../services/check-counts.ts';
import { renewIdsForOtherUnitYear, scopeProjectIds } from '../../services/import-scope.ts';
import type { FilingStore } from '../../store/store.ts';
import { parseXlsxInWorker, SpreadsheetError, type PlainSheet, type SpreadsheetLimits } from './xlsx-read.ts';

export const META_SHEET = '_jxmb';
export const SUMMARY_SHEET = '汇总';
export const SHEET_FORMAT = 'jxmb-sheet';
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
function projectSheet(t: TemplateDef, f: ProjectFiling, unit: Unit, year: number): XLSX.WorkSheet {
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
  const ws = XLSX.utils.aoa_to_sheet(aoa);
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
export function exportUnitYearWorkbook(book: UnitYearBook): Uint8Array {
  const wb = XLSX.utils.book_new();
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
  const ss = XLSX.utils.aoa_to_sheet(summary);
  ss['!cols'] = [{ wch: 6 }, { wch: 24 }, { wch: 50 }, { wch: 14 }, { wch: 8 }, { wch: 8 }, { wch: 6 }];
  XLSX.utils.book_append_sheet(wb, ss, SUMMARY_SHEET);
  projects.forEach((p, i) => {
    const t = getTemplate(p.templateId);
    if (!t) throw new SpreadsheetError(`未知的模板“${p.templateId}”`);
    XLSX.utils.book_append_sheet(wb, projectSheet(t, p, book.unit, book.year), names[i]!);
  });
  const meta: string[][] = [[SHEET_FORMAT, '1', book.unit.code, String(book.year), JSON.stringify(book.unit)]];
  projects.forEach((p, i) => {
    const json = metaOf(p);
    const row = [names[i]!];
    for (let k = 0; k < json.length; k += CHUNK) row.push(json.slice(k, k + CHUNK));
    meta.push(row);
  });
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(meta), META_SHEET);
  wb.Workbook = { Sheets: wb.SheetNames.map((n) => ({ name: n, Hidden: n === META_SHEET ? 1 : 0 })) } as XLSX.WorkBook['Workbook'];
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}

// ---- import ----

/** Grid rows of a plain sheet: merged cells become one own cell plus continuation cells. */
export function sheetToGrid(sheet: PlainSheet, width?: number): GridRow[] {
  const w = width ?? Math.max(0, ...sheet.rows.map((r) => r.length), ...sheet.merges.map((m) => m[3] + 1));
  const start = new Map<string, [number, number, number, number]>();
  const covered = new Map<string, [number, number, number, number]>();
  for (const m of sheet.merges) {
    const [r1, c1, r2, c2] = m;
    if (r2 < r1 || c2 < c1 || (r2 - r1 + 1) * (c2 - c1 + 1) > 1_000_000) continue;
    start.set(`${r1},${c1}`, m);
    for (let r = r1; r <= r2 && r <= sheet.rows.length; r++) for (let c = c1; c <= c2 && c < w; c++) if (r !== r1 || c !== c1) covered.set(`${r},${c}`, m);
  }
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return sheet.rows.map((row, r) => {
    const out: GridCell[] = [];
    for (let c = 0; c < w; c++) {
      const cov = covered.get(`${r},${c}`);
      if (cov) {
        if (cov[0] < r && c === cov[1]) out.push({ text: '', col: c, span: Math.min(w, cov[3] + 1) - c, cont: true });
        continue;
      }
      const m = start.get(`${r},${c}`);
      out.push({ text: text(row[c]), col: c, span: m ? Math.min(w, m[3] + 1) - c : 1, cont: false });
    }
    return out;
  });
}

export interface SheetImportPreview {
  unitCode: string;
  year: number;
  templateId: string | null;
  projects: Array<{ sheet: string; filing: ProjectFiling; recognised: string[]; source: FilingSource; unit: { code: string; name: string } | null }>;
  /** The year of the file (hidden sheet, else a title), if any. */
  printedYear: number | null;
  /** Chinese notes: what was not recognised. */
  notes: string[];
  /** Unit as recorded in the hidden sheet, when present. */
  unit: Unit | null;
}

const metaHeadSchema = z.tuple([z.literal(SHEET_FORMAT), z.literal('1'), z.string(), z.string()]).rest(z.unknown());

/** Reads a workbook (bytes from outside) into filings, without storing anything. */
export async function importWorkbook(
  bytes: Uint8Array,
  opts: { unitCode?: string; year?: number; limits?: Partial<SpreadsheetLimits> } = {},
): Promise<SheetImportPreview> {
  const sheets = await parseXlsxInWorker(bytes, opts.limits);
  return previewFromSheets(sheets, opts);
}

export function previewFromSheets(
  sheets: PlainSheet[],
  opts: { unitCode?: string; year?: number; adjust?: Readonly<Record<string, FilingAdjust>>; yearLater?: boolean } = {},
): SheetImportPreview {
  const notes: string[] = [];
  const metaSheet = sheets.find((s) => s.name === META_SHEET);
  const base = new Map<string, ProjectFiling>();
  let unitCode = opts.unitCode;
  let year = opts.year;
  let unit: Unit | null = null;
  let fileScope: { unitCode: string; year: number } | null = null;
  if (metaSheet) {
    const head = metaHeadSchema.safeParse(metaSheet.rows[0]?.map((v) => (v === null ? '' : String(v))));
    if (head.success) {
      fileScope = { unitCode: head.data[2], year: Number(head.data[3]) };
      unitCode ??= head.data[2];
      year ??= Number(head.data[3]);
      try {
        unit = JSON.parse(String(metaSheet.rows[0]?.[4] ?? 'null')) as Unit | null;
      } catch {
        unit = null;
      }
      for (const row of metaSheet.rows.slice(1)) {
        const name = row[0];
        if (typeof name !== 'string') continue;
        try {
          const parsed = projectFilingSchema.safeParse(JSON.parse(row.slice(1).map((v) => (v === null ? '' : String(v))).join('')));
          if (parsed.success) base.set(name, parsed.data);
          else notes.push(`隐藏工作表中“${name}”的附加信息有误，已忽略`);
        } catch {
          notes.push(`隐藏工作表中“${name}”的附加信息不完整，已忽略`);
        }
      }
    } else notes.push('隐藏工作表 _jxmb 的格式无法识别，已忽略（项目标识等将重新生成）');
  }
  if (!unitCode || !/^\d{6}$/.test(unitCode)) throw new SpreadsheetError('请指定要导入到哪个单位（6 位单位编码）', 'NEED_UNIT');
  // The year of the file: the hidden sheet's, else the first one printed in a title.
  let printedYear = fileScope?.year ?? null;
  const needYear = () => {
    if (!opts.yearLater && (!year || !Number.isInteger(year))) throw new SpreadsheetError('请指定导入哪个年度', 'NEED_YEAR');
  };
  if (printedYear === null && !opts.yearLater) needYear();

  const projects: SheetImportPreview['projects'] = [];
  let templateId: string | null = null;
  let seq = 0;
  for (const [sheetNo, sheet] of sheets.entries()) {
    if (sheet.name === META_SHEET || sheet.name === SUMMARY_SHEET) continue;
    const grid = sheetToGrid(sheet);
    if (!grid.some((r) => r.some((c) => c.text.trim()))) continue;
    const f = sheet.formulas;
    if (f) {
      const which = `${f.cells.join('、')}${f.count > f.cells.length ? ' 等' : ''}`;
      notes.push(`工作表“${sheet.name}”有 ${f.count} 个单元格含公式（${which}），已按文件中保存的计算结果读取；公式本身不导入，也不计算`);
      if (f.noValue) notes.push(`工作表“${sheet.name}”有 ${f.noValue} 个公式没有保存计算结果，读作空白：请在 Excel/WPS 中打开、保存后再导入`);
    }
    const book = recogniseBook(sheetBlocks(grid), {
      unitCode,
      trimValues: base.size === 0,
      keyPrefix: `${sheetNo + 1}:`,
      sheet: true,
      ...(opts.adjust ? { adjust: opts.adjust } : {}),
      where: (n) => `工作表“${sheet.name}”${n > 1 ? `第 ${n} 个表格` : ''}`,
    });
    notes.push(...book.notes.map((n) => n.replace(/^(工作表“[^”]*”)不是项目绩效目标表（没有“项目名称”一行），已忽略$/, '$1不是绩效目标表，已跳过')));
    printedYear ??= book.year;
    year ??= printedYear ?? undefined;
    if (!book.projects.length) {
      if (!book.notes.length) notes.push(`工作表“${sheet.name}”不是绩效目标表，已跳过`);
      continue;
    }
    for (const found of book.projects) {
      const t = getTemplate(found.filing.templateId)!;
      // A template the user chose in the preview is taken as chosen.
      if (templateId && templateId !== t.id && found.source.template.from !== 'given') {
        notes.push(`工作表“${sheet.name}”的格式（模板 ${t.id}）与前面的工作表（模板 ${templateId}）不同，已跳过`);
        continue;
      }
      templateId ??= t.id;
      // Our own workbook: one project per sheet, the hidden sheet holds what the table does not show.
      const b = book.projects.length === 1 ? base.get(sheet.name) : undefined;
      seq++;
      const merged = mergeWithBase(b ? found.read : { ...found.read, headingName: found.filing.headingName }, b, t, unitCode, year ?? 2000, seq);
      if (b) keptFromHiddenSheet(notes, found.unreadMoney, b);
      const parsed = projectFilingSchema.safeParse(merged);
      if (!parsed.success) {
        notes.push(`工作表“${sheet.name}”的内容有误，未导入：${formatIssues(parsed.error.issues, 5)}`);
        continue;
      }
      projects.push({ sheet: sheet.name, filing: parsed.data, recognised: found.recognised, source: found.source, unit: found.unit });
    }
  }
  needYear();
  const renewed = renewIdsForOtherUnitYear(projects.map((p) => p.filing), fileScope, { unitCode, year: year ?? 0 });
  if (renewed) notes.push(renewed);
  if (projects.length === 0) {
    throw new SpreadsheetError(`表格中没有可以识别的绩效目标表${notes.length ? `：\n${notes.slice(0, 10).join('\n')}` : ''}`, 'NOT_FILING');
  }
  return { unitCode, year: year ?? 0, printedYear, templateId, projects, notes, unit };
}

/**
 * A sheet as paragraphs and tables: a row with one filled cell that is not a label (a
 * title, unit line, `单位：万元`, a notes line) is a paragraph; other rows are table rows.
 */
export function sheetBlocks(grid: readonly GridRow[]): Block[] {
  const out: Block[] = [];
  for (const [i, row] of grid.entries()) {
    const filled = row.filter((c) => !c.cont && c.text.trim());
    const line = filled.length === 1 && !row.some((c) => c.cont) && !isTemplateLabel(filled[0]!.text);
    if (line || (filled.length === 0 && !row.some((c) => c.cont))) {
      out.push({ kind: 'p', text: line ? filled[0]!.text : '' });
      continue;
    }
    const last = out.at(-1);
    if (last?.kind === 'table') {
      last.rows.push(row);
      last.rowNos?.push(i);
    } else out.push({ kind: 'table', rows: [row], rowNos: [i] });
  }
  return out;
}

/** Visible values over the hidden base: ids and invisible columns come from the base row at the same position. */
/** An amount the table did not give but the hidden sheet did is kept: the note says so. */
function keptFromHiddenSheet(notes: string[], unread: BookProject['unreadMoney'], base: ProjectFiling): void {
  for (const u of unread) {
    const kept = getAt(base, u.field);
    const i = notes.indexOf(u.note);
    if (typeof kept !== 'number' || i < 0) continue;
    notes[i] = u.note.replace(/，该项留空$/, `，已保留隐藏工作表中记录的原值 ${formatFen(kept, '元')}`);
  }
}

function mergeWithBase(read: ProjectFilingInput, base: ProjectFiling | undefined, t: TemplateDef, unitCode: string, year: number, seq: number): ProjectFilingInput {
  const out: Record<string, unknown> = base ? structuredClone(base) : { id: newProjectId(), seq };
  const r = read as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(r)) {
    if (k === 'periods') continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = { ...((out[k] as object) ?? {}), ...(v as object) };
    else out[k] = v;
  }
  const periods: Record<string, unknown> = { ...((out.periods as object) ?? {}) };
  for (const p of t.periods) {
    const rp = (read.periods as Record<string, { funding?: object; indicators?: IndicatorRow[] } & Record<string, unknown>>)[p];
    if (!rp) continue;
    const bp = (base?.periods[p] ?? {}) as Partial<NonNullable<ProjectFiling['periods']['annual']>>;
    const baseRows = bp.indicators ?? [];
    const indicators = (rp.indicators ?? []).map((row, i) => {
      const b = baseRows[i];
      if (!b) return row;
      const merged: IndicatorRow = { ...b };
      for (const c of t.indicatorColumns) merged[c] = row[c];
      return merged;
    });
    periods[p] = { ...bp, ...rp, funding: { ...(bp.funding ?? {}), ...(rp.funding ?? {}) }, indicators };
  }
  out.periods = periods;
  out.templateId = t.id;
  out.unitCode = unitCode;
  out.year = year;
  return out as unknown as ProjectFilingInput;
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
