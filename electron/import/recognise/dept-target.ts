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

/**
 * The department target of the paragraphs (the first heading's part), or null when there is none.
 * `ends`: a line that ends the part (a table title, a unit line, an amount unit).
 */
export function readDeptTarget(paragraphs: readonly string[], ends: (p: string) => boolean = () => false): DeptTargetText | null {
  // The first heading with a part under it (a contents page or a sheet's own title may come first).
  for (let i = 0; i < paragraphs.length; i++) {
    if (!isDeptHeading(paragraphs[i]!)) continue;
    const part = readPart(paragraphs, i, ends);
    if (part) return part;
  }
  return null;
}

function readPart(paragraphs: readonly string[], start: number, ends: (p: string) => boolean): DeptTargetText | null {
  const out: DeptTargetText = { overall: '', items: [], measures: [] };
  const overall: string[] = [];
  let section: Section = null;
  for (const raw of paragraphs.slice(start + 1)) {
    const p = raw.trim();
    const n = normLabel(p);
    if (!n) continue;
    if (/^第二部分/.test(n) || isDeptHeading(p) || ends(p)) break;
    const s = SECTION.find(([re]) => re.test(n));
    if (s) {
      section = s[1];
      continue;
    }
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
    }
  }
  out.overall = overall.join('\n');
  return out.overall || out.items.length || out.measures.length ? out : null;
}
