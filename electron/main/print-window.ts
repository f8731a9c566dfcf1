// The app:// protocol (renderer files and one-time print pages) and the hidden window that
// prints a page or turns it into a PDF. Decisions live in app-protocol.ts and window-options.ts.
import { BrowserWindow, protocol } from 'electron';
import type { WebContents } from 'electron';
import { readFile } from 'node:fs/promises';

import { APP_ORIGIN, APP_SCHEME, PRINT_PATH_PREFIX } from './app-origin.ts';
import { PrintPages, resolveAppRequest } from './app-protocol.ts';
import { PRINT_CSP, responseHeaders } from './csp.ts';
import { printWindowOptions } from './window-options.ts';

export function serveAppProtocol(rendererRoot: string, printPages: PrintPages): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const r = resolveAppRequest(rendererRoot, request.url, request.method);
    const text = responseHeaders('text/plain; charset=utf-8');
    if (r.kind === 'refused') return new Response(null, { status: r.status, headers: text });
    if (r.kind === 'print') {
      const html = printPages.take(r.id);
      if (html === null) return new Response(null, { status: 404, headers: text });
      return new Response(html, { headers: responseHeaders('text/html; charset=utf-8', PRINT_CSP) });
    }
    try {
      const data = await readFile(r.file);
      return new Response(request.method === 'HEAD' ? null : data, { headers: responseHeaders(r.contentType) });
    } catch {
      return new Response(null, { status: 404, headers: text });
    }
  });
}

export async function withPrintWindow<T>(printPages: PrintPages, html: string, work: (wc: WebContents) => Promise<T>): Promise<T> {
  const id = printPages.add(html);
  const options = printWindowOptions();
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      javascript: false,
    },
  });
  try {
    await win.loadURL(`${APP_ORIGIN}${PRINT_PATH_PREFIX}${id}`);
    return await work(win.webContents);
  } finally {
    win.destroy();
  }
}

