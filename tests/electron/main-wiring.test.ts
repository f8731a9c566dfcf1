// The real main process (electron/main/main.ts, bundled exactly as shipped) run on plain
// Node with a recording fake of the 'electron' module: checks that main.ts actually
// installs every guard the unit tests cover — window options, session handlers, request
// filter, navigation and window-open handlers, the app protocol with its CSP header, one
// guarded IPC handler per call — and that the backend answers through them.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildElectron } from '../../build/build-electron.ts';
import { API_NAMES, ipcChannel } from '../../shared/api/contract.ts';
import { APP_CSP } from '../../electron/main/csp.ts';
import { MENU_CHANNEL, SHELL_CALLS, shellChannel } from '../../electron/preload/channels.ts';
import type { FakeRecord } from './fake-electron.ts';

let root: string;
let dataDir: string;
let rec: FakeRecord;
const savedEnv = process.env.JXMB_DATA_DIR;

const trusted = () => ({ sender: { id: rec.windows[0]!.webContents.id }, senderFrame: { url: 'app://jxmb/index.html', parent: null } });
const ipc = (channel: string, event: unknown, ...args: unknown[]) => rec.ipcHandlers.get(channel)!(event, ...args);

beforeAll(async () => {
  // An app root like the packed app.asar: package.json, demo-data, dist/renderer, dist/electron, node_modules.
  root = mkdtempSync(path.join(tmpdir(), 'jxmb-main-'));
  dataDir = path.join(root, 'data');
  cpSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  symlinkSync(path.join(ROOT, 'demo-data'), path.join(root, 'demo-data'), 'dir');
  mkdirSync(path.join(root, 'dist', 'renderer', 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><title>绩效目标填报</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(path.join(root, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
  const { main } = await buildElectron({
    outDir: path.join(root, 'dist', 'electron'),
    electronAlias: path.join(import.meta.dirname, 'fake-electron.ts'),
  });
  process.env.JXMB_DATA_DIR = dataDir;
  createRequire(import.meta.url)(main);
  rec = (globalThis as unknown as { __fakeElectron: FakeRecord }).__fakeElectron;
  rec.readyResolve();
  for (let i = 0; i < 200 && !rec.windows[0]?.loadedUrl; i++) await new Promise((r) => setTimeout(r, 25));
  expect(rec.dialog.errorBoxes).toEqual([]);
});

afterAll(async () => {
  if (rec) {
    rec.app.emit('before-quit', { preventDefault() {} });
    for (let i = 0; i < 100 && rec.app.quitCalls === 0; i++) await new Promise((r) => setTimeout(r, 20));
  }
  if (savedEnv === undefined) delete process.env.JXMB_DATA_DIR;
  else process.env.JXMB_DATA_DIR = savedEnv;
  rmSync(root, { recursive: true, force: true });
});

describe('start-up', () => {
  it('registers the app scheme before ready; data folder and single-instance lock set up first', () => {
    const order = rec.order;
    expect(order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('whenReady'));
    expect(order.indexOf('setPath userData')).toBeLessThan(order.indexOf('requestSingleInstanceLock'));
    expect(rec.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(rec.paths.userData).toBe(dataDir);
    expect(rec.paths.sessionData).toBe(path.join(dataDir, 'chromium'));
    expect(rec.app.listenerCount('second-instance')).toBe(1);
    expect(existsSync(path.join(dataDir, 'filings.sqlite'))).toBe(true);
  });

  it('loads the 示例 data on first start, from the app root (demo-data/ in app.asar)', async () => {
    const r = await ipc('api:units.list', trusted(), {});
    expect(r.ok).toBe(true);
    expect(r.result.length).toBeGreaterThan(5);
    expect(r.result.every((u: { sample: boolean }) => u.sample)).toBe(true);
  });

  it('one window, with the checklist preferences and our preload, loading app://jxmb/index.html', () => {
    expect(rec.windows).toHaveLength(1);
    const w = rec.windows[0]!;
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: path.join(root, 'dist', 'electron', 'preload.cjs'),
    });
    expect(w.loadedUrl).toBe('app://jxmb/index.html');
    expect(rec.menu).not.toBeNull();
  });

  it('a second launch focuses the window', () => {
    expect(() => rec.app.emit('second-instance')).not.toThrow();
  });
});

describe('session', () => {
  it('denies every permission request and check, and device access', () => {
    const got: boolean[] = [];
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      rec.session.permissionRequest!(null, p, (v: boolean) => got.push(v), { requestingUrl: 'app://jxmb/index.html' });
      got.push(rec.session.permissionCheck!(null, p, 'app://jxmb', {}));
    }
    expect(got.every((v) => v === false)).toBe(true);
    expect(rec.session.devicePermission!({})).toBe(false);
    expect(rec.session.spellChecker).toBe(false);
  });

  it('cancels every request that is not the app’s own', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      rec.session.beforeRequest!({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('app://jxmb/assets/app.js')).toBe(false);
    expect(decide('https://example.com/')).toBe(true);
    expect(decide('http://127.0.0.1:1234/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
  });

  it('downloads: only files the page made itself, each through a save dialog', () => {
    const download = (url: string, filename: string) => {
      const r = { prevented: false, dialog: null as null | { defaultPath: string } };
      const item = {
        getURL: () => url,
        getFilename: () => filename,
        setSaveDialogOptions: (o: { defaultPath: string }) => (r.dialog = o),
        once: () => undefined,
        getSavePath: () => '',
      };
      rec.session.events.emit('will-download', { preventDefault: () => (r.prevented = true) }, item);
      return r;
    };
    const ok = download('blob:app://jxmb/6f1c3e0a-1111', '绩效目标表.docx');
    expect(ok.prevented).toBe(false);
    expect(path.basename(ok.dialog!.defaultPath)).toBe('绩效目标表.docx');
    expect(path.basename(download('blob:app://jxmb/1', '../../x.docx').dialog!.defaultPath)).toBe('_.._x.docx');
    for (const url of ['https://example.com/setup.exe', 'blob:https://evil.example/1', 'file:///etc/passwd']) {
      expect(download(url, 'x').prevented, url).toBe(true);
    }
  });
});

describe('web contents', () => {
  const fire = (name: string, url: string, extra: object = {}) => {
    let prevented = false;
    rec.windows[0]!.webContents.emit(name, { url, ...extra, preventDefault: () => (prevented = true) });
    return prevented;
  };

  it('no navigation away, no new windows, no webviews', () => {
    const wc = rec.windows[0]!.webContents;
    expect(wc.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'app://jxmb/index.html' })).toEqual({ action: 'deny' });
    expect(fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(fire('will-navigate', 'file:///C:/x.html')).toBe(true);
    expect(fire('will-navigate', 'app://jxmb/index.html')).toBe(false);
    expect(fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(fire('will-frame-navigate', 'https://example.com/', { isMainFrame: false })).toBe(true);
    expect(fire('will-frame-navigate', 'blob:app://jxmb/1', { isMainFrame: false })).toBe(false);
    expect(fire('will-attach-webview', '')).toBe(true);
  });

  it('menu commands reach the page', () => {
    const menu = rec.menu as { template: Array<{ submenu?: Array<{ id?: string; click?: () => void }> }> };
    const print = menu.template.flatMap((m) => m.submenu ?? []).find((i) => i.id === 'cmd:print');
    print!.click!();
    expect(rec.windows[0]!.webContents.sent).toContainEqual([MENU_CHANNEL, 'print']);
  });
});

describe('app protocol', () => {
  const get = (url: string, method = 'GET') => rec.protocolHandlers.get('app')!({ url, method }) as Promise<Response>;

  it('serves the renderer with the CSP header', async () => {
    const r = await get('app://jxmb/index.html');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toContain('绩效目标填报');
    expect((await get('app://jxmb/assets/app.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it('serves nothing outside dist/renderer', async () => {
    for (const url of ['app://jxmb/../secret.txt', 'app://jxmb/..%2fsecret.txt', 'app://jxmb/%2e%2e/%2e%2e/package.json', 'app://jxmb/../../package.json', 'app://other/index.html']) {
      const r = await get(url);
      expect(r.status, url).toBeGreaterThanOrEqual(400);
      expect(await r.text()).not.toContain('outside the renderer');
    }
    expect((await get('app://jxmb/index.html', 'POST')).status).toBe(405);
  });
});

describe('IPC', () => {
  it('one handler per API call and per desktop call, nothing else', () => {
    expect([...rec.ipcHandlers.keys()].sort()).toEqual([...API_NAMES.map(ipcChannel), ...SHELL_CALLS.map(shellChannel)].sort());
  });

  it('answers our window, refuses any other sender and bad arguments, writes nothing when refused', async () => {
    expect(await ipc('api:app.info', trusted(), {})).toMatchObject({ ok: true, result: { mode: 'electron', dataPath: path.join(dataDir, 'filings.sqlite') } });
    const evil = { sender: { id: 999 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    const unit = { code: '100001', name: '测试单位' };
    expect(await ipc('api:units.save', evil, { unit })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ipc('api:units.save', trusted(), { unit, extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(await ipc('api:units.save', trusted(), { unit: { ...unit, code: '1' } })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    const before = await ipc('api:units.list', trusted(), {});
    expect(before.result.some((u: { code: string }) => u.code === '100001')).toBe(false);
    expect(await ipc('api:units.save', trusted(), { unit })).toMatchObject({ ok: true, result: { code: '100001' } });
    const after = await ipc('api:units.list', trusted(), {});
    expect(after.result.length).toBe(before.result.length + 1);
  });

  it('reads a file only after the user chose it in the open dialog', async () => {
    const file = path.join(root, '导入.json');
    writeFileSync(file, '{"format":"jxmb-filings"}');
    expect(await ipc('shell:readFile', trusted(), { path: file })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    rec.dialog.open = async () => ({ canceled: false, filePaths: [file] });
    expect(await ipc('shell:openFile', trusted(), { kinds: ['json'] })).toMatchObject({ ok: true, result: { path: file, name: '导入.json' } });
    const r = await ipc('shell:readFile', trusted(), { path: file });
    expect(r.ok).toBe(true);
    expect(Buffer.from(r.result.base64, 'base64').toString()).toBe('{"format":"jxmb-filings"}');
    expect(await ipc('shell:readFile', trusted(), { path: path.join(root, 'secret.txt') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('quit', () => {
  it('saves the window state atomically and closes the database', async () => {
    rec.windows[0]!.emit('close');
    const ev = { prevented: false, preventDefault() {
      this.prevented = true;
    } };
    rec.app.emit('before-quit', ev);
    expect(ev.prevented).toBe(true);
    for (let i = 0; i < 100 && rec.app.quitCalls === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(rec.app.quitCalls).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toEqual({
      version: 1,
      x: 10,
      y: 20,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });
});
