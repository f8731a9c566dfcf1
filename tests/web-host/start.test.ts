// npm start's browser mode: in-process (startBrowserMode) and as the real command.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary, rendererBuildNeeded, startBrowserMode } from '../../electron/start.ts';
import { createHttpClient } from '../../shared/api/http-client.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-start-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('startBrowserMode', () => {
  it('loads the 示例 data on first start only, serves the API, and closes the store', async () => {
    const db = path.join(tmp(), 'data', 'filings.sqlite');
    const lines: string[] = [];
    const a = await startBrowserMode({ dbPath: db, staticDir: null, say: (l) => lines.push(l), log: () => {} });
    expect(a.demoLoaded).toBe(true);
    expect(lines.join('\n')).toContain('示例');
    const client = createHttpClient({ baseUrl: a.origin, token: a.token });
    const units = await client.call('units.list', {});
    expect(units.length).toBe(13);
    expect(units.every((u) => u.sample)).toBe(true);
    expect(await client.call('app.info', {})).toMatchObject({ mode: 'browser', dataPath: path.resolve(db) });
    await a.close();
    expect(() => a.store.listUnits()).toThrow();

    const b = await startBrowserMode({ dbPath: db, staticDir: null, log: () => {} });
    expect(b.demoLoaded).toBe(false);
    const c2 = createHttpClient({ baseUrl: b.origin, token: b.token });
    expect(b.token).not.toBe(a.token);
    await c2.call('units.removeSamples', {});
    await b.close();

    // an office that removed the samples does not get them back
    const c = await startBrowserMode({ dbPath: db, staticDir: null, log: () => {} });
    expect(c.demoLoaded).toBe(false);
    await c.close();
  });

  it('does not load samples with demo: false', async () => {
    const h = await startBrowserMode({ dbPath: path.join(tmp(), 'f.sqlite'), staticDir: null, demo: false, log: () => {} });
    expect(h.demoLoaded).toBe(false);
    expect(h.store.listUnits()).toEqual([]);
    await h.close();
  });
});

describe('environment checks', () => {
  it('finds no Electron binary on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD)', () => {
    const bin = electronBinary();
    expect(bin === null || fs.existsSync(bin)).toBe(true);
  });

  it('rebuilds the renderer when its build is missing or older than the sources', () => {
    const d = tmp();
    const src = path.join(d, 'src');
    const out = path.join(d, 'out');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'a.tsx'), 'x');
    expect(rendererBuildNeeded(out, [src])).toBe(true);
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'index.html'), 'x');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(src, 'a.tsx'), old, old);
    expect(rendererBuildNeeded(out, [src])).toBe(false);
    fs.writeFileSync(path.join(src, 'b.tsx'), 'y');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(src, 'b.tsx'), later, later);
    expect(rendererBuildNeeded(out, [src])).toBe(true);
  });
});

describe('npm start', () => {
  it('prints the address with its token, serves, and stops cleanly on SIGTERM', async () => {
    const db = path.join(tmp(), 'filings.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/start.ts'), '--db', db, '--no-build'], {
      cwd: ROOT,
      env: { ...process.env, JXMB_DATA_DIR: path.dirname(db) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL in time:\n${out}`)), 30_000);
      const check = () => {
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[0]);
        }
      };
      child.stdout.on('data', check);
      child.on('exit', () => reject(new Error(`exited early:\n${out}`)));
    });
    expect(out).toContain('浏览器模式');
    expect(out).toMatch(/Electron/);
    const u = new URL(url);
    const client = createHttpClient({ baseUrl: u.origin, token: u.searchParams.get('token')! });
    expect((await client.call('units.list', {})).length).toBe(13);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out).toContain('正在退出');
    expect(fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0).toBe(0); // closed: WAL checkpointed
  });
});
