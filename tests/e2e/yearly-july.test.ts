// 导入执行数 in July: the treasury export of the year itself goes into the 绩效运行监控表
// (1—7月执行数) by default; after the year, into the 绩效自评表 (全年执行数). The choice was
// always 绩效自评表, so a July import silently filled the self-evaluations; and the list showed
// no 执行率 of the monitoring at all.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { YearlyView } from '../../shared/yearly/view.ts';
import { apiCall, shot } from './helpers.ts';
import { demoSession, describeBrowser } from './demo-session.ts';

const TREASURY = fileURLToPath(new URL('../fixtures/yearly/treasury-2025.xlsx', import.meta.url));

describeBrowser('导入执行数 by the time of year, 打印预览 of one form (browser)', () => {
  const s = demoSession({ open: false });

  const view = (id: string) => apiCall<YearlyView>(s.app, 'yearly.get', { projectId: id });
  const openDialog = async () => {
    await s.page.goto(`${s.app.host.url}#/u/619001/2025`);
    await s.page.waitForSelector('.list-table tbody tr');
    await s.page.getByRole('button', { name: '运行监控和自评' }).click();
    return s.page.getByRole('dialog', { name: '运行监控和自评' });
  };

  it('in July 2025 the export fills the 1—7月执行数 of the monitoring forms, not the self-evaluations', async () => {
    await s.page.clock.setFixedTime(new Date('2025-07-25T10:00:00+08:00'));
    const dlg = await openDialog();
    await dlg.getByRole('button', { name: '生成全部监控表和自评表' }).click();
    await s.page.getByText(/已为 18 张表生成/).waitFor();
    await expect(dlg.getByLabel('导入执行数到').inputValue()).resolves.toBe('monitoring');
    // The choice names the forms' cut-off month (the demo's template: 7).
    await expect(dlg.locator('option[value="monitoring"]').textContent()).resolves.toBe('绩效运行监控表（1—7月执行数）');
    await dlg.getByLabel('导入执行数', { exact: true }).setInputFiles(TREASURY);
    await dlg.getByTestId('yr-import').getByText('法律顾问费：4.85 万元（第 7 行）').waitFor();
    await dlg.getByRole('button', { name: '确认填入' }).click();
    await s.page.getByText('已填入 3 张表的执行数').waitFor();
    const v = await view('seed002-02');
    expect(v.monitoring!.form.funds.executed).toBe(4_850_000);
    expect(v.selfEvaluation!.form.funds.total.executed).toBeNull();
    // The list shows the 1—7月 执行率 of the monitoring (4.85 of 5.00 万元), the self-evaluation's stays empty.
    const line = dlg.locator('tr', { hasText: '法律顾问费' });
    await expect(line.getByTestId('yr-mo-rate').textContent()).resolves.toBe('97.00%');
    await shot(s.page, 'yearly-july-import');
  });

  it('in January 2026 the same dialog offers the 绩效自评表', async () => {
    await s.page.clock.setFixedTime(new Date('2026-01-15T10:00:00+08:00'));
    const dlg = await openDialog();
    await expect(dlg.getByLabel('导入执行数到').inputValue()).resolves.toBe('self-evaluation');
  });

  it('打印预览 from a tab prints that form alone (it printed the 绩效运行监控表 above the 绩效自评表)', async () => {
    await s.page.goto(`${s.app.host.url}#/u/619001/2025/p/seed002-02/yearly`);
    const frame = s.page.frameLocator('iframe.print-frame');
    for (const [tab, title, other] of [
      ['绩效自评表', '项目支出绩效自评表（2025年度）', '执行监控表'],
      ['绩效运行监控表', '2025年度项目支出绩效目标执行监控表（1—7月）', '绩效自评表'],
    ] as const) {
      await s.page.getByRole('tab', { name: tab }).click();
      await s.page.getByRole('button', { name: '打印预览' }).click();
      await frame.locator(`text=${title}`).waitFor();
      await expect(frame.locator('body').innerText()).resolves.not.toContain(other);
      await s.page.getByRole('dialog', { name: '打印预览' }).getByRole('button', { name: '关闭', exact: true }).last().click();
    }
  });
});

