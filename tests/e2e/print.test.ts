// 公开稿 and 报送稿 from the user's side: the print preview offers both, the 报送稿 shows
// 单位（盖章） and the signature line (under each table, or once at the end of the book),
// 导出 Word exports the copy on screen, and the choice is remembered for the unit-year.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import type { SavedProject } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

d('报送稿 and 公开稿 (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  const frame = () => page.frameLocator('iframe.print-frame');
  const frameText = async () => (await frame().locator('body').textContent()) ?? '';
  const signatures = async () => (await frameText()).match(/负责人：/g)?.length ?? 0;

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(app, 'units.save', { unit: { code: '382101', name: '天津市医疗保障局', supervisor: null, region: '天津', sample: false } });
    for (const name of ['医保待遇调整工作经费', '医保信息化建设专项']) {
      const c = await apiCall<SavedProject>(app, 'projects.create', { unitCode: '382101', year: 2025, templateId: 'A', name });
      const f = structuredClone(c.filing);
      f.fundUse = '主要用于保障医保业务工作';
      f.periods.annual!.funding.total = 280_500_000;
      f.periods.annual!.funding.fiscal = 280_500_000;
      f.periods.annual!.goal = '1.持续推进医保业务工作';
      await apiCall(app, 'projects.save', { filing: f, expectedRevision: c.revision });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('previews the 公开稿 by default: no seal, no signature', async () => {
    await page.goto(app.host.url);
    await page.waitForSelector('.list-table tbody tr >> nth=1');
    await page.getByRole('button', { name: '打印预览' }).click();
    await frame().locator('table').first().waitFor({ timeout: 15_000 });
    await expect(page.getByRole('radio', { name: '公开稿' }).isChecked()).resolves.toBe(true);
    expect(await frameText()).not.toContain('单位（盖章）');
    expect(await signatures()).toBe(0);
  });

  it('shows the 报送稿 with 单位（盖章）, the year and a signature line under each table', async () => {
    await page.getByRole('radio', { name: /报送稿/ }).check();
    await frame().locator('.p-seal').first().waitFor({ timeout: 15_000 });
    const text = await frameText();
    expect(text).toContain('单位（盖章）：天津市医疗保障局');
    expect(text).toContain('（2025年度）');
    expect(await signatures()).toBe(2);
    await expect(frame().locator('.p-signature').first().textContent()).resolves.toMatch(/^负责人：.*经办人：.*联系电话：.*填报日期：/);
    await frame().locator('.p-signature').first().scrollIntoViewIfNeeded();
    await shot(page, 'print-submission-each-table');
  });

  it('signs once at the end of the book when the office chooses 汇编末尾', async () => {
    await page.getByRole('radio', { name: '汇编末尾' }).check();
    await page.waitForFunction(
      () => (document.querySelector<HTMLIFrameElement>('iframe.print-frame')?.contentDocument?.querySelectorAll('.p-signature').length ?? 0) === 1,
      null,
      { timeout: 15_000 },
    );
    expect(await signatures()).toBe(1);
    await frame().locator('.p-signature').scrollIntoViewIfNeeded();
    await shot(page, 'print-submission-end-of-book');
  });

  it('exports the 报送稿 on screen as Word', async () => {
    await page.getByRole('button', { name: '导出 Word' }).click();
    const download = await page.waitForEvent('download', { timeout: 30_000 });
    expect(download.suggestedFilename()).toMatch(/（报送稿）\.docx$/);
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('报送稿（签字栏：汇编末尾）');
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)))['word/document.xml']!);
    expect(xml).toContain('单位（盖章）：天津市医疗保障局');
    expect(xml.match(/负责人：/g)).toHaveLength(1);
    // Closing the export comes back to the preview.
    await page.locator('.modal-foot').getByRole('button', { name: '关闭', exact: true }).click();
    await frame().locator('.p-seal').first().waitFor();
    await page.keyboard.press('Escape');
  });

  it('remembers the choice for the unit-year: the preview and 导出文档 print the 报送稿 again', async () => {
    await page.reload();
    await page.waitForSelector('.list-table tbody tr >> nth=1');
    await page.getByRole('button', { name: '打印预览' }).click();
    await frame().locator('.p-seal').first().waitFor({ timeout: 15_000 });
    await expect(page.getByRole('radio', { name: /报送稿/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('radio', { name: '汇编末尾' }).isChecked()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '导出文档' }).click();
    const download = await page.waitForEvent('download', { timeout: 30_000 });
    expect(download.suggestedFilename()).toMatch(/（报送稿）\.docx$/);
    await page.locator('.modal-foot').getByRole('button', { name: '关闭', exact: true }).click();
  });

  it('offers the other copy in 导出文档 itself: 公开稿 is exported in turn, and remembered', async () => {
    await page.locator('.list-table tbody tr').first().dblclick();
    await page.getByRole('button', { name: '导出文档' }).waitFor();
    const first = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: '导出文档' }).click();
    expect((await first).suggestedFilename()).toMatch(/（报送稿）\.docx$/);
    // Listening before the choice: the second file can come before the check() call returns.
    const next = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('dialog').getByRole('radio', { name: '公开稿' }).check();
    const second = await next;
    expect(second.suggestedFilename()).not.toContain('报送稿');
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync((await second.path())!)))['word/document.xml']!);
    expect(xml).not.toContain('单位（盖章）');
    expect(xml).toContain('医保');
    await expect(page.getByRole('dialog').getByRole('radio', { name: '公开稿' }).isChecked()).resolves.toBe(true);
    await page.locator('.modal-foot').getByRole('button', { name: '关闭', exact: true }).click();
    await expect.poll(async () => (await apiCall<{ settings: { printKind: string } }>(app, 'settings.get', { unitCode: '382101', year: 2025 })).settings.printKind).toBe('public');
  });
});
