// The packaging configuration, checked without packaging (that downloads Electron):
// against electron-builder's own JSON schema (node_modules/app-builder-lib/scheme.json,
// with the validator options electron-builder itself uses), electron-builder's own
// validateConfiguration, and the fields this product depends on.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, DEFAULT_OUT } from '../../build/build-electron.ts';
import { installedElectronVersion, nativeOutFile, planNativeBuild } from '../../build/build-native-electron.ts';
import { drawIcon } from '../../build/make-icon.ts';
import { devNativeDir, NATIVE_FILE } from '../../electron/main/native-binding.ts';
import { APP_USER_MODEL_ID } from '../../electron/main/app-origin.ts';

const require = createRequire(import.meta.url);
const config = require('../../build/electron-builder.config.cjs');
const { describeBinary, checkNativeBinary, electronAbi } = require('../../build/native-check.cjs');
const afterPack = require('../../build/after-pack.cjs');

describe('electron-builder configuration', () => {
  it('validates against electron-builder’s JSON schema', () => {
    const Ajv = require('ajv');
    const schema = require('app-builder-lib/scheme.json');
    // The options electron-builder validates with (strict: false ignores its `typeof` keyword).
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
    expect(ok).toBe(true);
    // The check is real: a misspelt option fails.
    expect(validate({ ...config, nsis: { ...config.nsis, oneClik: false } })).toBe(false);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).toBe(false);
  });

  it('passes electron-builder’s own validateConfiguration', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('Windows: NSIS per user without admin rights, Chinese, changeable folder; and portable', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['zh_CN'],
      language: '2052',
      shortcutName: '绩效目标填报',
      deleteAppDataOnUninstall: false,
    });
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
    expect(config.portable.requestExecutionLevel).toBe('user');
    expect(config.productName).toBe('绩效目标填报');
    // The running app uses the installer's AppUserModelID (taskbar pinning, shortcuts).
    expect(config.appId).toBe(APP_USER_MODEL_ID);
  });

  it('Linux: deb and AppImage for x64 and arm64, Office category, Chinese name, dependencies', () => {
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.desktop.entry).toMatchObject({ Name: '绩效目标填报', 'Name[zh_CN]': '绩效目标填报' });
    expect(config.linux.desktop.entry.Categories).toMatch(/^Office;/);
    expect(config.linux.executableName).toMatch(/^[a-z0-9-]+$/);
    for (const dep of ['libnss3', 'libgbm1', 'libgtk-3-0', 'libasound2']) expect(config.deb.depends.join(',')).toContain(dep);
  });

  it('asar with better-sqlite3 unpacked; the Electron-ABI addon as a resource; node_modules never rebuilt in place', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
    // Worker threads (the .xlsx reader) start from real files, not from inside app.asar.
    expect(config.asarUnpack).toContain('dist/electron/workers/**/*');
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toContainEqual({ from: 'out/native/${os}-${arch}', to: 'native', filter: [NATIVE_FILE] });
    // The same folder main.ts looks in when developing (electron-builder's ${os} is win/mac/linux).
    expect(devNativeDir(ROOT, 'linux', 'x64')).toBe(path.join(ROOT, 'out', 'native', 'linux-x64'));
    expect(path.dirname(nativeOutFile('win32', 'x64'))).toBe(path.join(ROOT, 'out', 'native', 'win-x64'));
    expect(config.afterPack).toBe('./build/after-pack.cjs');
    expect(config.publish).toBeNull();
  });

  it('fuses: RunAsNode, NODE_OPTIONS, --inspect off; asar integrity, asar-only, cookie encryption on', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships what the app reads at run time', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs');
    expect(path.join(ROOT, config.extraMetadata.main)).toBe(path.join(DEFAULT_OUT, 'main.cjs'));
    for (const f of ['package.json', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/workers/*.cjs', 'dist/renderer/**/*', 'demo-data/seed-*.json', 'build/icon.png']) {
      expect(config.files).toContain(f);
    }
    expect(existsSync(path.join(ROOT, 'demo-data/seed-000.json'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'build/icon.png'))).toBe(true);
  });

  it('packs the demo data (demo-data/, where electron/services/demo.ts reads it) and nothing of tests/ or tools/', async () => {
    const { DEMO_DATA_DIR } = await import('../../electron/services/demo.ts');
    expect(path.relative(ROOT, DEMO_DATA_DIR)).toBe('demo-data');
    // electron-builder's own matcher over the configured `files` patterns.
    const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js');
    const matcher = new FileMatcher(ROOT, '/app', (s: string) => s, config.files.filter((f: unknown) => typeof f === 'string'));
    const packed: (file: string, stat: ReturnType<typeof statSync>) => boolean = matcher.createFilter();
    const filesUnder = (dir: string) =>
      (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
        .map((f) => path.join(dir, f))
        .filter((f) => statSync(path.join(ROOT, f)).isFile());
    const isPacked = (f: string) => packed(path.join(ROOT, f), statSync(path.join(ROOT, f)));
    const demo = filesUnder('demo-data').filter((f) => /seed-\d+\.json$/.test(f));
    expect(demo.map((f) => path.basename(f)).sort()).toEqual(['seed-000.json', 'seed-001.json', 'seed-002.json', 'seed-003.json']);
    expect(demo.filter((f) => !isPacked(f))).toEqual([]);
    const tooling = [...filesUnder('tests'), ...filesUnder('tools')];
    expect(tooling.length).toBeGreaterThan(50);
    expect(tooling.filter(isPacked)).toEqual([]);
    // The check is real: the same matcher takes a file the patterns name.
    expect(isPacked('build/icon.png')).toBe(true);
  });
});

