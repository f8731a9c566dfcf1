// 报送与交换 in the browser: a unit packs its unit-year (refused while 错误 remain), a
// second backend (the receiving office) inspects and imports the package twice through
// 接收报送包, received tables are read-only; a spreadsheet goes into another unit via
// preview → 确认导入.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

d('报送与交换 (browser)', () => {
  let sender: AppHandle;
  let receiver: AppHandle;
  let browser: Browser;
  let page: Page;
  let office: Page;
  let tmp: string;
  let pkgPath = '';

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [sender, receiver, browser] = await Promise.all([startApp(dir, { demo: true }), startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    ({ page: office } = await newPage(browser));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-dl-'));
    await page.goto(sender.host.url);
    await page.waitForSelector('.list-table tbody tr');
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([sender?.close(), receiver?.close()]);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const openList = async (p: Page, app: AppHandle, unit: string, year: number, reload = false) => {
    await p.goto(`${app.host.origin}/#/u/${unit}/${year}`);
    // A unit made through the API appears after a reload.
    if (reload) await p.reload();
    await p.waitForFunction((u) => document.querySelector('.tb-title')?.textContent?.startsWith(u), unit);
  };
  const menu = async (p: Page, item: string) => {
    await p.getByRole('button', { name: '报送与交换 ▾' }).click();
    await p.getByRole('menuitem', { name: new RegExp(`^${item}`) }).click();
  };
  /** The empty unit-year's import dialog with `file` chosen, once its preview shows. */
  const previewImport = async (unit: string, year: number, file: string, reload = false) => {
    await openList(page, sender, unit, year, reload);
    await page.waitForSelector('.list-view .empty');
    await menu(page, '导入表格或 Word 文件');
    const dialog = page.getByRole('dialog', { name: '导入表格或 Word 文件' });
    await dialog.getByLabel('选择表格或 Word 文件').setInputFiles(file);
    const rows = dialog.locator('.import-tables li');
    await rows.first().waitFor();
    // The preview stores nothing.
    expect((await apiCall<ApiResults['projects.list']>(sender, 'projects.list', { unitCode: unit, year })).rows).toHaveLength(0);
    return { dialog, rows };
  };

  it('packs 341182 / 2024 and downloads the .jxmb', async () => {
    await openList(page, sender, '341182', 2024);
    await page.waitForSelector('.list-table tbody tr >> nth=5');
    const download = page.waitForEvent('download');
    await menu(page, '打包报送');
    const dl = await download;
    expect(dl.suggestedFilename()).toBe('绩效目标_341182_明光市医疗保障局（本级）_2024_第1次.jxmb');
    pkgPath = path.join(tmp, dl.suggestedFilename());
    await dl.saveAs(pkgPath);
    expect(fs.readFileSync(pkgPath).subarray(0, 2).toString()).toBe('PK');
    const dialog = page.getByRole('dialog', { name: '打包报送' });
    await dialog.locator('.ok-text').filter({ hasText: '已生成报送包' }).waitFor();
    // 再次下载 gives the same file again (a download the browser blocked or lost).
    const again = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '再次下载' }).click();
    const dl2 = await again;
    expect(dl2.suggestedFilename()).toBe(dl.suggestedFilename());
    const second = path.join(tmp, 'again.jxmb');
    await dl2.saveAs(second);
    expect(fs.readFileSync(second).equals(fs.readFileSync(pkgPath))).toBe(true);
    await dialog.getByRole('button', { name: '关闭', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('asks before packing again when nothing changed: 取消 adds no submission, 再次打包 is 第 2 次', async () => {
    await menu(page, '打包报送');
    const dialog = page.getByRole('dialog', { name: '打包报送' });
    await expect(dialog.getByTestId('pack-repeat').textContent()).resolves.toMatch(/^各项目表自第 1 次报送（.+）以来都没有修改。再次打包将记为第 2 次报送/);
    expect(await dialog.locator('.form-error').count()).toBe(0);
    await dialog.getByRole('button', { name: '取消', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await menu(page, '打包报送');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '再次打包' }).click();
    expect((await download).suggestedFilename()).toBe('绩效目标_341182_明光市医疗保障局（本级）_2024_第2次.jxmb');
    await dialog.getByRole('button', { name: '关闭', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('refuses to pack 382101 / 2024 while 错误 remain, with the way to 审核', async () => {
    await openList(page, sender, '382101', 2024);
    await page.waitForSelector('.list-table tbody tr');
    await menu(page, '打包报送');
    const dialog = page.getByRole('dialog', { name: '打包报送' });
    const err = dialog.locator('.form-error');
    await err.waitFor();
    expect(await err.textContent()).toMatch(/错误/);
    await dialog.getByRole('button', { name: '打开审核' }).click();
    await page.locator('.audit').waitFor();
  });

  it('a package for a unit code that is 示例 here is marked 不能接收 on inspection and is not offered for import', async () => {
    // The sender's own database holds the demo data: 341182 is a 示例 unit there.
    await page.goto(sender.host.url);
    await page.getByRole('button', { name: '接收报送包' }).click();
    await page.getByRole('heading', { name: '接收报送包' }).waitFor();
    await page.getByLabel('选择报送包').setInputFiles(pkgPath);
    const row = page.locator('[data-testid="chosen"] tbody tr').first();
    await row.waitFor();
    await expect(row.locator('.col-flag').textContent()).resolves.toBe('不能接收');
    await expect(page.locator('[data-testid="receive-refusal"]').textContent()).resolves.toMatch(/^不能接收：单位编码 341182 在本机是“示例”单位.*请先删除示例数据/);
    await expect(page.getByRole('button', { name: /^导入/ }).isDisabled()).resolves.toBe(true);
  });

  it('the receiving office inspects and imports the package; a repeat is 已导入过', async () => {
    await office.goto(receiver.host.url);
    await office.getByRole('button', { name: '接收报送包' }).click();
    await office.getByRole('heading', { name: '接收报送包' }).waitFor();
    const input = office.getByLabel('选择报送包');

    await input.setInputFiles(pkgPath);
    const chosen = office.locator('[data-testid="chosen"] tbody tr');
    await chosen.first().waitFor();
    await expect(chosen.first().textContent()).resolves.toMatch(/341182 明光市医疗保障局（本级）2024\d{4}-\d\d-\d\d \d\d:\d\d6(通过|警告 \d+)否/);
    await office.getByRole('button', { name: '导入（1 个报送包）' }).click();
    const report = office.locator('[data-testid="import-report"] li');
    await report.first().waitFor();
    expect(await report.first().textContent()).toMatch(/^绩效目标_341182.*：已导入（341182/);

    // The same package again: listed as 已导入过, and the import changes nothing.
    await input.setInputFiles(pkgPath);
    await chosen.first().waitFor();
    await expect(chosen.first().locator('.col-flag').textContent()).resolves.toBe('已导入过');
    await shot(office, 'receive-chosen');
    await office.getByRole('button', { name: '导入（1 个报送包）' }).click();
    await office.locator('[data-testid="import-report"] li', { hasText: '已导入过' }).waitFor();

    const history = office.locator('[data-testid="history"] tbody tr');
    await expect(history.count()).resolves.toBe(1);
    await expect(history.first().textContent()).resolves.toMatch(/341182 明光市医疗保障局（本级）2024.*现用/);
    await shot(office, 'receive-packages');

    // 查看 opens the received unit-year: its 6 tables.
    await history.first().getByRole('button', { name: '查看' }).click();
    await office.waitForSelector('.list-table tbody tr >> nth=5');
    await expect(office.locator('.list-table tbody tr').count()).resolves.toBe(6);
    const listed = await apiCall<ApiResults['projects.list']>(receiver, 'projects.list', { unitCode: '341182', year: 2024 });
    expect(listed.rows).toHaveLength(6);
  });

  it('a received table is read-only from the start: cells take no input, shown as 只读', async () => {
    await office.locator('.list-table tbody tr').first().dblclick();
    await office.waitForSelector('.form-table[data-complete]');
    const name = office.locator('textarea[data-path="name"]');
    await expect(name.getAttribute('readonly')).resolves.not.toBeNull();
    await expect(office.locator('[data-testid="save-state"]').textContent()).resolves.toMatch(/^只读/);
  });

  it('the 汇总 button downloads the spreadsheet of the received year', async () => {
    await office.getByRole('button', { name: '接收报送包' }).click();
    await office.getByRole('heading', { name: '接收报送包' }).waitFor();
    await expect(office.getByLabel('汇总年度').inputValue()).resolves.toBe('2024');
    const download = office.waitForEvent('download');
    await office.getByRole('button', { name: '生成汇总表' }).click();
    const dl = await download;
    expect(dl.suggestedFilename()).toMatch(/2024.*\.xlsx$/);
    const file = path.join(tmp, dl.suggestedFilename());
    await dl.saveAs(file);
    const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    const cells = wb.SheetNames.flatMap((n) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[n]!, { header: 1 })).flat().map(String);
    const received = await apiCall<ApiResults['projects.list']>(receiver, 'projects.list', { unitCode: '341182', year: 2024 });
    expect(cells.some((c) => c.includes('341182'))).toBe(true);
    for (const r of received.rows) expect(cells).toContain(r.name);
  });

  it('a spreadsheet exported from one unit is previewed and stored into another', async () => {
    await openList(page, sender, '619001', 2025);
    await page.waitForSelector('.list-table tbody tr');
    const source = (await page.locator('.list-table tbody .col-name').allTextContents()).map((s) => s.trim());
    const download = page.waitForEvent('download');
    await menu(page, '导出表格');
    const dl = await download;
    expect(dl.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsx = path.join(tmp, dl.suggestedFilename());
    await dl.saveAs(xlsx);

    await apiCall(sender, 'units.save', { unit: { code: '100001', name: '某县医疗保障局' } });
    const { dialog, rows } = await previewImport('100001', 2026, xlsx, true);
    expect(await dialog.locator('.import-table-name .nm').allTextContents()).toEqual(source);
    expect(await rows.first().locator('.meta').textContent()).toMatch(/\d (万元|元)$/);
    // Our workbook says it is of 2025: imported into the year of the list, its tables come as carried over.
    await dialog.getByLabel('导入到年度').fill('2026');
    await dialog.locator('.import-carried').waitFor();
    await dialog.getByRole('button', { name: /^确认导入/ }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.list-table tbody tr').length === n, source.length);
    expect((await page.locator('.list-table tbody .col-name').allTextContents()).map((s) => s.trim())).toEqual(source);
  });

  it('a Word table is previewed and stored through the same dialog', async () => {
    const row = (await apiCall<ApiResults['projects.list']>(sender, 'projects.list', { unitCode: '341182', year: 2024 })).rows[0]!;
    const { jobId } = await apiCall<{ jobId: string }>(sender, 'export.docx', { scope: { kind: 'project', id: row.id } });
    let job: { state: string; fileName?: string; base64?: string } = { state: 'running' };
    for (let i = 0; i < 500 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = await apiCall(sender, 'jobs.get', { jobId });
    }
    expect(job.state).toBe('done');
    const docx = path.join(tmp, job.fileName!);
    fs.writeFileSync(docx, Buffer.from(job.base64!, 'base64'));

    const { dialog, rows } = await previewImport('100001', 2027, docx);
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().locator('.import-table-name .nm').textContent()).resolves.toBe(row.name);
    // The table says 2024: stored into the list's year as the user sets it.
    await dialog.getByLabel('导入到年度').fill('2027');
    await dialog.locator('.import-carried').waitFor();
    await dialog.getByRole('button', { name: /^确认导入/ }).click();
    // The file is read again (in the worker) before it is stored; the dialog then says what was stored
    // (it stays open for 撤销导入).
    await dialog.getByText(/已导入 1 张项目表/).first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelectorAll('.list-table tbody tr').length === 1);
    const stored = (await apiCall<ApiResults['projects.list']>(sender, 'projects.list', { unitCode: '100001', year: 2027 })).rows;
    expect(stored.map((r) => [r.name, r.templateId, r.budget])).toEqual([[row.name, row.templateId, row.budget]]);
  });
});
