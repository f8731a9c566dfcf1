// The recognition of a workbook's sheets (bytes already parsed into plain cells by
// xlsx-worker.ts): our own workbook (a hidden sheet with what the tables do not show) or
// any workbook of the printed tables, one or many per sheet, and the 第一部分 部门整体绩效目标
// where a sheet holds it. Runs in the xlsx worker (no Node, store or xlsx imports here);
// the main process receives the preview and validates it again.
import { z } from 'zod';
import { newProjectId } from '../../../shared/model/ids.ts';
import type { IndicatorRow, ProjectFiling, ProjectFilingInput, Unit } from '../../../shared/model/filing.ts';
import { projectFilingSchema } from '../../../shared/model/filing.ts';
import { getTemplate } from '../../../shared/templates/index.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { formatFen } from '../../../shared/model/money.ts';
import { getAt } from '../../../shared/model/field-path.ts';
import { formatIssues } from '../../../shared/model/issues.ts';
import type { GridCell, GridRow } from '../recognise/recognise.ts';
import { recogniseBook, type Block, type BookProject, type FilingAdjust } from '../recognise/book.ts';
import type { FilingSource } from '../recognise/source.ts';
import { isTemplateLabel } from '../recognise/labels.ts';
import { renewIdsForOtherUnitYear } from '../../services/import-scope.ts';
import { SpreadsheetError } from './sheet-error.ts';
import type { Merge, PlainSheet } from './grid-budget.ts';
import type { DeptTargetText } from '../recognise/dept-target.ts';

export const META_SHEET = '_jxmb';
export const SUMMARY_SHEET = '汇总';
export const SHEET_FORMAT = 'jxmb-sheet';

