// The import preview in Chromium: a two-unit 主管部门 book made by LibreOffice is chosen in
// 导入表格或 Word 文件; its tables show under their units, each beside the file's own cells
// (pointing at a value lights its source cell); the year is corrected (so a table of the same
// name is met), one table skipped, one replacing the table of its name, the missing unit
// confirmed; what is stored is checked through the API (carried over, as 复制上年), then
// 撤销导入 puts everything back. A screenshot of the side-by-side preview at 1366×768.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults } from '../../shared/api/contract.ts';
import { ensureTwoUnitBook, type TwoUnitBook } from '../fixtures/foreign/two-unit.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

d('导入预览 (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  let book: TwoUnitBook;
  let oldId = '';
  const list = async (unitCode: string, year: number) => (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode, year })).rows;

  beforeAll(async () => {
    book = ensureTwoUnitBook();
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(app, 'units.save', { unit: { code: '619001', name: '唐山市医疗保障局本级' } });
    // 2026 already has a table named as the book's second one.
    oldId = (await apiCall<ApiResults['projects.create']>(app, 'projects.create', { unitCode: '619001', year: 2026, templateId: 'B', name: book.projects[1]!.name })).filing.id;
    await page.goto(app.host.url);
    await page.waitForSelector('.tb-title');
    await page.goto(`${app.host.origin}/#/u/619001/2026`);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('.tb-title')?.textContent?.startsWith('619001'));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('previews side by side, takes the corrections and choices, stores them, and 撤销导入 undoes it all', async () => {
    await page.getByRole('button', { name: '报送与交换 ▾' }).click();
    await page.getByRole('menuitem', { name: /^导入表格或 Word 文件/ }).click();
    const dialog = page.getByRole('dialog', { name: '导入表格或 Word 文件' });
    await dialog.getByLabel('选择表格或 Word 文件').setInputFiles(book.file);
    const rows = dialog.locator('.import-unit[aria-label^="单位"] .import-tables li');
    await rows.nth(4).waitFor();
    expect(await rows.count()).toBe(5);
    // Split by the unit lines; the year printed on the book is the default.
    await expect(dialog.getByRole('region', { name: '单位 619001' }).locator('.import-table-name').count()).resolves.toBe(3);
    await expect(dialog.getByRole('region', { name: '单位 619003' }).locator('.import-table-name').count()).resolves.toBe(2);
    expect(await dialog.getByLabel('导入到年度').inputValue()).toBe(String(book.year));
    expect(await dialog.getByRole('region', { name: '单位 619003' }).textContent()).toContain('本机还没有这个单位，确认新建');
    expect(await list('619001', book.year)).toHaveLength(0);

    // Side by side: the form's 项目名称 lights the source cell it was read from.
    const form = dialog.getByRole('region', { name: '导入后（按表样）' });
    const source = dialog.getByRole('region', { name: '文件中的原表格' });
    await form.locator('td[data-field="name"]').hover();
    await expect(source.locator('td.lit').allTextContents()).resolves.toEqual([book.projects[0]!.name]);
    expect(await source.locator('td.src-value').count()).toBeGreaterThan(30);
    expect(await source.locator('td.src-label').count()).toBeGreaterThan(10);
    await shot(page, 'import-preview-side-by-side');

    // The year corrected: the table of the same name in 2026 is met.
    await dialog.getByLabel('导入到年度').fill('2026');
    await dialog.locator('.import-carried').waitFor();
    await dialog.locator('.conflict').first().waitFor();
    expect(await dialog.locator('.conflict').count()).toBe(1);
    await dialog.getByLabel(`${book.projects[0]!.name} 怎样处理`).selectOption('skip');
    await dialog.getByLabel(`${book.projects[1]!.name} 怎样处理`).selectOption('replace');
    const confirm = dialog.getByRole('button', { name: /^确认导入/ });
    // The missing unit is created only once confirmed.
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('region', { name: '单位 619003' }).getByRole('checkbox').check();
    expect(await confirm.textContent()).toBe('确认导入（4 张 + 部门整体目标）');
    await shot(page, 'import-preview-choices');
    await confirm.click();
    await dialog.locator('.import-done').waitFor();
    expect(await dialog.locator('.import-done').textContent()).toMatch(/^已导入 4 张项目表（其中替换 1 张）和部门整体绩效目标，新建 1 个单位；导入到 619001.*、619003.* 2026 年度（文件为 2025 年度），已标为“上年结转”/);

    // What is stored: only the chosen unit-years, as chosen.
    const u1 = await list('619001', 2026);
    expect(u1.map((r) => [r.seq, r.name])).toEqual([
      [1, book.projects[1]!.name],
      [2, book.projects[2]!.name],
    ]);
    expect(u1[0]!.id).toBe(oldId);
    expect(u1[0]!.budget).toBe(book.projects[1]!.periods.annual!.funding.total);
    expect(u1.every((r) => r.carriedOver > 0)).toBe(true);
    expect((await list('619003', 2026)).map((r) => r.name)).toEqual(book.projects.slice(3).map((p) => p.name));
    expect(await list('619001', 2025)).toHaveLength(0);
    const dept = await apiCall<ApiResults['dept.get']>(app, 'dept.get', { unitCode: '619001', year: 2026 });
    expect(dept?.overall).toBe(book.dept.overall);
    expect(dept?.carriedOver.length).toBeGreaterThan(0);

    // 撤销导入 from the list of recent imports.
    const recent = dialog.getByRole('region', { name: '最近的导入' });
    await expect(recent.textContent()).resolves.toContain('two-unit.docx');
    await recent.getByRole('button', { name: '撤销导入' }).click();
    await recent.waitFor({ state: 'detached' });
    const back = await list('619001', 2026);
    expect(back.map((r) => [r.id, r.name, r.budget, r.carriedOver])).toEqual([[oldId, book.projects[1]!.name, null, 0]]);
    expect((await apiCall<ApiResults['units.list']>(app, 'units.list', {})).map((u) => u.code)).toEqual(['619001']);
    expect(await apiCall<ApiResults['dept.get']>(app, 'dept.get', { unitCode: '619001', year: 2026 })).toBeNull();
  }, 180_000);
});
