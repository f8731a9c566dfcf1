// 执行数 from a treasury (国库集中支付) or accounting export: the header row is found by
// its words (项目编码 / 项目名称 and an amount column such as 执行数 / 支出数 / 支付金额),
// the amount unit from the header or the lines above it (元 unless 万元 is said; a unit in a
// cell is that cell's own), totals
// and empty rows skipped, rows matched to projects by 项目编码, else by name; several
// rows of one project (by 经济分类) are added up. Pure: the sheets come in as plain cells.
import { decimalToScaledInt } from '../model/money.ts';
import { cellName } from '../model/cell-name.ts';

export type SheetCell = string | number | boolean | null;

export interface ExecutionProject {
  id: string;
  name: string;
  projectCode: string;
}

export interface ExecutionMatch {
  projectId: string;
  name: string;
  /** Sum of the matched rows, 分. */
  amount: number;
  /** 1-based row numbers of the sheet. */
  rows: number[];
  by: 'code' | 'name';
}

export interface ExecutionImport {
  sheet: string;
  /** Header words of the columns used. */
  columns: { code: string | null; name: string | null; amount: string };
  unit: '元' | '万元';
  matches: ExecutionMatch[];
  /** Rows of the file that match no project (or more than one). */
  unmatched: Array<{ row: number; code: string; name: string; reason: string }>;
  /** Projects with no row in the file. */
  missing: Array<{ projectId: string; name: string }>;
  /** Projects whose amount cell (one of their rows) holds a formula saved without its result: not filled in, and not missing. */
  unsaved: Array<{ projectId: string; name: string; rows: number[]; cells: string[]; reason: string }>;
  notes: string[];
  /** Forms updated when stored (0 in a preview). */
  stored: number;
}

const CODE = /项目(编码|代码|编号)|预算项目编码/;
const NAME = /项目名称|预算项目(名称)?$|^项目$/;
const AMOUNT = [/执行数|执行金额|已执行/, /实际支出|支出数|支出金额|累计支出|本年支出/, /支付金额|实付|已支付|付款金额|拨付/];
const TOTAL = /^(合\s*计|总\s*计|小\s*计|累\s*计)$|合计$|总计$/;

const text = (c: SheetCell | undefined): string => (c === null || c === undefined ? '' : String(c).trim());
/** Names compared without spaces and with half-width brackets. */
const norm = (s: string): string => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

const tooLarge = (c: SheetCell): string => `金额“${c}”过大，超出可填写的范围`;

/** The amount of a cell in 分, or a reason why not. */
function amountOf(c: SheetCell | undefined, unit: '元' | '万元'): number | string | null {
  const exp = unit === '元' ? 2 : 6;
  if (c === null || c === undefined || text(c) === '') return null;
  if (typeof c === 'number') {
    if (c < 0) return `金额为负数（${c}）`;
    const scaled = c * 10 ** exp;
    const r = Math.round(scaled);
    if (!Number.isSafeInteger(r)) return tooLarge(c);
    if (Math.abs(scaled - r) > 1e-6 * Math.max(1, Math.abs(scaled))) return `金额“${c}”含不足 1 分的小数`;
    return r;
  }
  // A unit written in the cell (`5元`, `30万元`) is the cell's own, whatever the column says.
  const raw = text(c).replace(/[¥￥\s]/g, '');
  const e = /万元$/.test(raw) ? 6 : /元$/.test(raw) ? 2 : exp;
  const t = raw.replace(/万?元$/, '');
  const fen = decimalToScaledInt(t, e);
  if (fen !== null) return fen;
  const dec = /^(-)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(t);
  if (!dec) return `金额“${text(c)}”不是数字`;
  if (dec[1]) return `金额为负数（${text(c)}）`;
  // A number decimalToScaledInt refused: a fraction of 1 分, else too many digits.
  return /[^0]/.test((dec[2] ?? '').slice(e)) ? `金额“${text(c)}”含不足 1 分的小数` : tooLarge(text(c));
}

interface Header {
  row: number;
  code: number | null;
  name: number | null;
  amount: number;
  /** First data row (after a second header row such as 预算项目 → 项目编码 | 项目名称). */
  data: number;
}

function findHeader(rows: readonly SheetCell[][]): Header | null {
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const cells = (rows[r] ?? []).map(text);
    const code = cells.findIndex((c) => CODE.test(c));
    const name = cells.findIndex((c, i) => i !== code && NAME.test(c));
    if (code < 0 && name < 0) continue;
    for (const re of AMOUNT) {
      const amount = cells.findIndex((c) => re.test(c) && !/预算|指标|率/.test(c));
      if (amount < 0) continue;
      const sub = (rows[r + 1] ?? []).map(text);
      const subCode = sub.findIndex((c) => CODE.test(c));
      const subName = sub.findIndex((c, i) => i !== subCode && NAME.test(c));
      if (subCode >= 0 || subName >= 0) {
        return { row: r, code: subCode >= 0 ? subCode : code < 0 ? null : code, name: subName >= 0 ? subName : name < 0 ? null : name, amount, data: r + 2 };
      }
      return { row: r, code: code < 0 ? null : code, name: name < 0 ? null : name, amount, data: r + 1 };
    }
  }
  return null;
}

