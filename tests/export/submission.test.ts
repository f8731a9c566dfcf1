// 报送稿 and 公开稿 of every layout A–D, from the demo data: the layout model, the DOCX read
// back with the independent reader (texts and table structure), the HTML print view, and
// the Word import reading our 报送稿 back exactly as the 公开稿.
import { describe, expect, it } from 'vitest';
import { readDemoData } from '../../electron/services/demo.ts';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { previewDocx } from '../../electron/import/docx/docx-read.ts';
import { buildBookLayout, buildProjectLayout, type LayoutBlock, type LayoutDocument, type PrintOptions } from '../../shared/layout/index.ts';
import { renderHtml } from '../../shared/print-html/index.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { printedCells } from '../import/printed-cells.ts';
import { corpusBook } from '../fixtures/foreign/generate.ts';
import { docxWithDocxLibrary } from '../fixtures/foreign/docx-npm.ts';
import type { BookBlock } from '../fixtures/foreign/html-book.ts';
import { readDocx, type DocxBlock, type DocxParagraph, type DocxTable } from './docx-reader.ts';

const demo = readDemoData();
const UNITS = { A: '382201', B: '619001', C: '303001', D: '341182' } as const;
const NOW = new Date('2025-01-01T00:00:00Z');
const SUBMIT_TABLE: PrintOptions = { kind: 'submission', signature: 'table' };
const SUBMIT_BOOK: PrintOptions = { kind: 'submission', signature: 'book' };

function book(tid: keyof typeof UNITS, print?: PrintOptions, edit?: (p: ProjectFiling, i: number) => ProjectFiling): LayoutDocument {
  const code = UNITS[tid];
  const unit = demo.units.find((u) => u.code === code)!;
  let projects = demo.projects.filter((p) => p.unitCode === code).sort((a, b) => a.seq - b.seq);
  if (edit) projects = projects.map(edit);
  const deptTarget = demo.deptTargets.find((d) => d.unitCode === code) ?? null;
  return buildBookLayout({ year: projects[0]!.year, units: [{ unit, projects }], deptTarget, ...(print ? { print } : {}) });
}
const blocks = (d: LayoutDocument): LayoutBlock[] => d.sections.flatMap((s) => [...s.blocks]);
const paragraphs = (d: LayoutDocument, style: string) => blocks(d).flatMap((b) => (b.kind === 'paragraph' && b.style === style ? [b.text] : []));
const docxOf = async (d: LayoutDocument) => readDocx(await docxBytes(d, { now: NOW })).body;
const tablesOf = (body: DocxBlock[]) => body.filter((b): b is DocxTable => b.kind === 'tbl');
const textOf = (body: DocxBlock[]) => body.filter((b): b is DocxParagraph => b.kind === 'p').map((p) => p.text);
const SIGNATURE = /^负责人：.*　经办人：.*　联系电话：.*　填报日期：/;

const signed = (p: ProjectFiling, i: number): ProjectFiling => ({
  ...p,
  footer: { head: i === 0 ? '' : '刘霞', handler: '郭海清', phone: '0350-3333895', date: i === 0 ? '' : '2025-10-25' },
});

