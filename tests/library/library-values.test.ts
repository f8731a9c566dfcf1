// The library never proposes a 指标值 that 审核 flags: every value of every indicator, as
// library.search proposes it, passes 审核 as a row of a table; flagged seed values come
// back in the form 审核's fix gives them, or not at all.
import { describe, expect, it } from 'vitest';
import { baseRecords, buildLibrary } from '../../shared/library/index.ts';
import { projectFilingSchema } from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { libraryValueVetter, validateProject } from '../../shared/rules/index.ts';

const YEAR = 2025;

function valueFindings(level1: string, level2: string, name: string, value: string) {
  const filing = projectFilingSchema.parse({
    id: 't', templateId: 'B', unitCode: '619001', year: YEAR, seq: 1, name: '测试项目',
    periods: { annual: { funding: { total: 50_000_000, fiscal: 50_000_000 }, goal: '目标', indicators: [{ id: 'r', level1, level2, name, description: name, value, basis: '工作计划', standard: '' }] } },
  });
  return validateProject(filing, getTemplate('B')!).filter((f) => f.location.field === 'periods.annual.indicators[0].value');
}

describe('library values pass 审核', () => {
  const lib = buildLibrary();
  const vet = libraryValueVetter(YEAR);
  const vetValue = (row: Parameters<typeof vet>[0], v: string) => vet(row, v, 50_000_000);

  it('every proposed value of every indicator has no 审核 finding on it', () => {
    let checked = 0;
    const flagged: string[] = [];
    for (const r of baseRecords()) {
      const [hit] = lib.search(r.name, { level1: r.level1, level2: r.level2, year: YEAR, maxValues: 100, limit: 1, vetValue });
      expect(hit?.name).toBe(r.name);
      for (const v of hit!.values) {
        checked++;
        const f = valueFindings(r.level1, r.level2, r.name, v);
        if (f.length) flagged.push(`${r.name} ${v}: ${f.map((x) => x.code).join(',')}`);
      }
    }
    expect(flagged).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it('“≥90百分比” is proposed as “≥90%”, a vague or impossible value not at all', () => {
    const hit = lib.search('定点医药机构监督检查覆盖率', { year: YEAR, limit: 1, vetValue })[0]!;
    expect(hit.values).toEqual(['100%', '≥90%']);
    const raw = lib.search('定点医药机构监督检查覆盖率', { year: YEAR, limit: 1 })[0]!;
    expect(raw.values).toContain('≥90百分比'); // the data as published
    expect(vet({ level1: '产出指标', level2: '时效指标', name: '完成时限' }, '1002025年12月31日')).toBeNull();
    expect(vet({ level1: '效益指标', level2: '经济效益指标', name: '节约财政资金' }, '有所节约')).toBeNull();
    expect(vet({ level1: '产出指标', level2: '质量指标', name: '抽查覆盖率' }, '≥90')).toBeNull();
  });
});
