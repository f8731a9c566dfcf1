// A long book (150 tables) in the browser: only the rows in view are drawn, yet the scroll
// bar spans the whole book and the keyboard reaches every row (↑↓, PageUp/PageDown,
// Home/End), reorders past the drawn window, and opens the focused table. 查找 narrows the
// list by name or 序号; the summary badges show only the tables with 错误.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults, SavedProject } from '../../shared/api/contract.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { checkProject } from '../../electron/services/filing-service.ts';
import { summarise } from '../../shared/rules/index.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

const UNIT = '610101';
const YEAR = 2026;
const COUNT = 150;

d('long unit-year book (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;

  const focusedSeq = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.querySelector('.col-seq')?.textContent ?? '');
  const drawnRows = () => page.locator('.list-table tbody tr[data-id]').count();

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(app, 'units.save', { unit: { code: UNIT, name: '某县教育局', supervisor: null, region: '', sample: false } });
    for (let i = 1; i <= COUNT; i++) {
      await apiCall(app, 'projects.create', { unitCode: UNIT, year: YEAR, templateId: 'A', name: `第${i}号项目` });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('draws the rows in view only, with a scroll bar for the whole book', async () => {
    await page.goto(`${app.host.url}#/u/${UNIT}/${YEAR}`);
    await page.waitForSelector('.list-table tbody tr[data-id]');
    await expect(page.locator('.summary b').first().textContent()).resolves.toBe(String(COUNT));
    const drawn = await drawnRows();
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(80);
    const { scrollHeight, rowHeight } = await page.evaluate(() => ({
      scrollHeight: document.querySelector('.list-scroll')!.scrollHeight,
      rowHeight: document.querySelector('.list-table tbody tr[data-id]')!.getBoundingClientRect().height,
    }));
    expect(scrollHeight).toBeGreaterThan(rowHeight * (COUNT - 1));

    // Scrolling to the bottom draws the last rows.
    await page.evaluate(() => {
      const s = document.querySelector('.list-scroll')!;
      s.scrollTop = s.scrollHeight;
    });
    await page.waitForSelector(`.list-table tbody tr[data-index="${COUNT - 1}"]`);
    await expect(page.locator(`.list-table tbody tr[data-index="${COUNT - 1}"] .col-name`).textContent()).resolves.toBe(`第${COUNT}号项目`);
    expect(await drawnRows()).toBeLessThan(80);
  });

  it('reaches every row from the keyboard and reorders beyond the drawn window', async () => {
    await page.evaluate(() => {
      document.querySelector('.list-scroll')!.scrollTop = 0;
    });
    await page.locator('.list-table tbody tr[data-index="0"]').focus();
    await page.keyboard.press('End');
    await page.waitForFunction((n) => (document.activeElement as HTMLElement | null)?.dataset.index === String(n - 1), COUNT);
    expect(await focusedSeq()).toBe(String(COUNT));
    await page.keyboard.press('Home');
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.index === '0');
    for (let i = 0; i < 45; i++) await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.index === '45');
    expect(await focusedSeq()).toBe('46');
    // The focused row is in view, not under the sticky header or below the fold.
    const inView = await page.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      const s = document.querySelector('.list-scroll')!.getBoundingClientRect();
      const head = document.querySelector('.list-table thead')!.getBoundingClientRect();
      return r.top >= head.bottom - 1 && r.bottom <= s.bottom + 1;
    });
    expect(inView).toBe(true);
    await page.keyboard.press('PageDown');
    await page.waitForFunction(() => Number((document.activeElement as HTMLElement | null)?.dataset.index) > 50);

    // Alt+↓ on row 120 moves it down one place; the moved row keeps the focus.
    await page.keyboard.press('End');
    for (let i = 0; i < COUNT - 120; i++) await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.index === '119');
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForFunction(() => {
      const a = document.activeElement as HTMLElement | null;
      return a?.dataset.index === '120' && a.querySelector('.col-name')?.textContent === '第120号项目';
    });
    const listed = await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: UNIT, year: YEAR });
    expect(listed.rows.slice(118, 122).map((r) => r.name)).toEqual(['第119号项目', '第121号项目', '第120号项目', '第122号项目']);

    // Enter opens the focused table.
    await page.keyboard.press('Enter');
    await page.waitForSelector('.form-table[data-complete]');
    await expect(page.locator('.paper .hd-heading').textContent()).resolves.toContain('第120号项目');
  });

  it('finds tables by name or 序号 and shows only those with 错误', async () => {
    await page.goto(`${app.host.url}#/u/${UNIT}/${YEAR}`);
    await page.waitForSelector('.list-table tbody tr[data-id]');
    const search = page.getByLabel('查找项目');
    await search.fill('第12');
    // 第12号, 第120–129号 (the moved 第120号 included).
    await page.waitForFunction(() => document.querySelectorAll('.list-table tbody tr[data-id]').length === 11);
    await expect(page.locator('.filter-count').textContent()).resolves.toContain('显示 11 张');
    // Reordering a filtered list is refused with a message, nothing moves.
    await search.press('ArrowDown');
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.index === '0');
    expect(await focusedSeq()).toBe('12');
    await page.keyboard.press('Alt+ArrowDown');
    await page.locator('.toast').filter({ hasText: '清除后再调整顺序' }).waitFor();
    await expect(page.locator('.list-table tbody tr[data-index="0"] button[aria-label="下移"]').isDisabled()).resolves.toBe(true);
    // ↑ on the first row goes back to the search box; Escape clears it.
    await page.keyboard.press('ArrowUp');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('查找项目');
    await search.press('Escape');
    await page.waitForFunction(() => !document.querySelector('.filter-count'));
    // A 序号 finds its table; a name that is not there says so.
    await search.fill('77');
    await page.waitForFunction(() => document.querySelectorAll('.list-table tbody tr[data-id]').length === 1);
    await expect(page.locator('.list-table tbody .col-name').textContent()).resolves.toBe('第77号项目');
    // Through an input method: the list does not follow the half-composed pinyin.
    await search.fill('');
    await search.click();
    const cdp = await page.context().newCDPSession(page);
    for (const text of ['d', 'di', 'di1', 'di1h']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await page.waitForTimeout(200);
    expect(await drawnRows()).toBeGreaterThan(10);
    await expect(page.locator('.filter-count').count()).resolves.toBe(0);
    await cdp.send('Input.insertText', { text: '第1号' });
    await page.waitForFunction(() => document.querySelectorAll('.list-table tbody tr[data-id]').length === 1);
    await expect(page.locator('.list-table tbody .col-name').textContent()).resolves.toBe('第1号项目');
    await search.fill('没有这个项目');
    await page.locator('.list-view .empty').filter({ hasText: '没有符合条件的项目表' }).waitFor();
    await search.fill('');

    // One table filled in from a published table without 错误; the others are blank.
    const before = await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: UNIT, year: YEAR });
    const clean = readDemoData().projects.find((p) => p.templateId === 'A' && summarise(checkProject(p)).errors === 0)!;
    const target = await apiCall<SavedProject>(app, 'projects.get', { id: before.rows[4]!.id });
    await apiCall(app, 'projects.save', {
      filing: { ...clean, id: target.filing.id, unitCode: UNIT, year: YEAR, seq: target.filing.seq, name: target.filing.name, status: 'draft', carriedOver: [] },
      expectedRevision: target.revision,
    });
    await page.reload();
    await page.waitForSelector('.list-table tbody tr[data-id]');
    const listed = await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: UNIT, year: YEAR });
    const withErrors = listed.rows.filter((r) => r.errors > 0).length;
    expect(withErrors).toBe(COUNT - 1);
    const badge = page.locator('.summary button.badge-error');
    await badge.click();
    await expect(badge.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator('.filter-count').textContent()).resolves.toContain(`显示 ${withErrors} 张`);
    await expect(page.locator('.list-table tbody tr[data-id="' + target.filing.id + '"]').count()).resolves.toBe(0);
    await badge.click();
    await page.waitForFunction(() => !document.querySelector('.filter-count'));
  });
});
