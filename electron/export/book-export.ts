// Export of official documents from the store: one project table, a unit-year book, or a
// 主管部门 book of several units — as DOCX (or the HTML print view). Files are written
// through writeFileAtomicChunks (temporary name, fsync, rename): a failed or cancelled
// export leaves no file that looks complete. Progress is reported per table.
import { promises as nodeFs } from 'node:fs';
import type { DeptTarget, Unit } from '../../shared/model/filing.ts';
import { buildBookLayout, buildProjectLayout, LayoutError } from '../../shared/layout/index.ts';
import type { BookUnit, LayoutDocument, PrintOptions } from '../../shared/layout/index.ts';
import { renderHtml } from '../../shared/print-html/index.ts';
import { writeFileAtomic, writeFileAtomicChunks, type WriteFs } from '../files/atomic-write.ts';
import type { FilingStore } from '../store/store.ts';
import { UserError } from '../../shared/errors.ts';
import { requireUnit } from '../services/service-error.ts';
import { docxChunks } from './docx/writer.ts';

/** An export the user asked for that cannot be done; the message is Chinese. */
export class ExportError extends UserError {
  override name = 'ExportError';
  constructor(message: string, code = 'EXPORT') {
    super(message, code);
  }
}

export class ExportCancelledError extends ExportError {
  override name = 'ExportCancelledError';
  constructor() {
    super('导出已取消，未生成文件');
  }
}

export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportOptions {
  /** Called after each table is written. */
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
  /** 'docx' (default) or the HTML print view. */
  format?: 'docx' | 'html';
  /** File system used for writing (tests inject failures). */
  fs?: WriteFs;
  /** Document date in the DOCX properties. */
  now?: Date;
  /** 公开稿 (default) or 报送稿. */
  print?: PrintOptions;
}

export interface ExportResult {
  path: string;
  tables: number;
}

/** Writes a layout document to `path` safely, as DOCX or HTML. */
export async function writeDocument(doc: LayoutDocument, path: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const fsImpl = opts.fs ?? nodeFs;
  const signal = opts.signal;
  try {
    signal?.throwIfAborted();
    if (opts.format === 'html') {
      const html = renderHtml(doc);
      signal?.throwIfAborted();
      await writeFileAtomic(path, html, fsImpl);
      opts.onProgress?.({ done: doc.tableCount, total: doc.tableCount });
    } else {
      const chunks = docxChunks(doc, {
        ...(signal ? { signal } : {}),
        ...(opts.now ? { now: opts.now } : {}),
        onProgress: (done, total) => opts.onProgress?.({ done, total }),
      });
      await writeFileAtomicChunks(path, chunks, fsImpl);
    }
  } catch (err) {
    if (signal?.aborted) throw new ExportCancelledError();
    if (err instanceof LayoutError) throw new ExportError(err.message);
    throw err;
  }
  return { path, tables: doc.tableCount };
}


/** One project table. */
export async function exportProject(store: FilingStore, id: string, path: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const p = store.getProject(id);
  if (!p) throw new ExportError(`项目 ${id} 不存在`);
  const unit = requireUnit(store, p.unitCode);
  let doc: LayoutDocument;
  try {
    doc = buildProjectLayout(p, unit, opts.print ? { print: opts.print } : {});
  } catch (err) {
    if (err instanceof LayoutError) throw new ExportError(err.message);
    throw err;
  }
  return writeDocument(doc, path, opts);
}

/** The unit-year book: (部门整体绩效目标 where the layout has it and) every project table. */
export async function exportUnitBook(store: FilingStore, unitCode: string, year: number, path: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const unit = requireUnit(store, unitCode);
  const projects = store.projectsOfUnitYear(unitCode, year);
  if (!projects.length) throw new ExportError(`${unit.code}${unit.name}在 ${year} 年度没有项目，无可导出的表格`);
  return writeBook(store, [{ unit, projects }], year, path, opts);
}

export interface SupervisorSelection {
  /** 主管部门 code, name or `代码-名称`; its units are taken in code order. */
  supervisor?: string;
  /** Unit codes in book order (with `supervisor`: a subset of its units). */
  units?: string[];
  year: number;
}

/** Units of a 主管部门 book, in book order. */
export function selectUnits(store: FilingStore, sel: SupervisorSelection): Unit[] {
  const all = store.listUnits();
  let chosen: Unit[];
  if (sel.supervisor !== undefined && sel.supervisor.trim() !== '') {
    const s = sel.supervisor.trim();
    const under = all
      .filter((u) => u.supervisor && (u.supervisor.code === s || u.supervisor.name === s || `${u.supervisor.code}-${u.supervisor.name}` === s))
      .sort((a, b) => a.code.localeCompare(b.code));
    if (!under.length) throw new ExportError(`没有主管部门为“${s}”的单位`);
    if (sel.units?.length) {
      chosen = sel.units.map((code) => {
        const u = under.find((x) => x.code === code);
        if (!u) throw new ExportError(`单位 ${code} 不属于主管部门“${s}”`);
        return u;
      });
    } else chosen = under;
  } else if (sel.units?.length) {
    chosen = sel.units.map((code) => requireUnit(store, code));
  } else {
    throw new ExportError('请指定主管部门，或列出要汇编的单位');
  }
  const dup = chosen.find((u, i) => chosen.findIndex((x) => x.code === u.code) !== i);
  if (dup) throw new ExportError(`单位 ${dup.code} 重复列出`);
  return chosen;
}

/** A 主管部门 book: the tables of several units in order, numbered continuously. */
export async function exportSupervisorBook(store: FilingStore, sel: SupervisorSelection, path: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const units = selectUnits(store, sel);
  const book: BookUnit[] = units.map((unit) => ({ unit, projects: store.projectsOfUnitYear(unit.code, sel.year) })).filter((b) => b.projects.length > 0);
  if (!book.length) throw new ExportError(`所选单位在 ${sel.year} 年度没有项目，无可导出的表格`);
  const sup = units[0]?.supervisor;
  const titleName = sel.supervisor && sup ? sup.name : undefined;
  return writeBook(store, book, sel.year, path, opts, titleName);
}

async function writeBook(store: FilingStore, units: BookUnit[], year: number, path: string, opts: ExportOptions, titleName?: string): Promise<ExportResult> {
  // The 部门整体绩效目标 of the book is that of the first unit that has one (the 主管部门's own, 本级).
  let deptTarget: DeptTarget | null = null;
  for (const u of units) {
    deptTarget = store.getDeptTarget(u.unit.code, year);
    if (deptTarget) break;
  }
  let doc: LayoutDocument;
  try {
    doc = buildBookLayout({ year, units, deptTarget, lazy: true, ...(titleName ? { titleName } : {}), ...(opts.print ? { print: opts.print } : {}) });
  } catch (err) {
    if (err instanceof LayoutError) throw new ExportError(err.message);
    throw err;
  }
  return writeDocument(doc, path, opts);
}

/** `[██████░░░░] 12/54` for a terminal. */
export function progressBar(done: number, total: number, width = 24): string {
  const frac = total > 0 ? Math.min(1, done / total) : 1;
  const full = Math.round(frac * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${done}/${total}`;
}
