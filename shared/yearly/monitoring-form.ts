// 绩效运行监控表: the common form after 财预〔2019〕136号 (cut-off 7月 by default).
import { monitoringFormSchema, type MonitoringForm } from './form-types.ts';

export const MONITORING_FORM: MonitoringForm = monitoringFormSchema.parse({
  kind: 'monitoring',
  id: 'monitoring-136',
  name: '项目支出绩效目标执行监控表',
  title: '{year}年度项目支出绩效目标执行监控表（1—{month}月）',
  basis: '财预〔2019〕136号',
  cutOffMonth: 7,
  fundColumns: [
    { key: 'budget', label: '年初预算数' },
    { key: 'executed', label: '1—{month}月执行数' },
    { key: 'rate', label: '执行率' },
    { key: 'projected', label: '全年预计执行数' },
  ],
  indicatorColumns: [
    { key: 'target', label: '年度指标值' },
    { key: 'actual', label: '1—{month}月实际完成值' },
    { key: 'projected', label: '全年预计完成值' },
    { key: 'reason', label: '偏差原因' },
    { key: 'likelihood', label: '完成目标可能性' },
    { key: 'explanation', label: '原因说明' },
    { key: 'correction', label: '纠偏措施' },
  ],
});

/** A column's words with the form's cut-off month filled in (`1—{month}月执行数` → `1—7月执行数`). */
export function monthLabel(columns: readonly { key: string; label: string }[], key: string, month: number): string {
  return (columns.find((c) => c.key === key)?.label ?? key).replaceAll('{month}', String(month));
}
