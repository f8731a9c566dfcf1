// The bundled preload (dist/electron/preload.cjs as shipped), run in a VM context with a
// fake `electron` whose contextBridge records what is exposed. A sandboxed preload may
// require nothing but 'electron': any other require fails here as it would in Electron.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../build/build-electron.ts';
import { API_NAMES } from '../../shared/api/contract.ts';
import { MENU_CHANNEL, SHELL_CALLS } from '../../electron/preload/channels.ts';

let out: string;
let code: string;
beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'jxmb-preload-'));
  const { preload } = await buildElectron({ outDir: out });
  code = readFileSync(preload, 'utf8');
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

type Listener = (...a: unknown[]) => void;

function runPreload(answer: (channel: string, args: unknown) => unknown = () => ({ ok: true, result: 'r' })) {
  const exposed = new Map<string, any>();
  const invoked: Array<[string, unknown, number]> = [];
  const listeners = new Map<string, Set<Listener>>();
  const requires: string[] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, value: unknown) {
        if (exposed.has(key)) throw new Error(`exposed twice: ${key}`);
        exposed.set(key, value);
      },
    },
    ipcRenderer: {
      async invoke(channel: string, ...args: unknown[]) {
        invoked.push([channel, args[0], args.length]);
        return answer(channel, args[0]);
      },
      on(channel: string, fn: Listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(fn);
      },
      removeListener(channel: string, fn: Listener) {
        listeners.get(channel)?.delete(fn);
      },
    },
  };
  const sandboxRequire = (name: string) => {
    requires.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name} (a sandboxed preload can only require 'electron')`);
  };
  const module = { exports: {} };
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console, Promise, Set, Object, Error, TypeError, String });
  const emit = (channel: string, ...args: unknown[]) => {
    for (const fn of listeners.get(channel) ?? []) fn({ sender: 'EVENT' }, ...args);
  };
  return { exposed, invoked, listeners, requires, emit };
}

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('did not reject');
}

describe('preload', () => {
  it('requires only electron and exposes exactly window.api.call and window.desktop', () => {
    const { exposed, requires } = runPreload();
    expect(requires).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['api', 'desktop']);
    expect(Object.keys(exposed.get('api'))).toEqual(['call']);
    expect(Object.keys(exposed.get('desktop')).sort()).toEqual([...SHELL_CALLS, 'onMenuCommand'].sort());
    expect(Object.isFrozen(exposed.get('api'))).toBe(true);
    expect(Object.isFrozen(exposed.get('desktop'))).toBe(true);
  });

  it('forwards every declared call on its own channel and unwraps the answer', async () => {
    const { exposed, invoked } = runPreload((channel) => ({ ok: true, result: channel }));
    const api = exposed.get('api');
    for (const n of API_NAMES) expect(await api.call(n, { a: 1 })).toBe(`api:${n}`);
    expect(invoked).toHaveLength(API_NAMES.length);
    // Only the args object crosses, never more.
    for (const [, args, count] of invoked) {
      expect(args).toEqual({ a: 1 });
      expect(count).toBe(1);
    }
    await api.call('units.list', {}, 'extra', 'more');
    expect(invoked.at(-1)).toEqual(['api:units.list', {}, 1]);
  });

  it('refuses undeclared names before IPC', async () => {
    const { exposed, invoked } = runPreload();
    const api = exposed.get('api');
    for (const bad of ['evil', 'units.drop', '__proto__', 'constructor', 'toString', 'api:units.list', 'units.list ', 'UNITS.LIST', '', 42, null, undefined, {}, ['units.list']]) {
      const e = await rejection(api.call(bad, {}));
      expect(e).toMatchObject({ name: 'ApiError', code: 'UNKNOWN_CALL' });
      expect(e.message).toMatch(/未知的调用/);
    }
    expect(invoked).toEqual([]);
  });

  it('turns a refusal into a rejection with code and Chinese message (a plain object, which crosses the bridge whole)', async () => {
    const { exposed } = runPreload(() => ({ ok: false, error: { code: 'FORBIDDEN', message: '调用被拒绝' } }));
    const e = await rejection(exposed.get('api').call('units.list', {}));
    expect(e).toEqual({ name: 'ApiError', code: 'FORBIDDEN', message: '调用被拒绝' });
    const { exposed: x } = runPreload(() => 'garbage');
    expect(await rejection(x.get('api').call('units.list', {}))).toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('desktop functions use their shell channels', async () => {
    const { exposed, invoked } = runPreload();
    const desktop = exposed.get('desktop');
    await desktop.readFile({ path: '/media/u/a.json' });
    await desktop.saveFile({ suggestedName: 'a.docx', base64: '' });
    await desktop.print({ call: 'print.project', args: { id: 'p1' } });
    expect(invoked.map(([c]) => c)).toEqual(['shell:readFile', 'shell:saveFile', 'shell:print']);
  });

  it('menu commands: only declared ones reach the page, without the IPC event; unsubscribe works', () => {
    const { exposed, emit, listeners } = runPreload();
    const got: unknown[][] = [];
    const off = exposed.get('desktop').onMenuCommand((...a: unknown[]) => got.push(a));
    emit(MENU_CHANNEL, 'print');
    emit(MENU_CHANNEL, 'format-disk');
    emit(MENU_CHANNEL, { toString: () => 'print' });
    emit('other-channel', 'import');
    expect(got).toEqual([['print']]);
    off();
    expect(listeners.get(MENU_CHANNEL)?.size).toBe(0);
    expect(() => exposed.get('desktop').onMenuCommand('not a function')).toThrow();
  });
});
