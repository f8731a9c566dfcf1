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
 * A validated interchange document goes back with its projects as UTF-8 JSON: one buffer,
 * moved to the main thread (not copied), and where each project ends in it. Tens of
 * thousands of objects, or even of strings, took the main thread up to seconds to receive
 * and collect; one string of 60 MB (UTF-16 in memory: twice that) still blocked it for
 * over 100 ms to copy in.
 */
function run(job: ParseJob): unknown {
  if (job.kind === 'package') return openPackageBytes(job.bytes);
  const { doc, notes } = parseDoc(job);
  const { projects, ...head } = doc;
  const keys: Array<{ id: string; name: string; unitCode: string; year: number }> = [];
  const parts: Uint8Array[] = [];
  const ends = new Float64Array(projects.length);
  const utf8 = new TextEncoder();
  let at = 0;
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i]!;
    keys.push({ id: p.id, name: p.name, unitCode: p.unitCode, year: p.year });
    const bytes = utf8.encode(JSON.stringify(p));
    parts.push(bytes);
    ends[i] = at += bytes.length;
    (projects as unknown[])[i] = null; // each object can go once it is text: the peak stays one copy
  }
  const projectJson = new Uint8Array(at);
  for (let i = 0, from = 0; i < parts.length; from += parts[i]!.length, i++) projectJson.set(parts[i]!, from);
  parts.length = 0;
  return { head, keys, projectJson, projectEnds: ends, notes };
}

/** The file's parsed JSON is out of scope once validated (collectable before the texts are made). */
function parseDoc(job: Extract<ParseJob, { kind: 'interchange' }>): { doc: ReturnType<typeof parseInterchange>; notes: string[] } {
  const { value, notes } = decodeJsonBytes(job.bytes, job.label);
  return { doc: parseInterchange(value, new Set(job.knownUnitCodes)), notes };
}

replyToParent(
  () => run(workerData as ParseJob),
  (v) => {
    const r = v as { projectJson?: unknown; projectEnds?: unknown };
    return r.projectJson instanceof Uint8Array && r.projectEnds instanceof Float64Array ? [r.projectJson.buffer as ArrayBuffer, r.projectEnds.buffer as ArrayBuffer] : [];
  },
);
