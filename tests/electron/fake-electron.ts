// A recording stand-in for the 'electron' module, bundled into dist/electron/main.cjs in
// place of the real one (tests/electron/main-wiring.test.ts). It implements just what
// electron/main/main.ts uses and records every call in `globalThis.__fakeElectron`, so
// the test can check what the main process actually wires up, without Electron.
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';

type Fn = (...args: any[]) => any;

export interface FakeWebContents extends EventEmitter {
  id: number;
  windowOpenHandler: Fn | null;
  sent: Array<[string, unknown]>;
  send(channel: string, value: unknown): void;
  setWindowOpenHandler(fn: Fn): void;
  print(opts: unknown, cb: (ok: boolean) => void): void;
  printToPDF(opts: unknown): Promise<Buffer>;
}

export interface FakeRecord {
  order: string[];
  paths: Record<string, string>;
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, Fn>;
  ipcHandlers: Map<string, Fn>;
  windows: FakeBrowserWindow[];
  menu: unknown;
  session: {
    permissionRequest: Fn | null;
    permissionCheck: Fn | null;
    devicePermission: Fn | null;
    spellChecker: boolean | null;
    beforeRequest: Fn | null;
    events: EventEmitter;
  };
  app: EventEmitter & { exitCode: number | null; quitCalls: number };
  dialog: {
    open: Fn;
    save: Fn;
    messageBoxes: unknown[];
    errorBoxes: Array<[string, string]>;
  };
  readyResolve: () => void;
}

let nextId = 1;

class FakeContents extends EventEmitter implements FakeWebContents {
  id = nextId++;
  windowOpenHandler: Fn | null = null;
  sent: Array<[string, unknown]> = [];
  send(channel: string, value: unknown) {
    this.sent.push([channel, value]);
  }
  setWindowOpenHandler(fn: Fn) {
    this.windowOpenHandler = fn;
  }
  print(_opts: unknown, cb: (ok: boolean) => void) {
    cb(true);
  }
  async printToPDF(_opts: unknown) {
    return Buffer.from('%PDF-1.4 fake');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  readonly options: any;
  loadedUrl: string | null = null;
  destroyed = false;
  maximized = false;
  constructor(options: any) {
    super();
    this.options = options;
    rec.windows.push(this);
    rec.order.push('BrowserWindow');
    rec.app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
    rec.order.push(`loadURL ${url}`);
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1200, height: 800 };
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
}

let readyResolve!: () => void;
const ready = new Promise<void>((r) => (readyResolve = r));

const appEmitter = Object.assign(new EventEmitter(), { exitCode: null as number | null, quitCalls: 0 });

const rec: FakeRecord = {
  order: [],
  paths: { documents: os.tmpdir() },
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  menu: null,
  session: {
    permissionRequest: null,
    permissionCheck: null,
    devicePermission: null,
    spellChecker: null,
    beforeRequest: null,
    events: new EventEmitter(),
  },
  app: appEmitter,
  dialog: {
    open: async () => ({ canceled: true, filePaths: [] }),
    save: async () => ({ canceled: true }),
    messageBoxes: [],
    errorBoxes: [],
  },
  readyResolve: () => readyResolve(),
};
(globalThis as any).__fakeElectron = rec;

export const app = {
  isPackaged: false,
  on(event: string, fn: Fn) {
    appEmitter.on(event, fn);
    return app;
  },
  whenReady() {
    rec.order.push('whenReady');
    return ready;
  },
  getPath(name: string) {
    return rec.paths[name] ?? path.join(os.tmpdir(), `fake-${name}`);
  },
  setPath(name: string, value: string) {
    rec.order.push(`setPath ${name}`);
    rec.paths[name] = value;
  },
  setAppLogsPath(p: string) {
    rec.paths.logs = p;
  },
  setAppUserModelId(id: string) {
    rec.paths.appUserModelId = id;
  },
  requestSingleInstanceLock() {
    rec.order.push('requestSingleInstanceLock');
    return true;
  },
  quit() {
    appEmitter.quitCalls++;
  },
  exit(code: number) {
    appEmitter.exitCode = code;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(list: unknown[]) {
    rec.order.push('registerSchemesAsPrivileged');
    rec.privilegedSchemes.push(...list);
  },
  handle(scheme: string, fn: Fn) {
    rec.protocolHandlers.set(scheme, fn);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(fn: Fn) {
      rec.session.permissionRequest = fn;
    },
    setPermissionCheckHandler(fn: Fn) {
      rec.session.permissionCheck = fn;
    },
    setDevicePermissionHandler(fn: Fn) {
      rec.session.devicePermission = fn;
    },
    setSpellCheckerEnabled(v: boolean) {
      rec.session.spellChecker = v;
    },
    webRequest: {
      onBeforeRequest(fn: Fn) {
        rec.session.beforeRequest = fn;
      },
    },
    on(event: string, fn: Fn) {
      rec.session.events.on(event, fn);
    },
  },
};

export const ipcMain = {
  handle(channel: string, fn: Fn) {
    if (rec.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    rec.ipcHandlers.set(channel, fn);
  },
};

export const Menu = {
  buildFromTemplate(t: unknown) {
    return { template: t };
  },
  setApplicationMenu(m: unknown) {
    rec.menu = m;
  },
};

export const dialog = {
  showOpenDialog: (...a: unknown[]) => rec.dialog.open(...a),
  showSaveDialog: (...a: unknown[]) => rec.dialog.save(...a),
  async showMessageBox(...a: unknown[]) {
    rec.dialog.messageBoxes.push(a);
    return { response: 1 };
  },
  showErrorBox(title: string, content: string) {
    rec.dialog.errorBoxes.push([title, content]);
  },
};

export const screen = {
  getAllDisplays() {
    return [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  },
};

export const shell = {
  async openPath(_p: string) {
    return '';
  },
};

export const BrowserWindow = FakeBrowserWindow;
