// The main-process bundle as shipped: what it may require at run time, files found next to
// sources (import.meta.url), and worker scripts bundled apart (the .xlsx reader's worker,
// run from the bundle on a real spreadsheet).
import { mkdtempSync, readFileSync, rmSync, mkdirSync, symlinkSync, cpSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildElectron, bundleNode } from '../../build/build-electron.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'jxmb-bundle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const requiresOf = (code: string) => [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();

describe('main and preload bundles', () => {
  it('main requires only electron and Node built-ins (better-sqlite3 through the shim at run time)', async () => {
    const { main, preload } = await buildElectron({ outDir: path.join(dir, 'app', 'dist', 'electron') });
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const mainCode = readFileSync(main, 'utf8');
    expect(requiresOf(mainCode).filter((r) => r !== 'electron' && !builtins.has(r))).toEqual([]);
    expect(mainCode).toContain('requireReal("better-sqlite3")');
    // Source files that find files next to themselves do so under the app root.
    expect(mainCode).toContain('__jxmbFileUrl("electron/app-info.ts")');
    expect(mainCode).toContain('__jxmbFileUrl("electron/services/demo.ts")');
    expect(mainCode).not.toMatch(/\bimport\.meta\b/);
    expect(requiresOf(readFileSync(preload, 'utf8'))).toEqual(['electron']);
  });
});

describe('worker scripts', () => {
  it('the .xlsx reader runs its worker from the bundle (workers/xlsx-worker.cjs)', { timeout: 60_000 }, async () => {
    const app = path.join(dir, 'xlsx-app');
    mkdirSync(app);
    cpSync(path.join(ROOT, 'package.json'), path.join(app, 'package.json'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
    const outfile = path.join(app, 'dist', 'electron', 'xlsx-read.cjs');
    const workers = await bundleNode({ entry: path.join(ROOT, 'electron', 'import', 'spreadsheet', 'xlsx-read.ts'), outfile });
    expect(workers.map((w) => path.relative(app, w))).toEqual([path.join('dist', 'electron', 'workers', 'xlsx-worker.cjs')]);
    // Self-contained: a worker needs nothing from node_modules.
    expect(requiresOf(readFileSync(workers[0]!, 'utf8')).filter((r) => !r.startsWith('node:') && !builtinModules.includes(r))).toEqual([]);

    const req = createRequire(import.meta.url);
    const XLSX = req('xlsx') as typeof import('xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['指标名称', '指标值'], ['满意度', '≥90%']]), '绩效目标');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    const { parseXlsxInWorker } = req(outfile) as typeof import('../../electron/import/spreadsheet/xlsx-read.ts');
    const sheets = await parseXlsxInWorker(bytes);
    expect(sheets[0]).toMatchObject({ name: '绩效目标', rows: [['指标名称', '指标值'], ['满意度', '≥90%']] });
  });
});
