// The standard indicator systems: which 二级 belong to which 一级, and which 一级 a
// table must have at least one 三级 under.
import type { IndicatorSystemId } from './types.ts';

export interface IndicatorSystem {
  id: IndicatorSystemId;
  name: string;
  level1: string[];
  level2: Record<string, string[]>;
  /** 一级 that need at least one 三级 in every table. */
  required: string[];
  /** The kinds a 指标值确定依据 must name, where the system fixes them. */
  basisKinds?: string[];
}

export const INDICATOR_SYSTEMS: Record<IndicatorSystemId, IndicatorSystem> = {
  legacy: {
    id: 'legacy',
    name: '项目支出绩效指标体系（财预〔2015〕88号等）',
    level1: ['产出指标', '效益指标', '满意度指标'],
    level2: {
      产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
      效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
      满意度指标: ['服务对象满意度指标'],
    },
    required: ['产出指标', '效益指标', '满意度指标'],
  },
  caiyu2021: {
    id: 'caiyu2021',
    name: '项目支出绩效指标体系（财预〔2021〕101号）',
    level1: ['产出指标', '成本指标', '效益指标', '满意度指标'],
    level2: {
      产出指标: ['数量指标', '质量指标', '时效指标'],
      成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
      效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
      满意度指标: ['服务对象满意度指标'],
    },
    required: ['产出指标', '成本指标', '效益指标', '满意度指标'],
    basisKinds: ['计划标准', '行业标准', '历史标准', '其他认可标准'],
  },
};

/** Whether a 二级 is a cost indicator in either system. */
export function isCostLevel2(level2: string): boolean {
  return /成本/.test(level2);
}

/** Words of a free-text 依据 that tell its kind (`工作计划` → 计划标准). */
const BASIS_HINTS: ReadonlyArray<[RegExp, string]> = [
  [/计划|预算|方案|任务/, '计划标准'],
  [/行业|国家|规范|标准/, '行业标准'],
  [/历史|上年|往年|以前年度/, '历史标准'],
];

/** The kind of 财预〔2021〕101号 a free-text 依据 names (`工作计划` → 计划标准), if its words tell. */
export function basisKindOf(basis: string): string | undefined {
  return BASIS_HINTS.find(([re]) => re.test(basis))?.[1];
}