/** Grid rows of a plain sheet: merged cells become one own cell plus continuation cells. */
export function sheetToGrid(sheet: PlainSheet, width?: number): GridRow[] {
  let w = width ?? 0;
  if (width === undefined) {
    for (const r of sheet.rows) w = Math.max(w, r.length);
    for (const m of sheet.merges) w = Math.max(w, m[3] + 1);
  }
  // Per row: where a merge starts, and the cells it covers (the budget bounds their number).
  const start: Array<Map<number, Merge> | undefined> = [];
  const covered: Array<Map<number, Merge> | undefined> = [];
  const at = (rows: typeof start, r: number) => (rows[r] ??= new Map());
  for (const m of sheet.merges) {
    const [r1, c1, r2, c2] = m;
    if (r2 < r1 || c2 < c1 || (r2 - r1 + 1) * (c2 - c1 + 1) > 1_000_000) continue;
    at(start, r1).set(c1, m);
    for (let r = r1; r <= r2 && r <= sheet.rows.length; r++) for (let c = c1; c <= c2 && c < w; c++) if (r !== r1 || c !== c1) at(covered, r).set(c, m);
  }
  return sheet.rows.map((row, r) => {
    const out: GridCell[] = [];
    const cov = covered[r];
    const st = start[r];
    for (let c = 0; c < w; c++) {
      const m = cov?.get(c);
      if (m) {
        if (m[0] < r && c === m[1]) out.push({ text: '', col: c, span: Math.min(w, m[3] + 1) - c, cont: true });
        continue;
      }
      const s = st?.get(c);
      const v = row[c];
      out.push({ text: v === null || v === undefined ? '' : String(v), col: c, span: s ? Math.min(w, s[3] + 1) - c : 1, cont: false });
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
  /** 第一部分 部门整体绩效目标, when a sheet holds it (its own sheet, or rows above the tables). */
  dept: DeptTargetText | null;
  /** The first unit line printed on the sheet of the department part, if any. */
  deptUnit: { code: string; name: string } | null;
}

/** A sheet of its own for the department part (`部门整体绩效目标`, `2025年部门整体绩效目标`…). */
const DEPT_SHEET = /部门整体(?:绩效)?目标/;

const metaHeadSchema = z.tuple([z.literal(SHEET_FORMAT), z.literal('1'), z.string(), z.string()]).rest(z.unknown());

/** What the preview is read with: plain data, sent to the worker with the bytes. */
export interface SheetPreviewOptions {
  unitCode?: string;
  year?: number;
  /** Corrections made in the preview (template, amount unit), per filing's source key. */
  adjust?: Readonly<Record<string, FilingAdjust>>;
  /** The year may be chosen in the preview: a file without one is not refused. */
  yearLater?: boolean;
}

export function previewFromSheets(
  sheets: PlainSheet[],
  opts: SheetPreviewOptions = {},
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
  let dept: { text: DeptTargetText; sheet: string; unit: { code: string; name: string } | null } | null = null;
  for (const [sheetNo, sheet] of sheets.entries()) {
    if (sheet.name === META_SHEET || sheet.name === SUMMARY_SHEET) continue;
    const grid = sheetToGrid(sheet);
    if (!grid.some((r) => r.some((c) => c.text.trim()))) continue;
    const f = sheet.formulas;
    if (f) {
      const which = `${f.cells.join('、')}${f.count > f.cells.length ? ' 等' : ''}`;
      notes.push(`工作表“${sheet.name}”有 ${f.count} 个单元格含公式（${which}），已按文件中保存的计算结果读取；公式本身不导入，也不计算`);
      if (f.noValue) notes.push(formulasWithoutValue(sheet.name, f.noValue));
    }
    const blocks = sheetBlocks(grid);
    // A sheet named for the department part may lack the part's own title line.
    if (DEPT_SHEET.test(sheet.name)) blocks.unshift({ kind: 'p', text: '部门整体绩效目标' });
    const book = recogniseBook(blocks, {
      unitCode,
      trimValues: base.size === 0,
      keyPrefix: `${sheetNo + 1}:`,
      sheet: true,
      ...(opts.adjust ? { adjust: opts.adjust } : {}),
      where: (n) => `工作表“${sheet.name}”${n > 1 ? `第 ${n} 个表格` : ''}`,
    });
    // A sheet without tables is skipped; in a sheet with tables, rows outside them are named as such.
    const notTable = /^(工作表“[^”]*”)(第 \d+ 个表格)?不是项目绩效目标表（没有“项目名称”一行），已忽略$/;
    notes.push(...book.notes.map((n) => (book.projects.length ? n.replace(notTable, '$1$2中有不属于项目表的内容（在“项目名称”一行之前），已忽略') : n.replace(notTable, '$1不是绩效目标表，已跳过'))));
    printedYear ??= book.year;
    year ??= printedYear ?? undefined;
    if (book.dept && dept) notes.push(`工作表“${sheet.name}”中也有部门整体绩效目标，只读取了工作表“${dept.sheet}”中的`);
    else if (book.dept) dept = { text: book.dept, sheet: sheet.name, unit: book.unit };
    if (!book.projects.length) {
      if (!book.notes.length && !book.dept) notes.push(`工作表“${sheet.name}”不是绩效目标表，已跳过`);
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
  if (projects.length === 0 && !dept) {
    throw new SpreadsheetError(`表格中没有可以识别的绩效目标表${notes.length ? `：\n${notes.slice(0, 10).join('\n')}` : ''}`, 'NOT_FILING');
  }
  return { unitCode, year: year ?? 0, printedYear, templateId, projects, notes, unit, dept: dept?.text ?? null, deptUnit: dept?.unit ?? null };
}

/**
 * A sheet as paragraphs and tables: a row with one filled cell that is not a label (a
 * title, unit line, `单位：万元`, a notes line, a line of the department part, also when
 * merged across the row or down over several rows) is a paragraph; other rows are table rows.
 */
const ABOVE_TABLE = /^\s*(?:(?:金额|计量|编报|填报|预算)?单位(?:名称)?(?:[（(]盖章[)）])?\s*[:：]|\d{6}(?!\d)\s*[^\d\s:：])/;

export function sheetBlocks(grid: readonly GridRow[]): Block[] {
  const out: Block[] = [];
  for (const [i, row] of grid.entries()) {
    const filled = row.filter((c) => !c.cont && c.text.trim());
    // The lower rows of a paragraph merged over several rows (A5:H9 holding one text).
    const prev = out.at(-1);
    if (filled.length === 0 && prev?.kind === 'p' && prev.text !== '') continue;
    const line = filled.length === 1 && !row.some((c) => c.cont) && !isTemplateLabel(filled[0]!.text);
    // The line above a table spread over cells (`单位名称：XX` in A, `金额单位：元` in G): one
    // paragraph, its parts apart as typed in Word.
    const above = filled.length > 1 && filled.some((c) => ABOVE_TABLE.test(c.text)) && !filled.some((c) => isTemplateLabel(c.text));
    if (above) {
      out.push({ kind: 'p', text: filled.map((c) => c.text.trim()).join('    ') });
      continue;
    }
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

/** The note of formulas the file saved no value of (read as blank). */
export const formulasWithoutValue = (sheet: string, n: number): string => `工作表“${sheet}”有 ${n} 个公式没有保存计算结果，读作空白：请在 Excel/WPS 中打开、保存后再导入`;
