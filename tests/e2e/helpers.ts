// End-to-end helpers: build the renderer once (into a directory named by a hash of its
// sources, so test files running in parallel share one build and never clash with
// dist/renderer), start the backend in-process on a temp SQLite file, drive Debian's
// Chromium with playwright-core.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startBrowserMode } from '../../electron/start.ts';
import type { BrowserMode } from '../../electron/start.ts';
import { encodeCallBody } from '../../shared/api/upload.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
export const SKIP_REASON = `没有 ${CHROMIUM}（Debian 的 Chromium，apt-get install chromium），跳过浏览器端到端测试`;
/** Screenshots go here (out/ is git-ignored). */
export const SHOT_DIR = path.join(ROOT, 'out', 'e2e-screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

function sourceHash(): string {
  const files: string[] = [];
  walk(path.join(ROOT, 'renderer'), files);
  walk(path.join(ROOT, 'shared'), files);
  files.sort();
  const h = createHash('sha256');
  h.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')));
  for (const f of files) {
    h.update(path.relative(ROOT, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Builds the renderer with vite's JS API unless a build of the same sources exists. One
 * test file builds (it holds a lock file); the others wait for its result.
 */
export async function ensureRendererBuilt(): Promise<string> {
  const base = path.join(ROOT, 'out', 'e2e-renderer');
  const dir = path.join(base, sourceHash());
  const ready = () => fs.existsSync(path.join(dir, 'index.html'));
  if (ready()) return dir;
  fs.mkdirSync(base, { recursive: true });
  const lock = `${dir}.lock`;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      // Someone else builds: wait for it (a lock older than 2 minutes is abandoned).
      const deadline = Date.now() + 120_000;
      while (!ready() && fs.existsSync(lock) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (ready()) return dir;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 120_000) fs.rmSync(lock, { force: true });
      } catch {
        /* gone */
      }
    }
  }
  try {
    if (ready()) return dir;
    const tmp = `${dir}.tmp-${process.pid}`;
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'error', build: { outDir: tmp, emptyOutDir: true } });
    fs.renameSync(tmp, dir);
  } finally {
    fs.rmSync(lock, { force: true });
  }
  // Keep the directory small: builds of older sources go.
  for (const e of fs.readdirSync(base)) {
    const p = path.join(base, e);
    if (p === dir || e.endsWith('.lock')) continue;
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > 10 * 60_000) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* raced with another cleaner */
    }
  }
  return dir;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface AppHandle {
  host: BrowserMode;
  dbPath: string;
  dir: string;
  close(): Promise<void>;
}

export async function startApp(staticDir: string, opts: { demo?: boolean } = {}): Promise<AppHandle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-e2e-'));
  const dbPath = path.join(dir, 'e2e.sqlite');
  const host = await startBrowserMode({ dbPath, staticDir, build: 'never', demo: opts.demo ?? false, log: () => {} });
  return {
    host,
    dbPath,
    dir,
    async close() {
      await host.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function newPage(browser: Browser, width = 1366, height = 768): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  return { context, page };
}

/**
 * At a receiving office: 接收报送包, choose `file`, 导入（1 个报送包）, and wait for the report
 * (its line matching `report`, if given).
 */
export async function receivePackage(page: Page, app: AppHandle, file: Parameters<Page['setInputFiles']>[1], report?: RegExp): Promise<void> {
  await page.goto(app.host.url);
  await page.getByRole('button', { name: '接收报送包' }).click();
  await page.getByLabel('选择报送包').setInputFiles(file);
  await page.locator('[data-testid="chosen"] tbody tr').first().waitFor();
  await page.getByRole('button', { name: '导入（1 个报送包）' }).click();
  await page.locator('[data-testid="import-report"] li', report ? { hasText: report } : {}).first().waitFor();
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const file = path.join(SHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Waits until the form shows 已保存 (every queued save stored). */
export async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === '已保存', null, { timeout: 10_000 });
}

/** The stored filing of a project straight from the API (what the database holds). */
export async function apiCall<T>(app: AppHandle, name: string, args: unknown): Promise<T> {
  const req = encodeCallBody(args); // files as bytes, like the page's client
  const res = await fetch(`${app.host.origin}/api/${name}`, { method: 'POST', headers: { ...req.headers, 'x-jxmb-token': app.host.token }, body: req.body });
  const body = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  return body.result as T;
}
