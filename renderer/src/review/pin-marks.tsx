// Comment marks beside the parts of a 部门整体绩效目标 (both sides), and the editor box a
// comment's place is in (the unit's side jumps there).
import type { ReactNode } from 'react';
import type { FormPin } from '../form/ProjectForm.tsx';

/** Marks of the comments at `path` (and, with `deep`, at the rows inside it): ● open, ✓ handled, 说 a 说明. */
export function PinMarks({ pins, path, deep = false }: { pins: readonly FormPin[]; path: string; deep?: boolean }): ReactNode {
  const here = pins.filter((p) => p.path === path || (deep && p.path.startsWith(`${path}[`)));
  if (!here.length) return null;
  return (
    <span className={`pin-mark dept-pin ${here.map((p) => p.cls).join(' ')}`} title={here.map((p) => p.title).join('\n')} data-testid="dept-pin" data-path={path}>
      {here.map((p) => p.mark).join('')}
    </span>
  );
}

/** The aria-label of the DeptEditor box holding `path` (`items[0].indicators[2]` → `分项 1 绩效指标`), or null. */
export function deptBoxLabel(path: string): string | null {
  if (path === 'overall') return '总体绩效目标';
  const m = /^(?:items\[(\d+)\](?:\.(title|goal|indicators))?|measures\[(\d+)\])/.exec(path);
  if (!m) return null;
  if (m[3] !== undefined) return `保障措施 ${Number(m[3]) + 1}`;
  const part = m[2] === 'goal' ? '绩效目标' : m[2] === 'indicators' ? '绩效指标' : '标题';
  return `分项 ${Number(m[1]) + 1} ${part}`;
}
