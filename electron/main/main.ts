// Electron main process: wiring only. Every decision (window options, CSP, request and
// navigation rules, the IPC guard, menu, window state, data folder, USB drives) lives in
// the plain modules next to this file and is unit-tested without Electron.
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, screen, shell } from 'electron';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { API_NAMES, ipcChannel, type ApiName } from '../../shared/api/contract.ts';
import { dispatch } from '../api/dispatch.ts';
import { createHandlers } from '../api/handlers.ts';
import { APP_INFO } from '../app-info.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { JobRunner } from '../jobs/job-runner.ts';
import { defaultDataDir } from '../paths.ts';
import { loadDemoOnFirstStart } from '../services/demo.ts';
import { FilingStore } from '../store/store.ts';
import { MENU_CHANNEL, SHELL_CALLS, shellChannel, type MenuCommand } from '../preload/channels.ts';
import { APP_INDEX_URL, APP_USER_MODEL_ID } from './app-origin.ts';
import { PRIVILEGED_SCHEME, PrintPages } from './app-protocol.ts';
import { APP_ROOT } from './app-root.ts';
import { resolveDataLocation, type DataLocation } from './data-location.ts';
import { createApiIpcHandler, createShellIpcHandler, type GuardDeps } from './ipc-guard.ts';
import { createLogger } from './log.ts';
import { buildMenuTemplate } from './menu-template.ts';
import { resolveNativeBinding } from './native-binding.ts';
import { PathGrants } from './path-grants.ts';
import { RemovableDrives, dialogStartDir } from './removable-drives.ts';
import { serveAppProtocol, withPrintWindow } from './print-window.ts';
import { createShellHandlers } from './shell-handlers.ts';
import { setDefaultNativeBinding } from './sqlite-shim.ts';
import { hardenSession, hardenWebContents } from './web-hardening.ts';
import { mainWindowOptions } from './window-options.ts';
import { fitToDisplays, loadWindowState, saveWindowState, stateFromWindow, type WindowState } from './window-state.ts';

const RENDERER_ROOT = path.join(APP_ROOT, 'dist', 'renderer');
const PRELOAD = path.join(APP_ROOT, 'dist', 'electron', 'preload.cjs');
const ICON = path.join(APP_ROOT, 'build', 'icon.png');
const isDev = !app.isPackaged;

let mainWindow: BrowserWindow | null = null;
let lastWindowState: WindowState | null = null;
let store: FilingStore | null = null;
let jobs: JobRunner | null = null;
let cleanedUp = false;
/** The folder of the last file chosen in a dialog (this session). */
let lastDir: string | null = null;
let log: (msg: string, err?: unknown) => void = (msg, err) => console.error(msg, err ?? '');

