// Worker that parses an untrusted .xlsx or .xls (xlsx 0.18.5 has known advisories: prototype
// pollution CVE-2023-30533, ReDoS CVE-2024-22363). Before xlsx is loaded the built-in
// prototypes are frozen; a zip is checked with our bounded reader first (names, sizes,
// inflation, CRC), and the members it inflated are what xlsx parses (each inflated once);
// row counts are found by a linear scan of the sheet XML; a compound
// file (.xls, WPS .et) has its structure checked (../compound-file.ts) and its rows
// bounded by sheetRows and the cell budget. A formula is read by the value the file saved
// with it (never evaluated, never passed on); date cells as they are shown. Only plain cell
// values go back to the caller, which validates them again. The caller terminates this
// worker after a time limit.
import { parentPort, workerData } from 'node:worker_threads';
import { clipMerges, gridCells, type CellValue, type PlainSheet } from './grid-budget.ts';
import { cellName } from '../../../shared/model/cell-name.ts';
import type { SheetImportPreview, SheetPreviewOptions } from './sheet-preview.ts';
import type { ParsingOptions, WorkBook } from 'xlsx';

allowOverrides(Object.prototype); // before it is frozen below
const g = globalThis as unknown as Record<string, { prototype?: object } | undefined>;
for (const name of [
  'Object', 'Array', 'Function', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Date', 'Error', 'TypeError',
  'RangeError', 'SyntaxError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'ArrayBuffer', 'DataView', 'Uint8Array',
  'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'TextDecoder', 'TextEncoder',
]) {
  const p = g[name]?.prototype;
  if (p) Object.freeze(p);
}
Object.freeze(Object.getPrototypeOf(Uint8Array.prototype) as object);
Object.freeze(Object.prototype);

/**
 * A frozen prototype makes `obj.constructor = x` fail silently on every object (the
 * "override mistake"): xlsx stores sheets by name, so sheets named `constructor`,
 * `toString`, `hasOwnProperty`… vanished. Each data property of the prototype becomes a
 * getter plus a setter that defines an own property on the object assigned to.
 */
