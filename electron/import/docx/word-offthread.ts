// Word files from outside are read off the main thread (word-worker.ts), through the one
// worker mechanism of every parser (files/worker-run.ts): a time limit (the worker is
// terminated), a memory limit, and the byte and body limits of the readers inside it. The
// main process receives the plain preview and keeps answering other calls meanwhile.
import { z } from 'zod';
import { runInWorker, type WorkerLimits, type WorkerScript } from '../../files/worker-run.ts';
import { readFileLimited } from '../../files/read-limited.ts';
import { WordImportError } from './word-error.ts';
import { DOCX_LIMITS, wordTooLarge, type WordImportPreview, type WordPreviewOptions } from './docx-read.ts';
import type { WordJob } from './word-worker.ts';

const WORD_WORKER: WorkerScript = {
  js: new URL('./word-worker.js', import.meta.url),
  ts: new URL('./word-worker.ts', import.meta.url),
};

/**
 * A 200-table book (a 3 MB .docx, 20 MB of XML) is read in about a second with under
 * 200 MB of heap; the limits leave room for that several times over and keep the process
 * under 500 MB for any file the byte limits accept.
 */
export const WORD_WORKER_LIMITS: WorkerLimits = { timeoutMs: 30_000, memoryMb: 320 };

// The worker runs our own code on the file; its reply is checked for shape (the filings are
// validated again by the store when they are imported).
const replySchema = z.union([
  z.object({
    ok: z.literal(true),
    value: z.object({ projects: z.array(z.object({ heading: z.string(), filing: z.record(z.string(), z.unknown()) }).passthrough()), notes: z.array(z.string()) }).passthrough(),
  }),
  z.object({ ok: z.literal(false), code: z.string().max(40), message: z.string().max(20_000) }),
]);

type PreviewOptions = WordPreviewOptions;

/** previewDocx in the worker: the same preview, or a WordImportError (Chinese). */
export function previewWordInWorker(bytes: Uint8Array, opts: PreviewOptions = {}, limits: WorkerLimits = WORD_WORKER_LIMITS): Promise<WordImportPreview> {
  if (bytes.length > DOCX_LIMITS.fileBytes) return Promise.reject(wordTooLarge());
  const job: WordJob = { bytes, opts };
  return runInWorker(WORD_WORKER, job, limits, {
    accept: (msg) => {
      const r = replySchema.safeParse(msg);
      if (!r.success) throw new WordImportError('Word 文件解析结果异常，已拒绝', 'PARSE');
      if (!r.data.ok) throw new WordImportError(r.data.message, r.data.code);
      return r.data.value as unknown as WordImportPreview;
    },
    timeout: () => new WordImportError(`解析 Word 文件超时（超过 ${Math.round(limits.timeoutMs / 1000)} 秒），已停止，没有导入任何内容。文件可能已损坏或是恶意构造的`, 'TIMEOUT'),
    memory: () => new WordImportError('Word 文件过于复杂，解析时超出内存上限，已停止，没有导入任何内容', 'TOO_LARGE'),
    crashed: (detail) => new WordImportError(detail === null ? 'Word 文件解析意外中止，没有导入任何内容' : `Word 文件无法解析（${detail}）`, 'CORRUPT'),
  });
}

/** Reads a Word file (size checked before reading) and previews it in the worker. */
export async function previewDocxFile(path: string, opts: PreviewOptions = {}): Promise<WordImportPreview> {
  const bytes = await readFileLimited(path, { maxBytes: DOCX_LIMITS.fileBytes, tooLarge: wordTooLarge });
  return previewWordInWorker(bytes, opts);
}
