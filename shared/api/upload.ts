// Files in API calls travel as bytes, never as base64 text. Electron: the Uint8Array itself
// over IPC (structured clone). Browser mode: a call with files is POSTed as
// application/octet-stream — the call's arguments as UTF-8 JSON, each file's bytes replaced by
// {"$bytes": i}, followed by the files' bytes in order; the x-jxmb-parts header gives the byte
// length of each part (the JSON first). Calls without files stay JSON bodies.
import { z } from 'zod';

/** Largest file one call carries (a package, a spreadsheet, a Word file). */
export const API_FILE_MAX_BYTES = 20 * 1024 * 1024;

export const UPLOAD_WIRE = {
  contentType: 'application/octet-stream',
  partsHeader: 'x-jxmb-parts',
  /** The key of a file's placeholder in the JSON part. */
  placeholder: '$bytes',
  /** Parts of one body at most: the JSON and 500 files (handover.import, review.forward). */
  maxParts: 501,
} as const;

/** A Uint8Array (a Buffer is one), also from another realm (a page's, a test environment's). */
export const isBytes = (v: unknown): v is Uint8Array => ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]';

/** A file the user chose (browser: an upload; Electron: a file input or a dialog), as its bytes. */
export const fileUploadSchema = z
  .object({
    name: z.string().min(1).max(255),
    bytes: z
      .custom<Uint8Array>(isBytes, { error: '文件内容必须是字节数据' })
      .refine((b) => b.byteLength <= API_FILE_MAX_BYTES, { error: `文件过大（上限 ${API_FILE_MAX_BYTES / 1024 / 1024} MB）` }),
  })
  .strict();
export type FileUpload = z.infer<typeof fileUploadSchema>;

/** A request of browser mode: a JSON body, or, when the arguments hold files, the binary body described above. */
export function encodeCallBody(args: unknown): { headers: Record<string, string>; body: string | Blob } {
  const files: Uint8Array[] = [];
  // The holder's own value: a Buffer's toJSON has already run on `v`.
  const json = JSON.stringify(args ?? {}, function (this: Record<string, unknown>, k: string, v: unknown) {
    const own = this[k];
    if (!isBytes(own)) return v;
    files.push(own);
    return { [UPLOAD_WIRE.placeholder]: files.length - 1 };
  });
  if (files.length === 0) return { headers: { 'content-type': 'application/json' }, body: json };
  const head = new TextEncoder().encode(json);
  return {
    headers: { 'content-type': UPLOAD_WIRE.contentType, [UPLOAD_WIRE.partsHeader]: [head, ...files].map((p) => p.byteLength).join(',') },
    body: new Blob([head, ...files] as BlobPart[]),
  };
}
