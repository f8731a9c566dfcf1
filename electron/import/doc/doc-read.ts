// Word 97–2003 (.doc, and WPS .wps of the same format) → paragraphs and tables. The text
// of the main document comes from the piece table (the Clx in the table stream); paragraph
// properties from the PAPX pages (PlcBtePapx) say which paragraph is in a table and which
// mark ends a row (cell mark \x07 ends a cell, the row-end mark has fTtp); the row's table
// definition (sprmTDefTable) gives cell boundaries, so cells spanning columns keep their
// span, and vertical merges (fVertMerge / fVertRestart) their continuation. Field codes
// show their result only; pictures, footnotes, headers, comments and text boxes are not read.
import { isCompoundFile, openCompoundFile, CompoundFileError } from '../compound-file.ts';
import type { Block } from '../recognise/book.ts';
import type { GridCell, GridRow } from '../recognise/recognise.ts';
import { WordImportError } from '../docx/word-error.ts';
import { BodyBudget } from '../docx/body-budget.ts';

interface Piece {
  cp: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
}

interface Papx {
  fc: number;
  fcEnd: number;
  inTable: boolean;
  ttp: boolean;
  itap: number;
  /** Cell boundaries (twips) and merge flags from sprmTDefTable, on row-end marks. */
  tap: { centers: number[]; merge: Array<{ h: number; v: number }> } | null;
}

const u16 = (b: Uint8Array, o: number) => (o + 2 <= b.length ? b[o]! | (b[o + 1]! << 8) : 0);
const i16 = (b: Uint8Array, o: number) => (u16(b, o) << 16) >> 16;
const u32 = (b: Uint8Array, o: number) => (o + 4 <= b.length ? (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0 : 0);

const bad = (what: string) => new WordImportError(`.doc 文件已损坏或无法读取（${what}）。请在 Word/WPS 中打开后另存为 .docx 再导入`, 'CORRUPT');

/** The piece table: CP ranges of the main text and where their characters are. */
function pieces(table: Uint8Array, fcClx: number, lcbClx: number): Piece[] {
  let o = fcClx;
  const end = fcClx + lcbClx;
  if (end > table.length) throw bad('片段表超出范围');
  while (o < end && table[o] === 0x01) o += 3 + u16(table, o + 1); // Prc: property modifiers, skipped
  if (table[o] !== 0x02) throw bad('没有片段表');
  const lcb = u32(table, o + 1);
  o += 5;
  if (o + lcb > end || (lcb - 4) % 12 !== 0) throw bad('片段表长度不对');
  const n = (lcb - 4) / 12;
  const out: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const cp = u32(table, o + i * 4);
    const cpEnd = u32(table, o + (i + 1) * 4);
    const raw = u32(table, o + (n + 1) * 4 + i * 8 + 2);
    const compressed = (raw & 0x40000000) !== 0;
    const fc = compressed ? (raw & 0x3fffffff) / 2 : raw & 0x3fffffff;
    if (cpEnd < cp) throw bad('片段表顺序不对');
    out.push({ cp, cpEnd, fc, compressed });
  }
  return out;
}

/** The value of one sprm's operand size (spra) and where the next sprm starts. */
function sprmSize(grpprl: Uint8Array, o: number, sprm: number): number {
  switch (sprm >> 13) {
    case 0:
    case 1:
      return 1;
    case 2:
    case 4:
    case 5:
      return 2;
    case 3:
      return 4;
    case 7:
      return 3;
    default:
      if (sprm === 0xd608 || sprm === 0xd606) return 2 + u16(grpprl, o) - 1; // TDefTable: cb is 2 bytes, counts itself minus 1
      if (sprm === 0xc615 && grpprl[o] === 255) return 1 + grpprl[o]!; // PChgTabs (long form): not read
      return 1 + (grpprl[o] ?? 0);
  }
}

function readPapx(grpprl: Uint8Array, fc: number, fcEnd: number, data: Uint8Array | null): Papx {
  const p: Papx = { fc, fcEnd, inTable: false, ttp: false, itap: 0, tap: null };
  readSprms(p, grpprl, 2, data);
  if (p.inTable && p.itap === 0) p.itap = 1;
  return p;
}

function readSprms(p: Papx, grpprl: Uint8Array, from: number, data: Uint8Array | null): void {
  for (let o = from; o + 2 <= grpprl.length; ) {
    const sprm = u16(grpprl, o);
    o += 2;
    const size = sprmSize(grpprl, o, sprm);
    if (sprm === 0x2416) p.inTable = grpprl[o] !== 0;
    else if (sprm === 0x2417) p.ttp = grpprl[o] !== 0;
    else if (sprm === 0x6649) p.itap = u32(grpprl, o);
    else if (sprm === 0xd608) {
      const n = grpprl[o + 2] ?? 0;
      const centers: number[] = [];
      for (let i = 0; i <= n; i++) centers.push(i16(grpprl, o + 3 + i * 2));
      const tcAt = o + 3 + (n + 1) * 2;
      const merge = Array.from({ length: n }, (_, i) => {
        const at = tcAt + i * 20;
        const grf = at + 2 <= o + size ? u16(grpprl, at) : 0;
        return { h: grf & 3, v: (grf >> 5) & 3 };
      });
      p.tap = { centers, merge };
    } else if (sprm === 0x6646 && data) {
      // sprmPHugePapx: the properties are too long for the page and stand in the Data stream.
      const at = u32(grpprl, o);
      const cb = u16(data, at);
      if (at + 2 + cb <= data.length) readSprms(p, data.subarray(at + 2, at + 2 + cb), 0, null);
    }
    o += size;
  }
}

