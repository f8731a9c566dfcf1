// Paste into the 部门整体绩效目标 editor, in Chromium on the production build: last year's
// indicator table copied from Excel (text/plain with a header) pasted into a 分项's 绩效指标
// becomes its text, at the caret, stored once the box is left, with a message saying how; one
// Ctrl+Z takes it back; Word's HTML table reads the same; a block in 总体绩效目标 is joined.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DeptTarget } from '../../shared/model/filing.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const UNIT = '130200';
const YEAR = 2025;

/** A paste event as Chromium fires it on Ctrl+V, with text/plain (and text/html, as Excel and Word put both). */
async function pasteInto(page: Page, label: string, text: string, html = ''): Promise<void> {
  await page.getByLabel(label, { exact: true }).evaluate((node, [t, h]) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    if (h) dt.setData('text/html', h);
    node.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [text, html] as const);
}

d('paste into the 部门整体绩效目标 (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  const stored = async () => (await apiCall<DeptTarget>(app, 'dept.get', { unitCode: UNIT, year: YEAR }));
  const saved = () => page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === '已保存');

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(app, 'units.save', { unit: { code: UNIT, name: '唐山市医疗保障局', supervisor: null, region: '唐山市' } });
    await apiCall(app, 'projects.create', { unitCode: UNIT, year: YEAR, templateId: 'B', name: '医保基金监管' });
    const items = [{ title: '基金监管', goal: '守好群众的“看病钱”。', indicators: '' }];
    await apiCall(app, 'dept.save', { target: { unitCode: UNIT, year: YEAR, overall: '', items, measures: [], carriedOver: [] } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an indicator table from Excel becomes the 分项’s 绩效指标 text; one Ctrl+Z takes it back', async () => {
    await page.goto(app.host.url);
    await page.waitForSelector('.list-view');
    await page.goto(`${app.host.origin}/#/u/${UNIT}/${YEAR}/dept`);
    const box = page.getByLabel('分项 1 绩效指标', { exact: true });
    await box.click();
    await page.keyboard.type('全年：');
    await pasteInto(page, '分项 1 绩效指标', '一级指标\t二级指标\t三级指标\t指标值\r\n产出指标\t数量指标\t定点机构现场检查率\t≥95%\r\n\t时效指标\t检查完成时间\t2025年12月底前\r\n满意度指标\t服务对象满意度指标\t参保群众满意度\t≥90%\r\n');
    const text = '全年：定点机构现场检查率：≥95%；检查完成时间：2025年12月底前；参保群众满意度：≥90%。';
    await expect(box.inputValue()).resolves.toBe(text);
    await page.locator('.toast', { hasText: '已把粘贴的 3 行指标写为“三级指标和指标值”，以“；”分隔，表头行未粘贴' }).waitFor();
    await shot(page, 'dept-paste-indicators');
    // Stored when the box is left, as typing is.
    await page.getByLabel('总体绩效目标', { exact: true }).click();
    await saved();
    expect((await stored()).items[0]!.indicators).toBe(text);
    // The editor's undo: the box as before the paste and the typing (one commit), stored too.
    await page.keyboard.press('Control+z');
    await expect(box.inputValue()).resolves.toBe('');
    await saved();
    expect((await stored()).items[0]!.indicators).toBe('');
  });

  it('Word’s HTML table (merged 一级) reads the same; a block in 总体绩效目标 is joined, one paragraph a row', async () => {
    const html =
      '<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>' +
      '<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>检查率</td><td>100%</td></tr>' +
      '<tr><td>时效指标</td><td>完成时间</td><td>年底前</td></tr></table>';
    const plain = '一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t检查率\t100%\n时效指标\t完成时间\t年底前\n';
    await page.getByLabel('分项 1 绩效指标', { exact: true }).click();
    await pasteInto(page, '分项 1 绩效指标', plain, html);
    await expect(page.getByLabel('分项 1 绩效指标', { exact: true }).inputValue()).resolves.toBe('检查率：100%；完成时间：年底前。');
    const overall = page.getByLabel('总体绩效目标', { exact: true });
    await overall.click();
    await pasteInto(page, '总体绩效目标', '加强\t基金监管\r\n提高\t待遇保障\r\n');
    await expect(overall.inputValue()).resolves.toBe('加强 基金监管\n提高 待遇保障');
    await page.getByLabel('分项 1 标题', { exact: true }).click();
    await saved();
    const t = await stored();
    expect(t.overall).toBe('加强 基金监管\n提高 待遇保障');
    expect(t.items[0]!.indicators).toBe('检查率：100%；完成时间：年底前。');
  });
});
