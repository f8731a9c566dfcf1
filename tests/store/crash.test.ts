// Kill a writer with SIGKILL at random moments, 100 times over one database file, and
// check after each kill that every edit reported committed is there with its content,
// that integrity_check is ok and that the store opens. The next child is started while
// the current one runs, so their start-up cost overlaps the previous runs.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { FilingStore } from '../../electron/store/store.ts';
import { SLOTS, expectedFiling, slotId, slotsOf, stateAfter } from './crash-edits.ts';
import { prng, tempDirs } from './helpers.ts';

const RUNS = 100;
const SEED = 20250310;
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

// The child is bundled once (esbuild) so each of the 100 starts is a plain `node` start
// (~0.15 s) instead of a TypeScript loader start (~0.5 s). It lives under node_modules so
// that `better-sqlite3` resolves from the project.
const BUNDLE = path.join(ROOT, 'node_modules', '.cache', 'jxmb-tests', 'crash-child.mjs');
beforeAll(async () => {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [CHILD],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'error',
  });
});

interface Child {
  proc: ChildProcessWithoutNullStreams;
  loaded: Promise<void>;
  ready: Promise<void>;
  /** Resolves once the process has exited and all its output is read: the OK numbers. */
  done: Promise<number[]>;
}

function startChild(dbPath: string, backupDir: string): Child {
  const proc = spawn(process.execPath, [BUNDLE, dbPath, backupDir], { cwd: ROOT, stdio: 'pipe' });
  const oks: number[] = [];
  let out = '';
  let err = '';
  let onLoaded!: () => void;
  let onReady!: () => void;
  let fail!: (e: Error) => void;
  const loaded = new Promise<void>((res) => (onLoaded = res));
  const ready = new Promise<void>((res, rej) => {
    onReady = res;
    fail = rej;
  });
  loaded.catch(() => {});
  ready.catch(() => {});
  proc.stdout.setEncoding('utf8');
  proc.stderr.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    out += chunk;
    let i: number;
    while ((i = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, i);
      out = out.slice(i + 1);
      if (line === 'LOADED') onLoaded();
      else if (line === 'READY') onReady();
      else if (line.startsWith('OK ')) oks.push(Number(line.slice(3)));
      else err += `unexpected stdout: ${line}\n`;
    }
  });
  proc.stderr.on('data', (chunk: string) => (err += chunk));
  const done = new Promise<number[]>((res) => {
    proc.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`child exited early (code ${code}, ${signal}):\n${err}`));
      res(oks);
    });
  });
  return { proc, loaded, ready, done };
}

/** Opens the crashed file, checks it, and returns the number of the last edit it holds. */
async function verify(dbPath: string, backupDir: string, lastOk: number): Promise<number> {
  const store = await FilingStore.open(dbPath, { backupDir });
  try {
    expect(store.checkIntegrity()).toEqual({ ok: true, messages: ['ok'] });
    const actual = new Map([...store.iterateAllProjects()].map((p) => [p.id, p]));
    // The edit in flight when killed may or may not have committed — but atomically.
    const inFlight = lastOk + 1;
    const probe = slotsOf(inFlight)[0]!;
    const last = isDeepStrictEqual(actual.get(slotId(probe)), expectedFiling(probe, inFlight)) ? inFlight : lastOk;
    const want = stateAfter(last);
    const wrong: string[] = [];
    for (let s = 0; s < SLOTS; s++) {
      const n = want.get(s);
      const got = actual.get(slotId(s));
      if (n === undefined) {
        if (got) wrong.push(`${slotId(s)} should not exist yet`);
      } else if (!isDeepStrictEqual(got, expectedFiling(s, n))) {
        wrong.push(`${slotId(s)}: want edit ${n}, have ${got ? got.name : 'nothing'}`);
      }
    }
    expect(wrong, `after OK ${lastOk}`).toEqual([]);
    expect(actual.size).toBe(want.size);
    return last;
  } finally {
    store.close();
  }
}

function integrityFromOutside(dbPath: string): string {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

it(
  `survives ${RUNS} SIGKILLs mid-write without losing a committed edit`,
  async () => {
    const started = Date.now();
    const dir = dirs.make();
    const dbPath = path.join(dir, 'crash.sqlite');
    const backupDir = path.join(dir, 'backups');
    const rand = prng(SEED);
    let next = 0;
    let totalOk = 0;
    let inFlightCommitted = 0;
    const t = { waitLoaded: 0, childOpen: 0, writing: 0, verify: 0 };
    const lap = (k: keyof typeof t, since: number) => {
      t[k] += Date.now() - since;
      return Date.now();
    };
    // Two children warm up (load modules) ahead, waiting for GO, while one writes.
    const spares = [startChild(dbPath, backupDir), startChild(dbPath, backupDir)];
    try {
      for (let run = 0; run < RUNS; run++) {
        const child = spares.shift()!;
        let at = Date.now();
        await child.loaded;
        at = lap('waitLoaded', at);
        child.proc.stdin.write(`GO ${next}\n`);
        await child.ready;
        at = lap('childOpen', at);
        spares.push(startChild(dbPath, backupDir));
        const delay = 20 + Math.floor(rand() * 381);
        await new Promise((r) => setTimeout(r, delay));
        child.proc.kill('SIGKILL');
        const oks = await child.done;
        at = lap('writing', at);
        oks.forEach((n, i) => expect(n).toBe(next + i)); // in order, none skipped
        totalOk += oks.length;
        const lastOk = oks.length > 0 ? oks[oks.length - 1]! : next - 1;
        const last = await verify(dbPath, backupDir, lastOk);
        lap('verify', at);
        if (last > lastOk) inFlightCommitted++;
        next = last + 1;
      }
      expect(integrityFromOutside(dbPath)).toBe('ok');
      expect(totalOk).toBeGreaterThan(RUNS); // the kills really landed amid writing
    } finally {
      for (const c of spares) c.proc.kill('SIGKILL');
      await Promise.all(spares.map((c) => c.done));
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `crash test: ${RUNS} kills, ${totalOk} edits reported committed (${next} applied, ` +
        `${inFlightCommitted} committed-but-unreported), ${seconds} s ` +
        `(waiting for child start ${t.waitLoaded} ms, child open ${t.childOpen} ms, writing ${t.writing} ms, ` +
        `verifying ${t.verify} ms; database ${(fs.statSync(dbPath).size / 1e6).toFixed(1)} MB)`,
    );
  },
  240_000,
);
