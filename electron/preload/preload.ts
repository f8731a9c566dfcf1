// The preload (sandboxed, context-isolated): exposes `window.api.call(name, args)` for the
// declared API names and `window.desktop` (dialogs, chosen files, printing, menu
// commands) — nothing else. A name outside the declared lists is refused here, before
// anything reaches IPC. Never hands Electron objects (ipcRenderer, events) to the page.
import { contextBridge, ipcRenderer } from 'electron';
import { MENU_CHANNEL, MENU_COMMANDS, PRELOAD_API_NAMES, SHELL_CALLS, apiChannel, shellChannel } from './channels.ts';
import type { MenuCommand, ShellCall } from './channels.ts';
import type { DesktopApi, DesktopError } from './desktop-api.ts';

const apiNames = new Set<string>(PRELOAD_API_NAMES);
const shellCalls = new Set<string>(SHELL_CALLS);
const menuCommands = new Set<string>(MENU_COMMANDS);

const refusal = (code: string, message: string): DesktopError => ({ name: 'ApiError', code, message });

type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

async function invoke(channel: string, args: unknown): Promise<unknown> {
  const res = (await ipcRenderer.invoke(channel, args)) as Envelope | null;
  if (res && typeof res === 'object' && res.ok === true) return res.result;
  if (res && typeof res === 'object' && res.ok === false && res.error) throw refusal(String(res.error.code), String(res.error.message));
  throw refusal('BAD_RESPONSE', '程序内部通信出错，请重试');
}

function call(name: unknown, args?: unknown): Promise<unknown> {
  if (typeof name !== 'string' || !apiNames.has(name)) {
    return Promise.reject(refusal('UNKNOWN_CALL', `未知的调用“${String(name).slice(0, 60)}”`));
  }
  return invoke(apiChannel(name as (typeof PRELOAD_API_NAMES)[number]), args);
}

function shellCall(name: ShellCall) {
  if (!shellCalls.has(name)) throw new Error(`undeclared shell call ${name}`);
  return (args?: unknown) => invoke(shellChannel(name), args);
}

const desktop: DesktopApi = {
  openFile: shellCall('openFile') as DesktopApi['openFile'],
  readFile: shellCall('readFile') as DesktopApi['readFile'],
  chooseSavePath: shellCall('chooseSavePath') as DesktopApi['chooseSavePath'],
  writeFile: shellCall('writeFile') as DesktopApi['writeFile'],
  saveFile: shellCall('saveFile') as DesktopApi['saveFile'],
  print: shellCall('print') as DesktopApi['print'],
  printToPdf: shellCall('printToPdf') as DesktopApi['printToPdf'],
  onMenuCommand(listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const wrapped = (_event: unknown, command: unknown) => {
      if (typeof command === 'string' && menuCommands.has(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', Object.freeze({ call }));
contextBridge.exposeInMainWorld('desktop', Object.freeze(desktop));
