// @vitest-environment happy-dom
// Paste into the 部门整体绩效目标 with the project form's parser: rows of an indicator table
// (Excel / WPS text, Word's HTML table, with or without a header) pasted into a 分项's
// 绩效指标 become `三级指标：指标值；…。`; other boxes join a block as a project form's field does.
import { describe, expect, it } from 'vitest';
import { deptPaste } from '../../renderer/src/app/dept-paste.ts';
import { deptTargetRows } from '../../shared/yearly/dept-create.ts';

const HEADER = '一级指标\t二级指标\t三级指标\t指标值\r\n';
const ROWS = '产出指标\t数量指标\t定点机构现场检查率\t≥95%\r\n\t质量指标\t"举报线索\r\n结案率"\t100%\r\n\t时效指标\t检查完成时间\t2024年12月底前\r\n效益指标\t社会效益指标\t基金监管水平\t持续提升；\r\n';
const ITEMS = '定点机构现场检查率：≥95%；举报线索 结案率：100%；检查完成时间：2024年12月底前；基金监管水平：持续提升。';

describe('deptPaste into a 分项’s 绩效指标', () => {
  it('a table with its header row: 三级指标 and 指标值 of each row, joined by “；”, the header left out', () => {
    expect(deptPaste(HEADER + ROWS, '', 'indicators')).toEqual({
      t: 'text',
      text: ITEMS,
      hint: '已把粘贴的 4 行指标写为“三级指标和指标值”，以“；”分隔，表头行未粘贴',
    });
  });

  it('the text reads back as the same indicators where the self-evaluation splits it (部门整体自评)', () => {
    const r = deptPaste(HEADER + ROWS, '', 'indicators');
    const indicators = r?.t === 'text' ? r.text : '';
    const rows = deptTargetRows({ unitCode: '130200', year: 2025, overall: '', items: [{ title: '基金监管', goal: '', indicators }], measures: [], carriedOver: [] });
    expect(rows.map((x) => [x.name, x.target])).toEqual([
      ['定点机构现场检查率', '≥95%'],
      ['举报线索 结案率', '100%'],
      ['检查完成时间', '2024年12月底前'],
      // A value in words is a qualitative target (the whole sentence), as any such sentence is.
      ['基金监管水平：持续提升', '基金监管水平：持续提升'],
    ]);
  });

  it('without a header: four columns are 一级 | 二级 | 三级 | 指标值, two are 三级 | 指标值', () => {
    expect(deptPaste(ROWS, '', 'indicators')).toMatchObject({ t: 'text', text: ITEMS, hint: '已把粘贴的 4 行指标写为“三级指标和指标值”，以“；”分隔' });
    expect(deptPaste('参保率\t≥95%\n结案率\t100%\n', '', 'indicators')).toMatchObject({ text: '参保率：≥95%；结案率：100%。' });
    expect(deptPaste('数量指标\t参保率\t≥95%\n', '', 'indicators')).toMatchObject({ text: '参保率：≥95%。' });
  });

  it('a header in another order or with more columns (表样 B) is read by its labels', () => {
    const b = '一级指标\t二级指标\t三级指标\t指标值确定依据\t指标值\n产出指标\t数量指标\t检查次数\t工作计划\t≥12次\n';
    expect(deptPaste(b, '', 'indicators')).toMatchObject({ text: '检查次数：≥12次。' });
    const swapped = '指标值\t三级指标\n≥90%\t满意度\n';
    expect(deptPaste(swapped, '', 'indicators')).toMatchObject({ text: '满意度：≥90%。' });
  });

  it('Word’s HTML table (a merged 一级 cell) is preferred to its text', () => {
    const html =
      '<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>' +
      '<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>检查率</td><td>≥95%</td></tr>' +
      '<tr><td>时效指标</td><td>完成时间</td><td>年底前</td></tr></table>';
    const text = '一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t检查率\t≥95%\n时效指标\t完成时间\t年底前\n';
    expect(deptPaste(text, html, 'indicators')).toMatchObject({ text: '检查率：≥95%；完成时间：年底前。' });
  });

  it('one value is the box’s own paste; rows without 三级 or 指标值 are refused; a wide block without header is text', () => {
    expect(deptPaste('参保率≥95%', '', 'indicators')).toBeNull();
    expect(deptPaste('参保率≥95%\r\n', '', 'indicators')).toBeNull();
    expect(deptPaste('一级指标\t二级指标\t三级指标\t指标值\n\t\t\t\n', '', 'indicators')).toEqual({ t: 'error', error: '粘贴的内容没有三级指标或指标值，未粘贴' });
    expect(deptPaste('a\tb\tc\td\te\tf\n', '', 'indicators')).toMatchObject({ t: 'text', text: 'a b c d e f' });
    expect(deptPaste('x'.repeat(500_001) + '\t', '', 'indicators')).toMatchObject({ t: 'error' });
  });
});

describe('deptPaste into the other boxes', () => {
  it('a block is joined: cells of a row by spaces, each row a paragraph; a title gets one line', () => {
    expect(deptPaste('加强\t基金监管\n提高\t待遇保障\n', '', 'text')).toEqual({ t: 'text', text: '加强 基金监管\n提高 待遇保障', hint: '粘贴的内容有 4 个单元格：同一行的用空格连接，每行一段' });
    expect(deptPaste('基金监管\t专项\n', '', 'line')).toEqual({ t: 'text', text: '基金监管 专项', hint: '粘贴的内容有 2 个单元格，已用空格连接为一段文字' });
    expect(deptPaste('"第一段\n第二段"\n', '', 'text')).toEqual({ t: 'text', text: '第一段\n第二段' });
  });
});