function fatal(title: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  log(`${title}：${message}`, err);
  dialog.showErrorBox(title, message);
  try {
    store?.close();
  } catch {
    // exiting anyway
  }
  app.exit(1);
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

function sendMenuCommand(cmd: MenuCommand): void {
  mainWindow?.webContents.send(MENU_CHANNEL, cmd);
}

function messageBox(opts: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> {
  return mainWindow ? dialog.showMessageBox(mainWindow, opts) : dialog.showMessageBox(opts);
}

function installMenu(loc: DataLocation): void {
  const about = () =>
    void messageBox({
      type: 'info',
      title: `关于 ${APP_INFO.name}`,
      message: `${APP_INFO.name}　版本 ${APP_INFO.version}`,
      detail: `县级预算单位绩效目标填报工具，全程离线运行。\n数据文件夹：${loc.dir}${loc.portable ? '（便携版，数据与程序在一起）' : ''}\nElectron ${process.versions.electron ?? ''}`,
      buttons: ['确定'],
    });
  const dataInfo = async () => {
    const r = await messageBox({
      type: 'info',
      title: '数据与备份位置',
      message: '本单位的填报数据保存在下面的文件夹中',
      detail: `数据库：${loc.dbPath}\n自动备份：${path.join(loc.dir, 'backups')}\n\n换电脑时，退出程序后把整个文件夹复制到新电脑的相同位置即可；也可以用“导出”生成数据文件，在新电脑上“导入”。`,
      buttons: ['打开数据文件夹', '确定'],
      defaultId: 1,
      cancelId: 1,
    });
    if (r.response === 0) await shell.openPath(loc.dir);
  };
  const template = buildMenuTemplate({
    platform: process.platform,
    isDev,
    appName: APP_INFO.name,
    actions: {
      command: sendMenuCommand,
      openDataFolder: () => void shell.openPath(loc.dir),
      showDataInfo: () => void dataInfo(),
      showAbout: about,
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function createMainWindow(loc: DataLocation): Promise<BrowserWindow> {
  const state = await loadWindowState(loc.windowStateFile);
  const { bounds, maximized } = fitToDisplays(
    state,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const options = mainWindowOptions({
    preload: PRELOAD,
    bounds,
    devTools: isDev,
    title: APP_INFO.name,
    ...(fs.existsSync(ICON) ? { icon: ICON } : {}),
  });
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      // The checklist settings, spelt out where the window is made (for reviewers and
      // Electronegativity); the same as secureWebPreferences(), asserted by the tests.
      preload: PRELOAD,
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
    },
  });
  // Set before the page loads: its first API calls come before loadURL resolves.
  mainWindow = win;
  if (maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    lastWindowState = stateFromWindow(win.getNormalBounds(), win.isMaximized());
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  await win.loadURL(APP_INDEX_URL);
  return win;
}

async function start(loc: DataLocation): Promise<void> {
  const nativeBinding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appRoot: APP_ROOT,
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    exists: fs.existsSync,
  });
  setDefaultNativeBinding(nativeBinding);
  if (!fs.existsSync(path.join(RENDERER_ROOT, 'index.html'))) {
    fatal('程序文件不完整', new Error(`缺少界面文件 ${path.join(RENDERER_ROOT, 'index.html')}，请重新安装本程序`));
    return;
  }
  log(`启动 ${APP_INFO.name} ${APP_INFO.version}；数据文件夹 ${loc.dir}（${loc.reason}）；SQLite ${nativeBinding ?? '默认'}`);

  const drives = new RemovableDrives({
    platform: process.platform,
    user: currentUser(),
    exec: (file, args, timeout) =>
      new Promise((resolve, reject) =>
        execFile(file, args, { timeout, windowsHide: true, encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
      ),
    readText: (f) => readFile(f, 'utf8'),
    readDir: (d) => readdir(d),
    realPath: (p) => realpath(p),
  });
  drives.prewarm();
  hardenSession({
    drives,
    isDev,
    log,
    documentsDir: () => app.getPath('documents'),
    lastDir: { get: () => lastDir, set: (d) => (lastDir = d) },
  });
  const printPages = new PrintPages(() => randomBytes(18).toString('base64url'));
  serveAppProtocol(RENDERER_ROOT, printPages);

  try {
    store = await FilingStore.open(loc.dbPath, nativeBinding ? { nativeBinding } : {});
  } catch (err) {
    fatal('无法打开数据库', err);
    return;
  }
  for (const w of store.warnings) log(w);
  // First start only, as in browser mode: the 示例 units, removable in one action.
  try {
    const r = loadDemoOnFirstStart(store);
    if (r) log(`首次启动：已载入示例数据（${r.units} 个单位、${r.projects} 张项目表）`);
  } catch (e) {
    log('示例数据未能载入', e);
  }
  jobs = new JobRunner({ log });
  const handlers = createHandlers({ store, mode: 'electron', dataPath: loc.dbPath, jobs, log });
  const run = (name: ApiName, args: unknown) => dispatch(handlers, name, args, { log });

  const grants = new PathGrants();
  const guard: GuardDeps = {
    mainWebContentsId: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null),
    grants,
    log,
  };
  const parentWindow = () => mainWindow ?? undefined;
  const shellHandlers = createShellHandlers({
    grants,
    showOpenDialog: (o) => {
      const opts = { title: o.title, defaultPath: o.defaultPath, filters: o.filters, properties: ['openFile' as const] };
      const parent = parentWindow();
      return parent ? dialog.showOpenDialog(parent, opts) : dialog.showOpenDialog(opts);
    },
    showSaveDialog: (o) => {
      const opts = { title: o.title, defaultPath: o.defaultPath, filters: o.filters, properties: ['showOverwriteConfirmation' as const] };
      const parent = parentWindow();
      return parent ? dialog.showSaveDialog(parent, opts) : dialog.showSaveDialog(opts);
    },
    dialogStartDir: async () => dialogStartDir(await drives.get(), lastDir, app.getPath('documents')),
    rememberDir: (d) => {
      lastDir = d;
    },
    stat: (p) => stat(p),
    readFile: (p) => readFile(p),
    writeFile: (p, data) => writeFileAtomic(p, data),
    api: run,
    printHtml: (html) =>
      withPrintWindow(
        printPages,
        html,
        (wc) => new Promise<boolean>((resolve) => wc.print({ silent: false, printBackground: true }, (ok) => resolve(ok))),
      ),
    pdfFromHtml: (html) => withPrintWindow(printPages, html, (wc) => wc.printToPDF({ printBackground: true, preferCSSPageSize: true })),
  });

  for (const name of API_NAMES) ipcMain.handle(ipcChannel(name), createApiIpcHandler(name, run, guard));
  for (const call of SHELL_CALLS) ipcMain.handle(shellChannel(call), createShellIpcHandler(call, shellHandlers, guard));

  installMenu(loc);
  await createMainWindow(loc);
}

async function cleanup(loc: DataLocation): Promise<void> {
  // 退出 from the menu quits before the window closes: take its state now.
  if (mainWindow && !mainWindow.isDestroyed()) lastWindowState = stateFromWindow(mainWindow.getNormalBounds(), mainWindow.isMaximized());
  if (lastWindowState) await saveWindowState(loc.windowStateFile, lastWindowState).catch((e: unknown) => log('窗口位置未能保存', e));
  await jobs?.close().catch((e: unknown) => log('后台任务未能正常结束', e));
  try {
    store?.close();
  } catch (e) {
    log('数据库未能正常关闭', e);
  }
  store = null;
}

function main(): void {
  // Before ready: the app scheme is a standard, secure origin.
  protocol.registerSchemesAsPrivileged([PRIVILEGED_SCHEME]);

  const loc = resolveDataLocation({
    env: process.env,
    platform: process.platform,
    execPath: process.execPath,
    defaultDir: defaultDataDir(),
    exists: fs.existsSync,
  });
  try {
    fs.mkdirSync(loc.dir, { recursive: true });
  } catch (err) {
    app.whenReady().then(() => fatal('无法创建数据文件夹', new Error(`${loc.dir}：${(err as Error).message}（U 盘可能处于写保护状态）`)), () => app.exit(1));
    return;
  }
  app.setPath('userData', loc.dir);
  app.setPath('sessionData', loc.sessionDir);
  app.setPath('crashDumps', loc.crashDir);
  app.setAppLogsPath(loc.logsDir);
  log = createLogger(loc.logsDir, { echo: isDev });

  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    void cleanup(loc).finally(() => {
      cleanedUp = true;
      app.quit();
    });
  });
  app.whenReady().then(
    () => start(loc).catch((err: unknown) => fatal('绩效目标填报无法启动', err)),
    (err: unknown) => fatal('绩效目标填报无法启动', err),
  );
}

main();
