// Smoke test of the real desktop app with playwright-core's _electron: start it on an
// empty temporary data folder (the first start loads the 示例 data), open a demo unit and one of its tables,
// export the unit's DOCX and save it through the desktop save path. Needs Electron's
// binary (skipped where it was not downloaded, as on the machines that only reach the
// npm registry) and the Electron-ABI better-sqlite3 (build/build-native-electron.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, buildElectron } from '../../build/build-electron.ts';
import { devNativeDir, NATIVE_FILE } from '../../electron/main/native-binding.ts';
import { ensureRendererBuilt } from '../e2e/helpers.ts';

function electronBinary(): string | null {
  try {
    const p: unknown = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const ELECTRON = electronBinary();
const NATIVE = path.join(devNativeDir(ROOT, process.platform, process.arch), NATIVE_FILE);
const HAVE_NATIVE = fs.existsSync(NATIVE);
const SKIP_REASON = !ELECTRON
  ? 'Electron 二进制文件不存在（ELECTRON_SKIP_BINARY_DOWNLOAD）'
  : !HAVE_NATIVE
    ? `Electron 版 better-sqlite3 不存在（${path.relative(ROOT, NATIVE)}；npx tsx build/build-native-electron.ts）`
    : '';
const title = (name: string) => (SKIP_REASON ? `${name} — 跳过：${SKIP_REASON}` : name);
// The default reporter shows a skipped file as one line: say why as well.
if (SKIP_REASON) console.warn(`[Electron 冒烟测试] 跳过：${SKIP_REASON}`);

describe('Electron desktop app (smoke)', () => {
  let app: ElectronApplication | undefined;
  let root: string | undefined;

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it.skipIf(!!SKIP_REASON)(title('starts, opens the 示例 unit, exports a DOCX'), { timeout: 180_000 }, async () => {
    // An app root like the packed app: package.json, the bundles, the renderer, demo-data/.
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-smoke-'));
    const dataDir = path.join(root, 'data');
    fs.cpSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    fs.symlinkSync(path.join(ROOT, 'demo-data'), path.join(root, 'demo-data'), 'dir');
    fs.cpSync(await ensureRendererBuilt(), path.join(root, 'dist', 'renderer'), { recursive: true });
    const { main } = await buildElectron({ outDir: path.join(root, 'dist', 'electron') });

    app = await _electron.launch({
      executablePath: ELECTRON!,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), main],
      env: { ...process.env, JXMB_DATA_DIR: dataDir, JXMB_SQLITE_BINDING: NATIVE, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    const win: Page = await app.firstWindow();
    expect(win.url()).toBe('app://jxmb/index.html');

    // The page has no Node, and only the declared API.
    expect(await win.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
    expect(await win.evaluate(() => window.api!.call('nope' as never, {} as never).then(() => 'ran', (e: { code: string }) => e.code))).toBe('UNKNOWN_CALL');

    // Open the 示例 unit of layout B and one of its tables.
    await win.waitForSelector('.list-table tbody tr');
    await win.evaluate(() => {
      location.hash = '#/u/619001/2025';
    });
    await win.waitForSelector('.list-table tbody tr');
    await win.locator('.list-table tbody tr').nth(1).dblclick();
    await win.waitForSelector('.form-table');

    // Export the book as DOCX (a job), then save it the desktop way: the save dialog is
    // answered in the main process with a path in the temp folder.
    const out = path.join(root, '导出', '绩效目标表.docx');
    fs.mkdirSync(path.dirname(out));
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, out);
    const saved = await win.evaluate(async () => {
      const api = window.api!;
      const { jobId } = await api.call('export.docx', { scope: { kind: 'unitYear', unitCode: '619001', year: 2025 } });
      for (let i = 0; i < 600; i++) {
        const s = await api.call('jobs.get', { jobId });
        if (s.state === 'done' && s.base64 && s.fileName) {
          const desktop = (window as unknown as { desktop: import('../../electron/preload/desktop-api.ts').DesktopApi }).desktop;
          return desktop.saveFile({ suggestedName: s.fileName, base64: s.base64, kinds: ['docx'] });
        }
        if (s.state !== 'running') throw new Error(s.message ?? s.state);
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('export timed out');
    });
    expect(saved?.path).toBe(out);
    const docx = fs.readFileSync(out);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.includes(Buffer.from('word/document.xml'))).toBe(true);
  });
});