function allowOverrides(proto: object): void {
  for (const key of Reflect.ownKeys(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, key)!;
    if (!('value' in d) || !d.configurable) continue;
    const value: unknown = d.value;
    Object.defineProperty(proto, key, {
      get: () => value,
      set(this: object, v: unknown) {
        if (this === proto) throw new TypeError(`Cannot assign to read only property '${String(key)}'`);
        Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: d.enumerable,
      configurable: false,
    });
  }
}

// RegExp.prototype alone is not frozen: V8's fast paths for regular expressions require it
// unchanged, and xlsx parses with regular expressions throughout (frozen, a 250-sheet file
// parsed in 1.3 s instead of 0.8 s). Pollution through `__proto__` keys in the data reaches
// Object.prototype (frozen), not RegExp.prototype; should anything change it all the same,
// the file is refused after parsing (see regExpPrototypeChanged).

/** RegExp.prototype's own properties with their values and accessors, in order. */
function regExpPrototype(): unknown[][] {
  return Reflect.ownKeys(RegExp.prototype).map((k) => {
    const d = Object.getOwnPropertyDescriptor(RegExp.prototype, k)!;
    return [k, d.value, d.get, d.set, d.writable, d.configurable];
  });
}
const REGEXP_BEFORE = regExpPrototype();

function regExpPrototypeChanged(): boolean {
  const now = regExpPrototype();
  return (
    Object.getPrototypeOf(RegExp.prototype) !== Object.prototype ||
    now.length !== REGEXP_BEFORE.length ||
    now.some((p, i) => p.some((x, j) => x !== REGEXP_BEFORE[i]![j]))
  );
}

export interface WorkerInput {
  /** Several files may be parsed by one worker (the fuzz tests do). */
  items: Uint8Array[];
  maxRowsPerSheet: number;
  maxRowsTotal: number;
  maxSheets: number;
  maxUncompressed: number;
  /** Budget of grid cells (rows × effective width, summed over sheets) and of merged area. */
  maxCells: number;
  /** Longest text of one cell. */
  maxCellChars: number;
  /** Recognise the sheets here too (sheet-preview.ts): only the preview goes back, not the cells. */
  preview?: SheetPreviewOptions;
}

export type WorkerOutput = { ok: true; sheets: PlainSheet[] } | { ok: true; preview: SheetImportPreview } | { ok: false; code: string; message: string };

function fail(code: string, message: string): never {
  throw Object.assign(new Error(message), { code });
}

/** Formula cells without a saved value named per sheet (the count goes on). */
const MAX_NO_VALUE_CELLS = 2000;

async function run(input: WorkerInput, bytes: Uint8Array): Promise<WorkerOutput> {
  // Loading xlsx takes a while: start it now, alongside the checks (it parses nothing yet).
  const { isCompoundFile } = await import('../compound-file.ts');
  const binary = isCompoundFile(bytes);
  // A zip (.xlsx) needs no code pages: the ES module build loads without them (~80 ms
  // instead of ~500 ms for the CommonJS build, which builds every code page table).
  const xlsxModule: Promise<typeof import('xlsx')> = binary ? import('xlsx').then((m) => m.default) : (import('xlsx/xlsx.mjs') as Promise<typeof import('xlsx')>);
  xlsxModule.catch(() => undefined);
  const { listZip, readZipEntry, ArchiveError } = await import('../../files/zip.ts');
  if (binary) await checkCompound(bytes);
  else if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    fail('NOT_XLSX', '不是 .xlsx 或 .xls 格式的表格文件（请在 Excel/WPS 中另存为 .xlsx 后再导入）');
  }
  let sheetXml: Array<{ name: string; xml: string }> = [];
  const bookXml: Record<string, string> = {};
  /** Formula cells saved without a value (or an empty <v/>, as openpyxl writes), by sheet name (xlsx drops such cells when it parses). */
  const noValue = new Map<string, number>();
  /** Their cell names (A1), as the sheet's XML gives them. */
  const noValueCells = new Map<string, string[]>();
  /** The inflated members (.xlsx): handed to xlsx as they are, so nothing is inflated twice. */
  const members: Array<[string, Uint8Array]> = [];
  if (!binary) try {
    const entries = listZip(bytes, { entries: 5000, memberBytes: input.maxUncompressed, totalBytes: input.maxUncompressed });
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) fail('NOT_XLSX', '不是 .xlsx 表格文件（缺少工作簿内容 xl/workbook.xml）');
    const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name));
    if (sheets.length > input.maxSheets) fail('TOO_MANY', sheetsOver(sheets.length, input.maxSheets));
    // Every member is inflated once with the bounded reader: sizes and CRCs are then known good.
    for (const e of entries) {
      if (e.name.endsWith('/')) continue;
      const data = readZipEntry(bytes, e);
      // Named and viewed as xlsx's own reader does (a name's bytes as Latin-1, a Buffer).
      members.push([Buffer.from(e.name, 'utf8').toString('latin1'), Buffer.from(data.buffer, data.byteOffset, data.length)]);
      if (sheets.includes(e)) sheetXml.push({ name: e.name, xml: Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1') });
      if (e.name === 'xl/workbook.xml' || e.name === 'xl/_rels/workbook.xml.rels') bookXml[e.name] = Buffer.from(data.buffer, data.byteOffset, data.length).toString('utf8');
    }
  } catch (e) {
    if (e instanceof ArchiveError) fail(e.code, `表格文件已损坏或不安全：${e.message}`);
    throw e;
  }
  let total = 0;
  const ROW = /<(?:[A-Za-z0-9]{1,10}:)?row[\s>/]/g;
  for (const s of sheetXml) {
    let n = 0;
    ROW.lastIndex = 0;
    while (ROW.exec(s.xml)) {
      n++;
      if (n > input.maxRowsPerSheet) fail('TOO_MANY_ROWS', rowsOver(input.maxRowsPerSheet));
    }
    total += n;
    if (total > input.maxRowsTotal) fail('TOO_MANY_ROWS', totalOver(input.maxRowsTotal));
    const bare = [...s.xml.matchAll(/<(?:\w{1,10}:)?c\b([^<>]{0,400})>\s{0,40}<(?:\w{1,10}:)?f\b[^<>]{0,400}(?:\/>|>[^<]{0,100000}<\/(?:\w{1,10}:)?f>)(?:\s{0,40}<(?:\w{1,10}:)?v\s{0,10}(?:\/>|>\s{0,40}<\/(?:\w{1,10}:)?v>))?\s{0,40}<\/(?:\w{1,10}:)?c>/g)];
    if (bare.length) {
      const sheet = sheetNameOf(bookXml, s.name);
      noValue.set(sheet, (noValue.get(sheet) ?? 0) + bare.length);
      const at = noValueCells.get(sheet) ?? [];
      for (const m of bare) {
        const ref = /\br\s*=\s*["']([A-Z]{1,3}[1-9]\d{0,6})["']/.exec(m[1]!)?.[1];
        if (ref && at.length < MAX_NO_VALUE_CELLS) at.push(ref);
      }
      noValueCells.set(sheet, at);
    }
  }
  sheetXml = [];

  const XLSX = await xlsxModule;
  const opts = {
    type: 'array' as const,
    dense: true,
    cellFormula: true,
    cellHTML: false,
    cellNF: true,
    cellStyles: false,
    cellText: false,
    cellDates: false,
    sheetStubs: false,
    bookVBA: false,
    sheetRows: input.maxRowsPerSheet + 1,
  };
  const wb = binary ? XLSX.read(bytes, opts) : parseMembers(XLSX as XlsxEsm, members.splice(0), opts);
  if (regExpPrototypeChanged()) fail('UNSAFE', '表格文件含有不安全的内容（试图修改程序内部对象），已拒绝');
  const out: PlainSheet[] = [];
  const meta = wb.Workbook?.Sheets ?? [];
  let cells = 0;
  let rowsTotal = 0;
  // The counts above cover xl/worksheets/*.xml; a sheet the relationships put elsewhere is
  // counted here (xlsx stops at sheetRows without saying so: rows would go missing).
  if (wb.SheetNames.length > input.maxSheets) fail('TOO_MANY', sheetsOver(wb.SheetNames.length, input.maxSheets));
  wb.SheetNames.forEach((name, i) => {
    // Own properties only (a sheet named `toString` is not Object.prototype's); xlsx stores a
    // sheet named `__proto__` as the prototype of its sheet map.
    const proto: unknown = Object.getPrototypeOf(wb.Sheets);
    const ws = (Object.hasOwn(wb.Sheets, name) ? wb.Sheets[name] : name === '__proto__' && proto !== Object.prototype ? proto : undefined) as unknown as (Array<Array<{ t?: string; v?: unknown; f?: unknown; z?: unknown } | undefined> | undefined> & Record<string, unknown>) | undefined;
    const rows: CellValue[][] = [];
    const merges: Array<[number, number, number, number]> = [];
    const formulas = { count: noValue.get(String(name)) ?? 0, cells: [] as string[], noValue: noValue.get(String(name)) ?? 0, ...(noValueCells.has(String(name)) ? { noValueCells: noValueCells.get(String(name)) } : {}) };
    if (ws) {
      const data = Array.isArray(ws) ? ws : ((ws['!data'] as typeof ws | undefined) ?? []);
      for (let r = 0; r < data.length; r++) {
        const src = data[r];
        const row: CellValue[] = [];
        if (src) {
          // The budget bounds this loop too: a value in column XFD makes a row 16,384 wide.
          cells += src.length;
          if (cells > input.maxCells) fail('TOO_MANY_CELLS', tooManyCells(String(name), input.maxCells));
          for (let c = 0; c < src.length; c++) {
            const cell = src[c];
            if (!cell) {
              row.push(null);
              continue;
            }
            // A formula: its saved value is read, the formula text is dropped here.
            if (cell.f !== undefined) {
              formulas.count++;
              if (formulas.cells.length < 5) formulas.cells.push(cellName(r, c));
            }
            const v = cell.v;
            const value =
              cell.t === 'e' || v === undefined
                ? null
                : typeof v === 'number' && typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)
                  ? XLSX.SSF.format(cell.z, v) // a date as the sheet shows it, not its serial number
                  : typeof v === 'number' || typeof v === 'boolean'
                    ? v
                    : String(v);
            if (typeof value === 'string' && value.length > input.maxCellChars) {
              fail('CELL_TOO_LONG', `工作表“${String(name)}”的单元格 ${cellName(r, c)} 有 ${value.length} 个字符，超过上限 ${input.maxCellChars} 个，已拒绝`);
            }
            row.push(value);
          }
        }
        rows.push(row);
      }
      const m = ws['!merges'];
      if (Array.isArray(m)) for (const x of m as Array<{ s: { r: number; c: number }; e: { r: number; c: number } }>) merges.push([x.s.r, x.s.c, x.e.r, x.e.c]);
    }
    if (rows.length > input.maxRowsPerSheet) fail('TOO_MANY_ROWS', rowsOver(input.maxRowsPerSheet));
    rowsTotal += rows.length;
    if (rowsTotal > input.maxRowsTotal) fail('TOO_MANY_ROWS', totalOver(input.maxRowsTotal));
    const clipped = clipMerges(rows, merges);
    for (const r of rows) cells -= r.length; // counted again, as rows × width, in gridCells
    cells += gridCells(rows, clipped);
    if (cells > input.maxCells) fail('TOO_MANY_CELLS', tooManyCells(String(name), input.maxCells));
    merges.length = 0;
    merges.push(...clipped);
    out.push({ name: String(name), hidden: Number(meta[i]?.Hidden ?? 0), rows, merges, ...(formulas.count ? { formulas } : {}) });
  });
  return { ok: true, sheets: out };
}

