// Issue 12, the third new-user trial: what is typed into the 部门整体绩效目标 is stored
// without leaving the box (a pause in typing is enough), and a reload right after typing
// loses nothing (the page kept it and sends it again); with the backend out of reach the page
// says so and sends the text by itself once it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const UNIT = '450321';
const YEAR = 2026;

d('部门整体绩效目标: nothing typed is lost (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  const stored = async () => apiCall<ApiResults['dept.get']>(app, 'dept.get', { unitCode: UNIT, year: YEAR });

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(app, 'units.save', { unit: { code: UNIT, name: '某县医疗保障局', region: '' } });
    await apiCall(app, 'projects.create', { unitCode: UNIT, year: YEAR, templateId: 'B', name: '医保经办大厅窗口维修' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('stores the text of a box the user is still in, after a pause in typing', async () => {
    await page.goto(`${app.host.url}#/u/${UNIT}/${YEAR}/dept`);
    await page.getByLabel('总体绩效目标').click();
    await page.keyboard.type('全面落实医疗保障待遇政策');
    // The focus stays in the box: no blur, no Tab.
    await expect.poll(async () => (await stored())?.overall ?? '', { timeout: 5000 }).toBe('全面落实医疗保障待遇政策');
    await page.waitForFunction(() => document.querySelector('.dept-view .save-state')?.textContent === '已保存');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('总体绩效目标');
  });

  it('keeps a 保障措施 typed just before a reload and stores it after', async () => {
    await page.getByRole('button', { name: '＋ 增加措施' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '保障措施 1');
    await page.keyboard.type('加强组织领导，落实责任分工');
    await page.reload(); // at once, well inside the pause
    const box = page.getByLabel('保障措施 1');
    await box.waitFor();
    await expect.poll(() => box.inputValue(), { timeout: 5000 }).toBe('加强组织领导，落实责任分工');
    await expect.poll(async () => (await stored())?.measures ?? [], { timeout: 5000 }).toEqual(['加强组织领导，落实责任分工']);
    await expect(page.getByLabel('总体绩效目标').inputValue()).resolves.toBe('全面落实医疗保障待遇政策');
    // Sent once: nothing is left to send again on the next open.
    await expect(page.evaluate((k) => localStorage.getItem(k), `jxmb-unsaved-dept:${UNIT}:${YEAR}`)).resolves.toBeNull();
  });

  it('says 未连接 while the backend cannot be reached and saves by itself when it is back', async () => {
    await page.route('**/api/dept.save', (route) => route.abort('connectionrefused'));
    const box = page.getByLabel('保障措施 1');
    await box.click();
    await page.keyboard.press('End');
    await page.keyboard.type('，按月调度');
    await page.keyboard.press('Tab');
    const state = page.locator('.dept-view .save-state');
    await expect.poll(() => state.textContent(), { timeout: 5000 }).toBe('未连接：修改已留在本机，恢复连接后自动保存');
    await page.unroute('**/api/dept.save');
    // No further change needed: the retry stores it.
    await expect.poll(async () => (await stored())?.measures ?? [], { timeout: 15_000 }).toEqual(['加强组织领导，落实责任分工，按月调度']);
    await page.waitForFunction(() => document.querySelector('.dept-view .save-state')?.textContent === '已保存');
  });
});
