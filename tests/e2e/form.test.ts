// The editor end to end, in Chromium against the real backend on a temp database: a new
// unit, a layout-B table filled by keyboard only, a 错误 that appears and is fixed, undo
// and redo, everything kept after a reload, the DOCX export; an input-method composition
// that must not be saved half-composed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { SavedProject } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp, waitSaved } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

/** The text of every value cell in reading (Tab) order of a new layout-B table. */
const B_CELLS: Array<[label: string, text: string]> = [
  ['项目编码', '13020025P00682510503U'],
  ['项目名称', '医保信息系统运行维护'],
  ['预算数', '100.00'],
  ['财政资金', '100'],
  ['其他资金', ''],
  ['资金用途', '用于医保信息系统的日常运行维护'],
  ['3月底', '20%'],
  ['6月底', '50%'],
  ['10月底', '80%'],
  ['12月底', '100%'],
  ['绩效目标', '1.保障医保信息系统安全稳定运行'],
  // 产出指标 group: 数量 / 质量 / 时效 / 成本. The new table's rows come with their 一级 / 二级
  // filled, and Tab passes over filled 一级 / 二级: after 绩效目标 and after each row's 依据 it
  // lands on the next row's 三级.
  ['三级', '系统维护次数'],
  ['描述', '全年系统维护次数'],
  ['指标值', '≥12次'],
  ['依据', '工作计划'],
  ['三级', '系统正常运行率'],
  ['描述', '系统全年正常运行时间占比'],
  ['指标值', '≥99%'],
  ['依据', '经验标准'],
  ['三级', '故障修复时间'],
  ['描述', '系统故障修复时限'],
  ['指标值', '≤8小时'],
  ['依据', '测算标准'],
  ['三级', '运行维护费用'],
  ['描述', '全年运行维护费用'],
  ['指标值', '≤150万元'], // above the 100 万元 budget: a 错误
  ['依据', '年初计划'],
  ['三级', '医保业务办理效率'],
  ['描述', '参保群众办理业务的便利程度'],
  ['指标值', '有所提升'],
  ['依据', '工作计划'],
  ['三级', '参保群众满意度'],
  ['描述', '参保群众对医保服务的满意度'],
  ['指标值', '≥90%'],
  ['依据', '调查问卷'],
];

async function activePath(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.path ?? '');
}

