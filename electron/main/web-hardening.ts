// The Electron objects of the web guards: every web contents and the default session get
// the decisions of web-guards.ts (plain, unit-tested) wired in. main.ts calls these once.
import { session } from 'electron';
import type { WebContents } from 'electron';
import path from 'node:path';

import { RemovableDrives, dialogStartDir } from './removable-drives.ts';
import { safeFileName } from './shell-contract.ts';
import {
  isAllowedDownload,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isAllowedRequest,
  permissionDecision,
  windowOpenDecision,
} from './web-guards.ts';

type Log = (msg: string, err?: unknown) => void;

/** Every web contents (main window, print windows, devtools): no navigation, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents, log: Log): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`已阻止打开新窗口：${url.slice(0, 200)}`);
    return windowOpenDecision(url);
  });
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) {
      event.preventDefault();
      log(`已阻止页面跳转：${event.url.slice(0, 200)}`);
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedFrameNavigation(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface SessionDeps {
  drives: RemovableDrives;
  isDev: boolean;
  log: Log;
  documentsDir: () => string;
  /** The folder of the last file chosen in a dialog, read and remembered. */
  lastDir: { get(): string | null; set(dir: string): void };
}

export function hardenSession(deps: SessionDeps): void {
  const { drives, isDev, log, lastDir } = deps;
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permissionDecision(permission, details.requestingUrl)));
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionDecision(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, { allowDevtools: isDev });
    if (!allowed) log(`已阻止请求：${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  // Files the page made itself (an export's blob: download) are saved through a 另存为
  // dialog that starts at the USB drive; nothing is downloaded from anywhere else.
  ses.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL())) {
      event.preventDefault();
      log(`已阻止下载：${item.getURL().slice(0, 200)}`);
      return;
    }
    const name = safeFileName(item.getFilename() || '未命名');
    item.setSaveDialogOptions({
      title: '保存文件',
      defaultPath: path.join(dialogStartDir(drives.peek(), lastDir.get(), deps.documentsDir()), name),
    });
    item.once('done', (_e, state) => {
      if (state === 'completed') lastDir.set(path.dirname(item.getSavePath()));
    });
  });
}
