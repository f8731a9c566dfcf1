// The plain modules behind the desktop shell: menu, window state, data folder (installed
// and portable), USB drive detection, the Electron-ABI SQLite binding, the log.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PORTABLE_DATA_DIR_NAME, resolveDataLocation } from '../../electron/main/data-location.ts';
import { createLogger, formatLogLine } from '../../electron/main/log.ts';
import { buildMenuTemplate, type MenuItemSpec } from '../../electron/main/menu-template.ts';
import { builderOs, resolveNativeBinding } from '../../electron/main/native-binding.ts';
import {
  RemovableDrives,
  WINDOWS_PS_ARGS,
  dialogStartDir,
  findRemovableDrives,
  parseLinuxMounts,
  parseWindowsDrives,
  type DriveProbe,
} from '../../electron/main/removable-drives.ts';
import { DEFAULT_STATE, fitToDisplays, loadWindowState, parseWindowState, saveWindowState, stateFromWindow } from '../../electron/main/window-state.ts';
import { MENU_COMMANDS } from '../../electron/preload/channels.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'jxmb-desk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// ---- menu ----

function flatten(items: MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((i) => [i, ...(i.submenu ? flatten(i.submenu) : [])]);
}

describe('application menu', () => {
  const sent: string[] = [];
  const other: string[] = [];
  const actions = {
    command: (c: string) => sent.push(c),
    openDataFolder: () => other.push('folder'),
    showDataInfo: () => other.push('info'),
    showAbout: () => other.push('about'),
  };

  it('文件 / 编辑 / 视图 / 帮助 in Chinese, with 导入 导出 打印 退出', () => {
    const t = buildMenuTemplate({ platform: 'win32', isDev: false, appName: '绩效目标填报', actions });
    expect(t.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const labels = flatten(t).flatMap((i) => (i.label ? [i.label] : []));
    for (const l of ['导入…', '导出 Word 文件…', '导出 PDF…', '打印…', '退出', '撤销', '重做', '剪切', '复制', '粘贴', '全选', '放大', '缩小', '实际大小', '使用说明', '关于 绩效目标填报']) {
      expect(labels).toContain(l);
    }
    // Every label a user reads is Chinese (no English words but product names).
    for (const l of labels) expect(l.replace(/Word|PDF/g, ''), l).not.toMatch(/[A-Za-z]{2,}/);
    const quit = flatten(t).find((i) => i.label === '退出');
    expect(quit).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' });
  });

  it('menu commands go to the page; only declared commands exist', () => {
    const t = buildMenuTemplate({ platform: 'linux', isDev: false, appName: '绩效目标填报', actions });
    for (const i of flatten(t)) if (i.click && i.id?.startsWith('cmd:')) i.click();
    expect(sent.sort()).toEqual([...MENU_COMMANDS].sort());
    for (const i of flatten(t)) if (i.click && !i.id?.startsWith('cmd:')) i.click();
    expect(other.sort()).toEqual(['about', 'folder', 'info']);
  });

  it('no developer tools or reload in the packaged build; editing shortcuts left to the page on Windows/Linux', () => {
    const prod = flatten(buildMenuTemplate({ platform: 'win32', isDev: false, appName: 'x', actions }));
    expect(prod.some((i) => i.role === 'toggleDevTools' || i.role === 'reload' || i.role === 'forceReload')).toBe(false);
    expect(prod.find((i) => i.role === 'undo')?.registerAccelerator).toBe(false);
    const dev = flatten(buildMenuTemplate({ platform: 'win32', isDev: true, appName: 'x', actions }));
    expect(dev.some((i) => i.role === 'toggleDevTools')).toBe(true);
    const mac = buildMenuTemplate({ platform: 'darwin', isDev: false, appName: '绩效目标填报', actions });
    expect(mac.map((m) => m.label)).toEqual(['绩效目标填报', '文件', '编辑', '视图', '帮助']);
    expect(flatten(mac).find((i) => i.role === 'copy')?.registerAccelerator).toBe(true);
  });
});

// ---- window state ----

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

  it('round-trips through an atomic write and validates on read', async () => {
    const file = path.join(dir, 'window-state.json');
    expect(await loadWindowState(file)).toEqual(DEFAULT_STATE);
    const s = stateFromWindow({ x: 100, y: 50, width: 1280.4, height: 900 }, true);
    await saveWindowState(file, s);
    expect(await loadWindowState(file)).toEqual({ version: 1, x: 100, y: 50, width: 1280, height: 900, maximized: true });
    expect(readdirSync(dir)).toEqual(['window-state.json']);
  });

  it.each([
    ['not JSON', '{'],
    ['wrong version', '{"version":2,"width":1000,"height":800,"maximized":false}'],
    ['extra field', '{"version":1,"width":1000,"height":800,"maximized":false,"x":1,"y":1,"evil":true}'],
    ['string size', '{"version":1,"width":"1000","height":800,"maximized":false}'],
    ['huge size', '{"version":1,"width":1e9,"height":800,"maximized":false}'],
    ['fraction', '{"version":1,"width":1000.5,"height":800,"maximized":false}'],
    ['null', 'null'],
    ['array', '[]'],
    ['too long', `{"version":1,"width":1000,"height":800,"maximized":false${' '.repeat(5000)}}`],
  ])('a damaged file (%s) is ignored', async (_why, text) => {
    expect(parseWindowState(text)).toBeNull();
    const file = path.join(dir, 'w.json');
    writeFileSync(file, text);
    expect(await loadWindowState(file)).toEqual(DEFAULT_STATE);
  });

  it('fits the stored bounds to the displays present now', () => {
    const s = { version: 1 as const, x: 100, y: 80, width: 1400, height: 900, maximized: false };
    expect(fitToDisplays(s, screen)).toEqual({ bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: false });
    // The second monitor it was on is gone: centred on the primary.
    expect(fitToDisplays({ ...s, x: 2500 }, screen)).toEqual({ bounds: { width: 1400, height: 900 }, maximized: false });
    // Smaller screen (laptop): size shrinks to the work area, never below the minimum.
    expect(fitToDisplays({ ...s, width: 3000, height: 2000 }, [{ x: 0, y: 0, width: 1366, height: 728 }]).bounds).toEqual({
      x: 100,
      y: 80,
      width: 1366,
      height: 728,
    });
    expect(fitToDisplays({ ...s, width: 300, height: 200 }, screen).bounds).toMatchObject({ width: 960, height: 600 });
    expect(fitToDisplays({ ...s, maximized: true }, screen).maximized).toBe(true);
  });
});

