// The layout model on its own: a fifth region's layout is one more definition; dual-period
// rows paired by position and padded; merges; money formats; row splitting rules.
import { describe, expect, it } from 'vitest';
import { buildProjectLayout, projectTableLayout, resolveField, scaleGrid, pageSetup } from '../../shared/layout/index.ts';
import type { LayoutTable } from '../../shared/layout/index.ts';
import { getTemplate, checkTemplateShape } from '../../shared/templates/index.ts';
import type { TemplateDef } from '../../shared/templates/index.ts';
import { projectFilingSchema, unitSchema, type ProjectFiling, type ProjectFilingInput } from '../../shared/model/filing.ts';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { renderHtml } from '../../shared/print-html/index.ts';
import { readDocx, type DocxTable } from './docx-reader.ts';

const unit = unitSchema.parse({ code: '382101', name: '天津市医疗保障局', supervisor: { code: '303', name: '忻州市医疗保障局' }, region: '忻州市' });
const row = (id: string, level1: string, level2: string, name: string, value = '≥1次') => ({ id, level1, level2, name, value });

function filing(templateId: string, extra: Partial<ProjectFilingInput> = {}): ProjectFiling {
  return projectFilingSchema.parse({ id: 'p1', templateId, unitCode: '382101', year: 2025, seq: 3, name: '测试项目', ...extra });
}

const texts = (t: LayoutTable) => t.rows.map((r) => r.cells.map((c) => c.lines.join('\n')));