const rowsOver = (max: number) => `表格中有工作表超过 ${max} 行，已拒绝（请拆分后再导入）`;
const totalOver = (max: number) => `表格总行数超过 ${max} 行，已拒绝`;
const sheetsOver = (n: number, max: number) => `工作表过多（${n} 个，上限 ${max} 个）`;

type XlsxEsm = typeof import('xlsx') & { parse_zip(zip: unknown, opts: ParsingOptions): WorkBook };

/**
 * xlsx's own read of a zip would inflate every member again (with its pure-JS inflater in the
 * ES module build): the members inflated and checked above go into its container instead.
 */
function parseMembers(XLSX: XlsxEsm, members: Array<[string, Uint8Array]>, opts: ParsingOptions): WorkBook {
  const zip = (XLSX.CFB as { utils: { cfb_new(): unknown; cfb_add(c: unknown, name: string, data: Uint8Array, o: { unsafe: true }): void } }).utils;
  const container = zip.cfb_new();
  for (const [name, data] of members) zip.cfb_add(container, name, data, { unsafe: true });
  return XLSX.parse_zip(container, opts);
}

/** The name of the sheet stored in `xl/worksheets/…xml` (workbook.xml → its relationships). */
function sheetNameOf(book: Record<string, string>, file: string): string {
  const target = file.replace(/^xl\//, '');
  const rel = [...(book['xl/_rels/workbook.xml.rels'] ?? '').matchAll(/<Relationship\b[^>]*>/g)].find((m) => new RegExp(`Target="/?(?:xl/)?${target.replace(/[.]/g, '\\.')}"`).test(m[0]));
  const id = rel ? /\bId="([^"]+)"/.exec(rel[0])?.[1] : undefined;
  const sheet = id ? [...(book['xl/workbook.xml'] ?? '').matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].find((m) => m[0].includes(`"${id}"`)) : undefined;
  const name = sheet ? /\bname="([^"]*)"/.exec(sheet[0])?.[1] : undefined;
  return name ? name.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!) : file;
}