/** All paragraph properties of the document, by FC range (PlcBtePapx → PAPX FKPs). */
function papxList(word: Uint8Array, table: Uint8Array, data: Uint8Array | null, fcPlc: number, lcbPlc: number): Papx[] {
  if (fcPlc + lcbPlc > table.length || (lcbPlc - 4) % 8 !== 0) throw bad('段落属性表超出范围');
  const n = (lcbPlc - 4) / 8;
  const out: Papx[] = [];
  for (let i = 0; i < n; i++) {
    const pn = u32(table, fcPlc + (n + 1) * 4 + i * 4) & 0x3fffff;
    const page = pn * 512;
    if (page + 512 > word.length) throw bad('段落属性页超出范围');
    const fkp = word.subarray(page, page + 512);
    const crun = fkp[511]!;
    for (let k = 0; k < crun; k++) {
      const fc = u32(fkp, k * 4);
      const fcEnd = u32(fkp, (k + 1) * 4);
      const bOff = fkp[(crun + 1) * 4 + k * 13]! * 2;
      let grpprl: Uint8Array = new Uint8Array(0);
      if (bOff > 0 && bOff < 511) {
        const cb = fkp[bOff]!;
        const [start, len] = cb !== 0 ? [bOff + 1, 2 * cb - 1] : [bOff + 2, 2 * fkp[bOff + 1]!];
        grpprl = fkp.subarray(start, Math.min(511, start + len));
      }
      out.push(readPapx(grpprl, fc, fcEnd, data));
    }
  }
  return out.sort((a, b) => a.fc - b.fc);
}

function papxAt(list: readonly Papx[], fc: number): Papx | null {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = list[mid]!;
    if (fc < p.fc) hi = mid - 1;
    else if (fc >= p.fcEnd) lo = mid + 1;
    else return p;
  }
  return null;
}

const DECODE_8BIT = new TextDecoder('windows-1252');

