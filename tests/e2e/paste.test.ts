// Paste from Excel / WPS / Word in the project form, in Chromium on the production build: a
// 2×3 block pasted into a 三级 cell spreads over the rows (one added in its group) and is
// stored in one save; Ctrl+Z takes the whole paste back in one step, Ctrl+Y brings it again;
// last year's table from Word (text/plain and its HTML table) with its header, pasted into the
// merged 一级 cell, gives the right rows; a block pasted into 项目名称 is joined with a hint,
// "30万元" into 预算数 is read as typing is; an 已审核 table asks first; a received table
// refuses the paste with the usual message and stores nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Dialog, Page } from 'playwright-core';
import type { ApiResults, SavedProject } from '../../shared/api/contract.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { storeWith } from '../handover/helpers.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { editConfirmQuestion } from '../../shared/model/status.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp, waitSaved } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const UNIT = '619001';
const YEAR = 2025;

/** A paste event as the browser fires it on Ctrl+V, with the clipboard's text/plain (and text/html, as Excel and Word put both). */
async function pasteInto(page: Page, dataPath: string, text: string, opts: { html?: string; selectAll?: boolean } = {}): Promise<void> {
  const el = page.locator(`textarea[data-path="${dataPath}"]`);
  await el.click();
  if (opts.selectAll) await page.keyboard.press('Control+A');
  await el.evaluate((node, [t, html]) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    if (html) dt.setData('text/html', html);
    node.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [text, opts.html ?? ''] as const);
}

/** The hint under a cell (how a paste or an amount was taken, or why not). */
const hintOf = (page: Page, dataPath: string) => page.locator(`td:has(> div > textarea[data-path="${dataPath}"]) .cell-hint`).textContent();

const rowsOf = (f: ProjectFiling) => f.periods.annual!.indicators.map((r) => [r.level1, r.level2, r.name, r.description, r.value].join('|'));

