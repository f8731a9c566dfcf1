// The store's slow file work in a worker thread (sqlite-worker.ts), so the main process
// answers other calls meanwhile: checking a backup copy, checkpointing the log.
import { runInWorker, type WorkerScript } from '../files/worker-run.ts';
import type { SqliteJob } from './sqlite-worker.ts';

const SQLITE_WORKER: WorkerScript = {
  js: new URL('./sqlite-worker.js', import.meta.url),
  ts: new URL('./sqlite-worker.ts', import.meta.url),
  external: ['better-sqlite3'],
};

/** SQLite's memory is outside the worker's heap; a quick_check of a few hundred MB takes seconds. */
const LIMITS = { timeoutMs: 120_000, memoryMb: 64 };

function run(job: SqliteJob): Promise<unknown> {
  const fail = (why: string) => new Error(why);
  return runInWorker(SQLITE_WORKER, job, LIMITS, {
    accept: (msg) => {
      const r = msg as { ok?: unknown; value?: unknown; message?: unknown } | null;
      if (r?.ok === true) return r.value;
      throw fail(typeof r?.message === 'string' ? r.message : '检查意外中止');
    },
    timeout: () => fail(`超过 ${LIMITS.timeoutMs / 1000} 秒未完成`),
    memory: () => fail('超出内存上限'),
    crashed: (detail) => fail(detail ?? '检查意外中止'),
  });
}

/** verifyBackupCopy (inspect.ts) in the worker: resolves once the copy is sound, else throws. */
export async function verifyBackupCopyOffThread(file: string, nativeBinding?: string): Promise<void> {
  await run({ kind: 'verify-backup', file, ...(nativeBinding ? { nativeBinding } : {}) });
}

/** `PRAGMA wal_checkpoint(PASSIVE)` on a connection of the worker's own. */
export async function checkpointOffThread(file: string, nativeBinding?: string): Promise<void> {
  await run({ kind: 'checkpoint', file, ...(nativeBinding ? { nativeBinding } : {}) });
}
