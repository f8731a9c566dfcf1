// Unit-year settings from the user's side, in Chromium on the production build: the header
// shows 表样 · 指标体系 · 审核规则 and changes them; a new table follows them (表样 A with the
// 财预〔2021〕101号 groups); an older table of layout D shows the mismatch in its own 审核 at
// once, and 转换表样 lists what has no place before converting it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SavedProject } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const UNIT = '341182';
const YEAR = 2026;

d('unit-year settings (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  let oldId = '';

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(app, 'units.save', { unit: { code: UNIT, name: '明光市医疗保障局', supervisor: null, region: '明光市' } });
    // The unit-year's first table (layout D, the unit's region): it fixes the settings.
    const old = await apiCall<SavedProject>(app, 'projects.create', { unitCode: UNIT, year: YEAR, templateId: 'D', name: '城乡医疗救助' });
    oldId = old.filing.id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the settings in the header and changes them; a new table follows (表样 A, 101号)', async () => {
    await page.goto(`${app.host.url}#/u/${UNIT}/${YEAR}`);
    const bar = page.getByTestId('uy-settings');
    await bar.waitFor();
    await expect(bar.textContent()).resolves.toContain('表样 D');
    await expect(bar.textContent()).resolves.toContain('指标体系 财预〔2015〕88号等');
    await bar.getByRole('button', { name: '修改设置' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('表样').selectOption('A');
    await dialog.getByLabel('指标体系').selectOption('caiyu2021');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="uy-settings"]')?.textContent?.includes('表样 A'));
    await expect(bar.textContent()).resolves.toContain('指标体系 财预〔2021〕101号');

    await page.getByRole('button', { name: '＋ 新建项目表' }).click();
    // Waited for: the dialog reads the unit-year's settings first (正在读取单位年度设置……).
    await expect.poll(() => page.getByTestId('new-table-settings').textContent(), { timeout: 10_000 }).toMatch(/表样 A.*指标体系 财预〔2021〕101号/);
    await page.keyboard.type('医保基金监管');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.form-table[data-complete]');
    // 成本指标 is a 一级 of its own, with 经济成本指标 under it.
    const level1 = await page.locator('[data-path$=".level1"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim() || (e as HTMLInputElement).value));
    expect(level1).toContain('成本指标');
    await shot(page, 'settings-101-form');
    const id = decodeURIComponent(page.url().split('/p/')[1] ?? '');
    const stored = await apiCall<SavedProject>(app, 'projects.get', { id });
    expect(stored.filing).toMatchObject({ templateId: 'A', indicatorSystem: 'caiyu2021' });
  });

  it('an older table of layout D shows the mismatch at once; 转换表样 lists what has no place, then converts', async () => {
    await page.goto(`${app.host.url}#/u/${UNIT}/${YEAR}/p/${encodeURIComponent(oldId)}`);
    const mismatch = page.locator('.finding-error[data-code="R-SETTINGS"]');
    await mismatch.first().waitFor({ timeout: 10_000 });
    await expect(mismatch.first().textContent()).resolves.toContain('使用表样 D，本单位年度设置的表样为 A');
    await page.getByRole('button', { name: '转换表样', exact: true }).click();
    const plan = page.getByTestId('convert-plan');
    await plan.waitFor();
    await expect(plan.textContent()).resolves.toContain('表样 D → 表样 A');
    await expect(page.getByTestId('convert-losses').textContent()).resolves.toMatch(/中期的目标、资金和 \d+ 行指标（表样 A 只有年度）/);
    await shot(page, 'settings-convert-dialog');
    await page.getByRole('button', { name: /^确认转换/ }).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="convert-plan"]'));
    await page.waitForFunction(() => !document.querySelector('.finding-error[data-code="R-SETTINGS"]'), null, { timeout: 10_000 });
    await shot(page, 'settings-converted-table');
    const stored = await apiCall<SavedProject>(app, 'projects.get', { id: oldId });
    expect(stored.filing.templateId).toBe('A');
    expect(stored.filing.indicatorSystem).toBe('caiyu2021');
    expect(Object.keys(stored.filing.periods)).toEqual(['annual']);
    // The form now has no 中期 column set.
    await expect(page.locator('[data-path^="periods.midterm"]').count()).resolves.toBe(0);
  });

  it('point 2: a 101号 table of layout B — 成本 under 成本指标, 依据 as the system names it (fix offered), the print follows', async () => {
    const Y2 = YEAR + 1;
    await apiCall(app, 'settings.set', { settings: { unitCode: UNIT, year: Y2, templateId: 'B', indicatorSystem: 'caiyu2021', ruleProfile: 'default', printKind: 'public', signature: 'table' } });
    await page.goto(`${app.host.url}#/u/${UNIT}/${Y2}`);
    await page.getByRole('button', { name: '＋ 新建项目表' }).click();
    await page.keyboard.type('医疗救助资金');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.form-table[data-complete]');
    const id = decodeURIComponent(page.url().split('/p/')[1] ?? '');
    const f = (await apiCall<SavedProject>(app, 'projects.get', { id })).filing;
    const i = f.periods.annual!.indicators.findIndex((r) => r.level1 === '成本指标');
    expect(f.periods.annual!.indicators[i]!.level2).toBe('经济成本指标');
    const cellAt = (col: string) => page.locator(`textarea[data-path="periods.annual.indicators[${i}].${col}"]`);
    await cellAt('name').click();
    await page.keyboard.type('人均救助成本');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab'); // 绩效指标描述 → 指标值
    await page.keyboard.type('≤800元/人');
    await page.keyboard.press('Tab');
    await page.keyboard.type('工作计划');
    await page.keyboard.press('Tab');
    const warn = page.locator('.finding-warning[data-code="R-IND-BASIS-KIND"]');
    await warn.waitFor({ timeout: 10_000 });
    await expect(warn.locator('.finding-msg').textContent()).resolves.toMatch(/指标值确定依据 “工作计划” 不是.*101号.*规定的类别（计划标准、行业标准、历史标准、其他认可标准）/);
    await warn.locator('.fix-btn').click();
    await warn.waitFor({ state: 'detached', timeout: 10_000 });
    await expect(cellAt('basis').inputValue()).resolves.toBe('计划标准');
    await shot(page, 'settings-101-form-B');
    // The printed table has 成本指标 as a 一级 of its own.
    await page.getByRole('button', { name: '打印预览' }).click();
    const frame = page.frameLocator('iframe.print-frame');
    await frame.locator('table').first().waitFor({ timeout: 15_000 });
    const cells = await frame.locator('td').allTextContents();
    expect(cells).toContain('成本指标');
    expect(cells).toContain('经济成本指标');
    expect(cells).toContain('计划标准');
    await page.keyboard.press('Escape');
  });
  it('a new unit-year without tables: 部门整体绩效目标 is there once its 表样 has one (B); a double click on 新建项目表 keeps the dialog open', async () => {
    const code = '341199';
    await apiCall(app, 'units.save', { unit: { code, name: '凤阳县医疗保障局', supervisor: null, region: '凤阳县' } });
    await page.goto(`${app.host.url}#/u/${code}/${YEAR}`);
    const bar = page.getByTestId('uy-settings');
    await bar.waitFor();
    const deptButton = page.getByRole('button', { name: '部门整体绩效目标' });
    if ((await bar.textContent())?.includes('表样 B')) throw new Error('expected a default 表样 other than B for this region');
    await expect(deptButton.count()).resolves.toBe(0);
    await bar.getByRole('button', { name: '修改设置' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.locator('option[value="B"]').textContent()).resolves.toContain('含部门整体绩效目标');
    await dialog.getByLabel('表样').selectOption('B');
    await dialog.getByRole('button', { name: '保存' }).click();
    await deptButton.waitFor({ timeout: 10_000 });
    await deptButton.click();
    await page.waitForURL(/\/dept/);
    await page.goBack();
    // The second press of a double click lands on the backdrop of the dialog the first one opened.
    await page.getByRole('button', { name: '＋ 新建项目表' }).dblclick();
    await expect(page.getByRole('dialog').count()).resolves.toBe(1);
    await page.keyboard.press('Escape');
  });
});
