// `npm start`: the desktop app where Electron's binary is present (electron/main/), otherwise
// browser mode — build the renderer if needed, open the database, load the 示例 data on
// first start, serve on 127.0.0.1 and print the address with its token.
//
//   npm start -- [--db <file>] [--port <n>] [--no-demo] [--no-build]
//
// startBrowserMode() is the same in-process, for end-to-end tests with a temp database.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { NATIVE_FILE, devNativeDir } from './main/native-binding.ts';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FilingStore } from './store/store.ts';
import { defaultDbPath } from './paths.ts';
import { loadDemoOnFirstStart } from './services/demo.ts';
import { startWebHost, type WebHost } from './web-host/server.ts';
import { APP_INFO } from './app-info.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RENDERER_DIR = path.join(ROOT, 'renderer');
export const RENDERER_CONFIG = path.join(RENDERER_DIR, 'vite.config.ts');
export const RENDERER_OUT = path.join(ROOT, 'dist', 'renderer');
/** Sources the renderer bundle is built from. */
const SOURCE_DIRS = [RENDERER_DIR, path.join(ROOT, 'shared')];

type Say = (line: string) => void;

/** Settings key: when the 示例 data was loaded on first start. */
export { DEMO_SETTING } from './services/demo.ts';

/** Path of the Electron executable if the package and its binary are installed. */
export function electronBinary(): string | null {
  try {
    const p: unknown = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.isFile()) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether dist/renderer is missing or older than the renderer's sources. */
export function rendererBuildNeeded(outDir = RENDERER_OUT, sources = SOURCE_DIRS): boolean {
  const index = path.join(outDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return sources.some((d) => newestMtime(d) > built);
}

/** `vite build --config renderer/vite.config.ts` in a child process. */
export function buildRenderer(say: Say = () => {}): Promise<void> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  say('正在构建界面（vite build）…  Building the renderer…');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', RENDERER_CONFIG], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`界面构建失败（vite build 退出码 ${code}） / renderer build failed`))));
  });
}

export interface BrowserModeOptions {
  /** Database file (created if missing). */
  dbPath: string;
  /** Static files to serve (default dist/renderer; null: the API only). */
  staticDir?: string | null;
  /** 'auto' (default): build when dist/renderer is missing or stale. */
  build?: 'auto' | 'always' | 'never';
  /** Load the 示例 units on first start: no unit at all, samples never loaded before (default true). */
  demo?: boolean;
  port?: number;
  token?: string;
  say?: Say;
  log?: (msg: string, err?: unknown) => void;
}

export interface BrowserMode extends WebHost {
  /** The 示例 data was loaded on this start. */
  demoLoaded: boolean;
}

export async function startBrowserMode(opts: BrowserModeOptions): Promise<BrowserMode> {
  const say = opts.say ?? (() => {});
  let staticDir = opts.staticDir === undefined ? RENDERER_OUT : opts.staticDir;
  if (staticDir === RENDERER_OUT && opts.build !== 'never') {
    if (!fs.existsSync(RENDERER_CONFIG)) {
      say('未找到界面源码（renderer/vite.config.ts），只提供接口。  No renderer sources: serving the API only.');
    } else if (opts.build === 'always' || rendererBuildNeeded()) {
      await buildRenderer(say);
    }
  }
  if (staticDir && !fs.existsSync(staticDir)) {
    say(`界面文件不存在：${staticDir}，只提供接口。  Renderer build missing: serving the API only.`);
    staticDir = null;
  }

  fs.mkdirSync(path.dirname(path.resolve(opts.dbPath)), { recursive: true });
  const store = await FilingStore.open(opts.dbPath);
  try {
    for (const w of store.warnings) say(`注意：${w}`);
    let demoLoaded = false;
    // First start only: once the samples were loaded (and maybe removed), never again.
    const r = opts.demo !== false ? loadDemoOnFirstStart(store) : null;
    if (r) {
      demoLoaded = true;
      say(`首次启动：已载入示例数据（${r.units} 个单位、${r.projects} 张项目表，标记为“示例”，可一键删除）。`);
    }
    const host = await startWebHost({
      dbPath: store.path,
      store,
      staticDir,
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(opts.token !== undefined ? { token: opts.token } : {}),
      ...(opts.log ? { log: opts.log } : {}),
    });
    return {
      ...host,
      demoLoaded,
      async close() {
        await host.close();
        store.close();
      },
    };
  } catch (e) {
    store.close();
    throw e;
  }
}

/** Runs a program to its end; rejects on a non-zero exit unless `anyExit`. */
function runChild(cmd: string, args: string[], anyExit = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 || anyExit ? resolve(code ?? 1) : reject(new Error(`${path.basename(cmd)} 退出码 ${code}`))));
  });
}

async function main(argv: string[]): Promise<void> {
  const say: Say = (line) => process.stdout.write(line + '\n');
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'no-demo': { type: 'boolean' },
      'no-build': { type: 'boolean' },
      browser: { type: 'boolean' },
    },
    strict: true,
  });
  say(`${APP_INFO.name} ${APP_INFO.version}`);
  const electron = values.browser ? null : electronBinary();
  const native = devNativeDir(ROOT, process.platform, process.arch);
  if (electron && fs.existsSync(path.join(native, NATIVE_FILE))) {
    say('检测到 Electron：启动桌面窗口。  Electron found: starting the desktop app.');
    if (!values['no-build'] && rendererBuildNeeded()) await buildRenderer(say);
    await runChild(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'build', 'build-electron.ts')]);
    const code = await runChild(electron, [path.join(ROOT, 'dist', 'electron', 'main.cjs')], true);
    process.exit(code);
  } else if (electron) {
    say('检测到 Electron，但还没有为它编译 SQLite（npm run build:native-electron，需要联网），改用浏览器模式。');
    say('Electron found but better-sqlite3 is not built for it yet (npm run build:native-electron, needs the internet); using browser mode.');
  } else if (values.browser) {
    say('浏览器模式。  Browser mode.');
  } else {
    say('未找到 Electron 程序文件（安装时跳过了下载，ELECTRON_SKIP_BINARY_DOWNLOAD=1），改用浏览器模式。');
    say("Electron's binary is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); using browser mode.");
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口“${values.port}”无效 / invalid port`);
  const dbPath = path.resolve(values.db ?? defaultDbPath());
  say(`数据库 / database: ${dbPath}`);
  const host = await startBrowserMode({
    dbPath,
    build: values['no-build'] ? 'never' : 'auto',
    demo: !values['no-demo'],
    port,
    say,
  });
  say('');
  say('请在浏览器中打开以下地址（只在本机可用，关闭本窗口或按 Ctrl+C 退出）：');
  say('Open this address in a browser (this computer only; Ctrl+C to quit):');
  say('');
  say(`  ${host.url}`);
  say('');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`正在退出（${signal}）…  Stopping…`);
    host.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`启动失败 / failed to start: ${msg}\n`);
    process.exit(2);
  });
}
