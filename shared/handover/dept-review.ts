// The 部门整体绩效目标 as one more item of the review loop: it is reviewed, commented, returned
// and answered under a review id of its own (`dept:<单位编码>:<年度>`) where a table uses its
// project id, so the review store, the return package and the answers carry it unchanged.
// Its comments point at 总体绩效目标, a 分项 (its title, 绩效目标, 绩效指标 or one line of
// them: an indicator row) or a 保障措施. Pure; used by both sides, the sheet and the terminal.
import type { DeptTarget } from '../model/filing.ts';

export const DEPT_REVIEW_NAME = '部门整体绩效目标';

const ID = /^dept:(\d{6}):(\d{4})$/;

export const deptReviewId = (unitCode: string, year: number): string => `dept:${unitCode}:${year}`;

/** The unit-year a dept review id names, or null for a table's id. */
export function deptOfReviewId(id: string): { unitCode: string; year: number } | null {
  const m = ID.exec(id);
  return m ? { unitCode: m[1]!, year: Number(m[2]) } : null;
}

export const isDeptReviewId = (id: string): boolean => id.startsWith('dept:');

/**
 * 适当性 asks whether the money fits the targets (资金规模与绩效目标是否匹配): the 部门整体绩效目标
 * carries no amounts, so it is reviewed by the other three.
 */
export const DEPT_CRITERIA = ['完整性', '相关性', '可行性'] as const;

const clip = (s: string, n = 24) => {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

/** The indicator rows of a 分项's 绩效指标: its non-blank lines, by line index. */
export function indicatorLines(text: string): Array<{ line: number; text: string }> {
  return text.split('\n').flatMap((t, line) => (t.trim() ? [{ line, text: t.trim() }] : []));
}

const PATH = /^(?:overall|items|measures|items\[(\d+)\](?:\.(title|goal|indicators)(?:\[(\d+)\])?)?|measures\[(\d+)\])$/;

/** Where a dept comment points, in the words of the form (`分项 1“…”的绩效指标第 2 行“…”`). */
export function deptPinLabel(dept: DeptTarget | null, path: string): string {
  if (path === '') return '整体';
  if (path === 'overall') return '一、总体绩效目标';
  if (path === 'items') return '二、分项绩效目标';
  if (path === 'measures') return '三、工作保障措施';
  const m = PATH.exec(path);
  if (!m) return path;
  if (m[4] !== undefined) {
    const text = dept?.measures[Number(m[4])];
    return `保障措施 ${Number(m[4]) + 1}${text === undefined ? '（已删除）' : text.trim() ? `“${clip(text)}”` : ''}`;
  }
  const i = Number(m[1]);
  const item = dept?.items[i];
  const head = `分项 ${i + 1}${item === undefined ? '（已删除）' : item.title.trim() ? `“${clip(item.title)}”` : ''}`;
  if (!m[2]) return head;
  if (m[2] === 'title') return `${head}的标题`;
  const part = m[2] === 'goal' ? '绩效目标' : '绩效指标';
  if (m[3] === undefined) return `${head}的${part}`;
  const line = item?.indicators.split('\n')[Number(m[3])];
  return `${head}的绩效指标第 ${Number(m[3]) + 1} 行${line?.trim() ? `“${clip(line)}”` : '（已修改）'}`;
}

/** Every place of a dept target a comment may point at, in form order, with its label. */
export function deptPinPoints(dept: DeptTarget): Array<{ path: string; label: string }> {
  const paths = ['overall', 'items'];
  dept.items.forEach((it, i) => {
    paths.push(`items[${i}]`, `items[${i}].title`, `items[${i}].goal`, `items[${i}].indicators`);
    for (const l of indicatorLines(it.indicators)) paths.push(`items[${i}].indicators[${l.line}]`);
  });
  paths.push('measures', ...dept.measures.map((_, i) => `measures[${i}]`));
  return paths.map((path) => ({ path, label: deptPinLabel(dept, path) }));
}
