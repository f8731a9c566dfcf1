// The structure guards that `npm run typecheck` runs after tsc, so CI fails on them:
// - module size: no source module over MAX_LINES lines (tests and generated data excepted);
// - knip: no unused files, exports or dependencies (knip.json);
// - dpdm: no import cycles, type-only imports included;
// - jscpd: no block of MIN_CLONE_LINES or more lines repeated outside tests;
// - css: every style sheet's blocks closed (tsc does not read CSS; a rule left open silently
//   swallows every rule after it, as a merge once did).
// Usage: npx tsx build/check-structure.ts [--only size|css|knip|cycles|clones] (npm run typecheck runs all)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAX_LINES = 400;
const MIN_CLONE_LINES = 6;
/** Folders of product code that the guards look at (tests and tools are not held to the size rule). */
const SOURCE_DIRS = ['shared', 'electron', 'renderer/src'];
const SOURCE_EXT = /\.(ts|tsx)$/;
/** Modules still over the limit, each with the most it may hold until it is split (it may shrink, never grow). None today. */
const KNOWN_LARGE: Record<string, number> = {};

function sourceFiles(dir: string, ext = SOURCE_EXT): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(rel, ext));
    else if (ext.test(e.name)) out.push(rel);
  }
  return out;
}

function checkSize(): boolean {
  const big = SOURCE_DIRS.flatMap((d) => sourceFiles(d))
    .map((f) => ({ f, lines: readFileSync(path.join(ROOT, f), 'utf8').split('\n').length }))
    .filter((x) => x.lines > (KNOWN_LARGE[x.f] ?? MAX_LINES));
  for (const b of big) console.error(`module too large: ${b.f} has ${b.lines} lines (at most ${KNOWN_LARGE[b.f] ?? MAX_LINES}); split it by concern`);
  return big.length === 0;
}

function run(label: string, cmd: string, args: string[]): boolean {
  const bin = path.join(ROOT, 'node_modules', '.bin', cmd);
  const r = spawnSync(bin, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) console.error(`${label} failed (exit ${r.status ?? r.signal})`);
  return r.status === 0;
}

/** Blocks of a style sheet: a rule opened inside a rule (we write no nesting) or left open is a missing '}'. */
function checkCss(): boolean {
  const problems: string[] = [];
  const sheets = sourceFiles('renderer/src', /\.css$/);
  for (const f of sheets) {
    const text = readFileSync(path.join(ROOT, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
    const stack: Array<{ at: boolean; line: number }> = [];
    let prelude = '';
    let line = 1;
    for (const ch of text) {
      if (ch === '\n') line++;
      if (ch === '{') {
        const at = prelude.trim().startsWith('@');
        if (!at && stack.some((b) => !b.at)) problems.push(`${f}:${line}: a rule opened inside the rule of line ${stack.at(-1)!.line} (a missing '}')`);
        stack.push({ at, line });
        prelude = '';
      } else if (ch === '}') {
        if (!stack.pop()) problems.push(`${f}:${line}: '}' without a block`);
        prelude = '';
      } else if (ch === ';') prelude = '';
      else prelude += ch;
    }
    for (const b of stack) problems.push(`${f}:${b.line}: block never closed`);
  }
  for (const p of problems) console.error(`css: ${p}`);
  if (sheets.length === 0) console.error('css: no style sheet found under renderer/src');
  return problems.length === 0 && sheets.length > 0;
}

const GUARDS: Record<string, () => boolean> = {
  size: checkSize,
  css: checkCss,
  knip: () => run('knip (unused files, exports, dependencies)', 'knip', ['--no-progress']),
  cycles: () =>
    run('dpdm (import cycles)', 'dpdm', [
      '--no-warning',
      '--no-tree',
      '--exit-code',
      'circular:1',
      ...SOURCE_DIRS.map((d) => `${d}/**/*.{ts,tsx}`),
    ]),
  clones: () =>
    run('jscpd (repeated code)', 'jscpd', [
      '--min-lines',
      String(MIN_CLONE_LINES),
      '--format',
      'typescript,tsx',
      '--reporters',
      'console',
      '--exit-code',
      '1',
      // Template layouts are data written out row by row; similar rows there are not code.
      '--ignore',
      '**/shared/templates/definitions.ts',
      ...SOURCE_DIRS,
      'build',
      'tools',
    ]),
};

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const names = values.only ? [values.only] : Object.keys(GUARDS);
let ok = true;
for (const n of names) {
  const g = GUARDS[n];
  if (!g) throw new Error(`unknown guard ${n}; one of ${Object.keys(GUARDS).join(', ')}`);
  ok = g() && ok;
}
process.exit(ok ? 0 : 1);
