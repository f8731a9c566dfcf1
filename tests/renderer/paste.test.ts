// Paste into the project form without a browser: the clipboard's TSV as Excel / WPS write it,
// and what a paste changes in the filing (a block spread over the indicator rows, rows added
// in the right group, a header row skipped, other fields joined), each undone exactly.
import { describe, expect, it } from 'vitest';
import { parseTsv } from '../../renderer/src/form/tsv.ts';
import { planPaste } from '../../renderer/src/form/paste.ts';
import type { PasteOutcome } from '../../renderer/src/form/paste.ts';
import { buildGrid } from '../../renderer/src/form/grid.ts';
import type { GridCell } from '../../renderer/src/form/grid.ts';
import { applyEdit } from '../../renderer/src/form/ops.ts';
import { blankFiling } from '../../electron/services/blank.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import type { TemplateDef } from '../../shared/templates/types.ts';
import type { PeriodKey, ProjectFiling } from '../../shared/model/filing.ts';

describe('parseTsv', () => {
  it('reads rows and cells with CRLF or LF, one trailing line break being the spreadsheet’s', () => {
    expect(parseTsv('a\tb\tc\r\nd\te\tf\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('a\n\n')).toEqual([['a'], ['']]);
    expect(parseTsv('x')).toEqual([['x']]);
    expect(parseTsv('')).toEqual([['']]);
    expect(parseTsv('a\t\tb\t')).toEqual([['a', '', 'b', '']]);
  });

  it('reads quoted cells with line breaks, tabs and "" escapes', () => {
    expect(parseTsv('"第一行\r\n第二行"\t"他说""好"""\r\nx\t"a\tb"\r\n')).toEqual([
      ['第一行\n第二行', '他说"好"'],
      ['x', 'a\tb'],
    ]);
    expect(parseTsv('""\tz')).toEqual([['', 'z']]);
  });

  it('keeps a quote that does not close a cell as text, and ragged rows as they are', () => {
    expect(parseTsv('"好"字号\tx')).toEqual([['"好"字号', 'x']]);
    expect(parseTsv('"未闭合\ty')).toEqual([['"未闭合', 'y']]);
    expect(parseTsv('a\tb\tc\nd\ne\tf\n')).toEqual([['a', 'b', 'c'], ['d'], ['e', 'f']]);
  });
});

const unit = { code: '619001', name: '唐山市医疗保障局本级', supervisor: null, region: '唐山', sample: false };

function blank(t: TemplateDef): ProjectFiling {
  let n = 0;
  return blankFiling(t, unit, 2025, '医保信息系统运行维护', { project: 'p1', row: () => `r${++n}` });
}

/** Pastes into a cell (by its path) and checks the edit undoes exactly; returns the outcome and the new filing. */
function paste(t: TemplateDef, f: ProjectFiling, path: string, text: string): { r: PasteOutcome; after: ProjectFiling } {
  const g = buildGrid(t, f);
  const key = g.byPath.get(path);
  expect(key, path).toBeDefined();
  const cell: GridCell = g.cells[g.byKey.get(key!)!]!;
  const r = planPaste(g, cell, text, f, t);
  if (r.t !== 'edit') return { r, after: f };
  const after = applyEdit(f, r.edit);
  expect(applyEdit(after, r.edit, true), 'undo restores').toEqual(f);
  expect(applyEdit(applyEdit(after, r.edit, true), r.edit), 'redo again').toEqual(after);
  return { r, after };
}

const rowsOf = (f: ProjectFiling, p: PeriodKey = 'annual') =>
  (f.periods[p]?.indicators ?? []).map((r) => [r.level1, r.level2, r.name, r.value].join('|'));

describe('paste into the form', () => {
  const B = getTemplate('B')!;

  it('puts one value into the cell as text, without the trailing line break', () => {
    const f = blank(B);
    expect(paste(B, f, 'periods.annual.indicators[0].name', '系统维护次数\r\n').r).toEqual({ t: 'text', text: '系统维护次数' });
    expect(paste(B, f, 'periods.annual.indicators[0].value', '≥12次').r).toEqual({ t: 'text', text: '≥12次' });
    // One quoted cell with a line break: kept in a multi-line cell, joined in a single-line one.
    expect(paste(B, f, 'periods.annual.indicators[0].description', '"全年\r\n维护"\r\n').r).toEqual({ t: 'text', text: '全年\n维护' });
    expect(paste(B, f, 'periods.annual.indicators[0].name', '"全年\r\n维护"\r\n').r).toEqual({ t: 'text', text: '全年 维护' });
  });

  it('spreads a 2×3 block from a 三级 cell; rows past the 二级 are added in its group, one step', () => {
    const f = blank(B);
    const { r, after } = paste(B, f, 'periods.annual.indicators[0].name', '系统维护次数\t全年维护次数\t≥12次\r\n巡检次数\t全年巡检\t≥24次\r\n');
    expect(r.t).toBe('edit');
    if (r.t !== 'edit') return;
    expect(r.edit.t).toBe('batch');
    expect(r.hint).toBe('已粘贴 2 行，新增 1 行');
    const rows = after.periods.annual!.indicators;
    expect(rows.slice(0, 3).map((x) => [x.level1, x.level2, x.name, x.description, x.value])).toEqual([
      ['产出指标', '数量指标', '系统维护次数', '全年维护次数', '≥12次'],
      ['产出指标', '数量指标', '巡检次数', '全年巡检', '≥24次'],
      ['产出指标', '质量指标', '', '', ''],
    ]);
    expect(rows).toHaveLength(f.periods.annual!.indicators.length + 1);
  });

  it('turns last year’s table (header, merged 一级 / 二级 as blanks) into the right rows and groups', () => {
    const f = blank(B);
    const table = [
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t维护次数\t≥12次',
      '\t\t巡检次数\t≥24次',
      '\t质量指标\t正常运行率\t≥99%',
      '效益指标\t社会效益指标\t办理时限\t≤3个工作日',
      '\t\t群众知晓率\t≥80%',
      '满意度指标\t服务对象满意度指标\t参保群众满意度\t≥90%',
      '',
    ].join('\r\n');
    // Into the merged 一级 cell of 产出指标: from the group's first row, not its middle.
    for (const path of ['periods.annual.indicators[0].name', 'periods.annual.indicators[2].level1']) {
      const { r, after } = paste(B, f, path, table);
      // The new table's blank 成本指标 row under them goes: the rows are last year's.
      expect(r.t === 'edit' && r.hint, path).toBe('已粘贴 6 行，新增 1 行，删去其下空白行 1 行，表头行未粘贴');
      expect(rowsOf(after), path).toEqual([
        '产出指标|数量指标|维护次数|≥12次',
        '产出指标|数量指标|巡检次数|≥24次',
        '产出指标|质量指标|正常运行率|≥99%',
        '效益指标|社会效益指标|办理时限|≤3个工作日',
        '效益指标|社会效益指标|群众知晓率|≥80%',
        '满意度指标|服务对象满意度指标|参保群众满意度|≥90%',
      ]);
    }
  });

  it('maps columns in visual order from the cell pasted into, and says what did not fit', () => {
    const f = blank(B);
    // B: 一级 | 二级 | 三级 | 描述 | 指标值 | 依据 — from 指标值, three columns go to 指标值, 依据 and nowhere.
    const { r, after } = paste(B, f, 'periods.annual.indicators[4].value', '≥80%\t调查问卷\t多余');
    expect(r.t === 'edit' && r.hint).toBe('已粘贴 1 行，超出表格的 1 列未粘贴');
    expect(after.periods.annual!.indicators[4]).toMatchObject({ level1: '效益指标', value: '≥80%', basis: '调查问卷' });
    // A header names the columns wherever the paste lands; a column the table lacks is said.
    const A = getTemplate('A')!;
    const fa = blank(A);
    const h = paste(A, fa, 'periods.annual.indicators[0].value', '三级指标\t指标值\t指标值确定依据\n维护次数\t≥12次\t工作计划');
    expect(h.r.t === 'edit' && h.r.hint).toBe('已粘贴 1 行，表头行未粘贴，本表没有的栏未粘贴：指标值确定依据');
    expect(h.after.periods.annual!.indicators[0]).toMatchObject({ name: '维护次数', value: '≥12次' });
  });

  it('skips a title row and a header with columns the form has not (序号, 备注), and says so', () => {
    const f = blank(B);
    const text = ['年度绩效指标\t\t\t\t', '序号\t一级指标\t二级指标\t三级指标\t备注', '1\t产出指标\t数量 指标\t维护次数\t按月', ''].join('\r\n');
    const { r, after } = paste(B, f, 'periods.annual.indicators[0].name', text);
    expect(r.t === 'edit' && r.hint).toBe('已粘贴 1 行，删去其下空白行 3 行，表头行未粘贴，本表没有的栏未粘贴：序号、备注');
    // 二级 written with a space is the system's 数量指标; the other groups' rows stay.
    expect(rowsOf(after).slice(0, 2)).toEqual(['产出指标|数量指标|维护次数|', '效益指标|社会效益指标||']);
    // A row with anything in it is not blank: it stays.
    const kept = { ...f, periods: { annual: { ...f.periods.annual!, indicators: f.periods.annual!.indicators.map((x, i) => (i === 3 ? { ...x, value: '≤20万元' } : x)) } } };
    expect(rowsOf(paste(B, kept, 'periods.annual.indicators[0].name', text).after).slice(0, 3)).toEqual(['产出指标|数量指标|维护次数|', '产出指标|成本指标||≤20万元', '效益指标|社会效益指标||']);
    // Without the label row, a title-like first row is data.
    expect(paste(B, f, 'periods.annual.indicators[0].name', '年度\t≥1\n巡检\t≥2').r).toMatchObject({ hint: '已粘贴 2 行，新增 1 行' });
  });

  it('puts a 一级 of the system where the system has it; other text stays as a group of its own for 审核', () => {
    const B21: TemplateDef = { ...B, indicatorSystem: 'caiyu2021' };
    // A table without its 成本指标 rows: the pasted one goes between 产出 and 效益.
    const full = blank(B21);
    const f = { ...full, periods: { annual: { ...full.periods.annual!, indicators: full.periods.annual!.indicators.filter((x) => x.level1 !== '成本指标') } } };
    const { after } = paste(B21, f, 'periods.annual.indicators[0].level1', '成本指标\t经济成本指标\t设备购置成本\t\t≤20万元');
    const l1 = after.periods.annual!.indicators.map((x) => x.level1);
    const at = l1.indexOf('成本指标');
    expect(l1[at - 1]).toBe('产出指标');
    expect(l1[at + 1]).toBe('效益指标');
    // The 2015 system has no 成本指标 一级: the row keeps the text, after the rows pasted before it.
    const g = blank(B);
    const x = paste(B, g, 'periods.annual.indicators[0].level1', '产出指标\t数量指标\t维护次数\n成本指标\t经济成本指标\t设备购置成本');
    expect(rowsOf(x.after)).toContain('成本指标|经济成本指标|设备购置成本|');
    expect(rowsOf(x.after).indexOf('成本指标|经济成本指标|设备购置成本|')).toBe(rowsOf(x.after).findIndex((s) => s.startsWith('效益指标')) - 1);
  });

  it('a dual table: a header pasted into the 年度 half fills the 年度 rows', () => {
    const C = getTemplate('C')!;
    const f = blank(C);
    const { after } = paste(C, f, 'periods.annual.indicators[0].name', '三级指标\t指标值\n维护次数\t≥12次\n巡检次数\t≥24次');
    expect(after.periods.annual!.indicators.slice(0, 2).map((x) => [x.level2, x.name, x.value])).toEqual([
      ['数量指标', '维护次数', '≥12次'],
      ['数量指标', '巡检次数', '≥24次'],
    ]);
    // Both halves named in the header: in the form's order, wherever it is pasted.
    const both = '一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t累计维护次数\t≥36次\t数量指标\t维护次数\t≥12次';
    const x = paste(C, f, 'periods.annual.indicators[0].value', both).after;
    expect([x.periods.implementation!.indicators[0]!.name, x.periods.annual!.indicators[0]!.name]).toEqual(['累计维护次数', '维护次数']);
    // The 实施期 half gets the added row too (blank): the halves stay side by side.
    expect(after.periods.implementation!.indicators).toHaveLength(after.periods.annual!.indicators.length);
    expect(after.periods.implementation!.indicators[1]).toMatchObject({ level1: '产出指标', name: '', value: '' });
  });

  it('an empty table takes the pasted block as its rows: from 一级 when the block starts with one, else from 三级', () => {
    const full = blank(B);
    const f = { ...full, periods: { annual: { ...full.periods.annual!, indicators: [] } } };
    const g = buildGrid(B, f);
    const cell = g.cells[g.byKey.get('empty:' + g.indicatorBlocks[0]!.block)!]!;
    const plan = (text: string) => {
      const r = planPaste(g, cell, text, f, B);
      if (r.t !== 'edit') throw new Error(JSON.stringify(r));
      expect(applyEdit(applyEdit(f, r.edit), r.edit, true)).toEqual(f);
      return applyEdit(f, r.edit);
    };
    expect(rowsOf(plan('产出指标\t数量指标\t维护次数\t\t≥12次\r\n\t\t巡检次数\t\t≥24次\r\n效益指标\t社会效益指标\t办理时限\t\t≤3日\r\n'))).toEqual([
      '产出指标|数量指标|维护次数|≥12次',
      '产出指标|数量指标|巡检次数|≥24次',
      '效益指标|社会效益指标|办理时限|≤3日',
    ]);
    expect(rowsOf(plan('维护次数\t全年维护\t≥12次'))).toEqual(['||维护次数|≥12次']);
    expect(rowsOf(plan('维护次数'))).toEqual(['||维护次数|']);
  });

  it('joins a block pasted into a field that is not an indicator cell; money takes one amount', () => {
    const f = blank(B);
    expect(paste(B, f, 'name', '医保\t信息系统\r\n运行维护\r\n').r).toEqual({ t: 'text', text: '医保 信息系统 运行维护', hint: '粘贴的内容有 3 个单元格，已用空格连接为一段文字' });
    expect(paste(B, f, 'periods.annual.goal', '1.保障系统运行\r\n2.提升服务\r\n').r).toEqual({ t: 'text', text: '1.保障系统运行\n2.提升服务', hint: undefined });
    expect(paste(B, f, 'periods.annual.funding.total', '30万元\r\n').r).toEqual({ t: 'text', text: '30万元' });
    expect(paste(B, f, 'periods.annual.funding.total', '30\t\r\n').r).toEqual({ t: 'text', text: '30' });
    expect(paste(B, f, 'periods.annual.funding.total', '30\t40\r\n').r).toEqual({ t: 'error', error: '粘贴的内容有 2 个单元格，金额只能粘贴一个数' });
  });

  it('refuses what the table cannot hold, changing nothing', () => {
    const f = blank(B);
    const long = `${'长'.repeat(301)}\t≥1`;
    expect(paste(B, f, 'periods.annual.indicators[0].name', long).r).toEqual({ t: 'error', error: '粘贴内容第 1 行的“三级指标”超过 300 字，未粘贴' });
    const many = Array.from({ length: 600 }, (_, i) => `指标${i}\t描述`).join('\n');
    expect(paste(B, f, 'periods.annual.indicators[0].name', many).r).toEqual({ t: 'error', error: '粘贴后指标行将超过 500 行，未粘贴' });
    expect(paste(B, f, 'periods.annual.indicators[0].name', '一级指标\t二级指标\n\t\n').r).toEqual({ t: 'error', error: '粘贴的内容只有表头，没有指标' });
  });
});
