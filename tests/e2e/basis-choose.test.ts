// 财预〔2021〕101号: rows without 指标值确定依据, from the user's side in Chromium on the
// production build. The 审核 panel lists them as one line with a count that expands; its
// button (and each finding's) focuses the cell and opens the list of the four kinds (F4);
// nothing is chosen for the user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SavedProject, UnitYearSettingsView } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp, waitSaved } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const UNIT = '450322';
const YEAR = 2027;
const KINDS = ['计划标准', '行业标准', '历史标准', '其他认可标准'];

d('依据 missing under 101号 (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  let id = '';
  const stored = async () => (await apiCall<SavedProject>(app, 'projects.get', { id })).filing;

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(app, 'units.save', { unit: { code: UNIT, name: '某县医疗保障局', region: '' } });
    const s = await apiCall<UnitYearSettingsView>(app, 'settings.get', { unitCode: UNIT, year: YEAR });
    await apiCall(app, 'settings.set', { settings: { ...s.settings, templateId: 'B', indicatorSystem: 'caiyu2021' } });
    const p = await apiCall<SavedProject>(app, 'projects.create', { unitCode: UNIT, year: YEAR, name: '医疗保障基金监管专项经费' });
    // Every row typed, the first with its 依据, the others without.
    const names: Record<string, [string, string]> = {
      数量指标: ['检查定点医药机构数量', '≥120家'],
      质量指标: ['问题整改完成率', '≥95%'],
      时效指标: ['检查完成时间', '2027年12月31日前'],
      经济成本指标: ['检查经费', '≤30万元'],
      社会效益指标: ['基金安全运行', '无重大基金安全事件'],
      服务对象满意度指标: ['参保群众满意度', '≥90%'],
    };
    const rows = p.filing.periods.annual!.indicators.map((r, i) => {
      const [name, value] = names[r.level2] ?? [`指标${i}`, '≥1项'];
      return { ...r, name, description: name, value, basis: i === 0 ? '计划标准' : '' };
    });
    const annual = { ...p.filing.periods.annual!, goal: '1.完成定点医药机构检查', funding: { total: 30_000_000, fiscal: 30_000_000 }, indicators: rows };
    const saved = await apiCall<SavedProject>(app, 'projects.save', { filing: { ...p.filing, fundUse: '用于基金监管检查', periods: { annual } }, expectedRevision: p.revision });
    id = saved.filing.id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('one line with a count that expands; its button opens the list of the four kinds in the first empty cell', async () => {
    const before = (await stored()).periods.annual!.indicators;
    const empty = before.map((r, i) => (r.basis ? -1 : i)).filter((i) => i >= 0);
    expect(empty.length).toBeGreaterThanOrEqual(4);
    await page.goto(`${app.host.url}#/u/${UNIT}/${YEAR}/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    const panel = page.locator('aside.audit');
    const group = panel.locator('.finding-group[data-code="R-IND-BASIS"]');
    await group.waitFor({ timeout: 10_000 });
    // One line, not one per row.
    await expect(panel.locator('.finding[data-code="R-IND-BASIS"]').count()).resolves.toBe(1);
    await expect(group.locator('> .finding-msg').textContent()).resolves.toBe(`警告▸“指标值确定依据”未填写${empty.length} 处`);
    await group.locator('> .finding-msg').click();
    const items = group.locator('.group-items > .finding');
    await expect(items.count()).resolves.toBe(empty.length);
    await expect(items.first().locator('.finding-msg').textContent()).resolves.toMatch(/的“指标值确定依据”未填写$/);
    await shot(page, 'basis-group-open');

    await group.locator('> .fix-btn', { hasText: '选择依据类别（F4）' }).click();
    const options = page.locator('ul.suggest [role="option"]');
    await expect.poll(() => options.allTextContents(), { timeout: 5000 }).toEqual(KINDS);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-path'));
    expect(focused).toBe(`periods.annual.indicators[${empty[0]}].basis`);
    await shot(page, 'basis-choose-list');
    // Nothing was chosen for the user meanwhile.
    expect((await stored()).periods.annual!.indicators.map((r) => r.basis)).toEqual(before.map((r) => r.basis));
    await options.filter({ hasText: '历史标准' }).click();
    await waitSaved(page);
    expect((await stored()).periods.annual!.indicators[empty[0]!]!.basis).toBe('历史标准');
    await expect.poll(() => group.getAttribute('data-count'), { timeout: 10_000 }).toBe(String(empty.length - 1));

    // A finding's own button: that row's cell, its list open.
    const last = empty[empty.length - 1]!;
    const item = group.locator('.group-items > .finding').last();
    await item.locator('.fix-btn', { hasText: '选择依据类别（F4）' }).click();
    await expect.poll(() => options.allTextContents(), { timeout: 5000 }).toEqual(KINDS);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe(`periods.annual.indicators[${last}].basis`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    expect((await stored()).periods.annual!.indicators[last]!.basis).toBe('计划标准');
    await expect.poll(() => group.getAttribute('data-count'), { timeout: 10_000 }).toBe(String(empty.length - 2));
  });
});
