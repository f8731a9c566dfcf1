// The HTML print view of every seed table, parsed with happy-dom's DOM: the same cell
// sequence as the seed (see docx-fidelity.test.ts for how the unit line and captions are
// handled) and the same form structure, with rowspan/colspan read back into grid rows.
import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { buildProjectLayout } from '../../shared/layout/index.ts';
import { renderHtml } from '../../shared/print-html/index.ts';
import { expectedCells, squash } from './known-differences.ts';
import { expectedCaptions, seedCases } from './helpers.ts';
import { checkFormStructure, type GridCell, type GridTable } from './form-structure.ts';

const window = new Window();
const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html');
type El = ReturnType<typeof parse>['body'];

/** An HTML table as grid rows: rowspans become a started cell and continued cells below it. */
function gridOf(table: El): GridTable {
  const grid = [...table.querySelectorAll('colgroup > col')].map((c) => parseFloat((c as El).style.width));
  const pending: Array<{ left: number; span: number } | undefined> = [];
  const rows = [...table.querySelectorAll('tr')].map((tr) => {
    const cells: GridCell[] = [];
    const dom = [...tr.children] as El[];
    let col = 0;
    while (col < grid.length) {
      const p = pending[col];
      if (p && p.left > 0) {
        p.left--;
        cells.push({ text: '', gridSpan: p.span, vMerge: 'continue' });
        col += p.span;
        continue;
      }
      const td = dom.shift();
      if (!td) break;
      const span = Number(td.getAttribute('colspan') ?? 1);
      const down = Number(td.getAttribute('rowspan') ?? 1);
      const text = [...td.querySelectorAll('.line')].map((l) => l.textContent).join('\n');
      cells.push({ text, gridSpan: span, vMerge: down > 1 ? 'restart' : 'none' });
      if (down > 1) pending[col] = { left: down - 1, span };
      col += span;
    }
    expect(dom, 'no cells beyond the grid').toHaveLength(0);
    return { cells, header: tr.parentElement?.tagName === 'THEAD' };
  });
  return { grid, rows };
}

describe('HTML print view of every seed table', () => {
  const cases = seedCases();
  it.each(cases.map((c) => [`${c.seed} 表 ${c.table.index}（${c.templateId}）`, c] as const))('%s', (_name, c) => {
    const html = renderHtml(buildProjectLayout(c.project, c.unit));
    const doc = parse(html);
    const heading = doc.querySelector('h1, h2')!;
    expect(squash(heading.textContent)).toBe(squash(c.table.heading));
    expect(heading.id).toMatch(/^_Toc/);
    const between: string[] = [];
    for (let el = heading.nextElementSibling; el && el.tagName !== 'TABLE'; el = el.nextElementSibling) {
      const spans = [...el.querySelectorAll('span')];
      between.push(...(spans.length ? spans.map((s) => s.textContent) : [el.textContent]));
    }
    const tables = [...doc.querySelectorAll('table')] as unknown as El[];
    const grids = tables.map(gridOf);
    const cellTexts = grids.flatMap((g) => g.rows.flatMap((r) => r.cells.map((x) => squash(x.text)))).filter(Boolean);
    let actual: string[];
    if (c.templateId === 'A' || c.templateId === 'B') {
      expect(between).toEqual([`${c.unit.code}${c.unit.name}`, '单位：万元']);
      actual = [...between.map(squash), ...cellTexts];
    } else {
      expect(between.map(squash)).toEqual(expectedCaptions(c).map(squash));
      actual = cellTexts;
    }
    expect(actual).toEqual(expectedCells(c.seed, c.table.index, c.table.cells));
    checkFormStructure(c, grids);
    // Widths: the grid fills the text width (156 mm portrait = 442.25 pt, 225 mm landscape = 637.8 pt).
    const width = grids[0]!.grid.reduce((a, b) => a + b, 0);
    expect(width).toBeCloseTo(c.templateId === 'D' ? 637.8 : 442.25, 0);
    expect(doc.querySelector('section')!.className).toBe(c.templateId === 'D' ? 'landscape' : 'portrait');
    expect(tables[1]!.querySelector('thead tr')).toBeTruthy();
  });

  it('embeds A4 pages with the official margins, page numbers and landscape pages', () => {
    const d = cases.find((c) => c.templateId === 'D')!;
    const css = parse(renderHtml(buildProjectLayout(d.project, d.unit))).querySelector('style')!.textContent;
    expect(css).toContain('@page landscape{size:A4 landscape;margin:28mm 35mm 26mm 37mm');
    expect(css).toContain('content:"— " counter(page) " —"');
    expect(css).toContain('thead{display:table-header-group}');
    const a = cases[0]!;
    const cssA = parse(renderHtml(buildProjectLayout(a.project, a.unit))).querySelector('style')!.textContent;
    expect(cssA).toContain('@page portrait{size:A4 portrait;margin:37mm 26mm 35mm 28mm');
    expect(cssA).toMatch(/font-family:"仿宋_GB2312"/);
    // As Word does: a number or code breaks only where it does not fit (break-all cut 2025.07.31 as 2025.07.3 / 1).
    expect(cssA).toMatch(/table\.form td,table\.form th\{[^}]*overflow-wrap:anywhere/);
    expect(cssA).not.toContain('break-all');
  });

  it('escapes text so that a filing cannot inject markup', () => {
    const a = cases[0]!;
    const p = { ...a.project, name: '<script>alert(1)</script>&' };
    const doc = parse(renderHtml(buildProjectLayout(p, a.unit)));
    expect(doc.querySelector('script')).toBeNull();
    expect(doc.body.textContent).toContain('<script>alert(1)</script>&');
  });
});
