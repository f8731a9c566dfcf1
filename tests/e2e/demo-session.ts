// One browser session per e2e file on a fresh demo database: the app and Chromium started
// together in beforeAll, one page of 1600 × 900, closed in afterAll. The yearly-form files
// (yearly, yearly-july, dept-self-evaluation) share it; `describeBrowser` skips a file's
// tests, saying why, where Chromium is missing.
import { afterAll, beforeAll, describe } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HAVE_CHROMIUM, SKIP_REASON, ensureRendererBuilt, launch, newPage, startApp, type AppHandle } from './helpers.ts';

export const describeBrowser = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

export interface DemoSession {
  app: AppHandle;
  browser: Browser;
  page: Page;
}

/** Registers the hooks (call inside the describe); the fields are set once beforeAll ran.
 *  `prepare` runs after the start (settings through the API); `open` loads the unit list. */
export function demoSession(opts: { prepare?: (s: DemoSession) => Promise<void>; open?: boolean } = {}): DemoSession {
  const s = {} as DemoSession;
  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [s.app, s.browser] = await Promise.all([startApp(dir, { demo: true }), launch()]);
    ({ page: s.page } = await newPage(s.browser, 1600, 900));
    await opts.prepare?.(s);
    if (opts.open ?? true) {
      await s.page.goto(s.app.host.url);
      await s.page.waitForSelector('.list-table tbody tr');
    }
  });
  afterAll(async () => {
    await s.browser?.close();
    await s.app?.close();
  });
  return s;
}

/** Waits until a yearly form (or the 部门整体 one) shows 已保存. */
export async function yearlySaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="yr-save-state"]')?.textContent === '已保存', null, { timeout: 10_000 });
}