/** A compound file must be a workbook (not a Word file, not an encrypted package). */
async function checkCompound(bytes: Uint8Array): Promise<void> {
  const { openCompoundFile, CompoundFileError } = await import('../compound-file.ts');
  let cf;
  try {
    cf = openCompoundFile(bytes);
  } catch (e) {
    if (e instanceof CompoundFileError) fail(e.code, `表格文件已损坏或不安全：${e.message}`);
    throw e;
  }
  if (cf.stream('EncryptionInfo') || cf.stream('EncryptedPackage')) fail('ENCRYPTED', '这个表格文件设置了密码（已加密），无法读取。请在 Excel/WPS 中取消密码后再导入');
  if (cf.stream('WordDocument')) fail('NOT_XLSX', '这是 Word 文件（.doc/.wps），不是表格，请用“导入 Word 文件”导入');
  if (!cf.stream('Workbook') && !cf.stream('Book')) fail('NOT_XLSX', '这个 Office 97–2003 文件不是 Excel 表格（没有工作簿内容）');
  if (!cf.stream('Workbook')) fail('OLD_XLS', '这是 Excel 5.0/95 或更早的格式，无法读取。请在 Excel/WPS 中另存为 .xlsx 后再导入');
}

function tooManyCells(sheet: string, max: number): string {
  return `表格过大：到工作表“${sheet}”为止的单元格（行数 × 有效列数，加上合并单元格的面积）超过上限 ${max} 个，已拒绝（请删除多余的行、列和合并后再导入）`;
}


async function runAll(input: WorkerInput): Promise<WorkerOutput[]> {
  const out: WorkerOutput[] = [];
  // Loaded beside the parsing of the first file (the prototypes are frozen by then: the
  // recogniser assigns no inherited property).
  const recogniser = input.preview ? import('./sheet-preview.ts') : null;
  recogniser?.catch(() => undefined);
  for (const bytes of input.items) {
    try {
      const r = await run(input, bytes);
      out.push(recogniser && input.preview && r.ok && 'sheets' in r ? { ok: true, preview: (await recogniser).previewFromSheets(r.sheets, input.preview) } : r);
    } catch (e) {
      const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'PARSE';
      const msg = e instanceof Error ? e.message : String(e);
      out.push({
        ok: false,
        code,
        message: /[\u4e00-\u9fff]/.test(msg) ? msg : `表格文件无法解析（文件损坏或格式不受支持：${msg.slice(0, 200)}）`,
      });
    }
  }
  return out;
}

void runAll(workerData as WorkerInput).then((r) => parentPort!.postMessage(r));