/** Reads a .doc (bytes from outside) into paragraphs and tables of the main text. */
export function readDocBlocks(bytes: Uint8Array, budget = new BodyBudget()): Block[] {
  if (!isCompoundFile(bytes)) throw new WordImportError('不是 Word 97–2003（.doc）格式的文件', 'NOT_DOC');
  let cf;
  try {
    cf = openCompoundFile(bytes);
  } catch (e) {
    if (e instanceof CompoundFileError) throw bad(e.message);
    throw e;
  }
  const word = cf.stream('WordDocument');
  if (!word && (cf.stream('Workbook') || cf.stream('Book'))) throw new WordImportError('这是 Excel 97–2003 表格文件（.xls/.et），不是 Word 文档，请用“导入表格”导入', 'NOT_DOC');
  if (!word) throw new WordImportError('这个 Office 97–2003 文件不是 Word 文档（没有 WordDocument 内容）', 'NOT_DOC');
  if (word.length < 0x1a2 + 8 || u16(word, 0) !== 0xa5ec) throw bad('文件头无效');
  const nFib = u16(word, 2);
  const flags = u16(word, 0x0a);
  if (flags & 0x0100) throw new WordImportError('这个 Word 文件设置了密码（已加密），无法读取。请在 Word/WPS 中取消密码后再导入', 'ENCRYPTED');
  if (nFib < 0xc1) throw new WordImportError('这是 Word 6.0/95 或更早的格式，无法读取。请在 Word/WPS 中另存为 .docx 再导入', 'OLD_DOC');
  const table = cf.stream(flags & 0x0200 ? '1Table' : '0Table');
  if (!table) throw bad('缺少表格流');
  // FIB: fibRgW (csw words), fibRgLw (cslw longs: ccpText is the 4th), fibRgFcLcb (pairs).
  const csw = u16(word, 32);
  const lw = 34 + csw * 2 + 2;
  const cslw = u16(word, lw - 2);
  const ccpText = u32(word, lw + 12);
  const rg = lw + cslw * 4 + 2;
  const fcLcb = (i: number): [number, number] => [u32(word, rg + i * 8), u32(word, rg + i * 8 + 4)];
  if (u16(word, rg - 2) < 34) throw bad('文件头太短');
  const ps = pieces(table, ...fcLcb(33));
  // Each character of the text is stored once: pieces that claim more bytes than the stream
  // holds point at the same bytes again and again (a crafted file; work without end).
  const textBytes = ps.reduce((n, pc) => n + Math.max(0, Math.min(pc.cpEnd, ccpText) - pc.cp) * (pc.compressed ? 1 : 2), 0);
  if (textBytes > word.length) throw bad('片段表所指的正文比文件本身还长');
  const papx = papxList(word, table, cf.stream('Data'), ...fcLcb(13));

  const blocks: Block[] = [];
  let para = '';
  let cellLines: string[] = [];
  let rowCells: string[][] = [];
  let rows: Array<{ cells: string[][]; tap: Papx['tap'] }> = [];
  let field = 0; // depth of field instructions being skipped
  const fieldShown: boolean[] = [];
  const endTable = () => {
    if (rows.length) {
      budget.block();
      blocks.push({ kind: 'table', rows: gridRows(rows) });
    }
    rows = [];
  };
  const endCell = () => {
    budget.cell();
    budget.text(para.length + cellLines.reduce((n, l) => n + l.length, 0), true);
    cellLines.push(para);
    rowCells.push(cellLines);
  };
  for (const pc of ps) {
    const from = pc.cp;
    const to = Math.min(pc.cpEnd, ccpText);
    if (from >= to) continue;
    const n = to - from;
    const start = pc.fc;
    const len = pc.compressed ? n : n * 2;
    if (start + len > word.length) throw bad('正文超出文件范围');
    const text = pc.compressed ? DECODE_8BIT.decode(word.subarray(start, start + len)) : new TextDecoder('utf-16le').decode(word.subarray(start, start + len));
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const code = ch.charCodeAt(0);
      if (code === 0x13) {
        fieldShown.push(false);
        field++;
        continue;
      }
      if (code === 0x14) {
        if (fieldShown.length && !fieldShown.at(-1)) {
          fieldShown[fieldShown.length - 1] = true;
          field--;
        }
        continue;
      }
      if (code === 0x15) {
        if (fieldShown.length && !fieldShown.pop()) field--;
        continue;
      }
      const fc = start + (pc.compressed ? i : i * 2);
      if (code === 0x0d || code === 0x07) {
        const pp = papxAt(papx, fc);
        if (field > 0 && code === 0x0d) continue;
        const inTable = code === 0x07 || (pp?.inTable ?? false);
        if (code === 0x07 && pp?.ttp && (pp.itap ?? 1) <= 1) {
          rows.push({ cells: rowCells, tap: pp.tap });
          rowCells = [];
          cellLines = [];
          para = '';
        } else if (code === 0x07 && (pp?.itap ?? 1) <= 1) {
          endCell();
          cellLines = [];
          para = '';
        } else if (inTable) {
          cellLines.push(para);
          para = '';
        } else {
          endTable();
          budget.block();
          blocks.push({ kind: 'p', text: para });
          para = '';
        }
        continue;
      }
      if (field > 0) continue;
      if (code === 0x0b) para += '\n';
      else if (code === 0x09) para += '\t';
      else if (code === 0x1e) para += '-';
      else if (code === 0x0c) {
        if (!rowCells.length && !cellLines.length) {
          endTable();
          if (para) blocks.push({ kind: 'p', text: para });
          para = '';
        }
      } else if (code >= 0x20 && code !== 0x1f) para += ch;
      if (para.length > 1024) budget.text(para.length + cellLines.reduce((n, l) => n + l.length, 0), rowCells.length > 0 || cellLines.length > 0);
    }
  }
  endTable();
  if (para) blocks.push({ kind: 'p', text: para });
  return blocks;
}

/**
 * Rows of cell texts with their row's cell boundaries → grid rows: the grid's columns are
 * every boundary of the table (rows differ in widths), a cell spans the columns between its
 * boundaries; a horizontally merged cell joins the one before it, a vertical continuation
 * is marked as such.
 */
function gridRows(rows: Array<{ cells: string[][]; tap: Papx['tap'] }>): GridRow[] {
  const SNAP = 20; // twips: boundaries this close are one (rounding of other programs)
  const xs: number[] = [];
  const all = [...new Set(rows.flatMap((r) => r.tap?.centers ?? []))].sort((a, b) => a - b);
  for (const x of all) if (!xs.length || x - xs.at(-1)! > SNAP) xs.push(x);
  const colOf = (x: number) => {
    let lo = 0;
    let hi = xs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && Math.abs(xs[lo - 1]! - x) <= Math.abs(xs[lo]! - x) ? lo - 1 : lo;
  };
  return rows.map((r) => {
    const out: GridCell[] = [];
    const c = r.tap?.centers;
    r.cells.forEach((lines, i) => {
      const text = lines.join('\n');
      const merge = r.tap?.merge[i] ?? { h: 0, v: 0 };
      const col = c && c.length > i + 1 ? colOf(c[i]!) : (out.at(-1) ? out.at(-1)!.col + out.at(-1)!.span : 0);
      const endCol = c && c.length > i + 1 ? colOf(c[i + 1]!) : col + 1;
      const span = Math.max(1, endCol - col);
      if (merge.h >= 2 && out.length) {
        const prev = out.at(-1)!;
        prev.span = col + span - prev.col;
        if (text.trim()) prev.text = prev.text ? `${prev.text}\n${text}` : text;
        return;
      }
      out.push({ text: merge.v === 1 ? '' : text, col, span, cont: merge.v === 1 });
    });
    return out;
  });
}
