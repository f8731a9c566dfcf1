// Issue 12, the second new-user trial, from the user's side in Chromium on the production build:
// a year chosen through 其他年度 is kept after a reload; a new table's 审核 panel says each blank
// row once, without the table's name and without a grade; 打包报送 counts the 错误 as 审核全部
// does; the 汇总 opens on the year of the package just received; a received table shows no
// editing control and says who sent it and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults, Finding } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const UNIT = '450301';

async function job(app: AppHandle, name: 'handover.pack' | 'handover.import', args: unknown): Promise<{ state: string; base64?: string; fileName?: string; message?: string }> {
  const { jobId } = await apiCall<{ jobId: string }>(app, name, args);
  for (;;) {
    const s = await apiCall<{ state: string; base64?: string; fileName?: string; message?: string }>(app, 'jobs.get', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
}

d('the second new-user trial (browser)', () => {
  let sender: AppHandle;
  let receiver: AppHandle;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dir = await ensureRendererBuilt();
    [sender, receiver, browser] = await Promise.all([startApp(dir, { demo: true }), startApp(dir), launch()]);
    ({ page } = await newPage(browser));
    await apiCall(sender, 'units.save', { unit: { code: UNIT, name: '某县医疗保障局', region: '' } });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([sender?.close(), receiver?.close()]);
  });

  it('1: a year picked through 其他年度 is kept after a reload, before its first table', async () => {
    await page.goto(sender.host.url);
    await page.waitForSelector('.list-view');
    await page.goto(`${sender.host.origin}/#/u/${UNIT}/2027`);
    await page.waitForFunction((u) => document.querySelector('.tb-title')?.textContent?.startsWith(u), UNIT);
    await page.waitForSelector('.list-view');
    const picker = page.getByLabel('年度');
    await picker.selectOption('other');
    const dialog = page.getByRole('dialog', { name: '选择年度' });
    await dialog.getByLabel('预算年度').fill('2031');
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.waitForFunction(() => (document.querySelector('select[aria-label="年度"]') as HTMLSelectElement | null)?.value === '2031');
    await page.reload();
    await page.waitForSelector('.list-view');
    await expect(page.getByLabel('年度').inputValue()).resolves.toBe('2031');
    expect(await page.getByLabel('年度').locator('option').allTextContents()).toContain('2031 年度');
    expect(await apiCall<number[]>(sender, 'years.list', { unitCode: UNIT })).toContain(2031);
  });

  it('2: a new table’s 审核 says each blank row once, without the table’s name, and estimates no grade', async () => {
    await page.getByRole('button', { name: '＋ 新建项目表' }).click();
    const dialog = page.locator('.modal');
    await dialog.getByTestId('new-table-settings').filter({ hasText: '表样' }).waitFor({ timeout: 10_000 });
    await page.getByLabel('项目名称（可稍后在表中填写）').fill('医保信息系统运行维护');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.form-table[data-complete]');
    const panel = page.locator('aside.audit');
    await panel.locator('.finding').first().waitFor({ timeout: 10_000 });
    const rowsOnForm = await page.locator('.row-tools').count();
    expect(rowsOnForm).toBeGreaterThan(3);
    const messages = await panel.locator('.finding-msg').allTextContents();
    expect(messages.filter((m) => m.includes('医保信息系统运行维护'))).toEqual([]);
    expect(messages.filter((m) => m.includes('第 1 张表'))).toEqual([]);
    // One finding per untouched row, none of “三级指标名称为空 / 指标值为空 / 缺少” for them.
    await expect(panel.locator('.finding[data-code="R-IND-ROW-BLANK"]').count()).resolves.toBe(rowsOnForm);
    for (const code of ['R-IND-NAME-EMPTY', 'R-IND-VALUE-EMPTY', 'R-IND-L1-MISSING']) await expect(panel.locator(`.finding[data-code="${code}"]`).count()).resolves.toBe(0);
    await expect(panel.locator('.finding[data-code="R-IND-ROW-BLANK"] .finding-msg').first().textContent()).resolves.toBe('错误第 1 行（产出指标/数量指标）未填写：请填写三级指标和指标值，不需要的行可删除');
    await expect(panel.locator('.finding[data-code="R-REQUIRED"] .finding-msg').first().textContent()).resolves.toMatch(/^错误“.+”未填写$/);
    // No grade for an empty table: it says why.
    await expect(panel.locator('[data-grade]').count()).resolves.toBe(0);
    await expect(panel.getByTestId('no-grade').textContent()).resolves.toContain('本表还没有填写绩效指标');
    await shot(page, 'season-three-empty-table-audit');
    // 全部表 still names the table (there it is one of many).
    await panel.getByRole('tab', { name: '全部表' }).click();
    await panel.locator('.audit-group-title', { hasText: '医保信息系统运行维护' }).waitFor();
    // Nor for the book whose only table is blank (it would be graded 中 as a table with 错误).
    await expect(panel.locator('[data-grade]').count()).resolves.toBe(0);
    await expect(panel.getByTestId('no-grade').textContent()).resolves.toBe('审核结果估计暂不估计：本年度唯一的一张表还没有填写绩效指标，填写后再估计');
  });

  it('3: 打包报送 refuses with the count of 审核全部 and no bare “450301 2031 年”', async () => {
    const all = await apiCall<ApiResults['audit.unitYear']>(sender, 'audit.unitYear', { unitCode: UNIT, year: 2031 });
    const errors = all.findings.filter((f) => f.severity === 'error').length;
    await page.getByRole('button', { name: '← 项目列表' }).click();
    await page.waitForSelector('.list-view');
    await page.getByRole('button', { name: '报送与交换 ▾' }).click();
    await page.getByRole('menuitem', { name: /^打包报送/ }).click();
    const err = page.getByRole('dialog', { name: '打包报送' }).locator('.form-error');
    await err.waitFor();
    const text = (await err.textContent()) ?? '';
    expect(text).toContain(`审核还有 ${errors} 个错误，不能打包报送`);
    expect(text).not.toContain(`${UNIT} 2031 年`);
    // 审核全部 counts the same.
    await page.getByRole('button', { name: '打开审核' }).click();
    await expect(page.locator('aside.audit .badge-error').textContent()).resolves.toBe(`错误 ${errors}`);

    // A layout whose book has a 部门整体绩效目标: the refusal says it is missing, and goes there.
    await apiCall(sender, 'projects.create', { unitCode: UNIT, year: 2032, templateId: 'B', name: '办公楼维修' });
    await page.goto(`${sender.host.origin}/#/u/${UNIT}/2032`);
    await page.waitForSelector('.list-table tbody tr');
    await page.getByRole('button', { name: '报送与交换 ▾' }).click();
    await page.getByRole('menuitem', { name: /^打包报送/ }).click();
    const pack = page.getByRole('dialog', { name: '打包报送' });
    await expect(pack.locator('.form-error').textContent()).resolves.toMatch(/；部门整体绩效目标（一、总体绩效目标）未填写/);
    const unitYear = pack.getByTestId('unit-year-errors').locator('li');
    await expect(unitYear.textContent()).resolves.toBe('部门整体绩效目标（一、总体绩效目标）未填写填写部门整体绩效目标');
    await unitYear.getByRole('button', { name: '填写部门整体绩效目标' }).click();
    await page.waitForSelector('.dept-view');
  });

  it('5 and 6: the 汇总 opens on the year received; a received table is read-only with no editing control', async () => {
    const p2024 = await job(sender, 'handover.pack', { unitCode: '341182', year: 2024 });
    const p2023 = await job(sender, 'handover.pack', { unitCode: '303001', year: 2023 });
    expect([p2024.state, p2023.state]).toEqual(['done', 'done']);
    // The office has received a 2024 package before; now the user brings the 2023 one.
    expect((await job(receiver, 'handover.import', { files: [{ name: p2024.fileName!, bytes: Buffer.from(p2024.base64!, 'base64') }] })).state).toBe('done');
    const { page: office } = await newPage(browser);
    await office.goto(receiver.host.url);
    await office.getByRole('button', { name: '接收报送包' }).click();
    await office.getByRole('heading', { name: '接收报送包' }).waitFor();
    await office.getByLabel('选择报送包').setInputFiles({ name: p2023.fileName!, mimeType: 'application/octet-stream', buffer: Buffer.from(p2023.base64!, 'base64') });
    await office.locator('[data-testid="chosen"] tbody tr').first().waitFor();
    await office.getByRole('button', { name: '导入（1 个报送包）' }).click();
    await office.locator('[data-testid="import-report"] li').first().waitFor();
    await office.waitForFunction(() => (document.querySelector('[aria-label="汇总年度"]') as HTMLSelectElement | null)?.value === '2023', null, { timeout: 10_000 });
    await office.getByRole('heading', { name: '2023 年度汇总' }).waitFor();

    const rows = (await apiCall<ApiResults['projects.list']>(receiver, 'projects.list', { unitCode: '303001', year: 2023 })).rows;
    // A table with a fix to offer (the sender would see 改为…): the receiver must not.
    let withFix = '';
    for (const r of rows) {
      const f = await apiCall<Finding[]>(receiver, 'audit.project', { id: r.id });
      if (f.some((x) => x.fix)) {
        withFix = r.id;
        break;
      }
    }
    expect(withFix).not.toBe('');
    await office.goto(`${receiver.host.origin}/#/u/303001/2023/p/${encodeURIComponent(withFix)}`);
    await office.waitForSelector('.form-table[data-complete]');
    await office.locator('aside.audit .finding').first().waitFor({ timeout: 10_000 });
    const banner = office.getByTestId('received-from');
    await expect(banner.textContent()).resolves.toMatch(/^从报送包接收的数据，只读：303001 忻州市医疗保障局.*\d{4}-\d\d-\d\d \d\d:\d\d 打包，\d{4}-\d\d-\d\d \d\d:\d\d 接收/);
    for (const name of ['撤销', '重做', '转换表样']) await expect(office.getByRole('button', { name, exact: true }).count(), name).resolves.toBe(0);
    await expect(office.locator('.row-tools').count()).resolves.toBe(0);
    await expect(office.locator('aside.audit .fix-btn').count()).resolves.toBe(0);
    await expect(office.getByRole('button', { name: '保存说明' }).count()).resolves.toBe(0);
    await expect(office.getByLabel('状态').isDisabled()).resolves.toBe(true);
    await shot(office, 'season-three-received-read-only');
  });
});