// ---- data folder ----

describe('data folder', () => {
  const base = { execPath: '/opt/绩效目标填报/jixiao-mubiao', defaultDir: '/home/u/.local/share/jixiao-mubiao', exists: () => false };

  it('installed: the command-line tool’s folder; JXMB_DATA_DIR wins', () => {
    const d = resolveDataLocation({ ...base, env: {}, platform: 'linux' });
    expect(d).toMatchObject({ dir: base.defaultDir, portable: false, reason: 'default', dbPath: `${base.defaultDir}/filings.sqlite` });
    expect(d.sessionDir).toBe(`${base.defaultDir}/chromium`);
    expect(resolveDataLocation({ ...base, env: { JXMB_DATA_DIR: '/srv/data' }, platform: 'linux' })).toMatchObject({ dir: '/srv/data', reason: 'env' });
  });

  it('Windows portable .exe (PORTABLE_EXECUTABLE_DIR): data next to the program', () => {
    const d = resolveDataLocation({
      env: { PORTABLE_EXECUTABLE_DIR: 'E:\\绩效目标填报' },
      platform: 'win32',
      execPath: 'C:\\Users\\a\\AppData\\Local\\Temp\\2Xy\\绩效目标填报.exe',
      defaultDir: 'C:\\Users\\a\\AppData\\Roaming\\jixiao-mubiao',
      exists: () => false,
    });
    expect(d).toMatchObject({ dir: `E:\\绩效目标填报\\${PORTABLE_DATA_DIR_NAME}`, portable: true, reason: 'portable-exe' });
    expect(d.dbPath).toBe(`E:\\绩效目标填报\\${PORTABLE_DATA_DIR_NAME}\\filings.sqlite`);
  });

  it('a `portable` marker next to the executable or the AppImage', () => {
    const win = resolveDataLocation({
      env: {},
      platform: 'win32',
      execPath: 'F:\\jxmb\\绩效目标填报.exe',
      defaultDir: 'C:\\x',
      exists: (p) => p === 'F:\\jxmb\\portable.txt',
    });
    expect(win).toMatchObject({ dir: `F:\\jxmb\\${PORTABLE_DATA_DIR_NAME}`, portable: true, reason: 'portable-marker' });
    const appImage = resolveDataLocation({
      env: { APPIMAGE: '/media/u/U盘/绩效目标填报.AppImage' },
      platform: 'linux',
      execPath: '/tmp/.mount_abc/jixiao-mubiao',
      defaultDir: '/home/u/.local/share/jixiao-mubiao',
      exists: (p) => p === '/media/u/U盘/portable',
    });
    expect(appImage).toMatchObject({ dir: `/media/u/U盘/${PORTABLE_DATA_DIR_NAME}`, portable: true });
  });
});

