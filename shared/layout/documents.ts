// Documents as layout: one project table, or a book of tables (one unit-year, or several
// units of a 主管部门) in the style of its template's BookSpec:
//   numbered   — `N.<名称>绩效目标表` + unit line + `单位：万元` per table (A, B), with the
//                部门整体绩效目标 part first where the template has it (B);
//   forms      — one 申报表 per page: title + `（YYYY年度）` (C);
//   attachment — `附件`, document title, `N. “…”项目` + captions per table (D).
// Books can be built lazily (blocks generated while the renderer writes them) so that a
// book of thousands of tables never holds all its table layouts at once.
import { UserError } from '../errors.ts';
import type { DeptTarget, ProjectFiling, Unit } from '../model/filing.ts';
import type { TemplateDef } from '../templates/types.ts';
import { amountUnitLabel, getTemplate } from '../templates/index.ts';
import { withSystem } from '../settings/unit-year.ts';
import { projectTableLayout } from './table.ts';
import type {
  ContentsEntry,
  LayoutBlock,
  LayoutDocument,
  LayoutHeading,
  LayoutSection,
  Orientation,
} from './types.ts';
import { pageSetup } from './typesetting.ts';
import { PUBLIC_PRINT, bookFooter, coverBlocks, hasSignatureRow, sealLine, sealedUnit, signatureLine, type PrintOptions } from './submission.ts';

export class LayoutError extends UserError {
  override name = 'LayoutError';
  constructor(message: string) {
    super(message, 'LAYOUT');
  }
}

