// 绩效自评表: the common project self-evaluation form (year end).
import { selfEvaluationFormSchema, type SelfEvaluationForm } from './form-types.ts';

export const SELF_EVALUATION_FORM: SelfEvaluationForm = selfEvaluationFormSchema.parse({
  kind: 'self-evaluation',
  id: 'self-evaluation',
  name: '项目支出绩效自评表',
  title: '项目支出绩效自评表（{year}年度）',
  basis: '财预〔2020〕10号',
  fundLines: [
    { key: 'total', label: '年度资金总额' },
    { key: 'fiscal', label: '其中：当年财政拨款' },
    { key: 'carryOver', label: '上年结转资金' },
    { key: 'other', label: '其他资金' },
  ],
  fundColumns: [
    { key: 'initialBudget', label: '年初预算数' },
    { key: 'budget', label: '全年预算数' },
    { key: 'executed', label: '全年执行数' },
    { key: 'rate', label: '执行率' },
    { key: 'points', label: '分值' },
    { key: 'score', label: '得分' },
  ],
  indicatorColumns: [
    { key: 'target', label: '年度指标值' },
    { key: 'actual', label: '实际完成值' },
    { key: 'points', label: '分值' },
    { key: 'score', label: '得分' },
    { key: 'deviation', label: '偏差原因分析及改进措施' },
  ],
  scoringProfile: 'default',
  departmentWhole: false,
});