describe('layout model', () => {
  it('lays out a fifth region from its definition alone', async () => {
    const E: TemplateDef = {
      ...getTemplate('A')!,
      id: 'E',
      name: '某市绩效目标表',
      layout: {
        grid: [30, 30, 40, 56],
        orientation: 'portrait',
        blocks: [
          {
            kind: 'rows',
            rows: [
              { cells: [{ text: '单位' }, { field: '$unit.codeName', span: 3 }] },
              { cells: [{ text: '主管部门' }, { field: '$unit.supervisorText' }, { text: '年度' }, { field: '$year', suffix: '年' }] },
              { cells: [{ text: '资金', rowSpan: 'block' }, { text: '合计' }, { field: 'periods.annual.funding.total', format: 'money', span: 2 }] },
              { cells: [{ text: '财政' }, { field: 'periods.annual.funding.fiscal', format: 'money', span: 2 }] },
            ],
          },
          { kind: 'indicators', periods: ['annual'], columns: ['level1', 'level2', 'name', 'value'], header: true, merge: ['level1', 'level2'] },
        ],
      },
      book: { style: 'numbered', departmentPart: false, tableHeading: '{n}、{name}' },
    };
    expect(checkTemplateShape(E)).toEqual([]);
    const f = filing('E', {
      periods: {
        annual: {
          funding: { total: 280_500_000, fiscal: null },
          indicators: [row('a', '产出指标', '数量指标', '甲'), row('b', '产出指标', '数量指标', '乙'), row('c', '效益指标', '社会效益指标', '丙')],
        },
      },
    });
    const doc = buildProjectLayout(f, unit, { templates: (id) => (id === 'E' ? E : getTemplate(id)) });
    const blocks = [...doc.sections[0]!.blocks];
    expect(blocks[0]).toMatchObject({ kind: 'heading', text: '3、测试项目' });
    const [top, ind] = blocks.filter((b) => b.kind === 'table').map((b) => b.table);
    expect(texts(top!)).toEqual([
      ['单位', '382101天津市医疗保障局'],
      ['主管部门', '303-忻州市医疗保障局', '年度', '2025年'],
      ['资金', '合计', '280.50'],
      ['', '财政', ''],
    ]);
    expect(top!.rows[2]!.cells[0]).toMatchObject({ merge: 'restart', rowSpan: 2 });
    expect(top!.rows[3]!.cells[0]).toMatchObject({ merge: 'continue' });
    expect(texts(ind!)).toEqual([
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '甲', '≥1次'],
      ['', '', '乙', '≥1次'],
      ['效益指标', '社会效益指标', '丙', '≥1次'],
    ]);
    expect(ind!.rows[1]!.cells.slice(0, 2).map((c) => c.merge)).toEqual(['restart', 'restart']);
    expect(ind!.widths.reduce((a, b) => a + b, 0)).toBe(pageSetup('portrait').textWidth);
    // The renderers need nothing new either.
    const pkg = readDocx(await docxBytes(doc));
    expect((pkg.body.filter((b) => b.kind === 'tbl') as DocxTable[]).map((t) => t.grid.length)).toEqual([4, 4]);
    expect(renderHtml(doc)).toContain('382101天津市医疗保障局');
  });

  it('pairs the periods of a dual table by position and pads the shorter one with blanks; 一级 printed once', () => {
    const C = getTemplate('C')!;
    const f = filing('C', {
      periods: {
        implementation: { indicators: [row('1', '产出指标', '数量指标', '甲'), row('2', '产出指标', '质量指标', '乙'), row('3', '效益指标', '社会效益指标', '丙')] },
        annual: { indicators: [row('4', '产出指标', '数量指标', '甲年')] },
      },
    });
    const [, ind] = projectTableLayout(C, { filing: f, unit, year: 2025 });
    expect(texts(ind!).slice(1, 4)).toEqual([
      ['', '产出指标', '数量指标', '甲', '≥1次', '数量指标', '甲年', '≥1次'],
      ['', '', '质量指标', '乙', '≥1次', '', '', ''],
      ['', '效益指标', '社会效益指标', '丙', '≥1次', '', '', ''],
    ]);
    expect(ind!.rows[1]!.cells[1]).toMatchObject({ merge: 'restart', rowSpan: 2 });
    expect(ind!.rows[0]!.cells[0]).toMatchObject({ lines: ['绩效指标'], merge: 'restart', rowSpan: 4 });
    expect(ind!.rows.slice(1, 4).every((r) => r.cells[0]!.merge === 'continue')).toBe(true);
  });

  it('prints one blank indicator row when there are none (an unfinished filing)', () => {
    const [, ind] = projectTableLayout(getTemplate('A')!, { filing: filing('A'), unit, year: 2025 });
    expect(ind!.rows).toHaveLength(2);
    expect(ind!.rows[1]!.cells.every((c) => c.lines.length === 0)).toBe(true);
  });

  it('prints money in the template format: 万元 two decimals (A), 元 thousands (C), whole 万元 without decimals (D)', () => {
    const funding = { total: 1_147_100_00, fiscal: 1_147_100_00, other: 0 };
    const get = (id: string, f: ProjectFiling) => projectTableLayout(getTemplate(id)!, { filing: f, unit, year: 2025 })[0]!;
    expect(texts(get('A', filing('A', { periods: { annual: { funding } } })))[1]).toEqual(['预算规模及资金用途', '预算数', '114.71', '其中：财政资金', '114.71', '其他资金', '']);
    const c = texts(get('C', filing('C', { periods: { implementation: { funding: { total: 1_147_100_00 } }, annual: {} } })));
    expect(c[3]).toEqual(['项目资金（元）', '实施期资金总额：', '1,147,100', '年度资金总额：', '']);
    const d = texts(get('D', filing('D', { periods: { midterm: { funding: { total: 4_000_000_000, fiscal: 3_500 } }, annual: {} } }))); // 35 元
    expect(d[3]!.slice(0, 3)).toEqual(['项目资金（万元）', '中期资金总额：', '4000']);
    expect(d[4]![2]).toBe('0.0035'); // never rounded away
    expect([d[5]![2], d[5]![4]]).toEqual(['0', '0']); // 其他资金 blank prints 0 in D (rule otherFunding)
    expect(d[6]![1]).toBe('中期目标'); // blank range: no empty brackets
  });

  it('lets a row taller than a large part of a page split (cantSplit would cut it off in Word)', () => {
    const long = '很长的项目概况。'.repeat(300);
    const [top] = projectTableLayout(getTemplate('C')!, { filing: filing('C', { prose: { overview: long } }), unit, year: 2025 });
    const r = top!.rows.find((x) => x.cells.some((c) => c.lines[0] === long))!;
    expect(r.cantSplit).toBe(false);
    expect(top!.rows.filter((x) => x !== r).every((x) => x.cantSplit)).toBe(true);
    expect(top!.keepTogether).toBe(false);
  });

  it('resolves unit fields and scales the grid exactly', () => {
    const ctx = { filing: filing('A'), unit, year: 2025 };
    expect(resolveField('$unit.codeName', ctx)).toBe('382101天津市医疗保障局');
    expect(resolveField('$unit.supervisorText', ctx)).toBe('303-忻州市医疗保障局');
    expect(resolveField('$year', ctx)).toBe(2025);
    expect(resolveField('periods.midterm.goal', ctx)).toBeUndefined();
    const w = scaleGrid([17, 19, 25, 31.5, 20, 18, 25, 31.5, 20, 18], 12756);
    expect(w.reduce((a, b) => a + b, 0)).toBe(12756);
    expect(w.every(Number.isInteger)).toBe(true);
  });
});