/** Fills `{n}` `{name}` `{year}` `{region}` `{unit}` placeholders. */
export function fillPlaceholders(pattern: string, values: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

function templateOf(p: ProjectFiling, lookup: (id: string) => TemplateDef | undefined): TemplateDef {
  const t = lookup(p.templateId);
  if (!t) throw new LayoutError(`项目“${p.name || p.id}”使用的模板 ${p.templateId} 不存在`);
  return withSystem(t, p.indicatorSystem);
}

interface TableItem {
  filing: ProjectFiling;
  unit: Unit;
  template: TemplateDef;
  n: number;
  heading: LayoutHeading;
}

function projectHeading(bookT: TemplateDef, item: Omit<TableItem, 'heading'>, year: number, bookmark: string): LayoutHeading {
  const { filing, unit, n } = item;
  const name = filing.headingName || filing.name;
  const text = fillPlaceholders(bookT.book.tableHeading, { n, name, year, region: unit.region, unit: unit.name });
  const style = bookT.book.style;
  return {
    kind: 'heading',
    style: style === 'numbered' ? 'tableTitle' : style === 'forms' ? 'formTitle' : 'projectHeading',
    level: 2,
    text,
    bookmark,
    // Every 申报表 has the same title: the contents list names the project instead.
    ...(style === 'forms' ? { tocText: `${n}. ${name}` } : {}),
    keepNext: true,
  };
}

/** Heading, unit line or captions, the table parts of one project, and (报送稿) its signature line. */
function* projectBlocks(bookT: TemplateDef, item: TableItem, year: number, print: PrintOptions): Generator<LayoutBlock> {
  const { filing, unit, template, n } = item;
  yield item.heading;
  if (bookT.book.style === 'numbered') {
    yield { kind: 'paragraph', style: 'unitLine', text: `${unit.code}${unit.name}`, right: `单位：${amountUnitLabel(template)}`, keepNext: true };
  }
  const name = filing.headingName || filing.name;
  for (const c of bookT.book.captions ?? []) {
    yield { kind: 'paragraph', style: 'caption', text: fillPlaceholders(c, { n, name, year, region: unit.region, unit: unit.name }), keepNext: true };
  }
  for (const table of projectTableLayout(template, { filing, unit, year })) yield { kind: 'table', table };
  if (print.kind === 'submission' && print.signature === 'table' && !hasSignatureRow(template)) yield signatureLine(filing.footer);
}

export interface ProjectLayoutOptions {
  /** Number in the heading (default the project's seq, or 1). */
  n?: number;
  templates?: (id: string) => TemplateDef | undefined;
  /** 公开稿 (default) or 报送稿. */
  print?: PrintOptions;
}

/** A document holding one project table (heading, unit line or captions, table). */
export function buildProjectLayout(filing: ProjectFiling, unit: Unit, opts: ProjectLayoutOptions = {}): LayoutDocument {
  const template = templateOf(filing, opts.templates ?? getTemplate);
  if (unit.code !== filing.unitCode) throw new LayoutError(`项目“${filing.name}”不属于单位 ${unit.code}${unit.name}`);
  const base = { filing, unit, template, n: opts.n ?? (filing.seq || 1) };
  const item: TableItem = { ...base, heading: projectHeading(template, base, filing.year, '_Toc_jx_1') };
  // One table signs under itself, whatever the book's placement.
  const print: PrintOptions = { ...(opts.print ?? PUBLIC_PRINT), signature: 'table' };
  const blocks = [...projectBlocks(template, item, filing.year, print)];
  if (print.kind === 'submission') blocks.unshift(sealLine(sealedUnit(unit), filing.year));
  return {
    title: item.heading.text,
    tableCount: 1,
    sections: [{ page: pageSetup(template.layout.orientation), blocks }],
  };
}

export interface BookUnit {
  unit: Unit;
  /** The unit's projects in book order (by seq). */
  projects: ProjectFiling[];
}

export interface BookInput {
  year: number;
  /** Units in book order; tables are numbered continuously across them. */
  units: BookUnit[];
  /** 部门整体绩效目标 printed first where the template's book has a department part. */
  deptTarget?: DeptTarget | null;
  /** Book template (default: the template of the first project). */
  template?: TemplateDef;
  /** Name in the title's {unit} (default: the first unit's name). */
  titleName?: string;
  /** Line above the title in attachment style (default `附件`). */
  attachmentLabel?: string;
  /** Printed contents list (default: numbered books, and books of several units). */
  contents?: boolean;
  /** Build the table blocks while they are read (one pass only) instead of up front. */
  lazy?: boolean;
  templates?: (id: string) => TemplateDef | undefined;
  /** 公开稿 (default) or 报送稿. */
  print?: PrintOptions;
}

const PART_ONE = '第一部分\n部门整体绩效目标';
const PART_TWO = '第二部分\n预算项目绩效目标';
const tocOf = (text: string) => text.replace(/\n/g, '　');

/** Numbered line: kept as written when it already starts with `1.` / `1、` / `（1）`. */
const numbered = (text: string, k: number) => (/^\s*(?:\d+\s*[.．、]|[（(]\d+[)）])/.test(text) ? text : `${k}.${text}`);

function* departmentBlocks(d: DeptTarget, h: readonly LayoutHeading[]): Generator<LayoutBlock> {
  const body = (text: string): LayoutBlock[] =>
    text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l) => ({ kind: 'paragraph', style: 'body', text: l.trim() }));
  yield h[0]!;
  yield h[1]!;
  yield* body(d.overall);
  yield h[2]!;
  for (const [k, item] of d.items.entries()) {
    yield { kind: 'paragraph', style: 'itemTitle', text: numbered(item.title.trim(), k + 1) };
    if (item.goal.trim()) yield { kind: 'paragraph', style: 'body', text: `绩效目标：${item.goal.trim()}` };
    if (item.indicators.trim()) yield { kind: 'paragraph', style: 'body', text: `绩效指标：${item.indicators.trim()}` };
  }
  yield h[3]!;
  for (const [k, m] of d.measures.entries()) {
    const lines = body(m);
    const first = lines[0];
    if (first && first.kind === 'paragraph') first.text = numbered(first.text, k + 1);
    yield* lines;
  }
}

/**
 * A book: contents list, department part (B), then every project table in order.
 * Throws LayoutError (Chinese) when there is nothing to print or a template is unknown.
 */
