// 从已通过版本重新生成 in Chromium: forms made before the 通过 offer the action; the dialog lists
// what changes (as the plan the API gives), the primary button has the focus, Esc closes it
// writing nothing; 确认重新生成 remakes both forms from the passed version, the entries kept.
// The database is prepared by the services (a real review loop), then served to the browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBrowserMode, type BrowserMode } from '../../electron/start.ts';
import { saveFiling } from '../../electron/services/filing-edit.ts';
import { importReturn } from '../../electron/services/review-return.ts';
import { createProjectYearlyForms } from '../../electron/services/yearly-service.ts';
import { yearlyView } from '../../electron/services/yearly-view.ts';
import type { YearlyView } from '../../shared/yearly/view.ts';
import { submitAndReturn, twoSides } from '../services/review-helpers.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, type AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

d('从已通过版本重新生成 (browser)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-regen-'));
  let host: BrowserMode;
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  let id: string;
  let unitCode: string;
  let year: number;
  let newRow: string;
  let passedValue: string;

  beforeAll(async () => {
    const staticDir = await ensureRendererBuilt();
    const s = await twoSides(dir);
    ({ unitCode, year } = s);
    try {
      id = s.unit.projectsOfUnitYear(unitCode, year)[0]!.id;
      createProjectYearlyForms(s.unit, id);
      const v0 = yearlyView(s.unit, id);
      const se = structuredClone(v0.selfEvaluation!.form);
      se.rows[0]!.actual = '实填一';
      s.unit.yearly.put(se, v0.selfEvaluation!.revision);
      // Before the submission the table gains a row; that version is passed; then the first value is edited.
      const rec = s.unit.getProjectRecord(id)!;
      const f = structuredClone(rec.filing);
      const list = f.periods.annual!.indicators;
      list.push({ ...list[0]!, id: `${list[0]!.id}-n`, name: '新增测试指标' });
      newRow = `${list[0]!.id}-n`;
      saveFiling(s.unit, rec, f, rec.revision, { force: true });
      importReturn(s.unit, (await submitAndReturn(s, 'pass')).bytes);
      const rec2 = s.unit.getProjectRecord(id)!;
      const f2 = structuredClone(rec2.filing);
      passedValue = f2.periods.annual!.indicators[0]!.value;
      f2.periods.annual!.indicators[0]!.value = passedValue === '≥99%' ? '≥98%' : '≥99%';
      saveFiling(s.unit, rec2, f2, rec2.revision, { force: true });
    } finally {
      s.close();
    }
    [host, browser] = await Promise.all([startBrowserMode({ dbPath: s.unitDb, staticDir, build: 'never', demo: false, log: () => {} }), launch()]);
    app = { host, dbPath: s.unitDb, dir, close: () => host.close() };
    ({ page } = await newPage(browser, 1600, 900));
    await page.goto(host.url); // the address with this start's token
    await page.waitForSelector('.list-table tbody tr');
    await page.goto(`${host.origin}/#/u/${unitCode}/${year}/p/${id}/yearly`);
    await page.getByRole('tab', { name: '绩效自评表' }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const view = () => apiCall<YearlyView>(app, 'yearly.get', { projectId: id });
  const dialog = () => page.getByRole('dialog', { name: '从已通过版本重新生成' });

  it('lists what changes, as planned; Esc closes it and nothing is written', async () => {
    const before = await view();
    expect(before.selfEvaluation!.form.basis!.approved).toBeNull();
    const plan = await apiCall<{ changes: string[]; kept: number }>(app, 'yearly.regeneratePlan', { projectId: id });
    await page.getByRole('button', { name: '从已通过版本重新生成' }).click();
    await dialog().waitFor();
    await expect(dialog().getByTestId('yr-regenerate-changes').locator('li').allTextContents()).resolves.toEqual(plan.changes);
    expect(plan.changes.some((c) => c === `新增指标“新增测试指标”（${passedValue}）`)).toBe(true);
    await expect(dialog().textContent()).resolves.toContain(`${plan.kept} 个指标行保留已填写的内容`);
    // The primary action has the focus; 取消 beside it.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('确认重新生成');
    await expect(dialog().getByRole('button', { name: '取消' }).count()).resolves.toBe(1);
    await shot(page, 'yearly-regenerate');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    const after = await view();
    expect(after.selfEvaluation!.revision).toBe(before.selfEvaluation!.revision);
    expect(after.monitoring!.revision).toBe(before.monitoring!.revision);
  });

  it('确认重新生成 (Enter on the focused button) remakes both forms from the passed version', async () => {
    await page.getByRole('button', { name: '从已通过版本重新生成' }).click();
    await dialog().waitFor();
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('已按已通过审核的版本重新生成两张表').waitFor();
    await page.getByRole('button', { name: '从已通过版本重新生成' }).waitFor({ state: 'detached' });
    const v = await view();
    expect(v.selfEvaluation!.form.basis!.approved).toMatchObject({ submissionNo: 1, returnNo: 1 });
    expect(v.monitoring!.form.basis!.approved).toEqual(v.selfEvaluation!.form.basis!.approved);
    expect(v.selfEvaluation!.form.rows.map((r) => r.indicatorId)).toContain(newRow);
    expect(v.selfEvaluation!.form.rows[0]!.actual).toBe('实填一');
    expect(v.selfEvaluation!.target.rows[0]!.value).toBe(passedValue);
    // The form on screen shows the new row.
    await page.getByRole('tab', { name: '绩效自评表' }).click();
    await page.getByLabel('新增测试指标：实际完成值').waitFor();
  });
});
