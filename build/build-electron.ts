// Bundles the Electron main process and the preload with esbuild:
//   dist/electron/main.cjs     electron/main/main.ts and everything it imports, except
//                              'electron' and better-sqlite3 (native, loaded at run time);
//   dist/electron/workers/*.cjs  scripts it starts in worker threads (`new URL('./x.js', import.meta.url)`
//                              next to an x.ts source),
//                              each self-contained, unpacked from app.asar when packed;
//   dist/electron/preload.cjs  electron/preload/preload.ts, one self-contained file (a
//                              sandboxed preload may require nothing but 'electron').
// `import.meta.url` in the project's sources is rewritten to the URL the source file has
// under the app root (app.asar when packed), so code that finds files next to itself
// (app-info.ts → package.json, services/demo.ts → demo-data/) still does.
// Usage: npx tsx build/build-electron.ts [--out <dir>] [--electron-alias <module>]
import { isScript } from './run-as-script.ts';
import { build, type Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_OUT = path.join(ROOT, 'dist', 'electron');
const SHIM = path.join(ROOT, 'electron', 'main', 'sqlite-shim.ts');

export interface BuildElectronOptions {
  /** Output folder; default dist/electron. main.cjs expects to sit two levels below the app root. */
  outDir?: string;
  /** Tests only: bundle this module in place of 'electron' (a fake). */
  electronAlias?: string;
  /** Tests only: the app root the bundle resolves files against (default: two folders up from the bundle). */
  appRoot?: string;
}

const LOADERS = { '.ts': 'ts', '.tsx': 'tsx', '.mts': 'ts', '.js': 'js', '.mjs': 'js' } as const;

/**
 * `new URL('./x.js', import.meta.url)` next to an `x.ts` source: a script loaded at run
 * time (a worker thread), which "a packed build ships as JavaScript beside the module".
 */
const SIBLING_JS_URL = /new URL\(\s*(['"])(\.{1,2}\/[^'"]+)\.js\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * import.meta.url in our own sources → the file's URL under the app root at run time.
 * A script referenced as `new URL('./x.js', import.meta.url)` whose source `x.ts` sits
 * next to the module is bundled on its own (workers/x.cjs beside the bundle, unpacked
 * from app.asar when packed) and the URL points there.
 */
function importMetaUrlPlugin(workers: Map<string, string>): Plugin {
  return {
    name: 'jxmb-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.(ts|tsx|mts|js|mjs)$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`) || !args.path.startsWith(ROOT)) return undefined;
        let text = await readFile(args.path, 'utf8');
        const loader = LOADERS[path.extname(args.path) as keyof typeof LOADERS];
        if (!text.includes('import.meta.url')) return { contents: text, loader };
        text = text.replace(SIBLING_JS_URL, (m, _q: string, rel: string) => {
          const file = path.resolve(path.dirname(args.path), `${rel}.ts`);
          if (!existsSync(file)) return m;
          const name = `${path.basename(rel)}.cjs`;
          const known = workers.get(name);
          if (known !== undefined && known !== file) throw new Error(`two workers named ${name}: ${known}, ${file}`);
          workers.set(name, file);
          return `new URL(__jxmbWorkerUrl(${JSON.stringify(name)}))`;
        });
        const rel = path.relative(ROOT, args.path).split(path.sep).join('/');
        return { contents: text.replaceAll('import.meta.url', `__jxmbFileUrl(${JSON.stringify(rel)})`), loader };
      });
    },
  };
}

/** `better-sqlite3` → the shim that applies the Electron-ABI nativeBinding. */
function sqliteShimPlugin(): Plugin {
  return {
    name: 'jxmb-sqlite-shim',
    setup(b) {
      b.onResolve({ filter: /^better-sqlite3$/ }, (args) => (args.importer === SHIM ? undefined : { path: SHIM }));
    },
  };
}

function electronAliasPlugin(target: string): Plugin {
  return {
    name: 'jxmb-electron-alias',
    setup(b) {
      b.onResolve({ filter: /^electron$/ }, () => ({ path: path.resolve(target) }));
    },
  };
}

function banner(rootExpr: string): string {
  return [
    '"use strict";',
    `const __jxmbRoot = ${rootExpr};`,
    "const __jxmbFileUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__jxmbRoot, rel)).href;",
    "const __jxmbBundleUrl = require('node:url').pathToFileURL(__filename).href;",
    // Workers are real files (asarUnpack): a worker thread cannot start from inside app.asar.
    "const __jxmbWorkerUrl = (name) => require('node:url').pathToFileURL(require('node:path').join(__dirname, 'workers', name).replace(/([\\\\/])app\\.asar([\\\\/])/, '$1app.asar.unpacked$2')).href;",
  ].join('\n');
}

export interface BundleNodeOptions {
  entry: string;
  outfile: string;
  /** Expression for the app root in the bundle (default: two folders up from it). */
  rootExpr?: string;
  electronAlias?: string;
}

/**
 * Bundles one Node entry (CommonJS, for Electron's Node) and every worker script it
 * references into `<outdir>/workers/`. Returns the worker bundles written.
 */
export async function bundleNode(o: BundleNodeOptions): Promise<string[]> {
  const workers = new Map<string, string>();
  const rootExpr = o.rootExpr ?? "require('node:path').join(__dirname, '..', '..')";
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node22',
    // esbuild: only the development path of a worker loader imports it (never when packed).
    external: [...(o.electronAlias ? [] : ['electron']), 'esbuild'],
    define: { 'import.meta.url': '__jxmbBundleUrl' },
    legalComments: 'none' as const,
    logLevel: 'warning' as const,
  };
  const plugins = () => [...(o.electronAlias ? [electronAliasPlugin(o.electronAlias)] : []), sqliteShimPlugin(), importMetaUrlPlugin(workers)];
  await build({ ...common, entryPoints: [o.entry], outfile: o.outfile, plugins: plugins(), banner: { js: banner(rootExpr) } });
  // Workers may reference workers: bundle until no new one turns up.
  const done = new Set<string>();
  const written: string[] = [];
  const workerDir = path.join(path.dirname(o.outfile), 'workers');
  // From app.asar.unpacked/dist/electron/workers the app root is app.asar itself.
  const workerRoot = o.rootExpr ?? "require('node:path').join(__dirname, '..', '..', '..').replace(/app\\.asar\\.unpacked$/, 'app.asar')";
  for (let pending = [...workers]; pending.length; pending = [...workers].filter(([n]) => !done.has(n))) {
    for (const [name, file] of pending) {
      done.add(name);
      const outfile = path.join(workerDir, name);
      await build({ ...common, entryPoints: [file], outfile, plugins: plugins(), banner: { js: banner(workerRoot) } });
      written.push(outfile);
    }
  }
  return written;
}

export async function buildElectron(opts: BuildElectronOptions = {}): Promise<{ main: string; preload: string; workers: string[] }> {
  const outDir = opts.outDir ?? DEFAULT_OUT;
  const main = path.join(outDir, 'main.cjs');
  const preload = path.join(outDir, 'preload.cjs');
  const workers = await bundleNode({
    entry: path.join(ROOT, 'electron', 'main', 'main.ts'),
    outfile: main,
    ...(opts.appRoot ? { rootExpr: JSON.stringify(path.resolve(opts.appRoot)) } : {}),
    ...(opts.electronAlias ? { electronAlias: opts.electronAlias } : {}),
  });
  await build({
    entryPoints: [path.join(ROOT, 'electron', 'preload', 'preload.ts')],
    outfile: preload,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  return { main, preload, workers };
}

const isMain = isScript(import.meta.url);
if (isMain) {
  const { out: outDir } = parseArgs({ options: { out: { type: 'string' } } }).values;
  buildElectron(outDir ? { outDir: path.resolve(outDir) } : {}).then(
    (r) => console.log(`已生成 ${path.relative(ROOT, r.main)}、${path.relative(ROOT, r.preload)}`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
