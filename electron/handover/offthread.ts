// Parsing of outside packages and interchange JSON off the main thread (parse-worker.ts),
// through the same worker mechanism as spreadsheets (files/worker-run.ts).
import { z } from 'zod';
import { runInWorker, type WorkerLimits, type WorkerScript } from '../files/worker-run.ts';
import { UserError } from '../user-error.ts';
import { PackageError, type OpenedPackage } from './package-read.ts';
import type { ParseJob } from './parse-worker.ts';
import type { InterchangeDoc } from '../../shared/interchange/format.ts';

const PARSE_WORKER: WorkerScript = {
  js: new URL('./parse-worker.js', import.meta.url),
  ts: new URL('./parse-worker.ts', import.meta.url),
};

/**
 * A package holds one unit-year (a real one is well under 1 MB of JSON): a heap of 256 MB
 * keeps the process under 500 MB even for a hostile package of the largest member size
 * allowed. An interchange file may hold a whole database (50,000 projects): more room.
 */
export const PARSE_LIMITS: Record<'package' | 'interchange', WorkerLimits> = {
  package: { timeoutMs: 30_000, memoryMb: 256 },
  interchange: { timeoutMs: 60_000, memoryMb: 1024 },
};

// The worker runs our own validating code; its reply is checked for shape, not validated again.
const replySchema = z.union([
  z.object({ ok: z.literal(true), value: z.record(z.string(), z.unknown()) }),
  z.object({ ok: z.literal(false), code: z.string().max(40), message: z.string().max(20_000) }),
]);

type Fail = (message: string, code: string) => UserError;

function parseInWorker(job: ParseJob, what: string, fail: Fail, limits: WorkerLimits, transfer: ArrayBuffer[] = []): Promise<Record<string, unknown>> {
  return runInWorker(PARSE_WORKER, job, limits, {
    accept: (msg) => {
      const r = replySchema.safeParse(msg);
      if (!r.success) throw fail(`${what}解析结果异常，已拒绝`, 'PARSE');
      if (!r.data.ok) throw fail(r.data.message, r.data.code);
      return r.data.value;
    },
    timeout: () => fail(`解析${what}超时（超过 ${Math.round(limits.timeoutMs / 1000)} 秒），已停止。文件可能已损坏或是恶意构造的`, 'TIMEOUT'),
    memory: () => fail(`${what}过于复杂，解析时超出内存上限，已停止`, 'TOO_LARGE'),
    crashed: (detail) => fail(detail === null ? `${what}解析意外中止` : `${what}无法解析（${detail}）`, 'CORRUPT'),
  }, transfer);
}

/** openPackageBytes in the worker: verified in full, or a PackageError. */
export async function openPackageInWorker(bytes: Uint8Array, limits: WorkerLimits = PARSE_LIMITS.package): Promise<OpenedPackage> {
  return (await parseInWorker({ kind: 'package', bytes }, '报送包', (m, c) => new PackageError(m, c), limits)) as unknown as OpenedPackage;
}

/** An interchange document as it comes back from the worker: each project as its JSON text. */
export interface InterchangeRows {
  head: Omit<InterchangeDoc, 'projects'>;
  /** Per project, in order: what identity scoping needs. */
  keys: Array<{ id: string; name: string; unitCode: string; year: number }>;
  /** The validated projects as UTF-8 JSON, one after another; project i ends at byte projectEnds[i]. */
  projectJson: Uint8Array;
  projectEnds: Float64Array;
  /** Invalid UTF-8, in Chinese. */
  notes: string[];
}

/**
 * JSON bytes → a validated interchange document (projects as JSON texts) and notes, in the
 * worker. Bytes that are the whole of their buffer are given to the worker, not copied (up
 * to 64 MB): they are detached (empty) here afterwards.
 */
export async function parseInterchangeInWorker(
  bytes: Uint8Array,
  label: string,
  knownUnitCodes: Iterable<string>,
  limits: WorkerLimits = PARSE_LIMITS.interchange,
): Promise<InterchangeRows> {
  const job: ParseJob = { kind: 'interchange', bytes, label, knownUnitCodes: [...knownUnitCodes] };
  const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const r = await parseInWorker(job, '交换文件', (m, c) => new UserError(m, c), limits, whole ? [bytes.buffer as ArrayBuffer] : []);
  if (!Array.isArray(r.keys) || !(r.projectJson instanceof Uint8Array) || !(r.projectEnds instanceof Float64Array) || r.keys.length !== r.projectEnds.length) {
    throw new UserError('交换文件解析结果异常，已拒绝', 'PARSE');
  }
  return r as unknown as InterchangeRows;
}
