// Worker for the store's slow file work (started by offthread.ts): checking a fresh backup
// copy page by page, and checkpointing the live database's log into its file (a connection
// of its own). Both read or sync a whole file: on the main thread that stopped every call.
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { replyToParent } from '../files/worker-reply.ts';
import { verifyBackupCopy } from './inspect.ts';

export interface SqliteJob {
  kind: 'verify-backup' | 'checkpoint';
  file: string;
  /** better-sqlite3 addon of the main thread's store (Electron's ABI build). */
  nativeBinding?: string;
}

/** PASSIVE: copies what no reader still needs, never waits for or blocks the main connection. */
function checkpoint(file: string, nativeBinding: string | undefined): unknown {
  const db = new Database(file, { fileMustExist: true, timeout: 5000, nativeBinding });
  try {
    db.pragma('synchronous = FULL');
    return db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
}

replyToParent(() => {
  const job = workerData as SqliteJob;
  if (job.kind === 'checkpoint') return checkpoint(job.file, job.nativeBinding);
  verifyBackupCopy(job.file, job.nativeBinding);
  return true;
});
