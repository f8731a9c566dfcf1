// 第一部分 部门整体绩效目标 of a department book, from its paragraphs: 一、总体绩效目标 (prose),
// 二、分项绩效目标 (numbered items: a title line, 绩效目标：…, 绩效指标：…), 三、工作保障措施
// (one measure per paragraph). Read up to 第二部分 or the first table.
import { normLabel } from './labels.ts';

export interface DeptTargetText {
  overall: string;
  items: Array<{ title: string; goal: string; indicators: string }>;
  measures: string[];
}

type Section = 'overall' | 'items' | 'measures' | null;
const SECTION: Array<[RegExp, Section]> = [
  [/^[一1][、.]?(部门)?总体绩效目标$/, 'overall'],
  [/^[二2][、.]?(部门)?分项绩效目标$/, 'items'],
  [/^[三3][、.]?(工作)?保障措施$|^[三3][、.]?工作保障措施$/, 'measures'],
];

/** The department target of the paragraphs before the first table, or null when there is none. */
export function readDeptTarget(paragraphs: readonly string[]): DeptTargetText | null {
  const start = paragraphs.findIndex((p) => /^第一部分.*部门整体绩效目标$/.test(normLabel(p)) || normLabel(p) === '部门整体绩效目标');
  if (start < 0) return null;
  const out: DeptTargetText = { overall: '', items: [], measures: [] };
  const overall: string[] = [];
  let section: Section = null;
  for (const raw of paragraphs.slice(start + 1)) {
    const p = raw.trim();
    const n = normLabel(p);
    if (!n) continue;
    if (/^第二部分/.test(n)) break;
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
