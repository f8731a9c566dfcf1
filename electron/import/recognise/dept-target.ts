// 第一部分 部门整体绩效目标 of a department book, from its paragraphs: 一、总体绩效目标 (prose),
// 二、分项绩效目标 (numbered items: a title line, 绩效目标：…, 绩效指标：…), 三、工作保障措施
// (one measure per paragraph). Its heading may carry the unit and year (`宁武县水利局2025年度
// 部门整体绩效目标`) and may stand before or after the tables; read up to 第二部分 or the next
// heading, table title or unit line (the caller says which lines those are).
import { normLabel } from './labels.ts';

export interface DeptTargetText {
  overall: string;
  items: Array<{ title: string; goal: string; indicators: string }>;
  measures: string[];
}

/** How a table among the paragraphs is passed in (book.ts): the part ends there. */
export const TABLE_LINE = '\u0000table';

type Section = 'overall' | 'items' | 'measures' | null;
const SECTION: Array<[RegExp, Section]> = [
  [/^[一二1-2][、.]?(部门)?(总体|整体)绩效目标$/, 'overall'],
  [/^[二2][、.]?(部门)?分项绩效目标$/, 'items'],
  [/^[三3][、.]?(工作)?保障措施$|^[三3][、.]?工作保障措施$/, 'measures'],
];

/** `第一部分 部门整体绩效目标`, `部门整体绩效目标`, `宁武县水利局2025年度部门整体绩效目标`. */
const DEPT_HEADING = /^(?![一二三四五六七八九十\d]+[、.])(?:第一部分)?.{0,40}?部门整体绩效目标(?:表)?$/;

/** Whether a paragraph is the department part's heading. */
export const isDeptHeading = (p: string): boolean => DEPT_HEADING.test(normLabel(p));

/** The three sections by the names the forms give them (in notes). */
const SECTION_NAME: Record<Exclude<Section, null>, string> = { overall: '一、总体绩效目标', items: '二、分项绩效目标', measures: '三、工作保障措施' };

export interface DeptTargetRead {
  target: DeptTargetText | null;
  /** What of the part was found and not placed: a section without content, a missing section, stray lines. */
  notes: string[];
}

/**
 * The department target of the paragraphs (the first heading's part), or null when there is none.
 * `ends`: a line that ends the part (a table title, a unit line, an amount unit).
 */
export function readDeptTarget(paragraphs: readonly string[], ends: (p: string) => boolean = () => false): DeptTargetRead {
  // The first heading with a part under it (a contents page or a sheet's own title may come first).
  for (let i = 0; i < paragraphs.length; i++) {
    if (!isDeptHeading(paragraphs[i]!)) continue;
    const part = readPart(paragraphs, i, ends);
    if (part.target) return part;
  }
  return { target: null, notes: [] };
}

interface SectionSeen {
  /** The heading as the document prints it. */
  heading: string;
  /** Something was placed under it. */
  placed: boolean;
  /** A table stood under it (its cells are not read as the part's paragraphs). */
  table: boolean;
}

function readPart(paragraphs: readonly string[], start: number, ends: (p: string) => boolean): DeptTargetRead {
  const out: DeptTargetText = { overall: '', items: [], measures: [] };
  const overall: string[] = [];
  let section: Section = null;
  const seen = new Map<Exclude<Section, null>, SectionSeen>();
  const stray: string[] = [];
  const sectionOf = (p: string): Section | undefined => SECTION.find(([re]) => re.test(normLabel(p)))?.[1];
  for (let i = start + 1; i < paragraphs.length; i++) {
    const p = paragraphs[i]!.trim();
    const n = normLabel(p);
    if (!n) continue;
    if (p === TABLE_LINE && section) {
      // A table under a section (分项绩效目标 typed as a table): the part goes on when the
      // next section's heading follows it; else the part ends there.
      let j = i + 1;
      while (j < paragraphs.length && (paragraphs[j] === TABLE_LINE || !normLabel(paragraphs[j]!))) j++;
      const next = j < paragraphs.length ? sectionOf(paragraphs[j]!) : undefined;
      const open = seen.get(section)!;
      if (next && !seen.has(next)) {
        open.table = true;
        i = j - 1;
        continue;
      }
      if (!open.placed) open.table = true;
      break;
    }
    if (/^第二部分/.test(n) || isDeptHeading(p) || ends(p)) break;
    const s = sectionOf(p);
    if (s) {
      section = s;
      if (!seen.has(s)) seen.set(s, { heading: p, placed: false, table: false });
      continue;
    }
    if (section) seen.get(section)!.placed = true;
    if (section === 'overall') overall.push(p);
    else if (section === 'measures') out.measures.push(p);
    else if (section === 'items') {
      const goal = /^绩效目标[:：]\s*/.exec(p);
      const ind = /^绩效指标[:：]\s*/.exec(p);
      const item = out.items.at(-1);
      if (goal && item) item.goal = p.slice(goal[0].length);
      else if (ind && item) item.indicators = p.slice(ind[0].length);
      else if (item && (item.indicators || item.goal) === '' && !/^\d+\s*[.．、]/.test(p)) item.title += `\n${p}`;
      else out.items.push({ title: p, goal: '', indicators: '' });
    } else stray.push(p);
  }
  out.overall = overall.join('\n');
  if (!(out.overall || out.items.length || out.measures.length)) return { target: null, notes: [] };
  return { target: out, notes: partNotes(seen, stray) };
}

/** Notes on the sections of a part that was read: each names the section. */
function partNotes(seen: Map<Exclude<Section, null>, SectionSeen>, stray: string[]): string[] {
  const notes: string[] = [];
  const quote = (t: string) => `“${t.slice(0, 30)}${t.length > 30 ? '…' : ''}”`;
  if (stray.length) notes.push(`部门整体绩效目标：标题下、各部分之前的 ${stray.length} 段文字不属于一、总体绩效目标 / 二、分项绩效目标 / 三、工作保障措施中的任何一部分，未导入（${quote(stray[0]!)}）`);
  for (const key of ['overall', 'items', 'measures'] as const) {
    const s = seen.get(key);
    if (!s) notes.push(`部门整体绩效目标中没有找到“${SECTION_NAME[key]}”，这一部分未导入`);
    else if (s.table) notes.push(`部门整体绩效目标的${quote(s.heading)}下有表格，表格中的内容未能读入${s.placed ? '（表格以外的段落已导入）' : '，这一部分未导入'}`);
    else if (!s.placed) notes.push(`部门整体绩效目标的${quote(s.heading)}下没有读到内容，这一部分未导入`);
  }
  return notes;
}
