// Shared helpers of the export tests: the seed tables as cases, and the structural facts
// of the printed forms (spans of the identification rows, indicator columns) written out
// explicitly, independent of the template definitions.
import type { IndicatorRow, ProjectFiling, Unit } from '../../shared/model/filing.ts';
import { loadSeedCorpus, type SeedCorpus, type SeedTable } from '../../tools/seed-corpus.ts';

export interface SeedCase {
  seed: string;
  templateId: 'A' | 'B' | 'C' | 'D';
  table: SeedTable;
  project: ProjectFiling;
  unit: Unit;
  corpus: SeedCorpus;
}

export function seedCases(): SeedCase[] {
  return loadSeedCorpus().flatMap((corpus) =>
    corpus.tables.map((table) => {
      const project = corpus.projects.find((p) => p.seq === table.index);
      if (!project) throw new Error(`seed ${corpus.seed} table ${table.index}: no project`);
      const unit = corpus.units.find((u) => u.code === project.unitCode);
      if (!unit) throw new Error(`seed ${corpus.seed} table ${table.index}: no unit`);
      return { seed: corpus.seed, templateId: corpus.templateId, table, project, unit, corpus };
    }),
  );
}

/**
 * Cell spans of the identification part of each form, row by row, as the published forms
 * have them; 'v' marks a cell covered by a vertical merge from the row above (span 1).
 */
export const FORM_SPANS: Record<SeedCase['templateId'], { grid: number; rows: Array<Array<number | 'v'>> }> = {
  A: {
    grid: 7,
    rows: [
      [1, 6], // 项目名称 | name
      [1, 1, 1, 1, 1, 1, 1], // 预算规模及资金用途 | 预算数 | n | 其中：财政资金 | n | 其他资金 | n
      ['v', 6], // (merged label) | 资金用途
      [1, 6], // 绩效目标 | goal
    ],
  },
  B: {
    grid: 7,
    rows: [
      [1, 2, 1, 3], // 项目编码 | code | 项目名称 | name
      [1, 1, 1, 1, 1, 1, 1],
      ['v', 6],
      [1, 2, 2, 1, 1], // 资金支出计划（%） | 3月底 | 6月底 | 10月底 | 12月底
      ['v', 2, 2, 1, 1],
      [1, 6],
    ],
  },
  C: {
    grid: 8,
    rows: [
      [2, 6],
      [2, 2, 1, 3], // 主管部门及代码 | 303-… | 实施单位 | …
      [2, 2, 1, 3], // 项目属性 | … | 项目期 | …
      [1, 2, 1, 2, 2], // 项目资金（元） | 实施期资金总额： | n | 年度资金总额： | n
      ['v', 2, 1, 2, 2],
      ['v', 2, 1, 2, 2],
      ['v', 2, 1, 2, 2],
      ['v', 2, 1, 2, 2],
      ['v', 2, 1, 2, 2],
      [2, 6],
      [2, 6],
      [2, 6],
      [2, 6],
      [2, 6],
      [1, 4, 3], // 总体目标 | 实施期目标 | 年度目标
      ['v', 4, 3],
    ],
  },
  D: {
    grid: 10,
    rows: [
      [2, 8],
      [2, 8],
      [2, 8],
      [1, 2, 2, 2, 3], // 项目资金（万元） | 中期资金总额： | n | 年度资金总额： | n
      ['v', 2, 2, 2, 3],
      ['v', 2, 2, 2, 3],
      [1, 5, 4], // 总体目标 | 中期目标（…） | 年度目标
      ['v', 5, 4],
    ],
  },
};

/** Indicator header of each form (after the side label, where there is one). */
export const INDICATOR_HEADERS: Record<SeedCase['templateId'], { side: boolean; header: string[]; spans: number[]; merge2: boolean }> = {
  A: { side: false, header: ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值'], spans: [1, 1, 2, 2, 1], merge2: false },
  B: { side: false, header: ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'], spans: [1, 1, 1, 2, 1, 1], merge2: false },
  C: { side: true, header: ['一级指标', '二级指标', '三级指标', '指标值', '二级指标', '三级指标', '指标值'], spans: [1, 1, 1, 1, 1, 1, 1], merge2: true },
  D: {
    side: true,
    header: ['一级指标', '二级指标', '三级指标', '指标值', '绩效标准', '二级指标', '三级指标', '指标值', '绩效标准'],
    spans: [1, 1, 1, 1, 1, 1, 1, 1, 1],
    merge2: false,
  },
};

/** Captions the forms print between the heading and the table (C, D). */
export function expectedCaptions(c: SeedCase): string[] {
  if (c.templateId === 'C') return [`（${c.project.year}年度）`];
  if (c.templateId === 'D') return ['项目支出绩效目标表', `（${c.project.year} 年度）`];
  return [];
}

/** Runs of equal values: [start, length] for each maximal run (blank values are runs of 1). */
export function runsOf(values: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < values.length; ) {
    let j = i + 1;
    if (values[i] !== '') while (j < values.length && values[j] === values[i]) j++;
    out.push([i, j - i]);
    i = j;
  }
  return out;
}

/** Indicator lists of the periods a form prints side by side. */
export function periodLists(c: SeedCase): Array<IndicatorRow[]> {
  const ps = c.templateId === 'C' ? [c.project.periods.implementation] : c.templateId === 'D' ? [c.project.periods.midterm] : [];
  return [...ps, c.project.periods.annual].map((p) => p?.indicators ?? []);
}

/** Printed indicator rows: the periods paired by position (a form without indicators prints one blank row). */
export function indicatorRowCount(c: SeedCase): number {
  return Math.max(1, ...periodLists(c).map((l) => l.length));
}

/** 一级 of each printed indicator row: the first period's, else the second's. */
export function level1Column(c: SeedCase): string[] {
  const lists = periodLists(c);
  return Array.from({ length: indicatorRowCount(c) }, (_, r) => lists.find((l) => l[r])?.[r]?.level1 ?? '');
}

/** 二级 of each printed row of one period ('' where that period has fewer rows). */
export function level2Column(c: SeedCase, period: number): string[] {
  const list = periodLists(c)[period] ?? [];
  return Array.from({ length: indicatorRowCount(c) }, (_, r) => list[r]?.level2 ?? '');
}
