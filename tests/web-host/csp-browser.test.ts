// The Content-Security-Policy as Chromium applies it: the print preview (an HTML document
// with inline styles in a sandboxed srcdoc frame) renders; inline scripts, foreign
// connections and being framed by another site do not happen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';

const CHROMIUM = '/usr/bin/chromium';
const have = fs.existsSync(CHROMIUM);

let dir: string;
let host: WebHost;
let browser: Browser;

beforeAll(async () => {
  if (!have) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-csp-'));
  const site = path.join(dir, 'site');
  fs.mkdirSync(site);
  const printDoc = "<!DOCTYPE html><html><head><style>p{color:rgb(255,0,0)}</style></head><body><p id='p'>打印内容</p></body></html>";
  fs.writeFileSync(
    path.join(site, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>t</title><script src="./app.js"></script></head><body>
<div>本机页面</div>
<iframe id="f" sandbox="allow-same-origin allow-modals" srcdoc="${printDoc}"></iframe>
<script>window.inlineRan = true;</script></body></html>`,
  );
  fs.writeFileSync(path.join(site, 'app.js'), 'window.fileScriptRan = true;');
  host = await startWebHost({ dbPath: path.join(dir, 'f.sqlite'), staticDir: site, log: () => {} });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!have)('CSP in Chromium', () => {
  it('renders the srcdoc print preview with its inline styles; runs file scripts, not inline ones', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.waitForSelector('#p');
    expect(await frame.evaluate(() => getComputedStyle(document.getElementById('p')!).color)).toBe('rgb(255, 0, 0)');
    expect(await frame.evaluate(() => document.body.innerText)).toContain('打印内容');
    expect(await page.evaluate(() => (window as unknown as { fileScriptRan?: boolean }).fileScriptRan)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    await page.close();
  });

  it('lets the page call its own API with the token, and nowhere else', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const own = await page.evaluate(async (token) => {
      const r = await fetch('/api/units.list', { method: 'POST', headers: { 'content-type': 'application/json', 'x-jxmb-token': token }, body: '{}' });
      return r.status;
    }, host.token);
    expect(own).toBe(200);
    const foreign = await page.evaluate(async () => {
      try {
        await fetch('http://example.invalid/');
        return 'connected';
      } catch {
        return 'blocked';
      }
    });
    expect(foreign).toBe('blocked');
    await page.close();
  });

  it('refuses to be framed by another site', async () => {
    const evil = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<iframe id="t" src="${host.origin}/"></iframe>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    const page = await browser.newPage();
    // sanity: the page itself shows the marker
    const direct = await browser.newPage();
    await direct.goto(host.url);
    expect(await direct.evaluate(() => document.body.innerText)).toContain('本机页面');
    await direct.close();
    await page.goto(`http://localhost:${(evil.address() as AddressInfo).port}/`);
    await page.waitForTimeout(300);
    const inner = page.frames().find((f) => f !== page.mainFrame());
    const content = inner ? await inner.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    expect(content).not.toContain('本机页面');
    await page.close();
    await new Promise<void>((r) => evil.close(() => r()));
  });
});