export function buildBookLayout(input: BookInput): LayoutDocument {
  const lookup = input.templates ?? getTemplate;
  const firstProject = input.units.flatMap((u) => u.projects)[0];
  if (!firstProject) throw new LayoutError('所选单位在该年度没有项目，无可导出的表格');
  const bookT = input.template ?? templateOf(firstProject, lookup);
  const style = bookT.book.style;
  const year = input.year;
  const print = input.print ?? PUBLIC_PRINT;
  let bm = 0;
  const bookmark = () => `_Toc_jx_${++bm}`;

  // Headings first (cheap), so that the contents list can open the book.
  const deptHeadings: LayoutHeading[] = [];
  const dept = bookT.book.departmentPart && input.deptTarget ? input.deptTarget : null;
  if (dept) {
    const part = (text: string): LayoutHeading => ({ kind: 'heading', style: 'part', level: 1, text, bookmark: bookmark(), tocText: tocOf(text), keepNext: true });
    const sec = (text: string): LayoutHeading => ({ kind: 'heading', style: 'heading', level: 2, text, bookmark: bookmark(), keepNext: true });
    deptHeadings.push(part(PART_ONE), sec('一、总体绩效目标'), sec('二、分项绩效目标'), sec('三、工作保障措施'));
  }
  const partTwo: LayoutHeading | null = dept
    ? { kind: 'heading', style: 'part', level: 1, text: PART_TWO, bookmark: bookmark(), tocText: tocOf(PART_TWO), keepNext: true }
    : null;
  const items: TableItem[] = [];
  for (const bu of input.units) {
    for (const filing of bu.projects) {
      if (filing.unitCode !== bu.unit.code) throw new LayoutError(`项目“${filing.name}”不属于单位 ${bu.unit.code}${bu.unit.name}`);
      const base = { filing, unit: bu.unit, template: templateOf(filing, lookup), n: items.length + 1 };
      items.push({ ...base, heading: projectHeading(bookT, base, year, bookmark()) });
    }
  }

  const wantContents = input.contents ?? (style === 'numbered' || input.units.length > 1);
  const entries: ContentsEntry[] = [...deptHeadings, ...(partTwo ? [partTwo] : []), ...items.map((i) => i.heading)].map((h) => ({
    text: h.tocText ?? h.text,
    bookmark: h.bookmark,
    level: h.level,
  }));

  const firstUnit = input.units[0]!.unit;
  const front: LayoutBlock[] = [];
  const titleText =
    style === 'attachment'
      ? fillPlaceholders(bookT.book.title ?? '', { unit: input.titleName ?? firstUnit.name, region: firstUnit.region, year })
      : `${input.titleName ?? firstUnit.name}${year}年项目支出绩效目标`;
  if (print.kind === 'submission') {
    const sealed = input.units.length === 1 || !input.titleName ? sealedUnit(firstUnit) : input.titleName;
    front.push(...coverBlocks(titleText, sealed, year));
  }
  if (style === 'attachment') {
    front.push({ kind: 'paragraph', style: 'attachment', text: input.attachmentLabel ?? '附件' });
    const title = fillPlaceholders(bookT.book.title ?? '{unit}{year}年项目支出绩效目标表', {
      unit: input.titleName ?? firstUnit.name,
      region: firstUnit.region,
      year,
    });
    front.push({ kind: 'paragraph', style: 'title', text: title });
  }
  if (wantContents) front.push({ kind: 'contents', title: '目　录', entries }, { kind: 'pageBreak' });

  // Sections: runs of tables with the same orientation; the front matter opens the first.
  const runs: Array<{ orientation: Orientation; from: number; to: number }> = [];
  items.forEach((it, k) => {
    const o = it.template.layout.orientation;
    const last = runs.at(-1);
    if (last && last.orientation === o) last.to = k + 1;
    else runs.push({ orientation: o, from: k, to: k + 1 });
  });
  const bookOrientation = bookT.layout.orientation;
  if (dept && runs[0] && runs[0].orientation !== bookOrientation) runs.unshift({ orientation: bookOrientation, from: 0, to: 0 });

  function* sectionBlocks(run: (typeof runs)[number], first: boolean): Generator<LayoutBlock> {
    if (first) {
      yield* front;
      if (dept) {
        yield* departmentBlocks(dept, deptHeadings);
        if (partTwo) {
          if (run.to > run.from) yield { kind: 'pageBreak' };
          else return; // the tables start in the next section, whose page break is the section's
        }
      }
    }
    for (let k = run.from; k < run.to; k++) {
      if (k === 0) {
        if (partTwo) yield partTwo;
      } else if (k > run.from && style !== 'numbered') yield { kind: 'pageBreak' }; // one form per page
      yield* projectBlocks(bookT, items[k]!, year, print);
    }
    // 报送稿 signed once for the book: after the last table.
    if (print.kind === 'submission' && print.signature === 'book' && run === runs.at(-1) && items.some((it) => !hasSignatureRow(it.template))) {
      yield signatureLine(bookFooter(items.map((it) => it.filing)));
    }
  }

  const sections: LayoutSection[] = runs.map((run, i) => {
    const gen = () => sectionBlocks(run, i === 0);
    return { page: pageSetup(run.orientation), blocks: input.lazy ? { [Symbol.iterator]: gen } : [...gen()] };
  });
  return { title: titleText, sections, tableCount: items.length };
}
