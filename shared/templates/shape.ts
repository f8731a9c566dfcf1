// Structural check of a template's table layout: every row must cover the grid exactly,
// taking cells merged down from rows above into account. Used by tests and when a
// region's definition is loaded, so a mistake in a definition is caught before printing.
import type { BlockSpec, CellSpec, TemplateDef } from './types.ts';

const KNOWN_ROOTS = ['name', 'projectCode', 'implementingUnit', 'attribute', 'duration', 'fundUse', 'spendingPlan', 'prose', 'periods', 'footer', '$unit', '$year'];

function indicatorBlockWidth(block: Extract<BlockSpec, { kind: 'indicators' }>): number {
  const spanOf = (c: string) => block.spans?.[c as keyof typeof block.spans] ?? 1;
  let width = block.sideLabel ? 1 : 0;
  block.periods.forEach((_, i) => {
    for (const c of block.columns) {
      if (c === 'level1' && i > 0) continue;
      width += spanOf(c);
    }
  });
  return width;
}

/** Returns a list of problems (Chinese), empty when the template is well formed. */
export function checkTemplateShape(t: TemplateDef): string[] {
  const problems: string[] = [];
  const width = t.layout.grid.length;
  for (const [bi, block] of t.layout.blocks.entries()) {
    if (block.kind === 'indicators') {
      const w = indicatorBlockWidth(block);
      if (w !== width) problems.push(`模板 ${t.id} 第 ${bi + 1} 块指标表宽 ${w} 栏，表格为 ${width} 栏`);
      for (const p of block.periods) if (!t.periods.includes(p)) problems.push(`模板 ${t.id} 指标表使用了未声明的期间 ${p}`);
      continue;
    }
    // carry[i] = rows still covered at grid column i by a cell from above
    let carry: number[] = new Array(width).fill(0);
    for (const [ri, row] of block.rows.entries()) {
      let col = 0;
      const next = carry.map((n) => Math.max(0, n - 1));
      const place = (cell: CellSpec) => {
        while (col < width && (carry[col] ?? 0) > 0) col++;
        const s = cell.span ?? 1;
        const down = cell.rowSpan === 'block' ? block.rows.length - ri : (cell.rowSpan ?? 1);
        for (let k = 0; k < s; k++) {
          if (col + k >= width) {
            problems.push(`模板 ${t.id} 第 ${bi + 1} 块第 ${ri + 1} 行超出表格宽度`);
            return;
          }
          if (down > 1) next[col + k] = down - 1;
        }
        col += s;
      };
      for (const cell of row.cells) {
        place(cell);
        if ('field' in cell) {
          const root = cell.field.split('.')[0] ?? '';
          if (!KNOWN_ROOTS.includes(root)) problems.push(`模板 ${t.id} 引用了未知字段 ${cell.field}`);
        }
      }
      while (col < width && (carry[col] ?? 0) > 0) col++;
      if (col !== width) problems.push(`模板 ${t.id} 第 ${bi + 1} 块第 ${ri + 1} 行覆盖 ${col} 栏，表格为 ${width} 栏`);
      carry = next;
    }
  }
  return problems;
}
