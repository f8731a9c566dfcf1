// 转到 after an import, in Chromium: files written by python-docx are imported from the list
// of another unit-year. One table stored: 转到导入的表 opens that table (into a later year than
// printed, said in the preview as a marked copy). Several tables stored elsewhere: 转到 opens
// the list of that unit-year, with them in it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults } from '../../shared/api/contract.ts';
import { CORPUS_TOOLS, writePythonDocx } from '../fixtures/foreign/generate.ts';
import { typedTable } from '../fixtures/foreign/typed-table.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM && CORPUS_TOOLS.pythonDocx ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}（或没有 python3-docx）`, fn);
const U = '420101';

const table = (name: string, budget: string) => typedTable(name, { budget, unitLine: `编报单位：${U} 宁武县水利局　　单位：万元` });

d('导入后“转到” (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  let dir = '';
  const list = async (year: number) => (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: U, year })).rows;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-goto-'));
    writePythonDocx(table('农村饮水安全维修养护经费', '85'), path.join(dir, 'one.docx'));
    writePythonDocx([...table('河道清淤经费', '40'), ...table('水库巡查经费', '12')], path.join(dir, 'two.docx'));
    const built = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(built), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(app, 'units.save', { unit: { code: U, name: '宁武县水利局' } });
    await page.goto(app.host.url);
    await page.waitForSelector('.tb-title');
    await page.goto(`${app.host.origin}/#/u/${U}/2026`);
    await page.reload();
    await page.waitForFunction((u) => document.querySelector('.tb-title')?.textContent?.startsWith(u), U);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const openDialog = async (file: string) => {
    await page.getByRole('button', { name: '报送与交换 ▾' }).click();
    await page.getByRole('menuitem', { name: /^导入表格或 Word 文件/ }).click();
    const dialog = page.getByRole('dialog', { name: '导入表格或 Word 文件' });
    await dialog.getByLabel('选择表格或 Word 文件').setInputFiles(path.join(dir, file));
    await dialog.locator('.import-table-name').first().waitFor();
    return dialog;
  };

  it('one table into a later year than printed: the preview says it is a new marked table; 转到 opens it', async () => {
    const dialog = await openDialog('one.docx');
    expect(await dialog.getByLabel('导入到年度').inputValue()).toBe('2025');
    await dialog.getByLabel('导入到年度').fill('2027');
    await dialog.locator('.import-carried').waitFor();
    expect(await dialog.locator('.import-carried').textContent()).toMatch(/^文件为 2025 年度，将作为 2027 年度的新表导入：/);
    await dialog.getByRole('button', { name: /^确认导入/ }).click();
    const go = dialog.getByRole('button', { name: '转到导入的表“农村饮水安全维修养护经费”' });
    await go.waitFor();
    const [stored] = await list(2027);
    expect(stored).toMatchObject({ name: '农村饮水安全维修养护经费', budget: 85_000_000 });
    expect(stored!.carriedOver).toBeGreaterThan(0);
    await go.click();
    await page.locator('.project-view').waitFor();
    expect(decodeURIComponent(page.url().split('#')[1]!)).toBe(`/u/${U}/2027/p/${stored!.id}`);
    expect(await dialog.count()).toBe(0);
    // The position comes with the unit-year's list, after the table itself.
    await expect.poll(() => page.locator('.project-view .tb-pos').textContent()).toBe('第 1 张 / 共 1 张');
  }, 120_000);

  it('two tables into another year than the list open: 转到 opens that year\'s list with both', async () => {
    await page.goto(`${app.host.origin}/#/u/${U}/2026`);
    await page.waitForFunction(() => !document.querySelector('.project-view'));
    const dialog = await openDialog('two.docx');
    await dialog.getByRole('button', { name: /^确认导入/ }).click();
    const go = dialog.getByRole('button', { name: `转到 ${U} 2025 年度` });
    await go.waitFor();
    await go.click();
    await page.waitForFunction(() => location.hash === '#/u/420101/2025');
    const names = (await list(2025)).map((r) => r.name);
    expect(names).toEqual(['河道清淤经费', '水库巡查经费']);
    for (const n of names) await page.getByText(n, { exact: true }).first().waitFor();
    expect(await list(2026)).toHaveLength(0);
  }, 120_000);
});
