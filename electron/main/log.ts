// The main process log: `logs/main.log` in the data folder (one line per event, time
// first), kept under 2 MB by moving the old one to main.old.log. Never throws.
import fs from 'node:fs';
import path from 'node:path';

export const LOG_MAX_BYTES = 2 * 1024 * 1024;

export function formatLogLine(at: Date, msg: string, err?: unknown): string {
  const detail = err === undefined ? '' : ` | ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  return `${at.toISOString()} ${msg}${detail}`.replace(/\r?\n/g, '\n    ') + '\n';
}

export function createLogger(dir: string, opts: { echo?: boolean; now?: () => Date } = {}) {
  const file = path.join(dir, 'main.log');
  const now = opts.now ?? (() => new Date());
  return (msg: string, err?: unknown): void => {
    const line = formatLogLine(now(), msg, err);
    if (opts.echo) process.stderr.write(line);
    try {
      fs.mkdirSync(dir, { recursive: true });
      try {
        if (fs.statSync(file).size > LOG_MAX_BYTES) fs.renameSync(file, path.join(dir, 'main.old.log'));
      } catch {
        // no log yet
      }
      fs.appendFileSync(file, line);
    } catch {
      // A read-only or full disk must not stop the program because of its log.
    }
  };
}
