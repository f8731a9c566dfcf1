// A document or sheet from outside as a sequence of paragraphs and tables → filings: the
// title, unit line (`382101天津市医疗保障局`, `编报单位：…`), amount unit (`单位：万元`) and
// year are read from the lines above each table; a table (or a part of a table) that starts
// with 项目名称 / 项目编码 starts a filing, and what follows without them continues it
// (a table split across pages, with or without its header repeated, or a project written
// as several consecutive tables); the department part comes from the paragraphs.
import { projectFilingSchema, type ProjectFiling, type ProjectFilingInput } from '../../../shared/model/filing.ts';
import { newProjectId } from '../../../shared/model/ids.ts';
import { formatIssues } from '../../../shared/model/issues.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { isDeptHeading, readDeptTarget, TABLE_LINE, type DeptTargetText } from './dept-target.ts';
import { normLabel, printedAmountUnit } from './labels.ts';
import { detectTemplate, recogniseProject, startsFiling, type GridRow, type RecognisedProject } from './recognise.ts';
import { getTemplate } from '../../../shared/templates/index.ts';
import { sourceRows, type FilingSource } from './source.ts';

/** A paragraph, or a table; `rowNos`: each row's own number where the reader has one (a sheet's rows). */
export type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: GridRow[]; rowNos?: number[] };

/** Corrections made in the preview, per filing (by its source key). */
export interface FilingAdjust {
  templateId?: string;
  amountUnit?: 'yuan' | 'wanyuan';
}

export interface BookProject {
  heading: string;
  /** Unit line printed above the table, if any. */
  unit: { code: string; name: string } | null;
  filing: ProjectFiling;
  /** Only what the table showed (before defaults), for merging with what is known elsewhere. */
  read: ProjectFilingInput;
  recognised: string[];
  /** `$unit.*` values printed in the table (e.g. 主管部门及代码). */
  unitFields: Record<string, string>;
  unreadMoney: RecognisedProject['unreadMoney'];
  /** Where each value came from, for the preview. */
  source: FilingSource;
}

export interface BookRecognition {
  templateId: string | null;
  /** The first unit line of the document. */
  unit: { code: string; name: string } | null;
  /** Every unit line, in order (a 主管部门 book has several). */
  units: Array<{ code: string; name: string }>;
  year: number | null;
  projects: BookProject[];
  dept: DeptTargetText | null;
  notes: string[];
}

export interface BookOptions {
  unitCode?: string;
  year?: number;
  trimValues: boolean;
  /** `第 3 个表格` / `工作表“Sheet1”第 3 个表格`. */
  where: (tableNo: number) => string;
  /** A template fixed beforehand (our own workbook); otherwise detected per filing. */
  template?: TemplateDef;
  /** Prefix of the filings' source keys (a sheet's number). */
  keyPrefix?: string;
  /** A sheet: a cell's lines (Alt+Enter) are lines of the department part, as Word paragraphs are. */
  sheet?: boolean;
  /** Corrections by source key: plain data, so that it can travel to a worker with the bytes. */
  adjust?: Readonly<Record<string, FilingAdjust>>;
}

const UNIT_LINE = /^\s*(?:(?:编报|填报|预算)单位[:：]\s*)?(\d{6})\s*([^\s\d][^\t]{1,60}?)\s*(?:[（(]\s*盖\s*章\s*[)）])?(?:\s{2,}|\t|(?:金额)?单位[:：]|$)/;
/** A unit line without its code (`填报单位（盖章）：宁武县农业农村局`, `单位名称：…`, `编报单位：…`): the name only. */
const NAMED_UNIT_LINE = /^\s*(?:(?:编报|填报|预算)单位(?:[（(]盖章[)）])?|单位名称)\s*[:：]\s*([^\s\d:：][^\t:：]{1,60}?)\s*(?:[（(]\s*盖\s*章\s*[)）])?(?:\s{2,}|\t|(?:金额)?单位[:：]|$)/;
const YEAR = /[（(]\s*(20\d\d)\s*年度?\s*[)）]|(20\d\d)\s*年\s*(?:度|项目支出|部门预算)/;
const SUBMISSION_LINE = /^(?:单位（盖章）[:：]|报送日期[:：]|负责人[:：].*经办人[:：])/;
const SIGN_LABELS = { 负责人: 'head', 经办人: 'handler', 联系电话: 'phone', 填报日期: 'date' } as const;
const SIGN_FIELD = /(负责人|经办人|联系电话|填报日期)\s*[:：]/g;
type Footer = ProjectFiling['footer'];

/**
 * The signature line of a 报送稿 (`负责人：张三　经办人：李四　联系电话：…　填报日期：…`, as
 * we print it under a table or at the end of a book, or typed so in Word): its filled fields;
 * null for any other line. Blanks left to be written by hand (spaces, underscores) are empty.
 */