// ---- the native addon checks ----

function elf(machine: number, abi?: number): Buffer {
  const b = Buffer.alloc(64);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2;
  b[5] = 1;
  b.writeUInt16LE(machine, 18);
  return abi ? Buffer.concat([b, Buffer.from(`\0node_register_module_v${abi}\0`)]) : b;
}
function pe(machine: number, abi?: number): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(machine, 0x84);
  return abi ? Buffer.concat([b, Buffer.from(`node_register_module_v${abi}`)]) : b;
}

describe('native addon checks', () => {
  it('reads format, CPU and ABI', () => {
    expect(describeBinary(elf(0x3e, 140))).toEqual({ format: 'elf', arch: 'x64', abi: 140 });
    expect(describeBinary(elf(0xb7, 140))).toMatchObject({ arch: 'arm64' });
    expect(describeBinary(elf(0x102))).toMatchObject({ arch: 'loong64', abi: null });
    expect(describeBinary(pe(0x8664, 140))).toEqual({ format: 'pe', arch: 'x64', abi: 140 });
    // The addon the tests run with here: Node 20's ABI, not Electron's.
    const local = readFileSync(path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
    expect(describeBinary(local).abi).toBe(Number(process.versions.modules));
    expect(checkNativeBinary(local, process.platform, process.arch, electronAbi(installedElectronVersion()))).toMatch(/ABI/);
  });

  it('refuses a wrong OS, CPU or ABI', () => {
    const abi = electronAbi(installedElectronVersion());
    expect(abi).toBe(140);
    expect(checkNativeBinary(elf(0x3e, abi), 'linux', 'x64', abi)).toBeNull();
    expect(checkNativeBinary(elf(0x3e, abi), 'linux', 'arm64', abi)).toMatch(/CPU/);
    expect(checkNativeBinary(elf(0x3e, abi), 'win32', 'x64', abi)).toMatch(/pe/);
    expect(checkNativeBinary(elf(0x3e, 115), 'linux', 'x64', abi)).toMatch(/ABI 140/);
    expect(checkNativeBinary(pe(0x8664, abi), 'win32', 'x64', abi)).toBeNull();
  });

  it('the afterPack hook refuses a package without a matching addon', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jxmb-pack-'));
    try {
      const ctx = (arch: number) => ({
        appOutDir: dir,
        electronPlatformName: 'linux',
        arch,
        packager: { config: { electronVersion: installedElectronVersion() }, appInfo: { productFilename: 'x' } },
      });
      await expect(afterPack(ctx(1))).rejects.toThrow(/missing/);
      mkdirSync(path.join(dir, 'resources', 'native'), { recursive: true });
      writeFileSync(path.join(dir, 'resources', 'native', NATIVE_FILE), elf(0x3e, 115));
      await expect(afterPack(ctx(1))).rejects.toThrow(/ABI/);
      writeFileSync(path.join(dir, 'resources', 'native', NATIVE_FILE), elf(0x3e, 140));
      await expect(afterPack(ctx(1))).resolves.toBeUndefined();
      await expect(afterPack(ctx(3))).rejects.toThrow(/CPU arm64/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('plans the Electron-ABI build (prebuilt download, or node-gyp against Electron headers)', () => {
    const v = installedElectronVersion();
    const p = planNativeBuild({ platform: 'win32', arch: 'x64', electronVersion: v, fromSource: false });
    expect(p.abi).toBe(140);
    expect(p.outFile).toBe(path.join(ROOT, 'out', 'native', 'win-x64', NATIVE_FILE));
    expect(p.commands[0]!.args).toEqual(expect.arrayContaining(['--runtime', 'electron', '--target', v, '--arch', 'x64', '--platform', 'win32']));
    const src = planNativeBuild({ platform: process.platform, arch: 'x64', electronVersion: v, fromSource: true });
    expect(src.commands[0]!.args).toEqual(expect.arrayContaining(['rebuild', `--target=${v}`, '--dist-url=https://electronjs.org/headers']));
    expect(() => planNativeBuild({ platform: 'linux', arch: 'loong64', electronVersion: v, fromSource: false })).toThrow(/loong64/);
    expect(() => planNativeBuild({ platform: 'linux', arch: 'x64', electronVersion: 'latest', fromSource: false })).toThrow();
  });
});

describe('icon', () => {
  it('build/icon.png is the drawn 512×512 icon', () => {
    const png = readFileSync(path.join(ROOT, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.equals(drawIcon(512))).toBe(true);
  });
});
