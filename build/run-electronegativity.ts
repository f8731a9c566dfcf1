// Runs Electronegativity (Doyensec's static checker for Electron apps) over the Electron
// side of the app — electron/ plus the page it loads (renderer/index.html, for its CSP
// meta tag) and package.json (for the Electron version) — and fails on any finding not
// explained in build/electronegativity-allowlist.json, on any file it could not parse,
// and on allow-list entries that no longer match anything (stale explanations).
// Usage: npx tsx build/run-electronegativity.ts [--json] [--sarif <file>] [--input <folder>]
// (--input scans another folder as it is, e.g. the test's deliberately insecure sample.)
// Exit codes: 0 clean, 1 unexplained findings or parse errors.
import { isScript } from './run-as-script.ts';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ALLOWLIST_FILE = path.join(ROOT, 'build', 'electronegativity-allowlist.json');

export interface AllowEntry {
  /** Electronegativity check id, e.g. PRELOAD_JS_CHECK. */
  check: string;
  /** File relative to the scanned folder (electron/main/main.ts …), or '*' for a global check. */
  file: string;
  reason: string;
}

export interface Allowlist {
  /** Checks not run at all, each with why. */
  excludedChecks: Array<{ check: string; reason: string }>;
  findings: AllowEntry[];
}

export interface Finding {
  check: string;
  file: string;
  line: number;
  severity: string;
  confidence: string;
  description: string;
}

export interface ScanResult {
  electronVersion: string;
  findings: Finding[];
  unexplained: Finding[];
  explained: Array<Finding & { reason: string }>;
  stale: AllowEntry[];
  parseErrors: Array<{ file: string; message: string }>;
}

export function loadAllowlist(file = ALLOWLIST_FILE): Allowlist {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Allowlist;
  for (const e of [...raw.excludedChecks, ...raw.findings]) {
    if (typeof e.reason !== 'string' || e.reason.trim().length < 20) throw new Error(`allow-list entry ${e.check} needs a real reason`);
  }
  return raw;
}

export function matchAllowlist(findings: Finding[], list: Allowlist): Pick<ScanResult, 'unexplained' | 'explained' | 'stale'> {
  const used = new Set<AllowEntry>();
  const unexplained: Finding[] = [];
  const explained: Array<Finding & { reason: string }> = [];
  for (const f of findings) {
    const entry = list.findings.find((e) => e.check === f.check && (e.file === '*' || e.file === f.file));
    if (entry) {
      used.add(entry);
      explained.push({ ...f, reason: entry.reason });
    } else unexplained.push(f);
  }
  return { unexplained, explained, stale: list.findings.filter((e) => !used.has(e)) };
}

export async function scan(opts: { sarif?: string; input?: string } = {}): Promise<ScanResult> {
  const stage = opts.input ?? mkdtempSync(path.join(tmpdir(), 'jxmb-eneg-'));
  try {
    if (!opts.input) {
      cpSync(path.join(ROOT, 'electron'), path.join(stage, 'electron'), { recursive: true });
      mkdirSync(path.join(stage, 'renderer'));
      cpSync(path.join(ROOT, 'renderer', 'index.html'), path.join(stage, 'renderer', 'index.html'));
      cpSync(path.join(ROOT, 'package.json'), path.join(stage, 'package.json'));
    }
    const electronVersion = (require('electron/package.json') as { version: string }).version;
    const list = loadAllowlist();
    const run = require('@doyensec/electronegativity') as (o: Record<string, unknown>) => Promise<{
      issues: Array<{ id: string; file: string; location: { line: number }; severity: { name: string }; confidence: { name: string }; description: string }>;
      errors: Array<{ file: string; message?: string; error?: unknown }>;
    }>;
    const res = await run({
      input: stage,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: list.excludedChecks.map((c) => c.check.toLowerCase()),
      customScan: [],
      parserPlugins: [],
      ...(opts.sarif ? { output: opts.sarif, isSarif: true } : {}),
    });
    const findings: Finding[] = res.issues.map((i) => ({
      check: i.id,
      file: (i.file || '*').split(path.sep).join('/'),
      line: i.location?.line ?? 0,
      severity: i.severity?.name ?? '',
      confidence: i.confidence?.name ?? '',
      description: i.description,
    }));
    const parseErrors = res.errors.map((e) => ({
      file: path.relative(stage, e.file ?? ''),
      message: String(e.message ?? e.error ?? 'parse error'),
    }));
    return { electronVersion, findings, parseErrors, ...matchAllowlist(findings, list) };
  } finally {
    if (!opts.input) rmSync(stage, { recursive: true, force: true });
  }
}

const isMain = isScript(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const sarifAt = args.indexOf('--sarif');
  const sarif = sarifAt >= 0 ? args[sarifAt + 1] : undefined;
  const inputAt = args.indexOf('--input');
  const input = inputAt >= 0 ? args[inputAt + 1] : undefined;
  // Electronegativity prints progress and network notices: keep stdout for our report.
  const log = console.log;
  console.log = (...a: unknown[]) => console.error(...a);
  scan({ ...(sarif ? { sarif: path.resolve(sarif) } : {}), ...(input ? { input: path.resolve(input) } : {}) }).then(
    (r) => {
      const ok = r.unexplained.length === 0 && r.parseErrors.length === 0;
      if (args.includes('--json')) log(JSON.stringify(r, null, 2));
      else {
        log(`Electronegativity（Electron ${r.electronVersion}）：${r.findings.length} 项发现，已说明 ${r.explained.length} 项，未说明 ${r.unexplained.length} 项，无法解析的文件 ${r.parseErrors.length} 个`);
        for (const f of r.unexplained) log(`  未说明：${f.check} ${f.file}:${f.line} ${f.description}`);
        for (const e of r.parseErrors) log(`  无法解析：${e.file} ${e.message}`);
        for (const s of r.stale) log(`  允许清单中已无对应发现（可删除）：${s.check} ${s.file}`);
      }
      // The SARIF file is written asynchronously: let pending writes finish, but do not
      // wait on anything the tool may leave open for more than a few seconds.
      process.exitCode = ok ? 0 : 1;
      setTimeout(() => process.exit(), 5000).unref();
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
