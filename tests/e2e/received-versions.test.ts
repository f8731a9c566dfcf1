// 设为当前版本 in the browser (issue 11): a receiving office takes a unit's first submission,
// then a second one dated a year after its own clock, which is held as 待确认 with the reason;
// the receiver makes it current from the history (after a confirmation), the choice shows in
// the history, the received tables change; then it goes back to the first version the same way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiResults } from '../../shared/api/contract.ts';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { storeWith, withManifest } from '../handover/helpers.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, shot, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

d('接收的版本：设为当前版本 (browser)', () => {
  let receiver: AppHandle;
  let browser: Browser;
  let office: Page;
  let tmp: string;
  const files = { v1: '', v2: '' };
  let renamed = '';

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-versions-'));
    const s = await storeWith(tmp, ['382201'], 'sender.sqlite');
    const v1 = (await buildPackage(readUnitYear(s.store, '382201', 2024), { book: null })).bytes;
    const p = s.store.getProject(s.store.listProjects('382201', 2024)[0]!.id)!;
    renamed = `${p.name}（第二版）`;
    s.store.updateProject({ ...p, name: renamed });
    const v2 = (await buildPackage(readUnitYear(s.store, '382201', 2024), { book: null })).bytes;
    s.store.close();
    files.v1 = path.join(tmp, '第一次报送.jxmb');
    files.v2 = path.join(tmp, '第二次报送.jxmb');
    fs.writeFileSync(files.v1, withManifest(v1, (m) => void (m.submissionNo = 1)));
    // The sender's clock runs a year ahead.
    const ahead = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
    fs.writeFileSync(files.v2, withManifest(v2, (m) => Object.assign(m, { submissionNo: 2, createdAt: ahead })));
    const dir = await ensureRendererBuilt();
    [receiver, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page: office } = await newPage(browser));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const names = async () => (await apiCall<ApiResults['projects.list']>(receiver, 'projects.list', { unitCode: '382201', year: 2024 })).rows.map((r) => r.name);
  const receive = async (file: string, expect: RegExp) => {
    await office.getByLabel('选择报送包').setInputFiles(file);
    await office.locator('[data-testid="chosen"] tbody tr').first().waitFor();
    await office.getByRole('button', { name: '导入（1 个报送包）' }).click();
    await office.locator('[data-testid="import-report"] li', { hasText: expect }).waitFor();
  };
  const row = (fileName: string) => office.locator('[data-testid="history"] tbody tr', { hasText: fileName });
  const makeCurrent = async (fileName: string) => {
    await row(fileName).getByRole('button', { name: '设为当前版本' }).click();
    const dialog = office.getByRole('dialog', { name: '设为当前版本' });
    await dialog.waitFor();
    const text = await dialog.textContent();
    await dialog.getByRole('button', { name: '设为当前版本' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(fileName).locator('.state-label', { hasText: '现用' }).waitFor();
    return text ?? '';
  };

  it('a package dated after this computer\'s clock is held as 待确认 with the reason, and offered', async () => {
    await office.goto(receiver.host.url);
    await office.getByRole('button', { name: '接收报送包' }).click();
    await office.getByRole('heading', { name: '接收报送包' }).waitFor();
    await receive(files.v1, /第一次报送\.jxmb：已导入（382201/);
    await receive(files.v2, /第二次报送\.jxmb：打包时间比本机时钟晚一天以上/);
    expect(await names()).not.toContain(renamed);
    const pending = row('第二次报送.jxmb');
    await expect(pending.locator('.state-label').textContent()).resolves.toBe('待确认');
    await expect(pending.locator('.state-why').textContent()).resolves.toMatch(/打包时间比本机时钟晚一天以上（发送方电脑的时钟可能有误）/);
    await expect(pending.getByRole('button', { name: '设为当前版本' }).getAttribute('class')).resolves.toBe('btn-primary');
    await expect(row('第一次报送.jxmb').locator('[data-testid="current-event"]').allTextContents()).resolves.toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d 导入时成为当前版本$/)]);
    await shot(office, 'received-pending');
  });

  it('设为当前版本 asks first, then makes it current; the choice shows in the history', async () => {
    // 取消 changes nothing.
    await row('第二次报送.jxmb').getByRole('button', { name: '设为当前版本' }).click();
    await office.getByRole('dialog', { name: '设为当前版本' }).getByRole('button', { name: '取消' }).click();
    await expect(row('第二次报送.jxmb').locator('.state-label').textContent()).resolves.toBe('待确认');
    expect(await names()).not.toContain(renamed);

    const asked = await makeCurrent('第二次报送.jxmb');
    expect(asked).toMatch(/将 382201 .*2024 年度的第 2 次报送（第二次报送\.jxmb.*设为当前版本.*现用的第 1 次报送（第一次报送\.jxmb）留在历史中/);
    expect(await names()).toContain(renamed);
    await expect(row('第二次报送.jxmb').locator('[data-testid="current-event"]').allTextContents()).resolves.toEqual([expect.stringMatching(/由接收方设为当前版本$/)]);
    await expect(row('第一次报送.jxmb').locator('.state-label').textContent()).resolves.toBe('已被新版本替代');
    await shot(office, 'received-chosen');
  });

  it('any other version can be made current again: back to the first submission', async () => {
    await makeCurrent('第一次报送.jxmb');
    expect(await names()).not.toContain(renamed);
    await expect(row('第一次报送.jxmb').locator('[data-testid="current-event"]').allTextContents()).resolves.toEqual([
      expect.stringMatching(/导入时成为当前版本$/),
      expect.stringMatching(/由接收方设为当前版本$/),
    ]);
    // The history as the API gives it, and the 查看 of the current version.
    const history = await apiCall<ApiResults['handover.received']>(receiver, 'handover.received', {});
    expect(history.map((h) => [h.fileName, h.state, h.madeCurrent.map((e) => e.how)])).toEqual([
      ['第二次报送.jxmb', 'superseded', ['chosen']],
      ['第一次报送.jxmb', 'current', ['import', 'chosen']],
    ]);
    await row('第一次报送.jxmb').getByRole('button', { name: '查看' }).click();
    await office.waitForSelector('.list-table tbody tr');
  });
});
