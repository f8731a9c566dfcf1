// Electron's security checklist, item by item, on the code main.ts builds its windows,
// session handlers and protocol from (main-wiring.test.ts checks main.ts uses them).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl } from '../../electron/main/app-origin.ts';
import { PRIVILEGED_SCHEME, PrintPages, resolveAppRequest } from '../../electron/main/app-protocol.ts';
import { APP_CSP, PRINT_CSP, cspProblems, parseCsp, responseHeaders } from '../../electron/main/csp.ts';
import {
  ALLOWED_PERMISSIONS,
  isAllowedDownload,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isAllowedRequest,
  permissionDecision,
  windowOpenDecision,
} from '../../electron/main/web-guards.ts';
import { mainWindowOptions, printWindowOptions, secureWebPreferences } from '../../electron/main/window-options.ts';

const CHECKLIST = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
};

describe('window options (checklist 2, 3, 4, 6, 8, 9, 10, 11)', () => {
  const main = mainWindowOptions({ preload: '/app/dist/electron/preload.cjs', bounds: { width: 1200, height: 800 }, devTools: false, title: '绩效目标填报' });
  const print = printWindowOptions();

  it.each([
    ['main window', main.webPreferences],
    ['print window', print.webPreferences],
    ['any window', secureWebPreferences({ devTools: true })],
  ])('%s: every security preference set', (_name, prefs) => {
    expect(prefs).toMatchObject(CHECKLIST);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('main window: only our preload; devtools off in the packaged build; hidden until ready', () => {
    expect(main.webPreferences.preload).toBe('/app/dist/electron/preload.cjs');
    expect(main.webPreferences.devTools).toBe(false);
    expect(main.show).toBe(false);
    expect(main.title).toBe('绩效目标填报');
  });

  it('print window: no preload, no script, no devtools', () => {
    expect(print.webPreferences).not.toHaveProperty('preload');
    expect(print.webPreferences.javascript).toBe(false);
    expect(print.webPreferences.devTools).toBe(false);
    expect(print.show).toBe(false);
  });
});

describe('Content-Security-Policy (checklist 7)', () => {
  it('header policies are strict', () => {
    expect(cspProblems(APP_CSP)).toEqual([]);
    expect(cspProblems(PRINT_CSP)).toEqual([]);
    const app = parseCsp(APP_CSP);
    expect(app.get('default-src')).toEqual(["'none'"]);
    expect(app.get('script-src')).toEqual(["'self'"]);
    expect(app.get('connect-src')).toEqual(["'self'"]);
    expect(app.get('frame-ancestors')).toEqual(["'none'"]);
    const print = parseCsp(PRINT_CSP);
    expect(print.get('default-src')).toEqual(["'none'"]);
    expect(print.has('script-src')).toBe(false); // falls back to 'none'
  });

  it('the checker catches weak policies', () => {
    expect(cspProblems("default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'none'")).not.toEqual([]);
    expect(cspProblems("default-src *; object-src 'none'; base-uri 'none'")).not.toEqual([]);
    expect(cspProblems("default-src 'self' https://cdn.example; object-src 'none'; base-uri 'none'")).not.toEqual([]);
    expect(cspProblems("default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'")).not.toEqual([]);
    expect(cspProblems("script-src 'self'")).not.toEqual([]);
  });

  it('the meta tag of renderer/index.html is strict as well', () => {
    const html = readFileSync(path.join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(m, 'renderer/index.html has a CSP meta tag').not.toBeNull();
    expect(cspProblems(m![1]!)).toEqual([]);
  });

  it('every response of the app protocol carries the policy and nosniff', () => {
    const h = responseHeaders('text/html; charset=utf-8');
    expect(h['content-security-policy']).toBe(APP_CSP);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(responseHeaders('text/html', PRINT_CSP)['content-security-policy']).toBe(PRINT_CSP);
  });
});

describe('no remote content (checklist 1): isAllowedRequest', () => {
  it.each([
    'app://jxmb/index.html',
    'app://jxmb/assets/index-abc123.js',
    'app://jxmb/__print/abcdefghijklmnopqrstuvwx',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://jxmb/6f1c3e0a-1111-2222-3333-444455556666',
  ])('allows %s', (url) => expect(isAllowedRequest(url)).toBe(true));

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/api/app.info',
    'http://localhost/',
    'ws://127.0.0.1:9229/',
    'wss://example.com/socket',
    'file:///etc/passwd',
    'file://C:/Windows/win.ini',
    'ftp://example.com/x',
    'chrome-extension://abc/x.js',
    'chrome://settings',
    'app://jxmb.evil/index.html',
    'app://other/index.html',
    'app://user:pw@jxmb/index.html',
    'app://jxmb:8080/index.html',
    'blob:https://evil.example/123',
    'devtools://devtools/bundled/inspector.html',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('cancels %s', (url) => expect(isAllowedRequest(url)).toBe(false));

  it('devtools only when allowed (development builds)', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', { allowDevtools: true })).toBe(true);
  });
});

describe('navigation and new windows (checklist 13, 14)', () => {
  it('the main frame may only (re)load our own page', () => {
    expect(isAllowedNavigation(APP_INDEX_URL)).toBe(true);
    expect(isAllowedNavigation('app://jxmb/')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'file:///C:/x.html',
      'app://jxmb/__print/abcdefghijklmnopqrstuvwx',
      'app://jxmb/other.html',
      'app://evil/index.html',
      'data:text/html,x',
      'javascript:alert(1)',
      'about:blank',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
      expect(isAllowedFrameNavigation(url, true), url).toBe(false);
    }
  });

  it('a sub-frame (print preview) may show our own pages, blob: and data:, nothing remote', () => {
    expect(isAllowedFrameNavigation('blob:app://jxmb/abc', false)).toBe(true);
    expect(isAllowedFrameNavigation('data:text/html,<p>x</p>', false)).toBe(true);
    expect(isAllowedFrameNavigation('app://jxmb/__print/abcdefghijklmnopqrstuvwx', false)).toBe(true);
    expect(isAllowedFrameNavigation('https://example.com/', false)).toBe(false);
    expect(isAllowedFrameNavigation('file:///etc/passwd', false)).toBe(false);
    expect(isAllowedFrameNavigation('devtools://devtools/x', false)).toBe(false);
    // The preview iframe's srcdoc document: written by our page, under our CSP.
    expect(isAllowedFrameNavigation('about:srcdoc', false)).toBe(true);
    expect(isAllowedFrameNavigation('about:srcdoc', true)).toBe(false);
  });

  it('downloads only of what the page made itself (an export saved the browser-mode way)', () => {
    expect(isAllowedDownload('blob:app://jxmb/6f1c3e0a-1111-2222-3333-444455556666')).toBe(true);
    expect(isAllowedDownload('data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,UEsDBA==')).toBe(true);
    for (const url of ['https://example.com/setup.exe', 'http://127.0.0.1/x', 'blob:https://evil.example/1', 'file:///etc/passwd', 'data:text/html,<script>1</script>', 'app://jxmb/index.html']) {
      expect(isAllowedDownload(url), url).toBe(false);
    }
  });

  it('no new windows, whatever the URL', () => {
    for (const url of ['https://example.com/', 'app://jxmb/index.html', 'about:blank', '']) {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny' });
    }
  });
});

describe('permissions (checklist 5)', () => {
  it('every permission is denied, also to our own page', () => {
    expect(ALLOWED_PERMISSIONS.size).toBe(0);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'fileSystem',
      'storage-access',
      'unknown',
    ]) {
      expect(permissionDecision(p, APP_INDEX_URL), p).toBe(false);
      expect(permissionDecision(p, 'https://example.com/'), p).toBe(false);
    }
  });
});

