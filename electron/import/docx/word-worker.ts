// Worker that reads an untrusted Word file (.docx, .doc, WPS .wps) and recognises its
// filings (started by word-offthread.ts with a time and a memory limit): a hostile file
// costs this thread, never the main process. Only the plain preview or a Chinese refusal
// goes back.
import { workerData } from 'node:worker_threads';
import { previewDocx, type WordPreviewOptions } from './docx-read.ts';
import { replyToParent } from '../../files/worker-reply.ts';

export interface WordJob {
  bytes: Uint8Array;
  opts: WordPreviewOptions;
}

const job = workerData as WordJob;
replyToParent(() => previewDocx(job.bytes, job.opts));
