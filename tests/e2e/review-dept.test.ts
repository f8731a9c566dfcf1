// The 部门整体绩效目标 in the review loop, in Chromium with two databases (a unit and its
// receiving office): the office opens the received target read-only, comments on 总体目标 and
// on an indicator row by clicking them, returns it; the unit imports the return and sees the
// comments beside its 部门整体 editor, fixes one and answers the other with a 说明, resubmits;
// the office sees the answers and passes it; after a resubmission that changes only a table,
// the target's 通过 is carried over (沿用).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults } from '../../shared/api/contract.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, shot, waitSaved } from './helpers.ts';
import type { AppHandle } from './helpers.ts';
import { loopSteps, startSides, stopSides } from './review-steps.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
/** Layout B (唐山): its book has the 部门整体绩效目标. */
const UNIT = '619001';
const YEAR = 2025;
const DEPT = `dept:${UNIT}:${YEAR}`;

d('the 部门整体绩效目标 in the review loop (browser, two databases)', () => {
  let unit: AppHandle;
  let office: AppHandle;
  let browser: Browser;
  let up: Page;
  let op: Page;
  let tmp: string;

  beforeAll(async () => {
    ({ unit, office, browser, up, op, tmp } = await startSides('jxmb-e2e-review-dept-'));
  });

  afterAll(() => stopSides({ unit, office, browser, up, op, tmp }));

  const { openList, pack, receive, writeReturn, importReturn } = loopSteps(() => ({ unit, office, up, op, tmp }), UNIT, YEAR);
  const openDept = async (p: Page, app: AppHandle) => {
    await p.goto(`${app.host.origin}/#/u/${UNIT}/${YEAR}/dept`);
    await p.waitForSelector('.dept-paper');
  };
  const packAndReceive = async (name: string) => receive(await pack(name));
  const passTables = async () => {
    const r = await apiCall<ApiResults['review.unitYear']>(office, 'review.unitYear', { unitCode: UNIT, year: YEAR });
    for (const t of r.tables) await apiCall(office, 'review.setTable', { projectId: t.projectId, verdict: 'pass', reviewer: '王审核' });
  };
  it('the office reviews the received 部门整体绩效目标 read-only: comments on 总体目标 and an indicator row, 退回修改', async () => {
    await packAndReceive('sub1.jxmb');
    await passTables();
    // Without a decision on it, no return is written: the dialog names it.
    await openList(op, office);
    await op.getByRole('button', { name: '审核与退回' }).click();
    const dialog = op.getByRole('dialog', { name: '审核与退回' });
    const first = dialog.locator('[data-testid="review-tables"] tbody tr').first();
    await expect(first.textContent()).resolves.toMatch(/^—部门整体绩效目标.*未审核/);
    await expect(dialog.locator('.hint-text').textContent()).resolves.toMatch(/^部门整体绩效目标没有审核结论/);
    await dialog.getByLabel('审核人').fill('王审核');
    await dialog.getByRole('button', { name: '生成退回包' }).click();
    await expect(dialog.locator('.form-error').first().textContent()).resolves.toMatch(/^部门整体绩效目标还没有审核结论/);
    // 打开作结论 opens it (read-only, with the reviewer's panel).
    await first.getByRole('button', { name: '打开作结论' }).click();
    await op.locator('[data-testid="dept-review"]').waitFor();
    await expect(op.locator('[data-testid="received-from"]').textContent()).resolves.toMatch(/只读/);
    await expect(op.locator('.dept-paper textarea').count()).resolves.toBe(0);
    const panel = op.locator('[data-testid="review-panel"]');
    await panel.waitFor();
    await panel.getByLabel('审核人').fill('王审核');
    // Graded by 完整性、相关性、可行性 (适当性 compares money with the targets: it has none).
    await expect(panel.locator('.review-criteria th').allTextContents()).resolves.toEqual(['完整性', '相关性', '可行性']);

    await op.locator('[data-place="overall"]').click();
    await expect(panel.getByRole('radiogroup', { name: '意见位置' }).textContent()).resolves.toContain('本处：一、总体绩效目标');
    await panel.getByLabel('新意见').fill('总体目标应与部门职能对应<b>');
    await panel.getByRole('button', { name: '添加意见' }).click();
    await expect.poll(() => panel.locator('.review-comment').count()).toBe(1);
    const row = op.locator('[data-place^="items[0].indicators["]').first();
    const rowPath = (await row.getAttribute('data-place'))!;
    await row.click();
    await expect(panel.getByRole('radiogroup', { name: '意见位置' }).textContent()).resolves.toMatch(/本处：分项 1.*的绩效指标第 \d+ 行“/);
    await panel.getByLabel('新意见').fill('该指标请写明目标值');
    await panel.getByRole('button', { name: '添加意见' }).click();
    await expect.poll(() => panel.locator('.review-comment').count()).toBe(2);
    await panel.getByLabel('等级', { exact: true }).selectOption('中');
    await panel.getByLabel('完整性意见').fill('分项目标不完整');
    await panel.getByRole('radio', { name: '退回修改' }).check();
    await panel.getByRole('button', { name: '保存审核意见' }).click();
    await expect.poll(() => panel.locator('.review-stored').textContent()).toBe('已保存');
    // Marked where they point.
    await expect(op.locator('[data-testid="dept-pin"]').count()).resolves.toBe(2);
    const stored = await apiCall<ApiResults['review.table']>(office, 'review.table', { projectId: DEPT });
    expect(stored.comments.map((c) => c.path)).toEqual(['overall', rowPath]);
    expect(stored.review).toMatchObject({ grade: '中', verdict: 'return', criteria: { 完整性: '分项目标不完整' } });
    await shot(op, 'review-dept-office');

    const { dialog: d2, written } = await writeReturn('return1.jxmb');
    expect(written).toMatch(/张表和部门整体绩效目标，校验值 [0-9a-f]{64}/);
    await d2.getByRole('button', { name: '关闭', exact: true }).last().click();
  });

  it('the unit sees the comments in its 部门整体 editor, fixes one, explains the other, and resubmits', async () => {
    expect(await importReturn(path.join(tmp, 'return1.jxmb'))).toMatch(/；部门整体绩效目标：退回修改。/);
    await openDept(up, unit);
    const box = up.locator('[data-testid="unit-comments"]');
    await box.waitFor();
    await expect(box.locator('.review-verdict').textContent()).resolves.toMatch(/第 1 次退回包）：退回修改　等级 中/);
    await expect(box.locator('.rc-text').allTextContents()).resolves.toEqual(['总体目标应与部门职能对应<b>', '该指标请写明目标值']);
    await expect(up.locator('[data-testid="dept-pin"].pin-open').count()).resolves.toBe(2);
    // A click on where a comment points goes to the box.
    await box.locator('.rc-where').first().click();
    await expect.poll(() => up.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toBe('总体绩效目标');
    await up.keyboard.press('End');
    await up.keyboard.insertText('（对应本部门“三定”职能）');
    await up.keyboard.press('Tab');
    await waitSaved(up);
    const items = box.locator('.review-comment');
    await items.nth(0).getByLabel('已处理').check();
    await expect.poll(() => items.nth(0).getAttribute('class')).toContain('rc-handled');
    await items.nth(1).getByLabel('说明').fill('目标值见分项绩效目标');
    await items.nth(1).getByRole('button', { name: '保存说明' }).click();
    await expect.poll(() => items.nth(1).getAttribute('class')).toContain('rc-noted');
    await expect(box.locator('[data-testid="review-history"]').textContent()).resolves.toMatch(/提交 1（.*） → 退回（/);
    await shot(up, 'review-dept-unit');
    await packAndReceive('sub2.jxmb');
  });

  it('the office sees the answers and passes it; an unchanged one keeps its 通过 (沿用)', async () => {
    await openDept(op, office);
    const panel = op.locator('[data-testid="review-panel"]');
    await panel.waitFor();
    await expect.poll(() => panel.locator('.rc-reply').allTextContents()).toEqual(['单位答复：已处理', '单位答复：未修改：目标值见分项绩效目标']);
    await expect(op.locator('[data-place="overall"]').textContent()).resolves.toContain('（对应本部门“三定”职能）');
    await expect.poll(() => panel.locator('.review-stored').textContent()).toBe('结论是对上一个报送版本作出的，请确认后重新保存');
    await panel.getByLabel('审核人').fill('王审核');
    await panel.getByLabel('完整性意见').fill('');
    await panel.getByRole('radio', { name: '通过' }).check();
    await panel.getByRole('button', { name: '保存审核意见' }).click();
    await expect.poll(() => panel.locator('.review-stored').textContent()).toBe('已保存');
    await passTables();
    const { dialog } = await writeReturn('return2.jxmb');
    await dialog.getByRole('button', { name: '关闭', exact: true }).last().click();
    expect(await importReturn(path.join(tmp, 'return2.jxmb'))).toMatch(/；部门整体绩效目标：通过。/);
    await openDept(up, unit);
    await expect(up.locator('[data-testid="unit-comments"] > .review-sub').first().textContent()).resolves.toBe('部门整体绩效目标已通过。意见 2 条，供参考，无需再答复');

    // Only a table changes; the resubmitted 部门整体绩效目标 keeps its 通过.
    const list = await apiCall<ApiResults['projects.list']>(unit, 'projects.list', { unitCode: UNIT, year: YEAR });
    const got = await apiCall<ApiResults['projects.get']>(unit, 'projects.get', { id: list.rows[0]!.id });
    await apiCall(unit, 'projects.save', { filing: { ...got.filing, fundUse: `${got.filing.fundUse}。` }, expectedRevision: got.revision, force: true });
    await packAndReceive('sub3.jxmb');
    await openList(op, office);
    await op.getByRole('button', { name: '审核与退回' }).click();
    const d3 = op.getByRole('dialog', { name: '审核与退回' });
    const first = d3.locator('[data-testid="review-tables"] tbody tr').first();
    await expect.poll(() => first.textContent()).toMatch(/^—部门整体绩效目标.*通过沿用第 2 次报送的审核结论/);
    // The 审核意见表 prints it first, with its verdict and comments.
    await d3.getByRole('button', { name: '审核意见表预览' }).click();
    const sheet = op.frameLocator('.print-frame');
    await expect(sheet.locator('body').textContent()).resolves.toMatch(/审核对象部门整体绩效目标[\s\S]*一、总体绩效目标：总体目标应与部门职能对应<b>（单位答复：已处理）[\s\S]*通过（等级：.）；沿用第 2 次报送的审核结论（部门整体绩效目标未修改）/);
    // The 汇总 names it.
    await d3.getByRole('button', { name: '关闭', exact: true }).last().click();
    await op.goto(office.host.url);
    await op.getByRole('button', { name: '接收报送包' }).click();
    const row = op.locator('[data-testid="summary"] tbody tr').filter({ hasText: UNIT }).first();
    await row.waitFor();
    const head = await op.locator('[data-testid="summary"] thead th').allTextContents();
    expect(head).toContain('部门整体');
    const cells = await row.locator('td').allTextContents();
    expect(cells[head.indexOf('部门整体')]).toBe('通过');
  });
});