describe('公开稿 and 报送稿', () => {
  for (const tid of ['A', 'B', 'C', 'D'] as const) {
    const unit = demo.units.find((u) => u.code === UNITS[tid])!;
    const year = demo.projects.find((p) => p.unitCode === UNITS[tid])!.year;

    it(`layout ${tid}: the 公开稿 is today's output, block for block`, () => {
      expect(blocks(book(tid, { kind: 'public', signature: 'book' }))).toEqual(blocks(book(tid)));
      expect(paragraphs(book(tid), 'signature')).toEqual([]);
    });

    it(`layout ${tid}: the 报送稿 opens with a cover (unit, year, 单位（盖章）) and signs under each table`, async () => {
      const pub = book(tid, undefined, signed);
      const sub = book(tid, SUBMIT_TABLE, signed);
      const first = blocks(sub).slice(0, 5);
      expect(first.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'pageBreak']);
      expect(paragraphs(sub, 'caption')[0]).toBe(`（${year}年度）`);
      expect(paragraphs(sub, 'seal')).toEqual([`单位（盖章）：${unit.name}`, '报送日期：　　　　年　　月　　日']);
      const signatures = paragraphs(sub, 'signature');
      const count = pub.tableCount;
      if (tid === 'C') expect(signatures, 'C keeps the signature row of its form').toEqual([]);
      else {
        expect(signatures).toHaveLength(count);
        // Values from the filing's footer; a blank field leaves room to write by hand.
        expect(signatures[0]).toBe('负责人：　　　　　　经办人：郭海清　联系电话：0350-3333895　填报日期：　　　　　');
        expect(signatures[1]).toBe('负责人：刘霞　经办人：郭海清　联系电话：0350-3333895　填报日期：2025-10-25');
      }

      // DOCX read back: the tables are the 公开稿's, cell for cell; the signature follows each table.
      const [pubBody, subBody] = [await docxOf(pub), await docxOf(sub)];
      expect(tablesOf(subBody).map((t) => t.rows.map((r) => r.cells.map((c) => [c.text, c.gridSpan, c.vMerge])))).toEqual(
        tablesOf(pubBody).map((t) => t.rows.map((r) => r.cells.map((c) => [c.text, c.gridSpan, c.vMerge]))),
      );
      const texts = textOf(subBody);
      expect(texts.slice(0, 4)).toEqual([
        tid === 'D' ? `${unit.name}${year}年项目支出绩效目标表` : `${unit.name}${year}年项目支出绩效目标`,
        `（${year}年度）`,
        `单位（盖章）：${unit.name}`,
        '报送日期：　　　　年　　月　　日',
      ]);
      expect(texts.filter((t) => SIGNATURE.test(t))).toHaveLength(tid === 'C' ? 0 : count);
      if (tid === 'C') {
        const cells = tablesOf(subBody).flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.text)));
        expect(cells.filter((c) => c === '负责人：')).toHaveLength(count);
      } else {
        // Each signature paragraph comes right after the last part of a table.
        subBody.forEach((b, i) => {
          if (b.kind === 'p' && SIGNATURE.test(b.text)) expect(subBody[i - 1]?.kind).toBe('tbl');
        });
      }
      // The next page starts after the cover.
      const afterCover = subBody[4] as DocxParagraph;
      expect(afterCover.kind === 'p' && afterCover.pageBreakBefore).toBe(true);
    });

    it(`layout ${tid}: the 报送稿 signed once at the end of the book`, async () => {
      const sub = book(tid, SUBMIT_BOOK, signed);
      const last = blocks(sub).at(-1)!;
      if (tid === 'C') expect(paragraphs(sub, 'signature')).toEqual([]);
      else {
        expect(paragraphs(sub, 'signature')).toEqual(['负责人：刘霞　经办人：郭海清　联系电话：0350-3333895　填报日期：2025-10-25']);
        expect(last).toMatchObject({ kind: 'paragraph', style: 'signature' });
        const body = await docxOf(sub);
        const lastP = body.filter((b): b is DocxParagraph => b.kind === 'p' && b.text !== '').at(-1)!;
        expect(lastP.text).toMatch(SIGNATURE);
      }
    });

    it(`layout ${tid}: the Word import reads our 报送稿 back as the 公开稿 (cover and signature ignored)`, async () => {
      const t = getTemplate(tid)!;
      const pub = previewDocx(await docxBytes(book(tid, undefined, signed)), { year });
      for (const print of [SUBMIT_TABLE, SUBMIT_BOOK]) {
        const sub = previewDocx(await docxBytes(book(tid, print, signed)), { year });
        expect(sub.templateId).toBe(tid);
        expect(sub.unit).toEqual(pub.unit);
        expect(sub.notes).toEqual(pub.notes);
        expect(sub.dept).toEqual(pub.dept);
        expect(sub.projects.map((p) => [p.heading, printedCells(t, p.filing)])).toEqual(pub.projects.map((p) => [p.heading, printedCells(t, p.filing)]));
      }
      // The year of A and B (no year in their 公开稿) is read from the 报送稿's cover.
      expect(previewDocx(await docxBytes(book(tid, SUBMIT_TABLE))).year).toBe(year);
    });

    it(`layout ${tid}: one table as 报送稿: 单位（盖章） and the year above it, the signature under it; the HTML view too`, async () => {
      const p = signed(demo.projects.find((x) => x.unitCode === UNITS[tid])!, 1);
      const doc = buildProjectLayout(p, unit, { print: SUBMIT_BOOK });
      const all = blocks(doc);
      expect(all[0]).toMatchObject({ kind: 'paragraph', style: 'seal', text: `单位（盖章）：${unit.name}`, right: `${year}年度` });
      expect(all[1]).toMatchObject({ kind: 'heading' });
      expect(paragraphs(doc, 'signature')).toHaveLength(tid === 'C' ? 0 : 1);
      const body = await docxOf(doc);
      expect((body[0] as DocxParagraph).text).toBe(`单位（盖章）：${unit.name}\t${year}年度`);
      const html = renderHtml(doc);
      expect(html).toContain(`<p class="p-seal keep-next"><span>单位（盖章）：${unit.name}</span><span>${year}年度</span></p>`);
      if (tid !== 'C') expect(html).toContain('<p class="p-signature">负责人：刘霞　经办人：郭海清');
      expect(renderHtml(buildProjectLayout(p, unit))).not.toContain('单位（盖章）');
    });
  }
});

