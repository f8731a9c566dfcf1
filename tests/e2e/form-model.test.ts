// The renderer's form model without a browser: the grid drawn from each template over
// every seed table covers the paper grid exactly; keyboard navigation reaches every cell;
// every edit has an exact inverse (undo); the 指标值 chip.
import { describe, expect, it } from 'vitest';
import { allSeedProjects } from '../../tools/seed-corpus.ts';
import { getTemplate, TEMPLATES } from '../../shared/templates/index.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { buildGrid, cellForPath, isGroupLabel, nextInOrder, nextRow, neighbour, type GridCell } from '../../renderer/src/form/grid.ts';
import { applyEdit } from '../../renderer/src/form/ops.ts';
import type { Edit } from '../../renderer/src/form/ops.ts';
import { insertBelow, insertGroup, moveRow, removeRow, starterRows } from '../../renderer/src/form/rows.ts';
import { cellText, checkMoney, commitEdit, valueChip } from '../../renderer/src/form/values.ts';
import { headingLines } from '../../renderer/src/form/heading.ts';

const projects = allSeedProjects();

describe('form grid from the template layout', () => {
  it('covers every slot of the paper grid exactly once, for every seed table', () => {
    expect(projects.length).toBeGreaterThan(100);
    for (const f of projects) {
      const t = getTemplate(f.templateId)!;
      const g = buildGrid(t, f);
      expect(g.cols).toBe(t.layout.grid.length);
      const seen = new Int32Array(g.rowCount * g.cols);
      for (const c of g.cells) {
        for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) seen[r * g.cols + k]!++;
      }
      expect([...seen].every((n) => n === 1), `${f.id} (${f.templateId})`).toBe(true);
    }
  });

  it('has a value cell for every indicator cell of every period, 一级 once per group', () => {
    for (const f of projects) {
      const t = getTemplate(f.templateId)!;
      const g = buildGrid(t, f);
      for (const p of t.periods) {
        for (const [i, row] of (f.periods[p]?.indicators ?? []).entries()) {
          for (const col of ['name', 'value'] as const) expect(g.byPath.has(`periods.${p}.indicators[${i}].${col}`), `${f.id} ${p} ${i}`).toBe(true);
          expect(g.byPath.has(`periods.${p}.indicators[${i}].level1`)).toBe(true);
          void row;
        }
      }
    }
  });

  it('reaches every editable cell with Tab, and arrows / Enter only land on editable cells', () => {
    for (const t of TEMPLATES) {
      const f = projects.find((p) => p.templateId === t.id)!;
      const g = buildGrid(t, f);
      const visited: string[] = [];
      for (let k: string | null = g.order[0]!; k; k = nextInOrder(g, k, false)) visited.push(k);
      expect(visited).toEqual(g.order);
      const editable = new Set(g.order);
      for (const k of g.order) {
        for (const dir of ['up', 'down', 'left', 'right'] as const) {
          const n = neighbour(g, k, dir);
          if (n !== null) expect(editable.has(n)).toBe(true);
        }
        const n = nextRow(g, k);
        if (n !== null) {
          const a = g.cells[g.byKey.get(k)!]!;
          const b = g.cells[g.byKey.get(n)!]!;
          expect(b.row).toBeGreaterThanOrEqual(a.row + a.rowSpan);
        }
      }
      // Down from 项目名称 goes into the money rows; a finding's path finds its cell.
      expect(cellForPath(g, f, 'name')).toBe('f:name');
      expect(cellForPath(g, f, `periods.${t.periods[0]}.indicators[0].value`)).toMatch(/:value$/);
      expect(cellForPath(g, f, `periods.${t.periods[0]}.indicators`)).not.toBeNull();
    }
  });

  it("Tab after a row lands on the next row's 三级, whatever group it starts: filled 一级 / 二级 are passed over", () => {
    for (const t of TEMPLATES) {
      for (const f of projects.filter((p) => p.templateId === t.id).slice(0, 5)) {
        const g = buildGrid(t, f);
        const cell = (k: string) => g.cells[g.byKey.get(k)!]!;
        const skip = (c: GridCell) => isGroupLabel(c) && cellText(c, f, t, null).trim() !== '';
        const visited: string[] = [];
        for (let k: string | null = g.order[0]!; k; k = nextInOrder(g, k, false, skip)) visited.push(k);
        expect(visited.filter((k) => skip(cell(k)))).toEqual([]);
        let starts = 0;
        // The first cell Tab reaches on each later indicator row is a 三级 (a dual table: its left one).
        visited.forEach((k, i) => {
          const c = cell(k);
          const prev = i > 0 ? cell(visited[i - 1]!) : null;
          if (!prev || prev.kind.t !== 'ind' || c.row === prev.row) return;
          if (!(c.kind.t === 'ind' || isGroupLabel(c))) return; // past the indicator rows
          expect(c.kind.t === 'ind' && c.kind.col === 'name', `${t.id} ${f.name}: after ${prev.key} came ${k}`).toBe(true);
          starts++;
        });
        expect(starts).toBeGreaterThan(0);
        // Backwards it is the same path reversed.
        const back: string[] = [];
        for (let k: string | null = visited.at(-1)!; k; k = nextInOrder(g, k, true, skip)) back.push(k);
        expect(back.reverse()).toEqual(visited);
      }
    }
  });

  it('prints the heading lines of the book', () => {
    const unit = { code: '382101', name: '天津市医疗保障局', supervisor: null, region: '天津', sample: false };
    const a = projects.find((p) => p.templateId === 'A')!;
    const lines = headingLines(getTemplate('A')!, a, unit).map((l) => l.text);
    expect(lines[0]).toMatch(/^1\..+绩效目标表$/);
    expect(lines).toContain('382101天津市医疗保障局');
    expect(lines).toContain('单位：万元');
  });
});

