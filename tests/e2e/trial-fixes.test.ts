// Issue 12, the third new-user trial, from the user's side in Chromium on the production
// build: a budget and its 财政资金 both typed in 元 into a 万元 table are put right by one
// click (each ÷ 10,000, the sum kept); under 财预〔2021〕101号 a 成本指标 typed as the 二级 of
// a 产出 row is moved by one click into the 成本指标 group, and F4 offers the four kinds of
// 指标值确定依据; at 1366 px the toolbar of a
// copied table with 错误 and 警告 shows its 审核 button whole; the 确认本格 bar of a copied
// cell stands above the paper, not beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SavedProject, UnitYearSettingsView } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp, waitSaved } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const UNIT = '450321';
const WAN = 1_000_000;

d('the third new-user trial (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  const cell = (path: string) => page.locator(`textarea[data-path="${path}"]`);
  const open = async (id: string) => {
    await page.goto(`${app.host.url}#/u/${UNIT}/2026/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
  };
  const stored = async (id: string) => (await apiCall<SavedProject>(app, 'projects.get', { id })).filing;
  /** Types each text into the cell in turn, Tab after each ('' passes a cell by), until saved. */
  const typeAcross = async (...texts: string[]) => {
    for (const t of texts) {
      if (t) await page.keyboard.type(t);
      await page.keyboard.press('Tab');
    }
    await waitSaved(page);
  };

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(app, 'units.save', { unit: { code: UNIT, name: '某县医疗保障局', region: '' } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('预算数 and 财政资金 both typed in 元: one fix divides both, the sum stays right', async () => {
    const id = (await apiCall<SavedProject>(app, 'projects.create', { unitCode: UNIT, year: 2026, templateId: 'A', name: '医保经办大厅窗口维修' })).filing.id;
    await open(id);
    await cell('periods.annual.funding.total').click();
    await typeAcross('80000', '80000');
    const warn = page.locator('.finding-warning[data-code="R-FUND-MAGNITUDE"]');
    await expect.poll(() => warn.count(), { timeout: 10_000 }).toBe(2);
    const fix = warn.first().locator('.fix-btn');
    await expect(fix.textContent()).resolves.toBe('改为 预算数 8.00 万元、财政资金 8.00 万元（各 ÷10000）');
    // The whole description is inside the 审核 panel (it wraps, it does not run out of it).
    const [btn, panel] = await Promise.all([fix.boundingBox(), page.locator('aside.audit').boundingBox()]);
    expect(btn!.x + btn!.width).toBeLessThanOrEqual(panel!.x + panel!.width);
    await shot(page, 'trial-magnitude-both-lines');
    await fix.click();
    await waitSaved(page);
    await expect.poll(() => warn.count(), { timeout: 10_000 }).toBe(0);
    expect((await stored(id)).periods.annual!.funding).toMatchObject({ total: 8 * WAN, fiscal: 8 * WAN });
    await expect(cell('periods.annual.funding.total').inputValue()).resolves.toBe('8.00');
    await expect(cell('periods.annual.funding.fiscal').inputValue()).resolves.toBe('8.00');
    // No 预算数 ≠ 财政资金 + 其他资金 either, and one 撤销 brings both amounts back.
    await expect(page.locator('.finding[data-code="R-FUND-SUM"]').count()).resolves.toBe(0);
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await waitSaved(page);
    expect((await stored(id)).periods.annual!.funding).toMatchObject({ total: 80_000 * WAN, fiscal: 80_000 * WAN });
  });

  it('财预〔2021〕101号: 成本指标 typed under 产出指标 is moved into the 成本指标 group by its fix', async () => {
    const s = await apiCall<UnitYearSettingsView>(app, 'settings.get', { unitCode: UNIT, year: 2027 });
    await apiCall(app, 'settings.set', { settings: { ...s.settings, templateId: 'B', indicatorSystem: 'caiyu2021' } });
    const p = await apiCall<SavedProject>(app, 'projects.create', { unitCode: UNIT, year: 2027, name: '医疗保障基金监管专项经费' });
    const id = p.filing.id;
    const rows = p.filing.periods.annual!.indicators;
    expect(p.filing.indicatorSystem).toBe('caiyu2021');
    await page.goto(`${app.host.url}#/u/${UNIT}/2027/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    // The clerk's habit from the old system: 时效指标 row retyped as 产出指标/成本指标.
    const i = rows.findIndex((r) => r.level2 === '时效指标');
    await cell(`periods.annual.indicators[${i}].level2`).click();
    await page.keyboard.press('Control+A');
    await typeAcross('成本指标', '检查经费', '', '≤30万元');
    const err = page.locator('.finding-error[data-code="R-IND-L2-PARENT"]');
    await err.waitFor({ timeout: 10_000 });
    await expect(err.locator('.finding-msg').textContent()).resolves.toContain('中“成本指标”是一级指标（二级指标：经济成本指标、社会成本指标、生态环境成本指标）');
    await err.locator('.fix-btn', { hasText: '移到“成本指标/经济成本指标”' }).click();
    await waitSaved(page);
    await err.waitFor({ state: 'detached', timeout: 10_000 });
    const after = (await stored(id)).periods.annual!.indicators;
    // The row took the place of the new table's blank 成本指标 row; nothing typed is lost.
    expect(after).toHaveLength(rows.length - 1);
    const moved = after.find((r) => r.name === '检查经费')!;
    expect([moved.level1, moved.level2, moved.value]).toEqual(['成本指标', '经济成本指标', '≤30万元']);
    await expect(page.locator('.finding[data-code="R-IND-ROW-BLANK"]', { hasText: '成本指标/经济成本指标' }).count()).resolves.toBe(0);
    await shot(page, 'trial-101-cost-moved');

    // F4 in a 指标值确定依据 cell offers the four kinds 审核 accepts; choosing one stores it.
    const basis = cell('periods.annual.indicators[0].basis');
    await basis.click();
    await page.keyboard.press('F4');
    const options = page.locator('ul.suggest [role="option"]');
    await expect.poll(() => options.allTextContents(), { timeout: 5000 }).toEqual(['计划标准', '行业标准', '历史标准', '其他认可标准']);
    await options.filter({ hasText: '行业标准' }).click();
    await waitSaved(page);
    expect((await stored(id)).periods.annual!.indicators[0]!.basis).toBe('行业标准');
    await expect(page.locator('.finding[data-code="R-IND-BASIS-KIND"]').count()).resolves.toBe(0);

    // A library indicator whose published 依据 is “工作计划” fills 计划标准 here, never a 依据 审核 questions.
    const row = (await stored(id)).periods.annual!.indicators.findIndex((r) => r.level2 === '质量指标');
    await cell(`periods.annual.indicators[${row}].name`).click();
    await page.keyboard.type('工作完成率');
    // As the list says it (the entry's “工作计划” named by its kind).
    const entry = page.locator('ul.suggest [role="option"]', { hasText: '工作完成率' }).filter({ hasText: '依据 计划标准' }).first();
    await entry.waitFor({ timeout: 5000 });
    await entry.click();
    await waitSaved(page);
    const chosen = (await stored(id)).periods.annual!.indicators[row]!;
    expect([chosen.name, chosen.basis]).toEqual(['工作完成率', '计划标准']);
    await expect(page.locator('.finding[data-code="R-IND-BASIS-KIND"]').count()).resolves.toBe(0);
  });

  it('at 1366 px a copied table with 错误 and 警告 shows the whole 审核 button', async () => {
    for (const name of ['医保经办大厅窗口维修', '医保信息系统运行维护']) {
      const c = await apiCall<SavedProject>(app, 'projects.create', { unitCode: UNIT, year: 2024, templateId: 'A', name });
      const f = c.filing;
      const annual = { ...f.periods.annual!, funding: { ...f.periods.annual!.funding, total: 80_000 * WAN, fiscal: 80_000 * WAN } };
      await apiCall(app, 'projects.save', { filing: { ...f, fundUse: '用于维修', periods: { annual } }, expectedRevision: c.revision });
    }
    await apiCall(app, 'projects.copyYear', { unitCode: UNIT, fromYear: 2024, toYear: 2025 });
    const [first] = (await apiCall<{ rows: Array<{ id: string }> }>(app, 'projects.list', { unitCode: UNIT, year: 2025 })).rows;
    await page.goto(`${app.host.url}#/u/${UNIT}/2025/p/${encodeURIComponent(first!.id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    const audit = page.getByRole('button', { name: /^审核（错误 \d+ · 警告 \d+）$/ });
    await audit.waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: /^确认全部结转内容/ }).waitFor();
    const box = (await audit.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    const bar = await page.evaluate(() => {
      const t = document.querySelector('.project-view > .toolbar')!;
      const tops = Array.from(t.children).filter((c) => c.getBoundingClientRect().width > 0).map((c) => c.getBoundingClientRect().top);
      return { scroll: t.scrollWidth, client: t.clientWidth, spread: Math.max(...tops) - Math.min(...tops) };
    });
    expect(bar.scroll).toBeLessThanOrEqual(bar.client);
    expect(bar.spread).toBeLessThan(15); // one line: it does not wrap either
    await shot(page, 'trial-toolbar-1366');
  });

  it('the 确认本格 bar of a copied cell is a line above the paper, which keeps its place', async () => {
    const paper = page.locator('.paper');
    const before = (await paper.boundingBox())!;
    await shot(page, 'trial-carried-before');
    await cell('fundUse').click();
    const bar = page.locator('.carried-bar');
    await bar.waitFor();
    const [b, p] = [(await bar.boundingBox())!, (await paper.boundingBox())!];
    expect(b.height).toBeLessThan(60);
    expect(b.y + b.height).toBeLessThanOrEqual(p.y + 1);
    expect(b.x).toBeGreaterThanOrEqual(p.x - 1);
    expect(b.x + b.width).toBeLessThanOrEqual(p.x + p.width + 1);
    // The paper does not move when the line shows: not sideways, not down (it was pushed 43 px).
    expect(p).toEqual(before);
    // Nothing of the form is under the line: it stands above the scroll area, over no cell.
    const scroll = (await page.locator('.form-scroll').boundingBox())!;
    expect(b.y + b.height).toBeLessThanOrEqual(scroll.y + 1);
    await shot(page, 'trial-carried-bar');
    await bar.getByRole('button', { name: '确认本格' }).click();
    await bar.waitFor({ state: 'detached' });
    // Nor when it goes.
    expect((await paper.boundingBox())!).toEqual(before);
    // A carried cell far down the form, scrolled to: the line is in sight, the cell not under it.
    const lower = page.locator('td.cell.carried textarea').last();
    await lower.click();
    await bar.waitFor();
    const [b2, c2] = [(await bar.boundingBox())!, (await lower.boundingBox())!];
    expect(b2.y).toBeGreaterThanOrEqual(0);
    expect(c2.y).toBeGreaterThanOrEqual(b2.y + b2.height);
  });
});
