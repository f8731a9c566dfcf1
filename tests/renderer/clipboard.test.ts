// The clipboard as spreadsheets and Word fill it: TSV written the way Excel writes it reads
// back cell for cell (any text: tabs, line breaks, quotes); the HTML table beside it (Excel's
// and Word's) read with merged cells as blanks, and taken only when it is the same table.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { clipboardTable, tableFromHtml } from '../../renderer/src/form/clipboard-html.ts';
import { parseTsv } from '../../renderer/src/form/tsv.ts';

const win = new Window();
const parse = (html: string) => new win.DOMParser().parseFromString(html, 'text/html') as unknown as Document;

/** A cell as Excel writes it to text/plain: quoted when it holds a tab, a line break or starts with a quote. */
const excelCell = (c: string) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
const excelTsv = (rows: string[][]) => rows.map((r) => r.map(excelCell).join('\t')).join('\r\n') + '\r\n';

describe('TSV as Excel writes it', () => {
  it('reads back any block cell for cell', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '指', ' ', '\t', '\n', '"', '“', '%', '≥') , maxLength: 8 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 })), (rows) => {
        // A last row of one empty cell is the trailing line break itself: Excel cannot tell them apart either.
        fc.pre(!(rows.at(-1)!.length === 1 && rows.at(-1)![0] === ''));
        expect(parseTsv(excelTsv(rows))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the clipboard’s HTML table', () => {
  it('reads Excel’s HTML: line breaks inside a cell, merged cells blank under and beside their text', () => {
    const html = `<html><head><style>td{mso-number-format:"\\@"}</style></head><body><!--StartFragment-->
      <table border=0 cellpadding=0 cellspacing=0>
       <tr height=19><td rowspan=2 class=xl65>产出指标</td><td>数量指标</td><td>维护
         次数</td><td>≥12次</td></tr>
       <tr><td></td><td>巡检<br style='mso-data-placement:same-cell'>次数</td><td>≥24&nbsp;次</td></tr>
       <tr><td colspan=2>效益指标</td><td>办理时限</td><td>≤3个工作日</td></tr>
      </table><!--EndFragment--></body></html>`;
    expect(tableFromHtml(html, parse)).toEqual([
      ['产出指标', '数量指标', '维护 次数', '≥12次'],
      ['', '', '巡检\n次数', '≥24 次'],
      ['效益指标', '', '办理时限', '≤3个工作日'],
    ]);
  });

  it('reads Word’s table: paragraphs in a cell as lines, a nested table left in its cell', () => {
    const html = `<table><tr><td><p>一级指标</p></td><td><p>三级指标</p></td></tr>
      <tr><td><p>产出指标</p></td><td><p>维护次数</p><p>（含巡检）</p><table><tr><td>x</td></tr></table></td></tr></table>`;
    expect(tableFromHtml(html, parse)).toEqual([
      ['一级指标', '三级指标'],
      ['产出指标', '维护次数\n（含巡检）\nx'],
    ]);
    expect(tableFromHtml('<p>没有表格</p>', parse)).toBeNull();
  });

  it('is taken for a block only when it is the table of the text/plain', () => {
    const html = '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>';
    expect(clipboardTable('a\tb\r\nc\td\r\n', html, parse)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    // A web page copied with a paragraph before its table; a single value.
    expect(clipboardTable('说明文字\r\na\tb\r\n', html, parse)).toBeNull();
    expect(clipboardTable('a\r\n', html, parse)).toBeNull();
  });
});