export function readSignatureLine(text: string): Partial<Footer> | null {
  const marks = [...text.matchAll(SIGN_FIELD)];
  if (marks.length < 2 || text.slice(0, marks[0]!.index).trim()) return null;
  const out: Partial<Footer> = {};
  marks.forEach((m, i) => {
    const end = marks[i + 1]?.index ?? text.length;
    const value = text.slice(m.index + m[0].length, end).replace(/[_＿]+/g, ' ').trim();
    const key = SIGN_LABELS[m[1] as keyof typeof SIGN_LABELS];
    if (value && !out[key]) out[key] = value.slice(0, 50);
  });
  return out;
}

const HEADINGS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^\s*\d+\s*[.．、]\s*[“"](.+?)[”"]\s*项目\s*$/, (m) => m[1]!],
  [/^\s*\d+\s*[.．、]\s*(.+?)(?:项目)?绩效目标表\s*$/, (m) => m[1]!],
];

export function recogniseBook(blocks: readonly Block[], opts: BookOptions): BookRecognition {
  const notes: string[] = [];
  const units: BookRecognition['units'] = [];
  let year: number | null = opts.year ?? null;
  let unit: BookProject['unit'] = null;
  let amountUnit: 'yuan' | 'wanyuan' | null = null;
  let heading = '';
  type Origin = { table: number; row: number };
  let lines: string[] = []; // paragraphs since the last table: shown above the table in the preview
  const groups: Array<{ heading: string; above: string[]; unit: BookProject['unit']; amountUnit: 'yuan' | 'wanyuan' | null; rows: GridRow[]; origins: Origin[]; index: number; key: string; sign?: Partial<Footer> }> = [];
  let tableNo = 0;
  const paragraphs: string[] = [];
  let beforeTables = true;
  for (const b of blocks) {
    if (b.kind === 'p') {
      const text = b.text.trim();
      if (!text) continue;
      paragraphs.push(text);
      lines.push(text.slice(0, 200));
      const u = UNIT_LINE.exec(text);
      const named = u ? null : NAMED_UNIT_LINE.exec(text);
      if (u) {
        unit = { code: u[1]!, name: u[2]!.trim() };
        if (!units.some((x) => x.code === unit!.code)) units.push(unit);
      } else if (named) {
        // The code is left empty: the import matches the name against the units here.
        unit = { code: '', name: named[1]!.trim() };
        if (!units.some((x) => x.code === '' && x.name === unit!.name)) units.push(unit);
      }
      const y = YEAR.exec(text);
      if (year === null && y) year = Number(y[1] ?? y[2]);
      // A signature line signs the table above it (or, at the end of a book, the last one).
      const sign = readSignatureLine(text);
      const last = groups.at(-1);
      if (sign && last && !beforeTables) last.sign = { ...sign, ...last.sign };
      // Lines of our 报送稿 (cover, 单位（盖章）, signature) hold nothing else of a filing.
      if (sign || (!named && SUBMISSION_LINE.test(text))) continue;
      const a = /单位[:：]/.test(text) && text.length < 40 ? printedAmountUnit(text) : null;
      if (a) amountUnit = a;
      // The heading of the next table: a numbered title (`1.XX绩效目标表`, `1. “XX”项目`) is
      // kept over the lines printed after it (`项目支出绩效目标表`, `（2024 年度）`).
      if (!u && !named && !a && (!HEADINGS.some(([re]) => re.test(heading)) || HEADINGS.some(([re]) => re.test(text)))) heading = text;
      continue;
    }
    beforeTables = false;
    paragraphs.push(TABLE_LINE);
    tableNo++;
    // A table may hold several filings (a sheet with the 申报表 one below the other).
    let part: GridRow[] = [];
    let origins: Origin[] = [];
    let partNo = 0;
    const flush = (starts: boolean) => {
      if (!part.length) return;
      if (starts) {
        groups.push({ heading, above: lines.slice(-4), unit, amountUnit, rows: part, origins, index: tableNo, key: `${opts.keyPrefix ?? ''}${tableNo}.${++partNo}` });
        heading = '';
      } else if (groups.length) {
        groups.at(-1)!.rows.push(...part);
        groups.at(-1)!.origins.push(...origins);
      }
      else if (part.some((r) => r.some((c) => c.text.trim()))) notes.push(`${opts.where(tableNo)}不是项目绩效目标表（没有“项目名称”一行），已忽略`);
    };
    let starts = false;
    b.rows.forEach((r, i) => {
      // A start row begins a new filing, unless it is the second line of the one just begun (项目编码, then 项目名称).
      if (startsFiling(r) && (!starts || part.length >= 3)) {
        flush(starts);
        part = [];
        origins = [];
        starts = true;
      }
      part.push(r);
      origins.push({ table: tableNo, row: b.rowNos?.[i] ?? i });
    });
    flush(starts);
    lines = [];
  }
  const projects: BookProject[] = [];
  let template: TemplateDef | null = null;
  let seq = 0;
  for (const g of groups) {
    const where = `${opts.where(g.index)}${g.heading ? `（${g.heading.slice(0, 30)}）` : ''}`;
    const adj = opts.adjust && Object.hasOwn(opts.adjust, g.key) ? opts.adjust[g.key] : undefined;
    const given = adj?.templateId ? getTemplate(adj.templateId) : undefined;
    const detected = opts.template || given ? null : detectTemplate(g.rows);
    const t = opts.template ?? given ?? detected?.template;
    if (!t) {
      notes.push(`${where}：表格格式无法识别为已知的绩效目标表，已忽略`);
      continue;
    }
    if (template && template.id !== t.id && !given) notes.push(`${where}：格式（模板 ${t.id}）与前面的表格（模板 ${template.id}）不同`);
    template ??= t;
    const width = opts.template ? t.layout.grid.length : Infinity;
    const rows = g.rows.map((r) => r.filter((c) => c.col < width));
    const rec = recogniseProject(rows, t, { trimValues: opts.trimValues, where, amountUnit: g.amountUnit, ...(adj?.amountUnit ? { amountUnitGiven: adj.amountUnit } : {}) });
    notes.push(...rec.notes);
    const source: FilingSource = {
      key: g.key,
      where,
      sheet: opts.sheet ?? false,
      above: g.above,
      rows: sourceRows(rows, g.origins),
      ...rec.trace.data(),
      template: { id: t.id, from: opts.template ? 'fixed' : given ? 'given' : 'detected', matched: detected?.matched ?? 0, total: detected?.total ?? 0 },
      amountUnit: rec.amountUnit,
      notes: rec.notes.map((n) => n.replace(`${where}：`, '')),
    };
    seq++;
    const name = String((rec.filing as { name?: unknown }).name ?? '');
    let headingName = '';
    for (const [re, pick] of HEADINGS) {
      const m = re.exec(g.heading);
      if (m) headingName = pick(m).trim();
    }
    // `1.XX项目绩效目标表` over a project named `XX项目` prints the name itself.
    if (headingName && normLabel(name) === normLabel(`${headingName}项目`)) headingName = name;
    // What the table's own signature row (C) holds comes first.
    const own = (rec.filing as { footer?: Partial<Footer> }).footer ?? {};
    const signed = Object.entries(g.sign ?? {}).filter(([k]) => !own[k as keyof Footer]?.trim());
    for (const [k] of signed) rec.recognised.push(`footer.${k}`);
    const read: ProjectFilingInput = signed.length ? { ...rec.filing, footer: { ...own, ...Object.fromEntries(signed) } } : rec.filing;
    const input = {
      ...read,
      id: newProjectId(),
      unitCode: opts.unitCode ?? (g.unit?.code || undefined) ?? units.find((x) => x.code)?.code ?? '000000',
      year: year ?? 2000,
      seq,
      headingName: headingName && headingName !== name ? headingName : '',
    };
    const parsed = projectFilingSchema.safeParse(input);
    if (!parsed.success) {
      notes.push(`${where}：内容有误，未导入：${formatIssues(parsed.error.issues, 5)}`);
      continue;
    }
    projects.push({ heading: g.heading, unit: g.unit, filing: parsed.data, read, recognised: rec.recognised, unitFields: rec.unitFields, unreadMoney: rec.unreadMoney, source });
  }
  const textLines = opts.sheet ? paragraphs.flatMap((x) => x.split(/\r?\n/)) : paragraphs;
  const { target: dept, notes: deptNotes } = readDeptTarget(textLines, endsDeptPart);
  notes.push(...deptNotes);
  const deptHeading = textLines.find(isDeptHeading);
  if (deptHeading && !dept) notes.push(`文件中有“${deptHeading.trim().slice(0, 40)}”，但其下没有读到一、总体绩效目标 / 二、分项绩效目标 / 三、工作保障措施的内容，部门整体绩效目标未导入`);
  return { templateId: template?.id ?? null, unit: units[0] ?? null, units, year, projects, dept, notes };
}

/** A line that ends the department part: a table, a table title, a unit line, an amount unit. */
function endsDeptPart(p: string): boolean {
  if (p === TABLE_LINE || UNIT_LINE.test(p) || NAMED_UNIT_LINE.test(p) || HEADINGS.some(([re]) => re.test(p))) return true;
  const n = normLabel(p);
  return /绩效目标(申报)?表$|^\(续上?表\)$/.test(n) || (/单位:/.test(n) && n.length < 40 && printedAmountUnit(p) !== null);
}
