// Builds better-sqlite3 for Electron's Node ABI into out/native/<os>-<arch>/better_sqlite3.node,
// without touching node_modules (the tests keep using the plain-Node build there).
// Needs the internet: the prebuilt addon comes from better-sqlite3's GitHub releases
// (prebuild-install), or, with --from-source, Electron's headers from electronjs.org
// (node-gyp; host platform only, needs python3, make and a C++ compiler).
//
//   npx tsx build/build-native-electron.ts                        # this machine's platform and CPU
//   npx tsx build/build-native-electron.ts --platform win32 --arch x64
//   npx tsx build/build-native-electron.ts --platform linux --arch arm64
//   npx tsx build/build-native-electron.ts --from-source          # compile instead of download
//   npx tsx build/build-native-electron.ts --dry-run              # print the commands only
//
// Mirrors: prebuild-install honours npm_config_better_sqlite3_binary_host_mirror (e.g.
// https://registry.npmmirror.com/-/binary/better-sqlite3); node-gyp honours --dist-url.
import { isScript } from './run-as-script.ts';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as NativeCheck from './native-check.cjs';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { checkNativeBinary, electronAbi } = require('./native-check.cjs') as typeof NativeCheck;

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OS_NAME: Record<string, string> = { win32: 'win', darwin: 'mac', linux: 'linux' };

export interface NativeBuildOptions {
  platform: string;
  arch: string;
  electronVersion: string;
  fromSource: boolean;
}

export interface NativeBuildPlan {
  electronVersion: string;
  abi: number;
  outFile: string;
  /** The commands, run in a copy of node_modules/better-sqlite3. */
  commands: Array<{ cmd: string; args: string[] }>;
}

export function installedElectronVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}

export function nativeOutFile(platform: string, arch: string): string {
  const os = OS_NAME[platform];
  if (!os) throw new Error(`unsupported platform ${platform}`);
  return path.join(ROOT, 'out', 'native', `${os}-${arch}`, 'better_sqlite3.node');
}

export function planNativeBuild(o: NativeBuildOptions): NativeBuildPlan {
  if (!/^\d+\.\d+\.\d+$/.test(o.electronVersion)) throw new Error(`not an Electron version: ${o.electronVersion}`);
  if (!['x64', 'arm64', 'ia32'].includes(o.arch)) throw new Error(`unsupported CPU ${o.arch} (loong64: see README.md, 龙芯 LoongArch)`);
  const prebuild = require.resolve('prebuild-install/bin.js');
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const download = {
    cmd: process.execPath,
    args: [prebuild, '--runtime', 'electron', '--target', o.electronVersion, '--arch', o.arch, '--platform', o.platform, '--force', '--verbose'],
  };
  const compile = {
    cmd: process.execPath,
    args: [nodeGyp, 'rebuild', '--release', `--target=${o.electronVersion}`, `--arch=${o.arch}`, '--dist-url=https://electronjs.org/headers'],
  };
  if (o.fromSource && o.platform !== process.platform) throw new Error('--from-source builds only for this machine’s platform');
  return {
    electronVersion: o.electronVersion,
    abi: electronAbi(o.electronVersion),
    outFile: nativeOutFile(o.platform, o.arch),
    commands: [o.fromSource ? compile : download],
  };
}

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron' } });
  if (r.status !== 0) throw new Error(`${path.basename(args[0] ?? cmd)} failed (exit ${r.status ?? r.signal})`);
}

export function buildNative(o: NativeBuildOptions, dryRun = false): NativeBuildPlan {
  const plan = planNativeBuild(o);
  if (dryRun) return plan;
  const work = mkdtempSync(path.join(tmpdir(), 'jxmb-native-'));
  try {
    const src = path.join(ROOT, 'node_modules', 'better-sqlite3');
    const pkgDir = path.join(work, 'better-sqlite3');
    cpSync(src, pkgDir, { recursive: true, filter: (f) => !f.startsWith(path.join(src, 'build')) });
    for (const c of plan.commands) run(c.cmd, c.args, pkgDir);
    const built = path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) throw new Error('no build/Release/better_sqlite3.node was produced');
    const buf = readFileSync(built);
    const problem = checkNativeBinary(buf, o.platform, o.arch, plan.abi);
    if (problem) throw new Error(`the built addon is wrong: ${problem}`);
    mkdirSync(path.dirname(plan.outFile), { recursive: true });
    writeFileSync(plan.outFile, buf);
    const version = (JSON.parse(readFileSync(path.join(src, 'package.json'), 'utf8')) as { version: string }).version;
    writeFileSync(
      path.join(path.dirname(plan.outFile), 'build-info.json'),
      `${JSON.stringify(
        {
          betterSqlite3: version,
          electron: o.electronVersion,
          abi: plan.abi,
          platform: o.platform,
          arch: o.arch,
          source: o.fromSource ? 'compiled' : 'prebuilt',
          sha256: createHash('sha256').update(buf).digest('hex'),
        },
        null,
        2,
      )}\n`,
    );
    return plan;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const isMain = isScript(import.meta.url);
if (isMain) {
  const { values: v } = parseArgs({
    options: {
      platform: { type: 'string' },
      arch: { type: 'string' },
      electron: { type: 'string' },
      'from-source': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
  });
  const opts: NativeBuildOptions = {
    platform: v.platform ?? process.platform,
    arch: v.arch ?? process.arch,
    electronVersion: v.electron ?? installedElectronVersion(),
    fromSource: v['from-source'] ?? false,
  };
  const dryRun = v['dry-run'] ?? false;
  try {
    const plan = buildNative(opts, dryRun);
    for (const c of plan.commands) console.log([c.cmd, ...c.args].join(' '));
    console.log(`${dryRun ? '将生成' : '已生成'} ${path.relative(ROOT, plan.outFile)}（Electron ${plan.electronVersion}，ABI ${plan.abi}）`);
  } catch (e) {
    console.error(`生成失败：${(e as Error).message}`);
    process.exit(1);
  }
}
