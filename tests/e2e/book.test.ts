// The unit-year book in the browser: 复制上年 with carried-over marks until looked at,
// delete with 撤销, reorder by keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults, SavedProject } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

d('unit-year book (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    // Last year's book, made through the API.
    await apiCall(app, 'units.save', { unit: { code: '382101', name: '天津市医疗保障局', supervisor: null, region: '天津', sample: false } });
    for (const [name, value] of [
      ['医保待遇调整工作经费', '≥5次'],
      ['医保信息化建设专项', '≥1套'],
    ] as const) {
      const c = await apiCall<SavedProject>(app, 'projects.create', { unitCode: '382101', year: 2024, templateId: 'A', name });
      const f = structuredClone(c.filing);
      f.fundUse = '主要用于保障医保业务工作';
      f.periods.annual!.funding.total = 280_500_000;
      f.periods.annual!.funding.fiscal = 280_500_000;
      f.periods.annual!.goal = '1.持续推进医保业务工作';
      f.periods.annual!.indicators[0]!.name = '组织专家评审次数';
      f.periods.annual!.indicators[0]!.value = value;
      f.periods.annual!.indicators[2]!.name = '评审完成时间';
      f.periods.annual!.indicators[2]!.value = '2024年12月底前';
      await apiCall(app, 'projects.save', { filing: f, expectedRevision: c.revision });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('copies last year; the copied values are marked until looked at', async () => {
    await page.goto(app.host.url);
    await page.waitForSelector('.list-table tbody tr');
    await page.getByLabel('年度').selectOption('2025');
    await page.waitForSelector('.list-view .empty');
    await page.getByRole('button', { name: '复制上年' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '复制 2024 年度全部' }).click();
    await page.waitForSelector('.list-table tbody tr >> nth=1');
    const marks = await page.locator('.list-table .col-carried .badge-carried').allTextContents();
    expect(marks).toHaveLength(2);
    expect(marks[0]).toMatch(/^结转 \d+$/);
    await expect(page.locator('.summary .badge-carried').textContent()).resolves.toMatch(/上年结转待确认 \d+ 处/);
    await shot(page, 'list-carried');

    await page.locator('.list-table tbody tr').first().dblclick();
    await page.waitForSelector('.form-table[data-complete]');
    const id = decodeURIComponent(page.url().split('/p/')[1] ?? '');
    const carriedCells = page.locator('td.cell.carried');
    expect(await carriedCells.count()).toBeGreaterThan(8);
    // The year in a date moved with the copy, and is marked.
    const dateCell = page.locator('textarea[data-path="periods.annual.indicators[2].value"]');
    await expect(dateCell.inputValue()).resolves.toBe('2025年12月底前');
    await expect(page.locator('td.cell.carried textarea[data-path="name"]').count()).resolves.toBe(1);
    await shot(page, 'form-A-carried');

    // Tabbing through cells only looks: every mark stays (on screen and stored).
    const stored = (await apiCall<SavedProject>(app, 'projects.get', { id })).filing.carriedOver.length;
    await page.locator('textarea[data-path="name"]').focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    await page.locator('textarea[data-path="name"]').focus();
    await page.locator('.carried-bar').waitFor();
    await expect(page.locator('td.cell.carried textarea[data-path="name"]').count()).resolves.toBe(1);
    expect((await apiCall<SavedProject>(app, 'projects.get', { id })).filing.carriedOver).toHaveLength(stored);
    // 确认本格 is the explicit confirmation: the mark goes, in the database too.
    await page.locator('.carried-bar').getByRole('button', { name: '确认本格' }).click();
    await page.waitForFunction(() => !document.querySelector('textarea[data-path="name"]')?.closest('td')?.classList.contains('carried'));
    const f = (await apiCall<SavedProject>(app, 'projects.get', { id })).filing;
    expect(f.carriedOver).not.toContain('name');
    expect(f.carriedOver).toHaveLength(stored - 1);
    // An edit clears the mark of the edited value.
    const goal = page.locator('textarea[data-path="periods.annual.goal"]');
    await goal.fill('1.今年持续推进医保业务工作');
    await goal.press('Tab');
    await page.waitForFunction(() => !document.querySelector('textarea[data-path="periods.annual.goal"]')?.closest('td')?.classList.contains('carried'));
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === '已保存');
    expect((await apiCall<SavedProject>(app, 'projects.get', { id })).filing.carriedOver).not.toContain('periods.annual.goal');

    // 确认全部结转内容 clears the rest.
    await page.getByRole('button', { name: /确认全部结转内容/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('td.cell.carried').length === 0);
    const g = (await apiCall<SavedProject>(app, 'projects.get', { id })).filing;
    expect(g.carriedOver).toEqual([]);
  });

  it('checks the whole unit-year and jumps from a finding to its table and cell', async () => {
    await page.getByRole('button', { name: '← 项目列表' }).click();
    await page.getByRole('button', { name: '审核全部' }).click();
    const group = page.locator('.audit-group').filter({ has: page.locator('.audit-group-title', { hasText: '医保信息化建设专项' }) });
    await group.first().waitFor();
    const finding = group.locator('.finding-error').filter({ hasText: /三级指标名称为空|行（.*）未填写/ }).first();
    await finding.locator('.finding-msg').click();
    await page.waitForSelector('.form-table[data-complete]');
    await page.waitForFunction(() => /^periods\.annual\.indicators\[\d+\]\.name$/.test((document.activeElement as HTMLElement | null)?.dataset.path ?? ''));
    await expect(page.locator('.paper .hd-heading').textContent()).resolves.toContain('医保信息化建设专项');
  });

  it('deletes with 撤销 and reorders by keyboard', async () => {
    await page.getByRole('button', { name: '← 项目列表' }).click();
    await page.waitForSelector('.list-table tbody tr >> nth=1');
    const names = () => page.locator('.list-table tbody .col-name').allTextContents();
    const before = await names();
    expect(before).toEqual(['医保待遇调整工作经费', '医保信息化建设专项']);

    // Alt+↓ on the focused first row moves it down.
    await page.locator('.list-table tbody tr').first().focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForFunction(() => document.querySelector('.list-table tbody .col-name')?.textContent === '医保信息化建设专项');
    const listed = await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: '382101', year: 2025 });
    expect(listed.rows.map((r) => [r.seq, r.name])).toEqual([
      [1, '医保信息化建设专项'],
      [2, '医保待遇调整工作经费'],
    ]);

    // Delete (key), then 撤销 from the toast.
    await page.locator('.list-table tbody tr').first().focus();
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => document.querySelectorAll('.list-table tbody tr').length === 1);
    await page.locator('.toast').getByRole('button', { name: '撤销' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.list-table tbody tr').length === 2);
    expect(await names()).toEqual(['医保信息化建设专项', '医保待遇调整工作经费']);
  });

  it('changes the unit information (主管部门) without leaving the page', async () => {
    await page.getByRole('button', { name: '单位信息' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('单位编码').getAttribute('readonly')).resolves.not.toBeNull();
    await dialog.getByLabel('主管部门代码').fill('120');
    await dialog.getByLabel('主管部门名称').fill('天津市医疗保障局');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.locator('.toast').filter({ hasText: '已保存单位' }).waitFor();
    const units = await apiCall<Array<{ code: string; supervisor: { code: string; name: string } | null }>>(app, 'units.list', {});
    expect(units.find((u) => u.code === '382101')?.supervisor).toEqual({ code: '120', name: '天津市医疗保障局' });
    await page.waitForSelector('.list-table tbody tr');
  });
});
