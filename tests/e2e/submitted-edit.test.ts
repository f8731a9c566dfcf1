// Issue 12, the third new-user trial: editing a 已报送 table asks first; a user who answers
// 取消 sees that nothing was changed (the table is still 已报送), not “保存失败”.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults, SavedProject } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, startApp, waitSaved } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const [UNIT, YEAR] = ['382201', 2024]; // a 示例 unit-year that packs as it is

d('editing a 已报送 table (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  let id = '';
  const stored = async () => (await apiCall<SavedProject>(app, 'projects.get', { id })).filing;

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir, { demo: true }), launch()]);
    ({ page } = await newPage(browser));
    const { jobId } = await apiCall<{ jobId: string }>(app, 'handover.pack', { unitCode: UNIT, year: YEAR });
    for (;;) {
      const s = await apiCall<{ state: string }>(app, 'jobs.get', { jobId });
      if (s.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    id = (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: UNIT, year: YEAR })).rows[0]!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('取消 keeps the table as it was and says so; 确定 makes it a 草稿 with the edit', async () => {
    const before = await stored();
    expect(before.status).toBe('submitted');
    await page.goto(`${app.host.url}#/u/${UNIT}/${YEAR}/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    const goal = page.locator('textarea[data-path="periods.annual.goal"]');
    const questions: string[] = [];
    page.once('dialog', (dlg) => {
      questions.push(dlg.message());
      void dlg.dismiss();
    });
    await goal.click();
    await page.keyboard.press('End');
    await page.keyboard.type('（补充）');
    await page.keyboard.press('Tab');
    const state = page.getByTestId('save-state');
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toBe('未修改：该表仍为“已报送”（已取消刚才的修改）');
    expect(questions).toEqual(['该表已报送，修改后将变回草稿，需要重新审核并重新报送。继续修改吗？']);
    await expect(goal.inputValue()).resolves.toBe(before.periods.annual!.goal);
    expect((await stored()).periods.annual!.goal).toBe(before.periods.annual!.goal);

    page.once('dialog', (dlg) => void dlg.accept());
    await goal.click();
    await page.keyboard.press('End');
    await page.keyboard.type('（补充）');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    const after = await stored();
    expect(after.periods.annual!.goal).toBe(`${before.periods.annual!.goal}（补充）`);
    expect(after.status).toBe('draft');
  });
});