// ---- USB drives ----

function probe(over: Partial<DriveProbe>): DriveProbe {
  return {
    platform: 'linux',
    user: 'kylin',
    exec: async () => {
      throw new Error('no');
    },
    readText: async () => {
      throw new Error('no');
    },
    readDir: async () => {
      throw new Error('no');
    },
    realPath: async (p) => p,
    ...over,
  };
}

describe('removable drives', () => {
  it('Windows: parses drive letters of PowerShell or wmic output, never A:–C:', () => {
    expect(parseWindowsDrives('E:\r\nF:\r\n')).toEqual(['E:\\', 'F:\\']);
    expect(parseWindowsDrives('DeviceID  \r\nG:        \r\n\r\n')).toEqual(['G:\\']);
    expect(parseWindowsDrives('A:\nC:\nfoo\nZ:\n')).toEqual(['Z:\\']);
    expect(parseWindowsDrives('')).toEqual([]);
  });

  it('Windows: PowerShell first, wmic when PowerShell fails, nothing when both fail', async () => {
    const calls: string[] = [];
    const ps = await findRemovableDrives(
      probe({
        platform: 'win32',
        exec: async (file, args) => {
          calls.push(file);
          expect(args).toEqual(WINDOWS_PS_ARGS);
          return 'E:\r\n';
        },
      }),
    );
    expect(ps).toEqual(['E:\\']);
    const wmic = await findRemovableDrives(
      probe({
        platform: 'win32',
        exec: async (file) => {
          calls.push(file);
          if (file === 'powershell.exe') throw new Error('blocked by policy');
          return 'DeviceID\r\nH:\r\n';
        },
      }),
    );
    expect(wmic).toEqual(['H:\\']);
    expect(await findRemovableDrives(probe({ platform: 'win32' }))).toEqual([]);
    expect(calls).toEqual(['powershell.exe', 'powershell.exe', 'wmic']);
  });

  it('Linux: mount points of the user’s media first (UOS, Kylin, Debian)', async () => {
    const mounts = [
      '/dev/sda1 / ext4 rw 0 0',
      '/dev/sdb1 /media/kylin/U\\040盘 vfat rw,nosuid 0 0',
      '/dev/sdc1 /run/media/kylin/KINGSTON exfat rw 0 0',
      '/dev/sdd1 /media/usb0 vfat rw 0 0',
      '/dev/sde1 /media/other/THEIRS vfat rw 0 0',
      'tmpfs /run/user/1000 tmpfs rw 0 0',
    ].join('\n');
    expect(parseLinuxMounts(mounts, 'kylin')).toEqual(['/media/kylin/U 盘', '/run/media/kylin/KINGSTON', '/media/usb0']);
    expect(await findRemovableDrives(probe({ readText: async () => mounts }))).toHaveLength(3);
    // No /proc: list the folders.
    const listed = await findRemovableDrives(probe({ readDir: async (d) => (d === '/media/kylin' ? ['B', 'A'] : []) }));
    expect(listed).toEqual(['/media/kylin/A', '/media/kylin/B']);
  });

  it('macOS: /Volumes without the start-up disk', async () => {
    const r = await findRemovableDrives(
      probe({
        platform: 'darwin',
        readDir: async () => ['Macintosh HD', 'U盘', '.Trashes'],
        realPath: async (p) => (p === '/Volumes/Macintosh HD' ? '/' : p),
      }),
    );
    expect(r).toEqual(['/Volumes/U盘']);
  });

  it('caches detection for a while', async () => {
    let n = 0;
    let t = 0;
    const d = new RemovableDrives(
      probe({
        readText: async () => {
          n++;
          return '/dev/sdb1 /media/kylin/U vfat rw 0 0';
        },
      }),
      () => t,
      1000,
    );
    await Promise.all([d.get(), d.get()]);
    await d.get();
    expect(n).toBe(1);
    t = 2000;
    await d.get();
    expect(n).toBe(2);
  });

  it('dialogs start at the USB drive (or the last folder on it), else the last folder, else 文档', () => {
    expect(dialogStartDir(['E:\\'], null, 'C:\\Users\\a\\Documents', 'win32')).toBe('E:\\');
    expect(dialogStartDir(['E:\\'], 'e:\\报送\\2025', 'C:\\D', 'win32')).toBe('e:\\报送\\2025');
    expect(dialogStartDir(['E:\\'], 'C:\\Users\\a\\Desktop', 'C:\\D', 'win32')).toBe('E:\\');
    expect(dialogStartDir([], 'C:\\Users\\a\\Desktop', 'C:\\D', 'win32')).toBe('C:\\Users\\a\\Desktop');
    expect(dialogStartDir([], null, '/home/u/文档', 'linux')).toBe('/home/u/文档');
    expect(dialogStartDir(['/media/u/A'], '/media/u/AB', '/x', 'linux')).toBe('/media/u/A');
  });
});

