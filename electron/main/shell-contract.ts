// Argument schemas of the desktop-only calls (window.desktop), checked in the main
// process like API_ARGS: strict objects, an extra argument is refused.
import { z } from 'zod';
import type { ShellCall } from '../preload/channels.ts';
import type { FileKind } from '../preload/desktop-api.ts';
import { safeFileName as safeName } from '../../shared/model/file-name.ts';

export const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_BASE64 = Math.ceil(MAX_FILE_BYTES / 3) * 4;

const FILE_KINDS = ['json', 'xlsx', 'xls', 'zip', 'docx', 'pdf'] as const satisfies readonly FileKind[];
const kinds = z.array(z.enum(FILE_KINDS)).min(1).max(FILE_KINDS.length).optional();
const title = z.string().max(100).optional();
const filePath = z.string().min(1).max(4096);
const suggestedName = z.string().min(1).max(200);
const base64 = z
  .string()
  .max(MAX_BASE64, { error: `文件过大（不超过 ${MAX_FILE_BYTES / 1024 / 1024} MB）` })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '文件内容的编码有误' })
  .refine((s) => s.length % 4 === 0, { error: '文件内容的编码有误' });

const id = z.string().min(1).max(64);
const printCall = z.discriminatedUnion('call', [
  z.object({ call: z.literal('print.project'), args: z.object({ id }).strict() }).strict(),
  z
    .object({
      call: z.literal('print.unitYear'),
      args: z.object({ unitCode: z.string().regex(/^\d{6}$/), year: z.number().int().min(2000).max(2100) }).strict(),
    })
    .strict(),
]);

export const SHELL_ARGS = {
  openFile: z.object({ kinds, title }).strict(),
  readFile: z.object({ path: filePath }).strict(),
  chooseSavePath: z.object({ suggestedName, kinds, title }).strict(),
  writeFile: z.object({ path: filePath, base64 }).strict(),
  saveFile: z.object({ suggestedName, base64, kinds, title }).strict(),
  print: printCall,
  printToPdf: z.discriminatedUnion('call', [
    printCall.options[0].extend({ suggestedName }).strict(),
    printCall.options[1].extend({ suggestedName }).strict(),
  ]),
} as const satisfies Record<ShellCall, z.ZodType>;

export type ShellArgs<C extends ShellCall> = z.output<(typeof SHELL_ARGS)[C]>;

export const FILE_FILTERS: Record<(typeof FILE_KINDS)[number], { name: string; extensions: string[] }> = {
  json: { name: 'JSON 数据文件', extensions: ['json'] },
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  xls: { name: 'Excel 97-2003 工作簿', extensions: ['xls'] },
  zip: { name: '报送包（ZIP）', extensions: ['zip'] },
  docx: { name: 'Word 文档', extensions: ['docx'] },
  pdf: { name: 'PDF 文件', extensions: ['pdf'] },
};

/**
 * A name offered in a save dialog: one plain file name (no folder, no separators, no
 * characters Windows refuses), with the extension of `kind` when it has none of it.
 */
export function safeFileName(name: string, kind?: FileKind): string {
  return safeName(name, kind ? `.${FILE_FILTERS[kind].extensions[0]!}` : '', { maxChars: 150 });
}
