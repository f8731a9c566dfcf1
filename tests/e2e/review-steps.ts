// The steps both review-loop e2e tests take with a unit and its receiving office (two apps, two
// pages): open the list, the 报送与交换 menu, a download, pack on the unit and receive at the
// office, 生成退回包, 导入审核意见; and starting and stopping the two apps and the browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launch, newPage, receivePackage, startApp, type AppHandle } from './helpers.ts';

export interface LoopSides {
  unit: AppHandle;
  office: AppHandle;
  up: Page;
  op: Page;
  tmp: string;
}

/** `sides` is read at each step (the pages are made in beforeAll); `rows`: the list shows at least so many tables. */
export function loopSteps(sides: () => LoopSides, unitCode: string, year: number, rows = 1) {
  const openList = async (p: Page, app: AppHandle) => {
    await p.goto(`${app.host.origin}/#/u/${unitCode}/${year}`);
    await p.waitForFunction((u) => document.querySelector('.tb-title')?.textContent?.startsWith(u), unitCode);
    await p.waitForSelector(`.list-table tbody tr >> nth=${rows - 1}`);
  };
  const menu = async (p: Page, item: string) => {
    await p.getByRole('button', { name: '报送与交换 ▾' }).click();
    await p.getByRole('menuitem', { name: new RegExp(`^${item}`) }).click();
  };
  const download = async (p: Page, act: () => Promise<void>, name: string): Promise<string> => {
    const dl = p.waitForEvent('download');
    await act();
    const file = path.join(sides().tmp, name);
    await (await dl).saveAs(file);
    return file;
  };
  const pack = async (name: string) => {
    const { up, unit } = sides();
    await openList(up, unit);
    const file = await download(up, () => menu(up, '打包报送'), name);
    await up.getByRole('dialog', { name: '打包报送' }).getByRole('button', { name: '关闭', exact: true }).last().click();
    return file;
  };
  const receive = async (file: string) => {
    const { op, office } = sides();
    await receivePackage(op, office, file);
  };
  const writeReturn = async (name: string) => {
    const { op, office } = sides();
    await openList(op, office);
    await op.getByRole('button', { name: '审核与退回' }).click();
    const dialog = op.getByRole('dialog', { name: '审核与退回' });
    await dialog.locator('[data-testid="review-tables"] tbody tr').first().waitFor();
    const file = await download(op, () => dialog.getByRole('button', { name: '生成退回包' }).click(), name);
    const written = (await dialog.locator('[data-testid="return-written"]').textContent()) ?? '';
    expect(written).toMatch(/已生成退回包.*校验值 [0-9a-f]{64}/);
    return { file, dialog, written };
  };
  const importReturn = async (file: string) => {
    const { up, unit } = sides();
    await openList(up, unit);
    await menu(up, '导入审核意见');
    const dialog = up.getByRole('dialog', { name: '导入审核意见' });
    await dialog.getByLabel('选择退回包').setInputFiles(file);
    const done = dialog.locator('[data-testid="return-imported"]');
    await done.waitFor();
    const text = (await done.textContent()) ?? '';
    await dialog.getByRole('button', { name: '关闭', exact: true }).last().click();
    return text;
  };
  return { openList, menu, download, pack, receive, writeReturn, importReturn };
}

/** The unit's app (demo data) and the office's (empty), one browser with a page on each, a folder for the files. */
export async function startSides(tmpPrefix: string): Promise<LoopSides & { browser: Browser }> {
  const dir = await ensureRendererBuilt();
  const [unit, office, browser] = await Promise.all([startApp(dir, { demo: true }), startApp(dir), launch()]);
  const { page: up } = await newPage(browser, 1600, 900);
  const { page: op } = await newPage(browser, 1600, 900);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  // The address with the token first (the session); then views by their hash.
  await Promise.all([up.goto(unit.host.url), op.goto(office.host.url)]);
  await Promise.all([up.waitForSelector('.list-table tbody tr'), op.getByRole('button', { name: '接收报送包' }).waitFor()]);
  return { unit, office, browser, up, op, tmp };
}

export async function stopSides(s: Partial<LoopSides & { browser: Browser }>): Promise<void> {
  await s.browser?.close();
  await Promise.all([s.unit?.close(), s.office?.close()]);
  if (s.tmp) fs.rmSync(s.tmp, { recursive: true, force: true });
}
