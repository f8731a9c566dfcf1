// The standard part of the library: the 一级/二级 of each indicator system with generic
// 三级 indicators that fit almost any project (from the common indicators of the
// 财预〔2015〕88号 / 财预〔2021〕101号 guidance), and the groups a new table starts with.
import { INDICATOR_SYSTEMS, type IndicatorSystem } from '../templates/indicator-systems.ts';
import type { IndicatorSystemId } from '../templates/types.ts';
import { YEAR_TOKEN, type LibraryRecord } from './records.ts';

type Generic = [name: string, values: string[], bases: string[], description?: string];

const Y = YEAR_TOKEN;
const PLAN = ['工作计划'];

/** Generic 三级 per 二级 (names of 二级 as in the systems). */
const GENERIC: Record<string, Generic[]> = {
  数量指标: [
    ['工作任务完成率', ['100%', '≥95%'], PLAN, '实际完成工作任务占计划任务的比率'],
    ['服务人次', ['≥1000人次'], PLAN],
    ['培训人次', ['≥100人次'], PLAN],
    ['设备购置数量', ['≥1台'], PLAN],
  ],
  质量指标: [
    ['验收合格率', ['100%'], ['行业标准'], '验收合格的数量占完成数量的比率'],
    ['工作合格率', ['≥95%', '100%'], PLAN],
    ['资金使用合规率', ['100%'], ['财务管理制度']],
  ],
  时效指标: [
    ['完成时限', [`${Y}年12月31日前`, `${Y}年12月底前`], PLAN],
    ['资金支付及时率', ['100%', '≥95%'], PLAN, '按时支付的资金占应支付资金的比率'],
  ],
  成本指标: [
    ['项目总成本', [], ['预算批复'], '项目实际支出不超过预算'],
    ['单位成本', [], ['测算标准']],
  ],
  经济成本指标: [
    ['项目总成本', [], ['预算批复'], '项目实际支出不超过预算'],
    ['单位成本', [], ['测算标准']],
  ],
  社会成本指标: [['对社会发展的负面影响', ['无'], ['经验标准']]],
  生态环境成本指标: [['对生态环境的负面影响', ['无'], ['经验标准']]],
  经济效益指标: [['节约财政资金', ['有所节约'], ['经验标准']]],
  社会效益指标: [
    ['保障工作正常开展', ['保障工作正常开展', '有效保障'], PLAN],
    ['政策知晓率', ['≥90%'], ['调查问卷']],
  ],
  生态效益指标: [['对环境的影响', ['无不良影响'], ['经验标准']]],
  可持续影响指标: [
    ['长效管理机制', ['建立健全', '不断完善'], PLAN],
    ['持续发挥作用年限', ['≥1年'], ['经验标准']],
  ],
  服务对象满意度指标: [
    ['服务对象满意度', ['≥90%', '≥95%'], ['调查问卷'], '服务对象对项目实施的满意程度'],
    ['群众满意度', ['≥90%'], ['调查问卷']],
  ],
};

/** Library records of the generic indicators of one system (or both, deduplicated later). */
export function standardRecords(systems: readonly IndicatorSystem[] = Object.values(INDICATOR_SYSTEMS)): LibraryRecord[] {
  const out: LibraryRecord[] = [];
  const seen = new Set<string>();
  for (const sys of systems) {
    for (const level1 of sys.level1) {
      for (const level2 of sys.level2[level1] ?? []) {
        for (const [name, values, bases, description] of GENERIC[level2] ?? []) {
          const k = `${level1}|${level2}|${name}`;
          if (seen.has(k)) continue;
          seen.add(k);
          out.push({
            level1,
            level2,
            name,
            values: values.map((text) => ({ text, count: 0 })),
            bases: bases.map((text) => ({ text, count: 0 })),
            descriptions: description ? [{ text: description, count: 0 }] : [],
            source: 'standard',
            uses: 0,
          });
        }
      }
    }
  }
  return out;
}

/** 二级 a new table starts with: the groups nine in ten published tables fill. */
const USUAL_LEVEL2 = new Set([
  '数量指标',
  '质量指标',
  '时效指标',
  '成本指标',
  '经济成本指标',
  '社会效益指标',
  '服务对象满意度指标',
]);

/** The 一级/二级 groups of a blank table, in the system's order (at least one per 一级). */
export function defaultIndicatorGroups(systemId: IndicatorSystemId): Array<{ level1: string; level2: string }> {
  const sys = INDICATOR_SYSTEMS[systemId];
  const out: Array<{ level1: string; level2: string }> = [];
  for (const level1 of sys.level1) {
    const all = sys.level2[level1] ?? [];
    const usual = all.filter((l2) => USUAL_LEVEL2.has(l2));
    for (const level2 of usual.length ? usual : all.slice(0, 1)) out.push({ level1, level2 });
  }
  return out;
}
