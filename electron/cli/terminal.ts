// Terminal-safe output for the CLI. Names, notes and messages may come from files of an
// outsider's making: a project name holding ESC sequences could clear the screen or fake a
// "✓ 全部审核通过" line, a bidi override could reorder what is shown. Every line is escaped
// on the way out; and when the reader of a pipe goes away (`jxmb … | head -1`) the command
// stops writing quietly and keeps the exit code it would have had.

/**
 * C0 controls except tab and newline, DEL, C1 controls (U+0080–U+009F, 8-bit CSI among them),
 * and the invisible direction controls (ALM, LRM/RLM, LRE…RLO, LRI…PDI), plus the line and
 * paragraph separators.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The text with every unsafe character written as a visible `\uXXXX` (valid inside JSON strings too). */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

export interface LineIo {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

/** The same io with every line escaped. */
export function terminalSafeIo(io: LineIo): LineIo {
  return { out: (s) => io.out(terminalSafe(s)), err: (s) => io.err(terminalSafe(s)), isTTY: io.isTTY };
}

/**
 * A line writer for a stream that stops quietly once the reader has closed the pipe (EPIPE):
 * later lines are dropped instead of ending in an unhandled error with exit code 1.
 */
export function pipeSafeWriter(stream: NodeJS.WritableStream): (s: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw e;
  });
  return (s) => {
    if (closed) return;
    try {
      stream.write(`${s}\n`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
      closed = true;
    }
  };
}
