// The receiver's import report of a resubmission: a table whose content is the same and
// only its status moved (the unit imported the receiver's own 通过) is no 修改项目.
import { describe, expect, it } from 'vitest';
import { readDemoData } from '../../electron/services/demo.ts';
import { describeDiff, diffSubmissions } from '../../shared/handover/diff.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';

const seed = readDemoData().projects.filter((p) => p.unitCode === '619001').slice(0, 3);
const sub = (projects: ProjectFiling[]) => ({ projects, deptTargets: [] });

describe('describeDiff of a resubmission', () => {
  it('lists a status-only change as unchanged content, and a real change as 修改项目', () => {
    const [a, b, c] = seed.map((p) => structuredClone(p)) as [ProjectFiling, ProjectFiling, ProjectFiling];
    const next = [
      { ...a, status: 'draft' as const, fundUse: `${a.fundUse}（补充）` },
      { ...b, status: 'approved' as const },
      { ...c, status: 'approved' as const },
    ];
    const lines = describeDiff(diffSubmissions(sub([a, b, c]), sub(next)));
    expect(lines.filter((l) => l.startsWith('修改项目：'))).toEqual([`修改项目：${a.name}`]);
    expect(lines.join('\n')).toMatch(/资金用途：.* → .*（补充）/);
    expect(lines).toContain(`内容未修改：${b.name}、${c.name}（仅状态：草稿 → 已通过）`);
    expect(lines.join('\n')).not.toMatch(/^\s*状态：/m);
  });

  it('a resubmission that only changed statuses says the content is the same', () => {
    const [a] = seed.map((p) => structuredClone(p)) as [ProjectFiling];
    expect(describeDiff(diffSubmissions(sub([a]), sub([{ ...a, status: 'approved' }])))).toEqual([`内容未修改：${a.name}（仅状态：草稿 → 已通过）`]);
  });
});