function unitOf(rows: readonly SheetCell[][], h: Header): '元' | '万元' {
  const head = text(rows[h.row]?.[h.amount]);
  if (/万元/.test(head)) return '万元';
  if (/[（(]元[)）]|单位[:：]?\s*元/.test(head)) return '元';
  for (let r = 0; r < h.row; r++) {
    const line = (rows[r] ?? []).map(text).join(' ');
    if (/单位[:：]?\s*万元|万元/.test(line)) return '万元';
    if (/单位[:：]?\s*元/.test(line)) return '元';
  }
  return '元';
}

/** Matches the first sheet that has such a header; `null` when none has. */
/** A sheet as matched: its cells, and the cells (A1) holding a formula saved without its result (read as blank). */
export interface ExecutionSheet {
  name: string;
  rows: SheetCell[][];
  noValueCells?: readonly string[];
}

export function matchExecution(sheets: readonly ExecutionSheet[], projects: readonly ExecutionProject[]): ExecutionImport | null {
  for (const sheet of sheets) {
    const h = findHeader(sheet.rows);
    if (h) return matchSheet(sheet, h, projects);
  }
  return null;
}

function matchSheet({ name: sheetName, rows, noValueCells = [] }: ExecutionSheet, h: Header, projects: readonly ExecutionProject[]): ExecutionImport {
  const unit = unitOf(rows, h);
  const byCode = new Map<string, ExecutionProject[]>();
  const byName = new Map<string, ExecutionProject[]>();
  const add = (m: Map<string, ExecutionProject[]>, k: string, p: ExecutionProject) => k && m.set(k, [...(m.get(k) ?? []), p]);
  for (const p of projects) {
    add(byCode, p.projectCode.trim(), p);
    add(byName, norm(p.name), p);
  }
  const found = new Map<string, ExecutionMatch>();
  const unsaved = new Map<string, ExecutionImport['unsaved'][number]>();
  const formulaBlank = new Set(noValueCells);
  const amountHead = text(rows[h.row]?.[h.amount]);
  const unmatched: ExecutionImport['unmatched'] = [];
  const notes: string[] = [];
  let totals = 0;
  for (let r = h.data; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const code = h.code === null ? '' : text(cells[h.code]);
    const name = h.name === null ? '' : text(cells[h.name]);
    const first = text(cells.find((c) => text(c) !== ''));
    if (TOTAL.test(norm(code)) || TOTAL.test(norm(name)) || (!code && !name && TOTAL.test(norm(first)))) {
      totals++;
      continue;
    }
    const amount = amountOf(cells[h.amount], unit);
    if (!code && !name) continue;
    const cell = cellName(r, h.amount);
    const noResult = amount === null && formulaBlank.has(cell);
    if (amount === null && !noResult) continue;
    if (typeof amount === 'string') {
      unmatched.push({ row: r + 1, code, name, reason: amount });
      continue;
    }
    const byC = code ? byCode.get(code) : undefined;
    const byN = name ? byName.get(norm(name)) : undefined;
    const hit = byC?.length === 1 ? { p: byC[0]!, by: 'code' as const } : byN?.length === 1 ? { p: byN[0]!, by: 'name' as const } : null;
    if (!hit) {
      unmatched.push({ row: r + 1, code, name, reason: (byC?.length ?? 0) > 1 || (byN?.length ?? 0) > 1 ? '对应多个项目，无法确定' : '本单位本年度没有这个项目' });
      continue;
    }
    if (amount === null) {
      const u = unsaved.get(hit.p.id) ?? { projectId: hit.p.id, name: hit.p.name, rows: [], cells: [], reason: '' };
      u.rows.push(r + 1);
      u.cells.push(cell);
      unsaved.set(hit.p.id, u);
      continue;
    }
    const m = found.get(hit.p.id) ?? { projectId: hit.p.id, name: hit.p.name, amount: 0, rows: [], by: hit.by };
    m.amount += amount;
    m.rows.push(r + 1);
    // Refused as a whole (RangeError, a Chinese message): storing part of the rows would not be the file's sum.
    if (!Number.isSafeInteger(m.amount)) throw new RangeError(`项目“${hit.p.name}”的执行数合计过大（第 ${m.rows.join('、')} 行），超出可填写的范围`);
    found.set(hit.p.id, m);
  }
  if (totals) notes.push(`跳过了 ${totals} 行合计`);
  // A project with one row of a formula but no result is not filled in at all: the other rows alone are not its 执行数.
  for (const u of unsaved.values()) {
    const rest = found.get(u.projectId);
    found.delete(u.projectId);
    const where = u.rows.map((row, i) => `第 ${row} 行“${amountHead}”（${u.cells[i]}）`).join('、');
    u.reason = `${where}是公式，但文件中没有保存它的计算结果，未填入${rest ? `（第 ${rest.rows.join('、')} 行的金额也未填入，以免只填一部分）` : ''}：请在 Excel/WPS 中打开这个文件、保存后再导入`;
  }
  const several = [...found.values()].filter((m) => m.rows.length > 1);
  if (several.length) notes.push(`${several.length} 个项目有多行（如按经济分类），已相加`);
  const head = (c: number) => text(rows[h.data - 1]?.[c]) || text(rows[h.row]?.[c]);
  return {
    sheet: sheetName,
    columns: { code: h.code === null ? null : head(h.code), name: h.name === null ? null : head(h.name), amount: text(rows[h.row]?.[h.amount]) },
    unit,
    matches: [...found.values()],
    unmatched,
    missing: projects.filter((p) => !found.has(p.id) && !unsaved.has(p.id)).map((p) => ({ projectId: p.id, name: p.name })),
    unsaved: [...unsaved.values()],
    notes,
    stored: 0,
  };
}
