// Worker that parses an untrusted package or interchange JSON file (started by
// offthread.ts with a time and a memory limit): a hostile file costs this thread, never
// the main process. Only validated results or a Chinese refusal go back.
import { workerData } from 'node:worker_threads';
import { openPackageBytes } from './package-read.ts';
import { decodeJsonBytes } from '../files/read-json.ts';
import { replyToParent } from '../files/worker-reply.ts';
import { parseInterchange } from '../../shared/interchange/format.ts';

export type ParseJob = { kind: 'package'; bytes: Uint8Array } | { kind: 'interchange'; bytes: Uint8Array; label: string; knownUnitCodes: string[] };

/**
 * A validated interchange document goes back with its projects as JSON text: one string
 * and where each project ends in it (tens of thousands of objects, or even of strings,
 * took the main thread up to seconds to receive and collect; one string is copied at once).
 */
function run(job: ParseJob): unknown {
  if (job.kind === 'package') return openPackageBytes(job.bytes);
  const { doc, notes } = parseDoc(job);
  const { projects, ...head } = doc;
  const keys: Array<{ id: string; name: string; unitCode: string; year: number }> = [];
  const parts: string[] = [];
  const ends = new Float64Array(projects.length);
  let at = 0;
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i]!;
    keys.push({ id: p.id, name: p.name, unitCode: p.unitCode, year: p.year });
    const json = JSON.stringify(p);
    parts.push(json);
    ends[i] = at += json.length;
    (projects as unknown[])[i] = null; // each object can go once it is text: the peak stays one copy
  }
  return { head, keys, projectText: parts.join(''), projectEnds: ends, notes };
}

/** The file's parsed JSON is out of scope once validated (collectable before the texts are made). */
function parseDoc(job: Extract<ParseJob, { kind: 'interchange' }>): { doc: ReturnType<typeof parseInterchange>; notes: string[] } {
  const { value, notes } = decodeJsonBytes(job.bytes, job.label);
  return { doc: parseInterchange(value, new Set(job.knownUnitCodes)), notes };
}

replyToParent(() => run(workerData as ParseJob));
