// Runs a parser of untrusted files in a worker thread with a time limit (the worker is
// terminated) and a memory limit, so the main process answers other calls meanwhile.
// One mechanism for every parser: spreadsheets, packages, interchange JSON.
import { Worker } from 'node:worker_threads';
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerScript {
  /**
   * `new URL('./x.js', import.meta.url)` written in the caller's module: a packaged build
   * ships the worker as JavaScript there (build/build-electron.ts rewrites that pattern).
   */
  js: URL;
  /** The worker's TypeScript source beside it. */
  ts: URL;
  /** Packages left to node_modules (loaded by the worker at run time). */
  external?: string[];
}

const SOURCE_DIRS = ['../../electron', '../../shared'].map((d) => fileURLToPath(new URL(d, import.meta.url)));

/** size and mtime of every source file the worker may bundle: the cache key of its build. */
function sourcesKey(entry: string): string {
  const hash = createHash('sha256').update(entry);
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) {
        const s = statSync(p);
        hash.update(`${p}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  for (const d of SOURCE_DIRS) if (existsSync(d)) walk(d);
  return hash.digest('hex').slice(0, 12);
}

const boots = new Map<string, Promise<string>>();

/**
 * The worker's boot code. From the TypeScript sources (development, tests, browser mode)
 * the worker is bundled once with esbuild into node_modules/.cache (keyed by the sources),
 * because starting a worker through a TypeScript loader costs about a second, plain node ~50 ms.
 */
function workerBoot(script: WorkerScript): Promise<string> {
  const key = script.ts.href;
  let boot = boots.get(key);
  if (!boot) {
    boot = (async () => {
      if (existsSync(script.js)) return script.js.href;
      const entry = fileURLToPath(script.ts);
      const name = entry.replace(/^.*[\\/]/, '').replace(/\.ts$/, '');
      const out = fileURLToPath(new URL(`../../node_modules/.cache/jxmb/${name}-${sourcesKey(entry)}.mjs`, import.meta.url));
      if (!existsSync(out)) {
        const { build } = await import('esbuild');
        const tmp = `${out}.${process.pid}.tmp`;
        await build({ entryPoints: [entry], outfile: tmp, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: script.external ?? [], logLevel: 'error' });
        renameSync(tmp, out);
      }
      return pathToFileURL(out).href;
    })();
    boots.set(key, boot);
    boot.catch(() => boots.delete(key));
  }
  return boot.then((u) => `import(${JSON.stringify(u)});`);
}

export interface WorkerLimits {
  timeoutMs: number;
  /**
   * The worker's heap. Best effort only: depending on the shape of the allocation (one huge
   * JSON.parse, a push loop) V8 may abort the whole process instead of terminating the
   * worker (nodejs/node#47224; seen here with a 97 MB package under a 128 MB heap). Keep it
   * well above what any input the byte and count limits admit can need; JSON is also held
   * to a count of arrays and objects before it is parsed (files/json-budget.ts).
   */
  memoryMb: number;
}

/** How a worker's failures read to the user (Chinese), and how its one message is checked. */
export interface WorkerOutcome<T> {
  /** Validates the worker's message; throws a UserError when it is not acceptable. */
  accept: (msg: unknown) => T;
  timeout: () => Error;
  memory: () => Error;
  /** The worker threw (`detail` is its message) or exited without answering. */
  crashed: (detail: string | null) => Error;
}

/** Starts the worker with `input` as workerData (the buffers in `transfer` moved, not copied: detached here) and settles on its first message. */
export async function runInWorker<T>(script: WorkerScript, input: unknown, limits: WorkerLimits, outcome: WorkerOutcome<T>, transfer: ArrayBuffer[] = []): Promise<T> {
  const boot = await workerBoot(script);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(boot, {
      eval: true,
      workerData: input,
      transferList: transfer,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
      stdout: true,
      stderr: true,
    });
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      try {
        fn();
      } catch (e) {
        reject(e as Error);
      }
    };
    const timer = setTimeout(() => done(() => reject(outcome.timeout())), limits.timeoutMs);
    worker.on('message', (msg: unknown) => done(() => resolve(outcome.accept(msg))));
    worker.on('error', (e) =>
      done(() => reject(/memory|heap/i.test(String(e)) ? outcome.memory() : outcome.crashed(String((e as Error).message ?? e).slice(0, 200)))),
    );
    worker.on('exit', () => done(() => reject(outcome.crashed(null))));
  });
}