d('paste from a spreadsheet (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  let id = '';
  let tmp = '';
  let before: ProjectFiling;
  const stored = async (pid = id) => (await apiCall<SavedProject>(app, 'projects.get', { id: pid })).filing;

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(app, 'units.save', { unit: { code: UNIT, name: '唐山市医疗保障局本级', supervisor: null, region: '唐山市' } });
    const p = await apiCall<SavedProject>(app, 'projects.create', { unitCode: UNIT, year: YEAR, templateId: 'B', name: '医保信息系统运行维护' });
    id = p.filing.id;
    before = p.filing;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('spreads a 2×3 block from a 三级 cell, stored in one save; one Ctrl+Z takes it back, Ctrl+Y again', async () => {
    await page.goto(`${app.host.url}#/u/${UNIT}/${YEAR}/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    const revision = (await apiCall<SavedProject>(app, 'projects.get', { id })).revision;
    await pasteInto(page, 'periods.annual.indicators[0].name', '系统维护次数\t全年维护次数\t≥12次\r\n巡检次数\t"全年巡检\r\n（含节假日）"\t≥24次\r\n');
    await waitSaved(page);
    await expect(hintOf(page, 'periods.annual.indicators[0].name')).resolves.toBe('已粘贴 2 行，新增 1 行');
    const after = await apiCall<SavedProject>(app, 'projects.get', { id });
    expect(after.revision, 'one save').toBe(revision + 1);
    expect(rowsOf(after.filing).slice(0, 3)).toEqual([
      '产出指标|数量指标|系统维护次数|全年维护次数|≥12次',
      '产出指标|数量指标|巡检次数|全年巡检\n（含节假日）|≥24次',
      '产出指标|质量指标|||',
    ]);
    expect(after.filing.periods.annual!.indicators).toHaveLength(before.periods.annual!.indicators.length + 1);
    // The rows on screen: 7 三级 cells, the pasted text in them.
    await expect(page.locator('textarea[data-path$=".name"]').count()).resolves.toBe(7);
    await shot(page, 'paste-block');

    await page.keyboard.press('Control+z');
    await waitSaved(page);
    expect(rowsOf(await stored())).toEqual(rowsOf(before));
    await page.keyboard.press('Control+y');
    await waitSaved(page);
    expect(rowsOf(await stored())).toEqual(rowsOf(after.filing));
    await page.keyboard.press('Control+z');
    await waitSaved(page);
  });

  it('last year’s table from Word (its HTML table preferred), pasted into the merged 一级 cell, gives the right rows', async () => {
    // Word's text/plain does not quote a cell of two paragraphs: read alone, its rows would fall apart.
    const plain = [
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t维护次数\t≥12次',
      '\t\t巡检次数\t≥24次',
      '\t质量指标\t正常运行率',
      '（全年）\t≥99%',
      '效益指标\t社会效益指标\t业务办理时限\t≤3个工作日',
      '满意度指标\t服务对象满意度指标\t参保群众满意度\t≥90%',
      '',
    ].join('\r\n');
    const td = (s: string, span = '') => `<td${span} valign=top><p class=MsoNormal>${s}</p></td>`;
    const html = `<html><body><!--StartFragment--><table class=MsoTableGrid border=1>
      <tr>${td('一级指标')}${td('二级指标')}${td('三级指标')}${td('指标值')}</tr>
      <tr>${td('产出指标', ' rowspan=3')}${td('数量指标', ' rowspan=2')}${td('维护次数')}${td('≥12次')}</tr>
      <tr>${td('巡检次数')}${td('≥24次')}</tr>
      <tr>${td('质量指标')}<td><p>正常运行率</p><p>（全年）</p></td>${td('≥99%')}</tr>
      <tr>${td('效益指标')}${td('社会效益指标')}${td('业务办理时限')}${td('≤3个工作日')}</tr>
      <tr>${td('满意度指标')}${td('服务对象满意度指标')}${td('参保群众满意度')}${td('≥90%')}</tr>
      </table><!--EndFragment--></body></html>`;
    await pasteInto(page, 'periods.annual.indicators[0].level1', plain, { html });
    await waitSaved(page);
    // The new table's blank 成本指标 row under them goes: the rows are last year's.
    await expect(hintOf(page, 'periods.annual.indicators[0].level1')).resolves.toBe('已粘贴 5 行，删去其下空白行 1 行，表头行未粘贴');
    expect(rowsOf(await stored())).toEqual([
      '产出指标|数量指标|维护次数||≥12次',
      '产出指标|数量指标|巡检次数||≥24次',
      '产出指标|质量指标|正常运行率 （全年）||≥99%',
      '效益指标|社会效益指标|业务办理时限||≤3个工作日',
      '满意度指标|服务对象满意度指标|参保群众满意度||≥90%',
    ]);
    // 产出指标 is still one merged cell (not split by the paste).
    await expect(page.locator('textarea[data-path$=".level1"]').count()).resolves.toBe(3);
  });

  it('one value replaces the selected text without Excel’s line break; Ctrl+Z before it is committed takes it out', async () => {
    const at = 'periods.annual.indicators[3].name';
    const cell = page.locator(`textarea[data-path="${at}"]`);
    await expect(cell.inputValue()).resolves.toBe('业务办理时限');
    await pasteInto(page, at, '业务办理平均时限\r\n', { selectAll: true });
    await expect(cell.inputValue()).resolves.toBe('业务办理平均时限');
    await page.keyboard.press('Control+z');
    await expect(cell.inputValue()).resolves.toBe('业务办理时限');
    await pasteInto(page, at, '业务办理平均时限\r\n', { selectAll: true });
    await page.keyboard.press('Enter');
    await waitSaved(page);
    expect((await stored()).periods.annual!.indicators[3]!.name).toBe('业务办理平均时限');
  });

  it('joins a block pasted into 项目名称 with a hint; "30万元" in 预算数 is read as typed', async () => {
    // Into the text's selection, as a text box pastes (here all of it).
    await pasteInto(page, 'name', '医保信息\t系统运维\r\n', { selectAll: true });
    await expect(hintOf(page, 'name')).resolves.toBe('粘贴的内容有 2 个单元格，已用空格连接为一段文字');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    expect((await stored()).name).toBe('医保信息 系统运维');

    await pasteInto(page, 'periods.annual.funding.total', '30万元\r\n');
    // How the amount is read is said while the cell has the focus (it goes on blur, never over the next cell).
    await expect(hintOf(page, 'periods.annual.funding.total')).resolves.toContain('30万元');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    expect((await stored()).periods.annual!.funding.total).toBe(30 * 1_000_000);
  });

  it('a table without indicator rows takes a pasted table as its rows', async () => {
    const p = await apiCall<SavedProject>(app, 'projects.create', { unitCode: UNIT, year: YEAR, templateId: 'B', name: '医保经办服务' });
    const empty = { ...p.filing, periods: { annual: { ...p.filing.periods.annual!, indicators: [] } } };
    await apiCall(app, 'projects.save', { filing: empty, expectedRevision: p.revision });
    await page.goto(`${app.host.url}#/u/${UNIT}/${YEAR}/p/${encodeURIComponent(p.filing.id)}`);
    const td = page.locator('td.ind-empty');
    // A click on its text (not on a button) gives it the focus.
    await td.getByText('本表还没有绩效指标。').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('ind-empty');
    await td.evaluate((node) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '产出指标\t数量指标\t经办业务量\t\t≥5000笔\r\n满意度指标\t服务对象满意度指标\t参保群众满意度\t\t≥90%\r\n');
      (document.activeElement ?? node).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await waitSaved(page);
    expect(rowsOf(await stored(p.filing.id))).toEqual(['产出指标|数量指标|经办业务量||≥5000笔', '满意度指标|服务对象满意度指标|参保群众满意度||≥90%']);
    // The focus is on the first row's 三级.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.path)).toBe('periods.annual.indicators[0].name');
  });

  it('an 已审核 table asks first, as typing does: refused, nothing stored; confirmed, stored as a 草稿', async () => {
    const seed = readDemoData().projects.find((p) => p.id === 'seed000-18')!;
    const unit = readDemoData().units.find((u) => u.code === seed.unitCode)!;
    await apiCall(app, 'units.save', { unit: { ...unit, sample: false } });
    await apiCall(app, 'projects.restore', { filing: { ...seed, status: 'draft' } });
    await apiCall(app, 'projects.setStatus', { id: seed.id, status: 'checked' });
    const was = await stored(seed.id);
    await page.goto(`${app.host.url}#/u/${seed.unitCode}/${seed.year}/p/${encodeURIComponent(seed.id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    const asked: string[] = [];
    let answer = false;
    const onDialog = (d: Dialog) => {
      asked.push(d.message());
      void (answer ? d.accept() : d.dismiss());
    };
    page.on('dialog', onDialog);
    const block = '维护次数\t全年维护次数\r\n巡检次数\t全年巡检\r\n';
    await pasteInto(page, 'periods.annual.indicators[0].name', block);
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toBe(editConfirmQuestion('checked'));
    await page.waitForFunction(() => !document.querySelector('[data-testid="save-state"]')?.textContent?.startsWith('保存中'));
    expect(await stored(seed.id)).toEqual(was);
    answer = true;
    await pasteInto(page, 'periods.annual.indicators[0].name', block);
    await waitSaved(page);
    page.off('dialog', onDialog);
    const now = await stored(seed.id);
    expect(now.status).toBe('draft');
    expect(now.periods.annual!.indicators.slice(0, 2).map((r) => r.name)).toEqual(['维护次数', '巡检次数']);
  });

  it('a received table refuses the paste with the usual message; nothing is stored', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-paste-'));
    const s = await storeWith(tmp, ['382201'], 'sender.sqlite');
    const bytes = (await buildPackage(readUnitYear(s.store, '382201', 2024), { book: null })).bytes;
    s.store.close();
    const { jobId } = await apiCall<{ jobId: string }>(app, 'handover.import', { files: [{ name: '报送.jxmb', bytes }] });
    await expect.poll(async () => (await apiCall<{ state: string }>(app, 'jobs.get', { jobId })).state, { timeout: 30_000 }).toBe('done');
    const list = await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: '382201', year: 2024 });
    const rid = list.rows[0]!.id;
    const was = await stored(rid);
    await page.goto(`${app.host.url}#/u/382201/2024/p/${encodeURIComponent(rid)}`);
    await page.waitForSelector('.form-table[data-complete]');
    await pasteInto(page, 'periods.annual.indicators[0].name', '维护次数\t≥12次\r\n巡检次数\t≥24次\r\n');
    await expect(hintOf(page, 'periods.annual.indicators[0].name')).resolves.toBe('这是从报送包接收的数据，只读，不能修改');
    expect(await stored(rid)).toEqual(was);
  });
});
