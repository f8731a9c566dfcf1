// A receiving office opens another year of a unit it only knows from a package: the list says
// whose data it is and offers no 新建项目表, 复制上年 or 导入表格或 Word 文件 (the service
// refuses them too); the received year itself stays read-only as before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { storeWith } from '../handover/helpers.ts';
import { HAVE_CHROMIUM, SKIP_REASON, apiCall, ensureRendererBuilt, launch, newPage, receivePackage, shot, startApp } from './helpers.ts';
import type { AppHandle } from './helpers.ts';

const d = HAVE_CHROMIUM ? describe : (name: string, fn: () => void) => describe.skip(`${name}：${SKIP_REASON}`, fn);

d('接收的单位：本机不为它新建表格 (browser)', () => {
  let receiver: AppHandle;
  let browser: Browser;
  let office: Page;
  let tmp: string;
  let file = '';

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-recv-unit-'));
    const s = await storeWith(tmp, ['382201'], 'sender.sqlite');
    file = path.join(tmp, '报送.jxmb');
    fs.writeFileSync(file, (await buildPackage(readUnitYear(s.store, '382201', 2024), { book: null })).bytes);
    s.store.close();
    const dir = await ensureRendererBuilt();
    [receiver, browser] = await Promise.all([startApp(dir), launch()]);
    ({ page: office } = await newPage(browser));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('another year of the received unit: a notice, no create / copy / import; the API refuses too', async () => {
    await receivePackage(office, receiver, file, /已导入（382201/);

    await office.goto(`${receiver.host.url}#/u/382201/2025`);
    const notice = office.locator('[data-testid="received-unit"]');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/382201.*的数据是从报送包接收的，属于报送单位：本机不新建、复制或导入它的表格。2025 年度没有接收到该单位的报送包/);
    await expect(office.getByRole('button', { name: '＋ 新建项目表' }).count()).resolves.toBe(0);
    await expect(office.getByRole('button', { name: '复制上年' }).isVisible()).resolves.toBe(false);
    await office.getByRole('button', { name: '报送与交换 ▾' }).click();
    await office.getByRole('menu', { name: '报送与交换' }).waitFor();
    await expect(office.getByRole('menuitem', { name: /导入审核意见/ }).count()).resolves.toBe(1);
    await expect(office.getByRole('menuitem', { name: /导入表格或 Word 文件/ }).count()).resolves.toBe(0);
    await shot(office, 'received-unit-other-year');
    await expect(apiCall(receiver, 'projects.create', { unitCode: '382201', year: 2025, name: '新项目' })).rejects.toThrow(/从报送包接收的，属于报送单位.*不能为它新建项目表/);
    await expect(apiCall(receiver, 'projects.copyYear', { unitCode: '382201', fromYear: 2024, toYear: 2025 })).rejects.toThrow(/不能为它复制上年的表/);
  });
});
