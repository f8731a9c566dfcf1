// Runs the CLI in-process with captured output, on a real database file.
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { runCli } from '../../electron/cli/main.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function cli(args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export function tempDir(prefix = 'jxmb-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Hash of the database and its WAL, to prove nothing stored changed. */
export function dbFingerprint(dbPath: string): string {
  const h = createHash('sha256');
  for (const p of [dbPath, `${dbPath}-wal`]) if (existsSync(p)) h.update(readFileSync(p));
  return h.digest('hex');
}
