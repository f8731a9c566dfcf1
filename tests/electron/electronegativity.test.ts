// Electronegativity over electron/ (+ the page's CSP meta tag and package.json): no
// finding without an explanation in build/electronegativity-allowlist.json, every file
// parsed, no stale explanations. A deliberately insecure sample proves the scan is live
// on TypeScript sources. Runs as a child process (the tool sets globals and prints).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, loadAllowlist, matchAllowlist, type ScanResult } from '../../build/run-electronegativity.ts';

function runScan(extra: string[] = []): { status: number | null; result: ScanResult; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'build', 'run-electronegativity.ts'), '--json', ...extra], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 32 * 1024 * 1024,
  });
  return { status: r.status, result: JSON.parse(r.stdout) as ScanResult, stderr: r.stderr };
}

describe('Electronegativity', () => {
  it('finds nothing unexplained in electron/, parses every file', { timeout: 120_000 }, () => {
    const { status, result } = runScan();
    expect(result.parseErrors).toEqual([]);
    expect(result.unexplained, JSON.stringify(result.unexplained, null, 2)).toEqual([]);
    expect(result.stale).toEqual([]);
    expect(status).toBe(0);
    expect(result.electronVersion).toMatch(/^39\./);
  });

  it('flags an insecure sample (the scan really checks TypeScript)', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jxmb-insecure-'));
    try {
      writeFileSync(
        path.join(dir, 'bad-main.ts'),
        [
          "import { BrowserWindow, shell } from 'electron';",
          'export function open(url: string): void {',
          '  const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });',
          '  void w.loadURL(url);',
          '  void shell.openExternal(url);',
          '}',
        ].join('\n'),
      );
      const { status, result } = runScan(['--input', dir]);
      const checks = new Set(result.findings.map((f) => f.check));
      // The global checks for navigation limits and permission handlers fire here, not on electron/.
      for (const c of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']) {
        expect(checks, c).toContain(c);
      }
      expect(status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every allow-list entry carries a reason; matching is by check and file', () => {
    const list = loadAllowlist();
    expect(list.findings.length + list.excludedChecks.length).toBeGreaterThan(0);
    const f = { check: 'X_CHECK', file: 'electron/main/main.ts', line: 1, severity: 'LOW', confidence: 'FIRM', description: '' };
    const m = matchAllowlist([f, { ...f, file: 'electron/other.ts' }], {
      excludedChecks: [],
      findings: [
        { check: 'X_CHECK', file: 'electron/main/main.ts', reason: 'r' },
        { check: 'Y_CHECK', file: '*', reason: 'r' },
      ],
    });
    expect(m.explained).toHaveLength(1);
    expect(m.unexplained.map((u) => u.file)).toEqual(['electron/other.ts']);
    expect(m.stale.map((s) => s.check)).toEqual(['Y_CHECK']);
  });
});
