// Issue 12 point 4 from the user's side: the 负责人 / 经办人 / 联系电话 / 填报日期 are typed on
// screen under a table of layout A, B or D (C has its own row), the 报送稿 prints them in the
// preview and in Word, and the choice 公开稿 / 报送稿 is the unit-year's (another computer —
// a fresh browser profile — prints the same copy). The Word file is rendered by LibreOffice
// to a PNG to look at (out/e2e-screenshots/signed-docx-1.png).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults, SavedProject, UnitYearSettingsView } from '../../shared/api/contract.ts';
import { readDocx, type DocxParagraph } from '../export/docx-reader.ts';
import { HAVE_CHROMIUM, SHOT_DIR, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp, waitSaved } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const U = '619001'; // layout B
const Y = 2025;
const SIGNED = '负责人：王建国　经办人：李娜　联系电话：0315-2345678　填报日期：2025-10-25';

function hasTool(cmd: string, arg: string): boolean {
  try {
    execFileSync(cmd, [arg], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

d('a printout that can be signed (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  let id = '';
  let tmp = '';
  const frame = (p: Page) => p.frameLocator('iframe.print-frame');

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir, { demo: true }), launch()]);
    ({ page } = await newPage(browser));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-sign-'));
    id = (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: U, year: Y })).rows[0]!.id;
    await page.goto(app.host.url);
    await page.waitForSelector('.list-table tbody tr');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('every layout has a place to type the signature fields: A, B and D under the table, C in its own row', async () => {
    const units: Record<string, string> = { A: '382201', B: '619001', C: '303001', D: '341182' };
    for (const [tid, unit] of Object.entries(units)) {
      const year = (await apiCall<number[]>(app, 'years.list', { unitCode: unit })).at(-1)!;
      const first = (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: unit, year })).rows[0]!;
      await page.goto(`${app.host.origin}/#/u/${unit}/${year}/p/${encodeURIComponent(first.id)}`);
      await page.waitForSelector('.form-table[data-complete]');
      for (const f of ['head', 'handler', 'phone', 'date']) await expect(page.locator(`textarea[data-path="footer.${f}"]`).count(), `${tid} footer.${f}`).resolves.toBe(1);
      await expect(page.locator('td.sign-title').count(), tid).resolves.toBe(tid === 'C' ? 0 : 1);
    }
  });

  it('types 负责人 … 填报日期 under a layout-B table by keyboard; they are stored', async () => {
    await page.goto(`${app.host.origin}/#/u/${U}/${Y}/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    await page.locator('textarea[data-path="footer.head"]').click();
    for (const [text, next] of [
      ['王建国', 'footer.handler'],
      ['李娜', 'footer.phone'],
      ['0315-2345678', 'footer.date'],
    ] as const) {
      await page.keyboard.type(text);
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe(next);
    }
    await page.keyboard.type('2025-10-25');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    expect((await apiCall<SavedProject>(app, 'projects.get', { id })).filing.footer).toEqual({ head: '王建国', handler: '李娜', phone: '0315-2345678', date: '2025-10-25' });
    await page.locator('textarea[data-path="footer.head"]').scrollIntoViewIfNeeded();
    await shot(page, 'signed-form-footer');
  });

  it('the 报送稿 preview prints them; the choice is stored with the unit-year', async () => {
    await page.getByRole('button', { name: '打印预览' }).click();
    await frame(page).locator('table').first().waitFor({ timeout: 15_000 });
    await expect(page.getByRole('radio', { name: '公开稿' }).isChecked()).resolves.toBe(true);
    await page.getByRole('radio', { name: /报送稿/ }).check();
    await frame(page).locator('.p-signature').waitFor({ timeout: 15_000 });
    await expect(frame(page).locator('.p-signature').textContent()).resolves.toBe(SIGNED);
    await expect
      .poll(async () => (await apiCall<UnitYearSettingsView>(app, 'settings.get', { unitCode: U, year: Y })).settings.printKind, { timeout: 5000 })
      .toBe('submission');
    await page.keyboard.press('Escape');
  });

  it('another computer (a fresh browser profile) prints and exports the 报送稿 too; LibreOffice renders the signed Word file', async () => {
    const { context, page: other } = await newPage(browser);
    try {
      await other.goto(app.host.url);
      await other.waitForSelector('.list-table tbody tr');
      await other.goto(`${app.host.origin}/#/u/${U}/${Y}/p/${encodeURIComponent(id)}`);
      await other.waitForSelector('.form-table[data-complete]');
      await other.getByRole('button', { name: '打印预览' }).click();
      await frame(other).locator('.p-signature').waitFor({ timeout: 15_000 });
      await expect(other.getByRole('radio', { name: /报送稿/ }).isChecked()).resolves.toBe(true);
      await other.keyboard.press('Escape');
      await other.getByRole('button', { name: '导出文档' }).click();
      const download = await other.waitForEvent('download', { timeout: 30_000 });
      expect(download.suggestedFilename()).toMatch(/（报送稿）\.docx$/);
      const docx = path.join(tmp, 'signed.docx');
      await download.saveAs(docx);
      const body = readDocx(new Uint8Array(fs.readFileSync(docx))).body;
      const texts = body.filter((b): b is DocxParagraph => b.kind === 'p').map((p) => p.text);
      expect(texts).toContain(SIGNED);
      expect(texts.some((t) => t === '单位（盖章）：唐山市医疗保障局本级\t2025年度')).toBe(true);
      if (!hasTool('soffice', '--version') || !hasTool('pdftoppm', '-v')) return; // the DOCX is checked; no rendering here
      execFileSync('soffice', [`-env:UserInstallation=file://${path.join(tmp, 'lo')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', tmp, docx], { stdio: 'ignore', timeout: 180_000 });
      fs.mkdirSync(SHOT_DIR, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path.join(tmp, 'signed.pdf'), path.join(SHOT_DIR, 'signed-docx')]);
      const png = fs.readdirSync(SHOT_DIR).find((f) => /^signed-docx-0*1\.png$/.test(f));
      expect(png).toBeDefined();
      const pdfText = execFileSync('pdftotext', ['-layout', path.join(tmp, 'signed.pdf'), '-'], { encoding: 'utf8' });
      expect(pdfText).toMatch(/负责人：王建国/);
      expect(pdfText).toMatch(/填报日期：2025-10-25/);
    } finally {
      await context.close();
    }
  });
});
