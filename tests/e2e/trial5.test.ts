// Issue 12, the fifth new-user trial, from the user's side in Chromium on the production
// build: a reviewer who chooses 退回修改 and then adds a comment still has 退回修改 chosen,
// and 保存审核意见 stores it (the comment's reload kept only what was saved before).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults } from '../../shared/api/contract.ts';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { storeWith } from '../handover/helpers.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, receivePackage, shot, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);
const UNIT = '382201';
const YEAR = 2024;

d('the fifth new-user trial (browser)', () => {
  let receiver: AppHandle;
  let browser: Browser;
  let page: Page;
  let tmp: string;
  let pkg = '';

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-trial5-'));
    const s = await storeWith(tmp, [UNIT], 'sender.sqlite');
    pkg = path.join(tmp, '报送.jxmb');
    fs.writeFileSync(pkg, (await buildPackage(readUnitYear(s.store, UNIT, YEAR), { book: null })).bytes);
    s.store.close();
    const dir = await ensureRendererBuilt();
    [receiver, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page } = await newPage(browser));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('退回修改 chosen, then a comment added: the decision is still chosen and is what 保存审核意见 stores', async () => {
    await receivePackage(page, receiver, pkg);
    const id = (await apiCall<ApiResults['projects.list']>(receiver, 'projects.list', { unitCode: UNIT, year: YEAR })).rows[0]!.id;
    await page.goto(`${receiver.host.origin}/#/u/${UNIT}/${YEAR}/p/${encodeURIComponent(id)}`);
    await page.waitForSelector('.form-table[data-complete]');
    const panel = page.getByTestId('review-panel');
    await panel.getByLabel('审核人').fill('张审核');
    const verdict = panel.getByRole('radiogroup', { name: '审核结论' });
    await verdict.getByLabel('退回修改').check();
    await panel.getByLabel('等级', { exact: true }).selectOption('中');
    await panel.getByLabel('新意见').fill('绩效目标应写明资助标准和覆盖范围');
    await panel.getByRole('button', { name: '添加意见' }).click();
    await panel.locator('.review-comment', { hasText: '资助标准' }).waitFor();
    // What was chosen and not saved yet is still on screen, marked 未保存.
    await expect(verdict.getByLabel('退回修改').isChecked()).resolves.toBe(true);
    await expect(panel.getByLabel('等级', { exact: true }).inputValue()).resolves.toBe('中');
    await expect(panel.locator('.review-stored').textContent()).resolves.toBe('未保存');
    await shot(page, 'trial5-review-kept');
    await panel.getByRole('button', { name: '保存审核意见' }).click();
    await panel.getByRole('status').filter({ hasText: '已保存审核意见' }).waitFor();
    const stored = await apiCall<ApiResults['review.table']>(receiver, 'review.table', { projectId: id });
    expect(stored.review).toMatchObject({ verdict: 'return', grade: '中', stored: true });
    expect(stored.comments.map((c) => c.text)).toEqual(['绩效目标应写明资助标准和覆盖范围']);
    // A comment deleted after the save reads the saved decision back (nothing unsaved to keep).
    await panel.getByRole('button', { name: '删除意见' }).click();
    await expect.poll(() => panel.locator('.review-comment').count()).toBe(0);
    await expect(verdict.getByLabel('退回修改').isChecked()).resolves.toBe(true);
    await expect(panel.locator('.review-stored').textContent()).resolves.toBe('已保存');
  });
});