describe('app protocol instead of file:// (checklist 18)', () => {
  const root = path.resolve('/app/dist/renderer');

  it('is registered as a standard, secure scheme without CSP bypass', () => {
    expect(PRIVILEGED_SCHEME.scheme).toBe('app');
    expect(PRIVILEGED_SCHEME.privileges).toMatchObject({ standard: true, secure: true });
    expect(PRIVILEGED_SCHEME.privileges).not.toHaveProperty('bypassCSP');
    expect(isAppUrl(APP_INDEX_URL)).toBe(true);
  });

  it('serves files under the root', () => {
    expect(resolveAppRequest(root, 'app://jxmb/')).toEqual({ kind: 'file', file: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppRequest(root, 'app://jxmb/assets/index-1a2b.js')).toMatchObject({ kind: 'file', file: path.join(root, 'assets', 'index-1a2b.js') });
    expect(resolveAppRequest(root, 'app://jxmb/assets/%E5%AD%97%E4%BD%93.woff2')).toMatchObject({ kind: 'file', file: path.join(root, 'assets', '字体.woff2') });
    expect(resolveAppRequest(root, 'app://jxmb/__print/abcdefghijklmnopqrstuvwx')).toEqual({ kind: 'print', id: 'abcdefghijklmnopqrstuvwx' });
  });

  it.each(['app://jxmb/../package.json', 'app://jxmb/%2e%2e/package.json', 'app://jxmb/__print/../../package.json', 'app://jxmb/a/./../../../x.js'])(
    'dot segments are resolved by the URL parser and stay inside the root: %s',
    (url) => {
      const r = resolveAppRequest(root, url);
      if (r.kind === 'file') expect(r.file.startsWith(root + path.sep)).toBe(true);
      else expect(r.kind).toBe('refused');
    },
  );

  it.each([
    'app://jxmb/..%2fpackage.json',
    'app://jxmb/assets/..%5c..%5cpackage.json',
    'app://jxmb/assets%2f..%2f..%2fpackage.json',
    'app://jxmb/%00index.html',
    'app://jxmb//etc/passwd',
    'app://jxmb/.env',
    'app://jxmb/assets/.hidden.js',
    'app://jxmb/C:/Windows/win.ini',
    'app://jxmb/assets/',
    'app://jxmb/index',
    'app://jxmb/run.exe',
    'app://jxmb/__print/short',
    'app://other/index.html',
    'https://jxmb/index.html',
    'file:///app/dist/renderer/index.html',
  ])('refuses %s', (url) => {
    const r = resolveAppRequest(root, url);
    expect(r.kind, url).toBe('refused');
  });

  it('refuses methods other than GET and HEAD', () => {
    expect(resolveAppRequest(root, 'app://jxmb/index.html', 'POST')).toMatchObject({ kind: 'refused', status: 405 });
    expect(resolveAppRequest(root, 'app://jxmb/index.html', 'HEAD')).toMatchObject({ kind: 'file' });
  });

  it('print views are served once, by an unguessable id, and expire', () => {
    let t = 0;
    let n = 0;
    const pages = new PrintPages(() => `id-${String(++n).padStart(20, '0')}`, () => t, 1000);
    const id = pages.add('<p>表</p>');
    expect(pages.take(id)).toBe('<p>表</p>');
    expect(pages.take(id)).toBeNull();
    const id2 = pages.add('<p>2</p>');
    t = 5000;
    expect(pages.take(id2)).toBeNull();
    expect(pages.size).toBe(0);
  });
});