d('project form (browser)', () => {
  let app: AppHandle;
  let browser: Browser;
  let page: Page;
  let projectId = '';

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('creates a unit and a layout-B table, filled by keyboard only; a 错误 appears and is fixed', async () => {
    await page.goto(app.host.url);
    // The token left the address bar.
    await page.waitForSelector('.welcome');
    expect(page.url()).not.toContain('token=');

    await page.getByRole('button', { name: '＋ 新建单位' }).first().click();
    // The dialog focuses its first field: all by keyboard.
    await page.keyboard.type('619001');
    await page.keyboard.press('Tab');
    await page.keyboard.type('唐山市医疗保障局本级');
    await page.keyboard.press('Tab');
    await page.keyboard.type('619');
    await page.keyboard.press('Tab');
    await page.keyboard.type('唐山市医疗保障局');
    await page.keyboard.press('Tab');
    await page.keyboard.type('唐山市');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.list-view');
    await page.getByRole('button', { name: '＋ 新建项目表' }).click();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.form-table[data-complete]');
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.path === 'projectCode');
    projectId = decodeURIComponent(page.url().split('/p/')[1] ?? '');
    expect(projectId).not.toBe('');

    // The heading as the book prints it.
    await expect(page.locator('.hd-unit').textContent()).resolves.toBe('619001唐山市医疗保障局本级');
    await expect(page.locator('.hd-amountUnit').textContent()).resolves.toBe('单位：万元');

    let sawChip = false;
    for (const [label, text] of B_CELLS) {
      const path = await activePath(page);
      expect(path, `focus before ${label}`).not.toBe('');
      if (label === '三级') expect(path, 'Tab lands on the 三级 of every row').toMatch(/indicators\[\d+\]\.name$/);
      await page.keyboard.press('Control+A');
      // ASCII key by key; Chinese arrives as an input method commits it (one text insertion).
      if (!text) await page.keyboard.press('Delete');
      else if (/^[\x20-\x7e]+$/.test(text)) await page.keyboard.type(text);
      else await page.keyboard.insertText(text);
      if (label === '指标值' && text === '≥99%') {
        // The value cell shows how it was understood while typing.
        // (It follows the typing one frame behind: the keystroke is painted first.)
        await expect.poll(() => page.locator('.cell.focused .chip').textContent()).toBe('≥ 99 %');
        sawChip = true;
      }
      if (label === '依据' && text === '调查问卷') break;
      await page.keyboard.press('Tab');
    }
    expect(sawChip).toBe(true);
    await page.keyboard.press('Tab'); // commit the last cell
    await waitSaved(page);

    // 成本指标 ceiling above the 预算数: an error in the panel.
    const err = page.locator('.finding-error[data-code="R-COST-BUDGET"]');
    await err.waitFor({ timeout: 10_000 });
    await shot(page, 'form-B-error');
    // Jump to the cell from the finding and fix it by keyboard.
    await err.locator('.finding-msg').click();
    await page.waitForFunction(() => /indicators\[3\]\.value$/.test((document.activeElement as HTMLElement | null)?.dataset.path ?? ''));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('≤80万元');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await err.waitFor({ state: 'detached', timeout: 10_000 });

    const stored = await apiCall<SavedProject>(app, 'projects.get', { id: projectId });
    const f = stored.filing;
    expect(f.projectCode).toBe('13020025P00682510503U');
    expect(f.name).toBe('医保信息系统运行维护');
    expect(f.periods.annual?.funding.total).toBe(100_000_000);
    expect(f.periods.annual?.funding.fiscal).toBe(100_000_000);
    expect(f.spendingPlan).toEqual({ mar: '20%', jun: '50%', oct: '80%', dec: '100%' });
    const rows = f.periods.annual!.indicators;
    expect(rows.map((r) => r.name)).toEqual(['系统维护次数', '系统正常运行率', '故障修复时间', '运行维护费用', '医保业务办理效率', '参保群众满意度']);
    expect(rows[3]!.value).toBe('≤80万元');
    expect(rows.every((r) => r.basis && r.description)).toBe(true);
    const audit = await apiCall<Array<{ severity: string }>>(app, 'audit.project', { id: projectId });
    expect(audit.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('undoes and redoes across the form (Ctrl+Z / Ctrl+Y), each step stored', async () => {
    // The focus is on the 依据 of the 成本 row's neighbour after Enter; undo the fix.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Control+Z');
    await waitSaved(page);
    let f = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(f.periods.annual!.indicators[3]!.value).toBe('≤150万元');
    expect(await activePath(page)).toMatch(/indicators\[3\]\.value$/);
    await page.keyboard.press('Control+Y');
    await waitSaved(page);
    f = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(f.periods.annual!.indicators[3]!.value).toBe('≤80万元');

    // Rows: insert under the current one (Ctrl+Enter), type, move it up (Alt+↑), undo both.
    await page.keyboard.press('Control+Enter');
    await page.keyboard.type('测试插入行');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    f = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(f.periods.annual!.indicators[4]!.name).toBe('测试插入行');
    expect(f.periods.annual!.indicators[4]!.level2).toBe('成本指标');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Alt+ArrowUp');
    await waitSaved(page);
    f = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(f.periods.annual!.indicators[3]!.name).toBe('测试插入行');
    await page.keyboard.press('Control+Z'); // move
    await page.keyboard.press('Control+Z'); // name
    await page.keyboard.press('Control+Z'); // insert
    await waitSaved(page);
    f = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(f.periods.annual!.indicators.map((r) => r.name)).not.toContain('测试插入行');
    expect(f.periods.annual!.indicators).toHaveLength(6);
  });

  it('keeps everything after a reload (the database is the only copy)', async () => {
    await page.reload();
    await page.waitForSelector('.form-table[data-complete]');
    const values = await page.$$eval('textarea[data-path]', (els) => Object.fromEntries(els.map((e) => [(e as HTMLTextAreaElement).dataset.path, (e as HTMLTextAreaElement).value])));
    expect(values['projectCode']).toBe('13020025P00682510503U');
    expect(values['periods.annual.funding.total']).toBe('100.00');
    expect(values['periods.annual.funding.fiscal']).toBe('100.00');
    expect(values['spendingPlan.dec']).toBe('100%');
    expect(values['periods.annual.indicators[3].value']).toBe('≤80万元');
    expect(values['periods.annual.indicators[5].basis']).toBe('调查问卷');
    expect(values['periods.annual.goal']).toBe('1.保障医保信息系统安全稳定运行');
    // An amount that is not an amount: refused inline, nothing stored.
    await page.locator('textarea[data-path="periods.annual.funding.other"]').click();
    await page.keyboard.type('12.345');
    await page.keyboard.press('Tab');
    await expect(page.locator('.cell.invalid .cell-msg').textContent()).resolves.toContain('小数位数过多');
    const f = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(f.periods.annual!.funding.other).toBeNull();
    await page.locator('textarea[data-path="periods.annual.funding.other"]').click();
    await page.keyboard.press('Escape');
    await expect(page.locator('.cell.invalid').count()).resolves.toBe(0);
  });

  it('marks the table 已审核 once it passes, and a change (after asking) makes it a 草稿 again', async () => {
    await page.getByLabel('状态').selectOption('checked');
    await page.waitForFunction(() => (document.querySelector('select[aria-label="状态"]') as HTMLSelectElement | null)?.value === 'checked');
    await waitSaved(page);
    expect((await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing.status).toBe('checked');
    // Declined: nothing changes.
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => { resolve(d.message()); void d.dismiss(); }));
    await page.locator('textarea[data-path="fundUse"]').click();
    await page.keyboard.press('End');
    await page.keyboard.insertText('不要');
    await page.keyboard.press('Tab');
    expect(await asked).toBe('该表已审核，修改后将变回草稿，需要重新审核。继续修改吗？');
    await page.waitForFunction(() => !document.querySelector<HTMLTextAreaElement>('textarea[data-path="fundUse"]')?.value.includes('不要'));
    const kept = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(kept.status).toBe('checked');
    expect(kept.fundUse).not.toContain('不要');
    // Confirmed: saved, and a 草稿 again.
    page.once('dialog', (d) => void d.accept());
    await page.locator('textarea[data-path="fundUse"]').click();
    await page.keyboard.press('End');
    await page.keyboard.insertText('和升级');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    const f = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(f.fundUse).toBe('用于医保信息系统的日常运行维护和升级');
    expect(f.status).toBe('draft');
    await expect(page.getByLabel('状态').inputValue()).resolves.toBe('draft');
  });

  it('exports the table as DOCX with its texts', async () => {
    await page.getByRole('button', { name: '导出文档' }).click();
    const download = await page.waitForEvent('download', { timeout: 30_000 });
    const file = await download.path();
    const zip = unzipSync(new Uint8Array(fs.readFileSync(file)));
    const xml = strFromU8(zip['word/document.xml']!);
    for (const text of ['医保信息系统运行维护', '13020025P00682510503U', '和升级', '≤80万元', '参保群众满意度', '调查问卷', '100.00']) {
      expect(xml, text).toContain(text);
    }
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await page.locator('.modal-foot').getByRole('button', { name: '关闭', exact: true }).click();
  });

  it('commits an input-method composition only when it ends', async () => {
    const cell = page.locator('textarea[data-path="periods.annual.indicators[0].name"]');
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    const cdp = await page.context().newCDPSession(page);
    for (const text of ['x', 'xi', 'xit', 'xito', 'xitong']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    // Longer than the pause after which typing is committed: still nothing may be stored.
    await page.waitForTimeout(1600);
    const during = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(during.periods.annual!.indicators[0]!.name).toBe('系统维护次数');
    await cdp.send('Input.insertText', { text: '系统巡检次数' });
    await page.keyboard.press('Tab');
    await waitSaved(page);
    const after = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(after.periods.annual!.indicators[0]!.name).toBe('系统巡检次数');
    // The database never held a half-composed text, not even for a moment.
    const log = app.host.store.auditLog(projectId);
    const written = JSON.stringify(log.map((e) => e.newValue));
    expect(written).not.toMatch(/xi|xit|xitong/);
    expect(written).toContain('系统巡检次数');
    await cdp.detach();
  });

  it('shows in the box what is typed, dropped (Esc) or undone, the box growing and shrinking with its text', async () => {
    const sel = 'textarea[data-path="periods.annual.indicators[1].description"]';
    const cell = page.locator(sel);
    const box = () =>
      page.$eval(sel, (e) => {
        const t = e as HTMLTextAreaElement;
        return { text: t.value, h: t.offsetHeight, hidden: t.scrollHeight > t.clientHeight || t.scrollTop > 0 };
      });
    await cell.click();
    await page.keyboard.press('End');
    const start = await box();
    const long = '说明文字较长需要折行显示'.repeat(5);
    await page.keyboard.type(long);
    let now = await box();
    expect(now.text).toBe(start.text + long);
    expect(now.h).toBeGreaterThan(start.h);
    expect(now.hidden).toBe(false);
    // A narrower window wraps the text anew: the box still shows all of it.
    const vp = page.viewportSize()!;
    await page.setViewportSize({ width: 1000, height: vp.height });
    await page.waitForFunction((s) => {
      const t = document.querySelector(s) as HTMLTextAreaElement;
      return t.scrollHeight <= t.clientHeight;
    }, sel);
    expect((await box()).h).toBeGreaterThan(now.h);
    await page.setViewportSize(vp);
    // Esc drops the typing: the box shows the stored text again, one line high again.
    await page.keyboard.press('Escape');
    now = await box();
    expect(now).toEqual(start);
    // Typed, stored (Tab), undone: the box follows each step.
    await cell.click();
    await page.keyboard.press('End');
    await page.keyboard.type(long);
    await page.keyboard.press('Tab');
    await waitSaved(page);
    expect((await box()).text).toBe(start.text + long);
    expect((await box()).hidden).toBe(false);
    await page.keyboard.press('Control+Z');
    await waitSaved(page);
    const f = (await apiCall<SavedProject>(app, 'projects.get', { id: projectId })).filing;
    expect(f.periods.annual!.indicators[1]!.description).toBe(start.text);
    now = await box();
    expect(now.text).toBe(start.text);
    expect(now.h).toBe(start.h);
  });

  it('shows every line of the text after each keystroke while it wraps (wide letters, punctuation that may not start a line)', async () => {
    const sel = 'textarea[data-path="periods.annual.indicators[2].description"]';
    await page.locator(sel).click();
    await page.keyboard.press('End');
    // After each input, once the form has handled it: is a line of the text out of sight?
    await page.evaluate((s) => {
      const w = window as unknown as { __hidden: number[] };
      w.__hidden = [];
      document.addEventListener('input', () => {
        const t = document.querySelector(s) as HTMLTextAreaElement;
        w.__hidden.push(t.scrollHeight > t.clientHeight ? t.value.length : 0);
      });
    }, sel);
    const typed = 'WMWM说明，（含标点）。“引号”'.repeat(7);
    await page.keyboard.type(typed);
    const hidden = (await page.evaluate('window.__hidden')) as number[];
    expect(hidden.length).toBe(typed.length);
    expect(hidden.filter((n) => n > 0)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('grows a box that needs another line over the row below while typing (nothing under it moves); the row takes its height after the pause', async () => {
    const sel = 'textarea[data-path="periods.annual.indicators[2].description"]';
    const below = 'textarea[data-path="periods.annual.indicators[3].description"]';
    const where = () =>
      page.evaluate(
        ([s, b]) => {
          const t = document.querySelector(s!) as HTMLTextAreaElement;
          const r = t.getBoundingClientRect();
          const td = t.closest('td')!.getBoundingClientRect();
          const top = (document.querySelector(b!) as HTMLElement).closest('td')!.getBoundingClientRect().top;
          // What the user sees at the box's last line: the box itself, over the row below.
          const hit = document.elementFromPoint(r.left + 10, r.bottom - 6);
          return { belowTop: Math.round(top), boxBottom: Math.round(r.bottom), tdBottom: Math.round(td.bottom), onTop: hit === t, hidden: t.scrollHeight > t.clientHeight };
        },
        [sel, below],
      );
    await page.locator(sel).click();
    await page.keyboard.press('End');
    const start = await where();
    await page.keyboard.type('，另加两行说明文字：用于检验输入时文本框盖住下一行而下一行不动。');
    const typing = await where();
    expect(typing.belowTop).toBe(start.belowTop);
    expect(typing.boxBottom).toBeGreaterThan(typing.tdBottom);
    expect(typing.onTop).toBe(true);
    expect(typing.hidden).toBe(false);
    // A pause commits the text: the row grows to hold the box, the rows below move down once.
    await page.waitForFunction(([b, t]) => (document.querySelector(b!) as HTMLElement).closest('td')!.getBoundingClientRect().top > Number(t) + 2, [below, String(start.belowTop)] as const);
    await waitSaved(page);
    const settled = await where();
    expect(settled.belowTop).toBeGreaterThan(start.belowTop);
    expect(settled.boxBottom).toBeLessThanOrEqual(settled.tdBottom);
    await page.keyboard.press('Control+Z');
    await waitSaved(page);

    // The 指标值's chip hangs under the box, not over its last line.
    const value = 'textarea[data-path="periods.annual.indicators[2].value"]';
    await page.locator(value).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' 90-100 或以上并且');
    const chip = page.locator('td:has(> div > ' + value + ') .chip');
    await chip.waitFor();
    const [boxBottom, chipTop] = await page.evaluate((s) => {
      const t = document.querySelector(s) as HTMLElement;
      return [t.getBoundingClientRect().bottom, t.closest('td')!.querySelector('.chip')!.getBoundingClientRect().top];
    }, value);
    expect(chipTop).toBeGreaterThanOrEqual(boxBottom!);
    await page.keyboard.press('Escape');
  });
});
