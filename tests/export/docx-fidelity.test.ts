// Every published table of seeds 000–003, exported as DOCX and read back with an
// independent reader (tests/export/docx-reader.ts: fflate + our own XML parse), must print
// the same non-empty cell texts in the same order as the seed (whitespace removed; the
// seed-side artefacts listed in known-differences.ts applied), and have the form's grid.
//
// A/B: the seed's cells begin with the unit line and `单位：万元`, which the seed document
// holds in a borderless first table row and our document prints as one paragraph between
// the heading and the table (unit left, a right tab, `单位：万元` right). The compared
// sequence is therefore: the texts of the paragraphs between the heading and the first
// table, split at tabs, followed by the cells of the tables. C/D: the paragraphs there
// are the captions (`（2023年度）`), checked against the form's captions separately.
import { describe, expect, it } from 'vitest';
import { buildProjectLayout } from '../../shared/layout/index.ts';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { readDocx, type DocxParagraph, type DocxTable } from './docx-reader.ts';
import { expectedCells, squash } from './known-differences.ts';
import { expectedCaptions, seedCases, type SeedCase } from './helpers.ts';
import { checkFormStructure } from './form-structure.ts';

const NOW = new Date('2025-01-01T00:00:00Z');
const cases = seedCases();

async function exportCase(c: SeedCase) {
  const pkg = readDocx(await docxBytes(buildProjectLayout(c.project, c.unit), { now: NOW }));
  const hi = pkg.body.findIndex((b) => b.kind === 'p' && b.bookmarks.length > 0);
  expect(hi, 'a bookmarked heading').toBeGreaterThanOrEqual(0);
  const ti = pkg.body.findIndex((b, i) => i > hi && b.kind === 'tbl');
  return {
    pkg,
    heading: pkg.body[hi] as DocxParagraph,
    between: pkg.body.slice(hi + 1, ti) as DocxParagraph[],
    tables: pkg.body.filter((b): b is DocxTable => b.kind === 'tbl'),
  };
}

describe('DOCX of every seed table', () => {
  it('covers all 120 published tables of the four seeds', () => {
    expect(cases.map((c) => c.seed).reduce<Record<string, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {})).toEqual({
      '000': 52,
      '001': 8,
      '002': 54,
      '003': 6,
    });
  });

  it.each(cases.map((c) => [`${c.seed} 表 ${c.table.index}（${c.templateId}）`, c] as const))('%s', async (_name, c) => {
    const { heading, between, tables } = await exportCase(c);
    expect(squash(heading.text)).toBe(squash(c.table.heading));
    expect(heading.bookmarks[0]).toMatch(/^_Toc/);

    const paragraphTexts = between.flatMap((p) => p.text.split('\t')).map(squash).filter(Boolean);
    const cellTexts = tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((x) => squash(x.text)))).filter(Boolean);
    let actual: string[];
    if (c.templateId === 'A' || c.templateId === 'B') {
      expect(between).toHaveLength(1);
      expect(between[0]!.text).toBe(`${c.unit.code}${c.unit.name}\t单位：万元`);
      actual = [...paragraphTexts, ...cellTexts];
    } else {
      expect(paragraphTexts).toEqual(expectedCaptions(c).map(squash));
      actual = cellTexts;
    }
    expect(actual).toEqual(expectedCells(c.seed, c.table.index, c.table.cells));

    checkFormStructure(c, tables);
    const textWidth = c.templateId === 'D' ? 12756 : 8845;
    for (const t of tables) {
      expect(t.layoutFixed).toBe(true);
      expect(t.grid.reduce((a, b) => a + b, 0)).toBe(textWidth);
      expect(t.width).toBe(textWidth);
      for (const r of t.rows) {
        expect(r.cantSplit).toBe(true);
        let col = 0;
        for (const cell of r.cells) {
          expect(cell.width, 'tcW is the spanned grid width').toBe(t.grid.slice(col, col + cell.gridSpan).reduce((a, b) => a + b, 0));
          col += cell.gridSpan;
        }
      }
    }
  });
});
