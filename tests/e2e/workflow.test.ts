// A filing season without surprises, from the user's side (issue 12 points 5, 6, 7, 10):
// copied values cannot be packed unchecked, one table is copied from another year; the
// department editor undoes a deletion with Ctrl+Z; received data is read-only from the
// start with who sent it and when, and the 汇总 is on screen; nothing typed is lost on a
// reload, a page without its backend says so and retries, a conflict keeps both versions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import type { ApiResults, SavedProject, UnitYearSettingsView } from '../../shared/api/contract.ts';
import type { DeptTarget } from '../../shared/model/filing.ts';
import { ServiceError } from '../../electron/services/service-error.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, receivePackage, shot, startApp, waitSaved } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const U = '619001';

d('a filing season without surprises (browser)', () => {
  let app: AppHandle;
  let receiver: AppHandle;
  let browser: Browser;
  let page: Page;
  let tmp: string;

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [app, receiver, browser] = await Promise.all([startApp(dir, { demo: true }), startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-wf-'));
    await apiCall(app, 'projects.copyYear', { unitCode: U, fromYear: 2025, toYear: 2026 });
    await page.goto(app.host.url); // the session token, kept for this tab
    await page.waitForSelector('.list-table tbody tr');
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), receiver?.close()]);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const openList = async (p: Page, a: AppHandle, unit: string, year: number) => {
    await p.goto(`${a.host.origin}/#/u/${unit}/${year}`);
    await p.waitForFunction(([u, y]) => document.querySelector('.tb-title')?.textContent?.startsWith(String(u)) && document.querySelector('.tb-title')?.textContent?.includes(`${y} 年度`), [unit, year]);
  };
  const menu = async (p: Page, item: string) => {
    await p.getByRole('button', { name: '报送与交换 ▾' }).click();
    await p.getByRole('menuitem', { name: new RegExp(`^${item}`) }).click();
  };

  it('point 5: 打包报送 and 审核全部 refuse unconfirmed copied values alike; one table is copied from another year', async () => {
    await openList(page, app, U, 2026);
    await page.waitForSelector('.list-table tbody tr >> nth=17');
    await menu(page, '打包报送');
    const dialog = page.getByRole('dialog', { name: '打包报送' });
    await dialog.locator('.form-error').waitFor();
    await expect(dialog.locator('.form-error').textContent()).resolves.toMatch(/第 1 张表“.+”：还有 \d+ 处从上年复制的内容没有确认，请逐项核对（或全部确认）后再打包报送/);
    await dialog.getByRole('button', { name: '关闭', exact: true }).last().click();
    // 审核全部 lists the same refusals, the 部门整体绩效目标 among them.
    await page.getByRole('button', { name: '审核全部' }).click();
    const notReady = page.locator('[data-testid="not-ready"] li');
    await notReady.first().waitFor();
    await expect(notReady.count()).resolves.toBe(19);
    await expect(notReady.last().textContent()).resolves.toMatch(/^部门整体绩效目标：还有 \d+ 处从上年复制的内容没有确认/);

    // One table of 2025 into 2027.
    await openList(page, app, U, 2027);
    await page.waitForSelector('.list-view .empty');
    await page.getByRole('button', { name: '复制上年' }).click();
    const copy = page.getByRole('dialog', { name: '复制上年' });
    await copy.getByLabel('来源年度').selectOption('2025');
    const source = copy.getByLabel('来源项目表');
    await source.locator('option >> nth=2').waitFor({ state: 'attached' });
    const chosen = (await source.locator('option >> nth=2').textContent())!.replace(/^\d+\. /, '');
    await source.selectOption({ index: 2 });
    await copy.getByRole('button', { name: '复制这张表' }).click();
    await page.waitForSelector('.list-table tbody tr');
    await expect(page.locator('.list-table tbody .col-name').allTextContents()).resolves.toEqual([chosen]);
    await expect(page.locator('.list-table tbody .col-carried').textContent()).resolves.toMatch(/^结转 \d+$/);
  });

  it('point 2: 复制上年 into a year set to 财预〔2021〕101号 says first that the tables are converted, and the copies follow it', async () => {
    const view = await apiCall<UnitYearSettingsView>(app, 'settings.get', { unitCode: U, year: 2028 });
    await apiCall(app, 'settings.set', { settings: { ...view.settings, indicatorSystem: 'caiyu2021' } });
    await openList(page, app, U, 2028);
    await page.waitForSelector('.list-view .empty');
    await page.getByRole('button', { name: '复制上年' }).click();
    const copy = page.getByRole('dialog', { name: '复制上年' });
    const note = copy.getByTestId('copy-convert');
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(/^本年度按表样 .、指标体系 财预〔2021〕101号 填报：上年 1 张表将转换后复制（.+）/);
    await copy.getByRole('button', { name: '复制 2027 年度全部' }).click();
    await page.locator('.toast', { hasText: '其中 1 张已按本年度的表样和指标体系转换' }).waitFor();
    const rows = (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: U, year: 2028 })).rows;
    expect(rows).toHaveLength(1);
    expect((await apiCall<SavedProject>(app, 'projects.get', { id: rows[0]!.id })).filing.indicatorSystem).toBe('caiyu2021');
  });

  it('point 6: the department editor undoes a deleted 分项 with Ctrl+Z, and what is saved follows', async () => {
    await page.goto(`${app.host.origin}/#/u/${U}/2026/dept`);
    const heads = page.locator('.dept-item');
    await heads.first().waitFor();
    const before = (await apiCall<DeptTarget>(app, 'dept.get', { unitCode: U, year: 2026 })).items;
    expect(before.length).toBeGreaterThan(1);
    await expect(page.locator('textarea.carried').count()).resolves.toBeGreaterThan(2);
    await heads.first().getByRole('button', { name: '删除' }).click();
    await page.locator('.toast', { hasText: '已删除分项 1' }).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === '已保存');
    expect((await apiCall<DeptTarget>(app, 'dept.get', { unitCode: U, year: 2026 })).items).toEqual(before.slice(1));
    // Ctrl+Z inside a box is ours: the 分项 comes back, on screen and stored.
    const overall = page.getByLabel('总体绩效目标');
    await overall.focus();
    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => document.querySelectorAll('.dept-item').length === n, before.length);
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === '已保存');
    expect((await apiCall<DeptTarget>(app, 'dept.get', { unitCode: U, year: 2026 })).items).toEqual(before);
    // Typing then Ctrl+Z: the text as it was, also in the database.
    const was = await overall.inputValue();
    await overall.fill(`${was}（改）`);
    await page.keyboard.press('Control+z');
    await expect(overall.inputValue()).resolves.toBe(was);
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === '已保存');
    expect((await apiCall<DeptTarget>(app, 'dept.get', { unitCode: U, year: 2026 })).overall).toBe(was);
    // The 审核 panel and the preview are there.
    await page.getByRole('button', { name: '审核', exact: true }).click();
    await page.locator('[data-testid="not-ready"]').waitFor();
    await page.getByRole('button', { name: '打印预览' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
  });

  it('point 6: two windows editing the 部门整体绩效目标: the second keeps both versions and the user chooses', async () => {
    const url = `${app.host.origin}/#/u/${U}/2026/dept`;
    const { page: other } = await newPage(browser);
    await other.goto(app.host.url);
    await other.waitForSelector('.list-table tbody tr');
    for (const p of [page, other]) {
      await p.goto(url);
      await p.locator('.dept-item').first().waitFor();
    }
    const type = async (p: Page, text: string) => {
      const box = p.getByLabel('总体绩效目标');
      await box.fill(text);
      await box.blur();
    };
    await type(page, '第一个窗口的总体目标');
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === '已保存');
    await type(other, '第二个窗口的总体目标');
    const bar = other.locator('.conflict-bar');
    await bar.waitFor();
    await expect(bar.textContent()).resolves.toMatch(/部门整体绩效目标已在另一个窗口.*两个版本都已保留/);
    // The stored version is shown and still stored; this window's is kept until the user chooses.
    await expect(other.getByLabel('总体绩效目标').inputValue()).resolves.toBe('第一个窗口的总体目标');
    expect((await apiCall<DeptTarget>(app, 'dept.get', { unitCode: U, year: 2026 })).overall).toBe('第一个窗口的总体目标');
    await bar.getByRole('button', { name: '用本窗口的版本' }).click();
    await other.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === '已保存');
    await expect(other.getByLabel('总体绩效目标').inputValue()).resolves.toBe('第二个窗口的总体目标');
    expect((await apiCall<DeptTarget>(app, 'dept.get', { unitCode: U, year: 2026 })).overall).toBe('第二个窗口的总体目标');
    // The first window, now behind, is refused in turn and offered the same choice: it keeps the stored one.
    await type(page, '第一个窗口又改了');
    await page.locator('.conflict-bar').getByRole('button', { name: '保留已保存的版本' }).click();
    await expect(page.getByLabel('总体绩效目标').inputValue()).resolves.toBe('第二个窗口的总体目标');
    expect((await apiCall<DeptTarget>(app, 'dept.get', { unitCode: U, year: 2026 })).overall).toBe('第二个窗口的总体目标');
    await other.close();
  });

  it('point 11: the 审核全部 panel drops a deleted table at once, and takes it back on 撤销', async () => {
    await openList(page, app, U, 2026);
    await page.waitForSelector('.list-table tbody tr >> nth=1');
    await page.getByRole('button', { name: '审核全部' }).click();
    const panel = page.locator('aside.audit');
    await panel.locator('[data-testid="not-ready"]').waitFor();
    const name = (await page.locator('.list-table tbody .col-name').first().textContent())!.trim();
    await expect(panel.textContent()).resolves.toContain(name);
    await page.locator('.list-table tbody tr').first().focus();
    await page.keyboard.press('Delete');
    await page.waitForFunction(([n]) => !document.querySelector('aside.audit')?.textContent?.includes(n!), [name]);
    await page.locator('.toast', { hasText: `已删除“${name}”` }).getByRole('button', { name: '撤销' }).click();
    await page.waitForFunction(([n]) => !!document.querySelector('aside.audit')?.textContent?.includes(n!), [name]);
    await page.getByRole('button', { name: '审核全部' }).click();
  });

  it('point 11: a refused 已审核 says why and is no 保存失败; the table stays a 草稿', async () => {
    const id = (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: U, year: 2026 })).rows[0]!.id;
    await page.goto(`${app.host.origin}/#/u/${U}/2026/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    await page.getByLabel('状态').selectOption({ label: '已审核' });
    const toast = page.locator('.toast-error');
    await toast.waitFor();
    await expect(toast.textContent()).resolves.toMatch(/从上年复制的内容没有确认/);
    await expect(page.locator('[data-testid="save-state"]').textContent()).resolves.not.toMatch(/保存失败/);
    await expect(page.getByLabel('状态').inputValue()).resolves.toBe('draft');
    expect((await apiCall<SavedProject>(app, 'projects.get', { id })).filing.status).toBe('draft');
  });

  it('point 11: at 1366 px a long message does not wrap the toolbar: it is cut short, whole in its tooltip', async () => {
    const id = (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: U, year: 2025 })).rows[3]!.id;
    await page.goto(`${app.host.origin}/#/u/${U}/2025/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    const bar = page.locator('.project-view .toolbar');
    const oneLine = (await bar.boundingBox())!.height;
    const handlers = app.host.handlers as Record<string, (a: unknown) => unknown>;
    const realSave = handlers['projects.save']!;
    const long = '本机服务拒绝了这次保存：数据库文件所在的磁盘空间不足，请清理磁盘或把数据文件夹移到空间较大的磁盘后再试，修改仍在本窗口中';
    handlers['projects.save'] = () => {
      throw new ServiceError(long);
    };
    try {
      const cellBox = page.locator('textarea[data-path="fundUse"]');
      await cellBox.fill('会被拒绝的修改');
      await cellBox.press('Tab');
      const state = page.locator('[data-testid="save-state"]');
      await state.filter({ hasText: '保存失败' }).waitFor();
      await expect(state.getAttribute('title')).resolves.toBe(long);
      expect(await state.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect((await bar.boundingBox())!.height).toBe(oneLine);
      await shot(page, 'season-toolbar-long-message');
    } finally {
      handlers['projects.save'] = realSave;
    }
  });

  it('point 7: a received unit-year is read-only from the start, says who sent it and when; the 汇总 is on screen', async () => {
    await openList(page, app, '341182', 2024);
    await page.waitForSelector('.list-table tbody tr >> nth=5');
    const download = page.waitForEvent('download');
    await menu(page, '打包报送');
    const pkg = path.join(tmp, (await download).suggestedFilename());
    await (await download).saveAs(pkg);

    const { page: office } = await newPage(browser);
    await receivePackage(office, receiver, pkg);

    const summary = office.locator('[data-testid="summary"] tbody tr');
    await summary.first().waitFor();
    await expect(summary.count()).resolves.toBe(1);
    await expect(summary.first().textContent()).resolves.toMatch(/^341182 明光市医疗保障局（本级）.*6\d+(\.\d\d)? (万元|元)\d+(通过|警告 \d+)\d{4}-\d\d-\d\d \d\d:\d\d\d{4}-\d\d-\d\d \d\d:\d\d未审核.*查看$/);
    await office.getByLabel('规则检查结果').selectOption('errors');
    await office.locator('.received-summary .empty', { hasText: '没有符合条件的单位' }).waitFor();
    await office.getByLabel('规则检查结果').selectOption('all');
    await office.getByLabel('汇总单位').selectOption('341182');
    await expect(summary.count()).resolves.toBe(1);

    await summary.first().getByRole('button', { name: '查看' }).click();
    await office.waitForSelector('.list-table tbody tr >> nth=5');
    const from = office.locator('[data-testid="received-from"]');
    await expect(from.textContent()).resolves.toMatch(/^从报送包接收的数据，只读：341182 明光市医疗保障局（本级）第 1 次报送，\d{4}-\d\d-\d\d \d\d:\d\d 打包，\d{4}-\d\d-\d\d \d\d:\d\d 接收（绩效目标_341182.*\.jxmb）。$/);
    await expect(office.getByRole('button', { name: '＋ 新建项目表' }).count()).resolves.toBe(0);
    await expect(office.locator('.list-table .col-actions button:visible').count()).resolves.toBe(0);
    await office.setViewportSize({ width: 1366, height: 768 });
    await shot(office, 'received-readonly');

    await office.locator('.list-table tbody tr').first().dblclick();
    await office.waitForSelector('.form-table[data-complete]');
    await expect(office.locator('[data-testid="save-state"]').textContent()).resolves.toMatch(/^只读/);
    const name = office.locator('textarea[data-path="name"]');
    await expect(name.getAttribute('readonly')).resolves.not.toBeNull();
    await office.close();
  });

  it('point 10: what is typed just before a reload is kept (written before the page is gone) and stored', async () => {
    const rows = (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: U, year: 2025 })).rows;
    const id = rows[0]!.id;
    const before = (await apiCall<SavedProject>(app, 'projects.get', { id })).filing.name;
    await page.goto(`${app.host.origin}/#/u/${U}/2025/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    // Saves must not reach the store. Two gates, because Playwright never sees (nor routes) a
    // request the unloading page sends from its pagehide handler: the backend holds every
    // projects.save unanswered and drops it, and the network refuses the new page's saves.
    const handlers = app.host.handlers as Record<string, (a: unknown) => unknown>;
    const realSave = handlers['projects.save']!;
    const held: Array<() => void> = [];
    handlers['projects.save'] = () => new Promise((_, reject) => held.push(() => reject(new Error('dropped by the test'))));
    let blocked = true;
    const gate = (r: Route) => (blocked ? r.abort() : r.continue());
    await page.route('**/api/projects.save', gate);
    const name = page.locator('textarea[data-path="name"]');
    await name.click();
    await name.fill('刷新前刚输入的名称');
    await page.reload(); // within the 1.2 s pause: the cell commits on pagehide
    await page.waitForSelector('.form-table[data-complete]');
    await page.locator('[data-testid="save-state"]', { hasText: '未连接' }).waitFor();
    // Nothing was stored: what the page shows came back from the copy written on pagehide.
    expect((await apiCall<SavedProject>(app, 'projects.get', { id })).filing.name).toBe(before);
    await expect(name.inputValue()).resolves.toBe('刷新前刚输入的名称');
    const kept = await page.evaluate((k) => localStorage.getItem(k), `jxmb-unsaved:${id}`);
    expect(kept).toContain('刷新前刚输入的名称');
    handlers['projects.save'] = realSave;
    for (const drop of held.splice(0)) drop();
    blocked = false;
    await waitSaved(page);
    await page.unroute('**/api/projects.save', gate);
    expect((await apiCall<SavedProject>(app, 'projects.get', { id })).filing.name).toBe('刷新前刚输入的名称');
    await expect(page.evaluate((k) => localStorage.getItem(k), `jxmb-unsaved:${id}`)).resolves.toBeNull();
  });

  it('point 10: a damaged copy of unsaved edits is dropped with a note, never sent', async () => {
    const id = (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: U, year: 2025 })).rows[2]!.id;
    const stored = await apiCall<SavedProject>(app, 'projects.get', { id });
    await page.goto(`${app.host.origin}/#/u/${U}/2025`);
    await page.waitForSelector('.list-table tbody tr');
    // A copy of the right table and revision whose money is not an amount (hand-edited or cut short).
    const bad = { revision: stored.revision, filing: { ...stored.filing, name: '损坏的副本', periods: { annual: { funding: { total: 'x' } } } } };
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [`jxmb-unsaved:${id}`, JSON.stringify(bad)] as const);
    await page.goto(`${app.host.origin}/#/u/${U}/2025/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    await page.locator('.toast', { hasText: '本机暂存的未保存修改已损坏，已丢弃' }).waitFor();
    await expect(page.locator('textarea[data-path="name"]').inputValue()).resolves.toBe(stored.filing.name);
    await expect(page.evaluate((k) => localStorage.getItem(k), `jxmb-unsaved:${id}`)).resolves.toBeNull();
    expect((await apiCall<SavedProject>(app, 'projects.get', { id })).revision).toBe(stored.revision);
  });

  it('point 10: a page that cannot reach its backend says so and retries', async () => {
    const cut = (r: Route) => r.abort();
    await page.route('**/api/**', cut);
    await page.goto(`${app.host.origin}/#/u/${U}/2025`);
    await page.reload();
    await page.locator('.fatal', { hasText: '无法连接到本机服务' }).waitFor();
    await expect(page.locator('.fatal').textContent()).resolves.toMatch(/正在自动重试/);
    await page.unroute('**/api/**', cut);
    await page.waitForSelector('.list-table tbody tr');
  });

  it('point 10: two windows editing one table: the second keeps both versions and the user chooses', async () => {
    const id = (await apiCall<ApiResults['projects.list']>(app, 'projects.list', { unitCode: U, year: 2025 })).rows[1]!.id;
    const url = `${app.host.origin}/#/u/${U}/2025/p/${encodeURIComponent(id)}`;
    const { page: other } = await newPage(browser);
    await other.goto(app.host.url);
    await other.waitForSelector('.list-table tbody tr');
    for (const p of [page, other]) {
      await p.goto(url);
      await p.waitForSelector('.form-table[data-complete]');
    }
    const fill = async (p: Page, text: string) => {
      const cell = p.locator('textarea[data-path="fundUse"]');
      await cell.fill(text);
      await cell.press('Tab');
    };
    await fill(page, '第一个窗口的资金用途');
    await waitSaved(page);
    await fill(other, '第二个窗口的资金用途');
    const bar = other.locator('.conflict-bar');
    await bar.waitFor();
    // The stored version is shown; this window's is kept until the user chooses.
    await expect(other.locator('textarea[data-path="fundUse"]').inputValue()).resolves.toBe('第一个窗口的资金用途');
    await bar.getByRole('button', { name: '用本窗口的版本' }).click();
    await waitSaved(other);
    await expect(other.locator('textarea[data-path="fundUse"]').inputValue()).resolves.toBe('第二个窗口的资金用途');
    expect((await apiCall<SavedProject>(app, 'projects.get', { id })).filing.fundUse).toBe('第二个窗口的资金用途');
    await other.close();
  });
});
