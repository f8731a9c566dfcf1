// Worker that parses an untrusted package or interchange JSON file (started by
// offthread.ts with a time and a memory limit): a hostile file costs this thread, never
// the main process. Only validated results or a Chinese refusal go back.
import { workerData } from 'node:worker_threads';
import { openPackageBytes } from './package-read.ts';
import { decodeJsonBytes } from '../files/read-json.ts';
import { replyToParent } from '../files/worker-reply.ts';
import { parseInterchange } from '../../shared/interchange/format.ts';

export type ParseJob = { kind: 'package'; bytes: Uint8Array } | { kind: 'interchange'; bytes: Uint8Array; label: string; knownUnitCodes: string[] };

function run(job: ParseJob): unknown {
  if (job.kind === 'package') return openPackageBytes(job.bytes);
  const { value, notes } = decodeJsonBytes(job.bytes, job.label);
  return { doc: parseInterchange(value, new Set(job.knownUnitCodes)), notes };
}

replyToParent(() => run(workerData as ParseJob));
