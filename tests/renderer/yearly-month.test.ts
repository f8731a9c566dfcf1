// @vitest-environment happy-dom
// The cut-off month of the monitoring is template data (1—6月 in a half-year region): the
// 导入执行数到 choice of 运行监控和自评 names the 执行数 of the unit-year's monitoring forms as
// `yearly.list` gives them (tests/yearly/cut-off-month.test.ts), and of the form new ones get
// where none is made yet.
import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/contract.ts';
import { YearlyBookDialog } from '../../renderer/src/yearly/YearlyBookDialog.tsx';
import { monitoringExecutedWords } from '../../renderer/src/yearly/editor.ts';
import { ToastProvider } from '../../renderer/src/ui/toast.tsx';
import { MONITORING_FORM } from '../../shared/yearly/monitoring-form.ts';
import type { YearlyRowView } from '../../shared/yearly/view.ts';
import { settle, useDomRoot } from './dom-root.ts';

const dom = useDomRoot();
const row = (i: number, month: number | null): YearlyRowView => ({
  projectId: `p${i}`, seq: i, name: `项目${i}`, hasForms: month !== null, filled: false, monitoringErrors: 0, selfEvaluationErrors: 0, monitoringRate: null,
  monitoringExecuted: month === null ? null : { month, label: `1—${month}月执行数` }, total: null, grade: null, rate: null, atRisk: 0, budget: null, executed: null,
});

const api = (list: YearlyRowView[]): ApiClient =>
  ({
    async call(name: string) {
      if (name === 'yearly.list') return list;
      throw new Error(`unexpected call ${name}`);
    },
  }) as ApiClient;

async function choiceText(list: YearlyRowView[]): Promise<string> {
  const props = { api: api(list), unitCode: '619001', year: 2025, readOnly: false, onOpen: () => {}, onClose: () => {} };
  await act(async () => dom.root.render(createElement(ToastProvider, null, createElement(YearlyBookDialog, props))));
  await settle();
  return document.querySelector<HTMLOptionElement>('select[aria-label="导入执行数到"] option[value="monitoring"]')!.textContent!;
}

describe('the import choice names the monitoring 执行数 by its cut-off month', () => {
  it('half-year forms: 1—6月执行数; none made yet: the month of the form new ones get (7)', async () => {
    expect(await choiceText([row(1, 6), row(2, 6), row(3, null)])).toBe('绩效运行监控表（1—6月执行数）');
    expect(await choiceText([row(1, null)])).toBe(`绩效运行监控表（1—${MONITORING_FORM.cutOffMonth}月执行数）`);
  });

  it('forms of two months are both named', () => {
    expect(monitoringExecutedWords([row(1, 6), row(2, 9), row(3, 6)], MONITORING_FORM)).toBe('1—6月执行数、1—9月执行数');
  });
});
