// The one message a parser worker sends back (started by worker-run.ts): its result, or the
// Chinese refusal of a UserError, or a short description of anything else that went wrong.
import { parentPort } from 'node:worker_threads';
import { UserError } from '../user-error.ts';

export type WorkerReply = { ok: true; value: unknown } | { ok: false; code: string; message: string };

/**
 * Runs `work` and posts its outcome to the parent thread; `transfer` names the buffers of
 * the value that are moved to the parent rather than copied (a large result arrives at once).
 */
export function replyToParent<T>(work: () => T, transfer: (value: T) => ArrayBuffer[] = () => []): void {
  let reply: WorkerReply;
  let moved: ArrayBuffer[] = [];
  try {
    const value = work();
    moved = transfer(value);
    reply = { ok: true, value };
  } catch (e) {
    reply =
      e instanceof UserError
        ? { ok: false, code: e.code, message: e.message }
        : { ok: false, code: 'CORRUPT', message: `文件无法读取（${e instanceof Error ? e.message.slice(0, 200) : String(e)}）` };
  }
  parentPort!.postMessage(reply, moved);
}