describe('the signature line read back by the Word import', () => {
  for (const tid of ['A', 'B', 'D'] as const) {
    it(`layout ${tid}: our 报送稿 gives each table its 负责人 / 经办人 / 联系电话 / 填报日期 back (under each table; at the end: the last)`, async () => {
      const year = demo.projects.find((p) => p.unitCode === UNITS[tid])!.year;
      const perTable = previewDocx(await docxBytes(book(tid, SUBMIT_TABLE, signed)), { year });
      const expected = demo.projects.filter((p) => p.unitCode === UNITS[tid]).sort((a, b) => a.seq - b.seq).map((p, i) => signed(p, i).footer);
      expect(perTable.projects.map((p) => p.filing.footer)).toEqual(expected);
      const atEnd = previewDocx(await docxBytes(book(tid, SUBMIT_BOOK, signed)), { year });
      const blank = { head: '', handler: '', phone: '', date: '' };
      expect(atEnd.projects.map((p) => p.filing.footer)).toEqual(expected.map((_, i) => (i === expected.length - 1 ? { head: '刘霞', handler: '郭海清', phone: '0350-3333895', date: '2025-10-25' } : blank)));
      // The 公开稿 has no such line: nothing is invented.
      expect(previewDocx(await docxBytes(book(tid, undefined, signed)), { year }).projects.every((p) => JSON.stringify(p.filing.footer) === JSON.stringify(blank))).toBe(true);
    });
  }

  it('a line typed by hand in a document made with the docx library (underscores, half-width colons, spaces)', async () => {
    const c = corpusBook('002');
    const blocks: BookBlock[] = [];
    let n = 0;
    for (const b of c.blocks) {
      blocks.push(b);
      if ('table' in b && n++ === 0) blocks.push({ p: '负责人: 王建国    经办人:________   联系电话：0315-2345678　填报日期：2025年10月8日' });
    }
    const r = previewDocx(await docxWithDocxLibrary(blocks), { year: c.year });
    expect(r.projects).toHaveLength(c.projects.length);
    expect(r.projects[0]!.filing.footer).toEqual({ head: '王建国', handler: '', phone: '0315-2345678', date: '2025年10月8日' });
    expect(r.projects[0]!.recognised).toEqual(expect.arrayContaining(['footer.head', 'footer.phone', 'footer.date']));
    expect(r.projects.slice(1).every((p) => p.filing.footer.head === '')).toBe(true);
    // The rest of the table is read as without the line.
    const t = getTemplate('B')!;
    const plain = previewDocx(await docxWithDocxLibrary(c.blocks), { year: c.year });
    expect(r.projects.map((p) => printedCells(t, p.filing))).toEqual(plain.projects.map((p) => printedCells(t, p.filing)));
    expect(r.notes).toEqual(plain.notes);
  });
});
