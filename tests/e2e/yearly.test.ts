// 绩效运行监控 and 绩效自评 in Chromium, by keyboard only: the forms are generated from a
// target table in one action, one monitoring form and one self-evaluation form are filled
// (Tab / Enter / arrows as in the target form), the stored forms and the scores shown are
// checked against hand-computed figures, 调整绩效目标 moves the version the forms name.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { YearlyView } from '../../shared/yearly/view.ts';
import { apiCall, shot } from './helpers.ts';
import { demoSession, describeBrowser, yearlySaved } from './demo-session.ts';

const ID = 'seed002-01'; // 办公楼维修（护）费, 3.00 万元, six 年度 indicators

describeBrowser('yearly forms by keyboard (browser)', () => {
  const s = demoSession();
  const saved = () => yearlySaved(s.page);
  const typeIn = async (text: string, key: 'Enter' | 'Tab' = 'Tab') => {
    await s.page.keyboard.type(text);
    await s.page.keyboard.press(key);
  };
  const view = () => apiCall<YearlyView>(s.app, 'yearly.get', { projectId: ID });

  it('generates both forms from the target table in one action', async () => {
    await s.page.goto(`${s.app.host.origin}/#/u/619001/2025/p/${ID}`);
    await s.page.getByRole('button', { name: '运行监控和自评' }).click();
    await s.page.getByRole('button', { name: '生成绩效运行监控表和绩效自评表' }).click();
    await s.page.getByRole('tab', { name: '绩效运行监控表' }).waitFor();
    const v = await view();
    expect(v.monitoring!.form.rows).toHaveLength(6);
    expect(v.selfEvaluation!.form.basis!.label).toMatch(/^按草稿的绩效目标（尚未通过审核，修订 \d+）$/);
    await expect(s.page.getByTestId('yr-version').textContent()).resolves.toBe('按原绩效目标');
  });

  it('fills the 绩效运行监控表 by keyboard', async () => {
    await s.page.getByRole('tab', { name: '绩效运行监控表' }).click();
    await s.page.getByLabel('1—7月执行数', { exact: true }).focus();
    await typeIn('1.5');
    await saved();
    // The rate is the stored form's (it follows the save).
    await expect.poll(() => s.page.getByTestId('mo-rate').textContent()).toBe('50.00%');
    // Column 1—7月实际完成值 down the rows with Enter, then across one row with Tab.
    await s.page.getByLabel('工程量完成率：1—7月实际完成值').focus();
    for (const v of ['60%', '55%', '18元/平米', '2025.07.31', '部分完成', '91%']) await typeIn(v, 'Enter');
    await s.page.getByLabel('单位面积平均维修成本：全年预计完成值').focus();
    await typeIn('25元/平米'); // → 偏差原因
    await typeIn('1、5'); // 经费保障、其他 by their numbers → 完成目标可能性
    await s.page.keyboard.press('ArrowDown'); // 确定能
    await s.page.keyboard.press('ArrowDown'); // 有可能
    await s.page.keyboard.press('Tab');
    await typeIn('材料价格上涨'); // 原因说明 → 纠偏措施
    await typeIn('压缩其他支出');
    await saved();
    const mo = (await view()).monitoring!;
    expect(mo.form.funds.executed).toBe(1_500_000);
    expect(mo.form.rows.map((r) => r.actual)).toEqual(['60%', '55%', '18元/平米', '2025.07.31', '部分完成', '91%']);
    expect(mo.form.rows[2]).toMatchObject({ projected: '25元/平米', reasons: ['经费保障', '其他'], likelihood: '有可能', explanation: '材料价格上涨', correction: '压缩其他支出' });
    expect(mo.findings.filter((f) => f.code === 'Y-MO-DEVIATION')).toEqual([]);
    const head = await s.page.locator('.yr-rows thead th').allTextContents();
    expect(head).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '1—7月实际完成值', '全年预计完成值', '偏差原因', '完成目标可能性', '原因说明', '纠偏措施']);
    await shot(s.page, 'yearly-monitoring');
  });

  it('fills the 绩效自评表 by keyboard; the scores shown are the hand-computed ones', async () => {
    await s.page.getByRole('tab', { name: '绩效自评表' }).click();
    await s.page.getByLabel('年度资金总额：全年执行数').focus();
    await typeIn('2.7');
    await s.page.getByLabel('工程量完成率：实际完成值').focus();
    await typeIn('95%'); // → 分值
    await s.page.keyboard.press('Tab'); // → 偏差原因分析及改进措施
    await typeIn('部分楼层延至次年维修');
    // ↓ from one 实际完成值 to the next row's.
    await s.page.getByLabel('设备和专用材料购置完成率：实际完成值').focus();
    await s.page.keyboard.type('100%');
    await s.page.keyboard.press('ArrowDown');
    await typeIn('25元/平米', 'Enter');
    await typeIn('2025.11.30', 'Enter');
    await saved();
    // 安全性 is qualitative: 完成情况 by keyboard.
    await s.page.getByLabel('安全性：完成情况').focus();
    await s.page.keyboard.press('ArrowDown'); // 达成
    await s.page.getByLabel('服务对象满意度：实际完成值').focus();
    await typeIn('92%');
    await s.page.getByLabel('单位面积平均维修成本：偏差原因分析及改进措施').focus();
    await typeIn('材料涨价，下年按市场价测算');
    await saved();
    const se = (await view()).selfEvaluation!;
    // 产出 50 over four rows = 12.50 each; 效益 30; 满意度 10; 执行率 10.
    // 95 ÷ 100 × 12.50 = 11.875 → 11.88; 100% → 12.50; 20 ÷ 25 × 12.50 = 10.00; date met 12.50;
    // 达成 100 % of 30 = 30.00; 92% ≥ 90% → 10.00; 执行率 2.7 ÷ 3 = 90.00 % → 9.00. Sum 95.88 → 优.
    expect(se.score.rows.map((r) => r.score)).toEqual([1188, 1250, 1000, 1250, 3000, 1000]);
    expect(se.score.execution.score).toBe(900);
    expect(se.score.total).toBe(9588);
    expect(se.findings.filter((f) => f.severity === 'error')).toEqual([]);
    await expect(s.page.getByTestId('se-total').textContent()).resolves.toBe('95.88');
    await expect(s.page.getByTestId('se-grade').textContent()).resolves.toBe('优');
    await expect(s.page.getByTestId('se-score').first().textContent()).resolves.toContain('实际 ÷ 目标 × 分值 12.50 = 11.88');
    expect(await s.page.locator('.yr-rows thead th').allTextContents()).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    await shot(s.page, 'yearly-self-evaluation');
  });

  it('调整绩效目标: a recorded change with its reason; the form names the version it scores against', async () => {
    await s.page.getByRole('button', { name: '调整绩效目标' }).click();
    const dlg = s.page.getByRole('dialog', { name: /调整绩效目标/ });
    await dlg.getByLabel('调整原因').fill('年中预算调减');
    await dlg.getByLabel('工程量完成率：调整后指标值').fill('≥95%');
    await dlg.getByRole('button', { name: '记录调整' }).click();
    await dlg.waitFor({ state: 'detached' });
    await s.page.waitForFunction(() => document.querySelector('[data-testid="yr-version"]')?.textContent?.startsWith('按第 1 次调整后的绩效目标'));
    const v = await view();
    expect(v.adjustments).toHaveLength(1);
    expect(v.selfEvaluation!.score.rows[0]!.score).toBe(1250); // 95% against ≥95%
    expect(v.filed.rows[0]!.value).toBe('≥100%'); // the filed target is unchanged
    await s.page.getByRole('button', { name: '打印预览' }).click();
    const frame = s.page.frameLocator('iframe.print-frame');
    await frame.locator('text=项目支出绩效自评表（2025年度）').waitFor();
    await frame.locator('text=按第 1 次调整后的绩效目标').first().waitFor();
    await shot(s.page, 'yearly-print');
  });

  it('the unit-year: 生成全部, 执行数 from the treasury export (preview, then 确认填入), the list of scores', async () => {
    await s.page.goto(`${s.app.host.origin}/#/u/619001/2025`);
    await s.page.waitForSelector('.list-table tbody tr');
    await s.page.getByRole('button', { name: '运行监控和自评' }).click();
    const dlg = s.page.getByRole('dialog', { name: '运行监控和自评' });
    await dlg.getByRole('button', { name: '生成全部监控表和自评表' }).click();
    await s.page.getByText(/已为 17 张表生成绩效运行监控表和绩效自评表（1 张已有）/).waitFor();
    await dlg.getByLabel('导入执行数', { exact: true }).setInputFiles(fileURLToPath(new URL('../fixtures/yearly/treasury-2025.xlsx', import.meta.url)));
    await dlg.getByTestId('yr-import').getByText('法律顾问费：4.85 万元（第 7 行）').waitFor();
    const before = (await apiCall<YearlyView>(s.app, 'yearly.get', { projectId: 'seed002-02' })).selfEvaluation!.form.funds.total.executed;
    expect(before).toBeNull();
    await dlg.getByRole('button', { name: '确认填入' }).click();
    await s.page.getByText('已填入 3 张表的执行数').waitFor();
    expect((await apiCall<YearlyView>(s.app, 'yearly.get', { projectId: 'seed002-02' })).selfEvaluation!.form.funds.total.executed).toBe(4_850_000);
    // 办公楼维修（护）费: 执行数 27,000.50 元 (two rows of the export) of 30,000 → 90.00 %.
    await dlg.locator('tr', { hasText: '办公楼维修（护）费' }).getByText('90.00%').waitFor();
    await shot(s.page, 'yearly-unit-year');
  });
});