// ---- native SQLite binding ----

describe('Electron-ABI better-sqlite3', () => {
  const base = { resourcesPath: '/opt/app/resources', appRoot: '/src/jxmb', platform: 'linux' as const, arch: 'x64', env: {} };

  it('packaged: resources/native/better_sqlite3.node', () => {
    expect(resolveNativeBinding({ ...base, isPackaged: true, exists: () => true })).toBe('/opt/app/resources/native/better_sqlite3.node');
    expect(resolveNativeBinding({ ...base, isPackaged: true, exists: () => false })).toBeUndefined();
    // No environment variable can point the packed app at other native code.
    expect(resolveNativeBinding({ ...base, isPackaged: true, env: { JXMB_SQLITE_BINDING: '/tmp/evil.node' }, exists: () => true })).toBe(
      '/opt/app/resources/native/better_sqlite3.node',
    );
  });

  it('development: out/native/<os>-<arch>/ when built; JXMB_SQLITE_BINDING overrides', () => {
    expect(resolveNativeBinding({ ...base, isPackaged: false, exists: () => true })).toBe('/src/jxmb/out/native/linux-x64/better_sqlite3.node');
    expect(resolveNativeBinding({ ...base, isPackaged: false, env: { JXMB_SQLITE_BINDING: '/x/b.node' }, exists: () => true })).toBe('/x/b.node');
    expect(builderOs('win32')).toBe('win');
    expect(builderOs('darwin')).toBe('mac');
  });
});

// ---- log ----

describe('main process log', () => {
  it('one line per event, details indented, never throws', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(formatLogLine(at, '启动')).toBe('2026-01-02T03:04:05.000Z 启动\n');
    expect(formatLogLine(at, 'x', new Error('a\nb'))).toMatch(/^2026-01-02T03:04:05.000Z x \| Error: a\n {4}b/);
    const log = createLogger(path.join(dir, 'logs'), { now: () => at });
    log('第一行');
    log('第二行');
    expect(readFileSync(path.join(dir, 'logs', 'main.log'), 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    const bad = createLogger(path.join(dir, 'logs', 'main.log', 'sub'));
    expect(() => bad('x')).not.toThrow();
  });
});
