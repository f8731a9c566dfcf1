// The app makes no network request: the browser-mode host (the same renderer and API the
// desktop shell loads) in Debian's Chromium, every request recorded while the app loads
// and a few screens are clicked through (list, a table, 审核, 打印预览, the indicator
// library, 部门整体绩效目标). None may leave 127.0.0.1. Chromium also gets a recording
// proxy for everything not on the loopback, to catch what page events might miss: it
// may see only Chromium's own Google services (component updater, account sign-in,
// autofill server — browser features Electron does not have), nothing else.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../electron/start.ts';
import { ensureRendererBuilt } from '../e2e/helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Hosts Chromium itself contacts (not the page): Debian's Chromium keeps some despite the flags. */
const CHROMIUM_OWN_HOSTS = new Set([
  'update.googleapis.com',
  'accounts.google.com',
  'content-autofill.googleapis.com',
  'clients2.google.com',
  'clientservices.googleapis.com',
  'optimizationguide-pa.googleapis.com',
  'safebrowsing.googleapis.com',
  'redirector.gvt1.com',
  'edgedl.me.gvt1.com',
  'www.googleapis.com',
]);

/** The host of a proxy log line (`CONNECT host:443` or `GET http://host/…`). */
export function proxiedHost(line: string): string {
  const target = line.split(' ')[1] ?? '';
  return line.startsWith('CONNECT ') ? target.replace(/:\d+$/, '') : (() => {
    try {
      return new URL(target).hostname;
    } catch {
      return target;
    }
  })();
}

/** Where a URL goes: null when it stays on this machine's app (127.0.0.1) or in the page (data:, blob:, about:). */
export function leaves(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return null;
  if ((u.protocol === 'http:' || u.protocol === 'ws:') && u.hostname === '127.0.0.1') return null;
  return url;
}

describe('leaves()', () => {
  it('tells local from remote', () => {
    expect(leaves('http://127.0.0.1:4321/api/units.list')).toBeNull();
    expect(leaves('data:image/png;base64,AAAA')).toBeNull();
    expect(leaves('blob:http://127.0.0.1:4321/abc')).toBeNull();
    expect(leaves('about:srcdoc')).toBeNull();
    expect(proxiedHost('CONNECT accounts.google.com:443')).toBe('accounts.google.com');
    expect(proxiedHost('POST http://update.googleapis.com/service/update2/json?x=1')).toBe('update.googleapis.com');
    expect(CHROMIUM_OWN_HOSTS.has('fonts.googleapis.com')).toBe(false);
    for (const u of ['https://fonts.googleapis.com/css', 'http://localhost:4321/', 'http://127.0.0.2/', 'http://example.com/', 'ws://example.com/', 'file:///etc/passwd']) {
      expect(leaves(u), u).toBe(u);
    }
  });
});

describe.skipIf(!HAVE_CHROMIUM)(`no network request (browser mode in ${CHROMIUM})`, () => {
  let tmp: string;
  let host: BrowserMode;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let proxy: http.Server;
  const requests: string[] = [];
  const proxied: string[] = [];
  const sockets: string[] = [];

  beforeAll(async () => {
    const staticDir = await ensureRendererBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-nonet-'));
    host = await startBrowserMode({ dbPath: path.join(tmp, 'db.sqlite'), staticDir, build: 'never', demo: true, log: () => {} });
    // Anything Chromium sends off the loopback lands here and is refused.
    proxy = http.createServer((req, res) => {
      proxied.push(`${req.method} ${req.url}`);
      res.writeHead(403).end();
    });
    proxy.on('connect', (req, socket) => {
      proxied.push(`CONNECT ${req.url}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyPort = (proxy.address() as AddressInfo).port;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, `--proxy-server=http://127.0.0.1:${proxyPort}`] });
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    context.on('request', (r) => requests.push(r.url()));
    page = await context.newPage();
    page.on('websocket', (ws) => sockets.push(ws.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await new Promise((r) => proxy?.close(r));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('loads the app and clicks through the screens without a request leaving 127.0.0.1', { timeout: 120_000 }, async () => {
    await page.goto(host.url);
    await page.waitForSelector('.list-table tbody tr');

    // A unit-year of the 示例 data, then one of its tables.
    await page.goto(`${host.origin}/#/u/619001/2025`);
    await page.waitForSelector('.list-table tbody tr');
    await page.locator('.list-table tbody tr').nth(1).dblclick();
    await page.waitForSelector('.form-table');
    await page.waitForSelector('.audit-sum');

    // The indicator library proposes names while typing in a 三级 cell.
    const nameCell = page.locator('textarea[data-path$="].name"]').first();
    await nameCell.click();
    await page.keyboard.type('满意');
    await page.waitForTimeout(400);
    await page.keyboard.press('Escape');

    // Back to the list: 打印预览 of the whole book, and 部门整体绩效目标.
    await page.goto(`${host.origin}/#/u/619001/2025`);
    await page.waitForSelector('.list-table tbody tr');
    const preview = page.getByRole('button', { name: '打印预览' });
    if (await preview.count()) {
      await preview.first().click();
      await page.waitForSelector('iframe.print-frame', { timeout: 20_000 });
      await page.getByRole('button', { name: '关闭' }).first().click();
    }
    const dept = page.getByRole('button', { name: '部门整体绩效目标' });
    if (await dept.count()) await dept.first().click();
    await page.waitForTimeout(500);

    const api = requests.filter((u) => u.includes('/api/'));
    const called = new Set(api.map((u) => u.split('/api/')[1]));
    for (const n of ['units.list', 'projects.list', 'projects.get', 'audit.project', 'library.search']) expect(called, n).toContain(n);
    expect(requests.map(leaves).filter(Boolean)).toEqual([]);
    expect(sockets.map(leaves).filter(Boolean)).toEqual([]);
    expect(proxied.filter((l) => !CHROMIUM_OWN_HOSTS.has(proxiedHost(l)))).toEqual([]);
  });
});