describe('edits and their inverse', () => {
  const apply = (f: ProjectFiling, e: Edit | null) => (e ? applyEdit(f, e) : f);

  it('undoes every kind of edit exactly', () => {
    for (const t of TEMPLATES) {
      for (const f of projects.filter((p) => p.templateId === t.id).slice(0, 6)) {
        const periods = [...t.periods];
        const g = buildGrid(t, f);
        const edits: Array<Edit | null> = [
          insertBelow(f, periods, 0),
          insertGroup(f, t, periods, 0),
          removeRow(f, periods, 1),
          moveRow(f, periods, 1, -1),
          starterRows(f, t, periods),
        ];
        for (const k of g.order.slice(0, 30)) {
          const c = g.cells[g.byKey.get(k)!]!;
          const e = commitEdit(c, c.kind.t === 'field' && c.kind.money ? '12.34' : '改过的文字', f, t);
          if (e && !('error' in e)) edits.push(e);
        }
        for (const e of edits) {
          if (!e) continue;
          const changed = apply(f, e);
          expect(changed, `${f.id} ${e.label}`).not.toBe(f);
          expect(applyEdit(changed, e, true), `${f.id} ${e.label}`).toEqual(f);
        }
      }
    }
  });

  it('applies an edit to a newer filing by row id, not by index', () => {
    const t = getTemplate('A')!;
    const f = projects.find((p) => p.templateId === 'A' && (p.periods.annual?.indicators.length ?? 0) > 3)!;
    const g = buildGrid(t, f);
    const cell = g.cells[g.byKey.get(g.byPath.get('periods.annual.indicators[2].value')!)!]!;
    const set = commitEdit(cell, '≥95%', f, t) as Edit;
    const moved = applyEdit(f, moveRow(f, ['annual'], 1, 1)!); // rows 1 and 2 swap (same group)
    const out = applyEdit(moved, set);
    const id = f.periods.annual!.indicators[2]!.id;
    expect(out.periods.annual!.indicators.find((r) => r.id === id)!.value).toBe('≥95%');
  });

  it('keeps rows of a dual table side by side', () => {
    const t = getTemplate('C')!;
    const f = projects.find((p) => p.templateId === 'C')!;
    const e = insertBelow(f, ['implementation', 'annual'], 0);
    const out = applyEdit(f, e);
    expect(out.periods.implementation!.indicators[1]!.level1).toBe(out.periods.annual!.indicators[1]!.level1);
    expect(out.periods.implementation!.indicators).toHaveLength(f.periods.implementation!.indicators.length + 1);
    expect(out.periods.annual!.indicators).toHaveLength(f.periods.annual!.indicators.length + 1);
    void t;
  });

  it('moves a row only inside its 一级 group', () => {
    const t = getTemplate('A')!;
    const f = projects.find((p) => p.templateId === 'A' && (p.periods.annual?.indicators.length ?? 0) > 5)!;
    const rows = f.periods.annual!.indicators;
    const lastOut = rows.map((r) => r.level1).lastIndexOf('产出指标');
    expect(moveRow(f, ['annual'], lastOut, 1)).toBeNull();
    expect(moveRow(f, ['annual'], 0, -1)).toBeNull();
    void t;
  });
});

describe('amounts and 指标值 as typed', () => {
  it('checks amounts in the table unit', () => {
    const a = getTemplate('A')!;
    const c = getTemplate('C')!;
    expect(checkMoney('280.50', a)).toEqual({ fen: 280_500_000 });
    expect(checkMoney('1,147,100', c)).toEqual({ fen: 114_710_000 });
    expect(checkMoney('', a)).toEqual({ fen: null });
    expect('error' in checkMoney('abc', a)).toBe(true);
    expect('error' in checkMoney('12.345', a)).toBe(true);
    expect('error' in checkMoney('100.5', c)).toBe(true);
    expect('error' in checkMoney('-1', a)).toBe(true);
    // 万元 table: 300000 is most likely 元, said at once; 9999 万元 and a 元 table are left alone.
    expect(checkMoney('300000', a)).toEqual({ fen: 300_000_000_000, hint: '本表金额单位为万元，300000.00 万元是否按元填写了？按元应填 30.00' });
    expect(checkMoney('9999', a)).toEqual({ fen: 9_999_000_000 });
    expect(checkMoney('300000', c)).toEqual({ fen: 30_000_000 });
  });

  it('shows how a 指标值 was understood', () => {
    expect(valueChip('≥90%')?.text).toBe('≥ 90 %');
    expect(valueChip('≥90百分比')?.text).toBe('≥ 90 %');
    expect(valueChip('≤10万元')?.text).toBe('≤ 10 万元');
    expect(valueChip('2025年12月31日')?.text).toBe('日期 2025-12-31');
    expect(valueChip('2024年12月底前')?.text).toMatch(/^时限 2024-12/);
    expect(valueChip('有所提升')?.text).toBe('定性');
    expect(valueChip('≤30个工作日')?.text).toMatch(/^时长 ≤ 30/);
    expect(valueChip('1002025年12月31日')?.bad).toBeTruthy();
    expect(valueChip('')).toBeNull();
  });
});
