// The desktop-only calls: file dialogs (starting at a USB drive), reading and writing
// the files chosen in them, printing and PDF of the print views. Side effects come in
// as `ShellDeps` (Electron's dialog and windows in main.ts, fakes in tests).
import path from 'node:path';
import { ApiError, type ApiName } from '../../shared/api/contract.ts';
import type { DispatchResult } from '../api/dispatch.ts';
import type { ChosenFile, FileKind } from '../preload/desktop-api.ts';
import type { ShellHandlers } from './ipc-guard.ts';
import { PATH_NOT_CHOSEN } from './ipc-guard.ts';
import type { PathGrants } from './path-grants.ts';
import { FILE_FILTERS, MAX_FILE_BYTES, safeFileName } from './shell-contract.ts';

export interface DialogFilter {
  name: string;
  extensions: string[];
}

export interface ShellDeps {
  grants: PathGrants;
  showOpenDialog(opts: {
    title: string;
    defaultPath: string;
    filters: DialogFilter[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(opts: { title: string; defaultPath: string; filters: DialogFilter[] }): Promise<{ canceled: boolean; filePath?: string }>;
  /** Where dialogs start: the first USB drive, else the last folder used, else 文档. */
  dialogStartDir(): Promise<string>;
  /** Remembers the folder of the last chosen file. */
  rememberDir(dir: string): void;
  stat(p: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(p: string): Promise<Uint8Array>;
  /** Writes atomically (temp file, fsync, rename). */
  writeFile(p: string, data: Uint8Array): Promise<void>;
  /** Runs an API call (the print views) through dispatch. */
  api(name: ApiName, args: unknown): Promise<DispatchResult>;
  /** System print dialog for an HTML page; false when the user cancelled. */
  printHtml(html: string): Promise<boolean>;
  pdfFromHtml(html: string): Promise<Uint8Array>;
}

function filters(kinds: readonly FileKind[] | undefined, withAll: boolean): DialogFilter[] {
  const out = (kinds ?? []).map((k) => FILE_FILTERS[k]);
  if (withAll || out.length === 0) out.push({ name: '所有文件', extensions: ['*'] });
  return out;
}

function chosen(p: string, size: number): ChosenFile {
  return { path: p, name: path.basename(p), size };
}

function decodeBase64(b64: string): Uint8Array {
  const buf = Buffer.from(b64, 'base64');
  if (buf.byteLength > MAX_FILE_BYTES) throw new ApiError('TOO_LARGE', `文件过大（不超过 ${MAX_FILE_BYTES / 1024 / 1024} MB）`);
  return buf;
}

async function printHtmlOf(deps: ShellDeps, call: ApiName, args: unknown): Promise<string> {
  const r = await deps.api(call, args);
  if (!r.ok) throw new ApiError(r.error.code, r.error.message);
  const html = (r.result as { html?: unknown } | null)?.html;
  if (typeof html !== 'string') throw new ApiError('INTERNAL', '打印内容生成失败，请重试');
  return html;
}

export function createShellHandlers(deps: ShellDeps): ShellHandlers {
  const { grants } = deps;

  async function askSavePath(suggestedName: string, kinds: readonly FileKind[] | undefined, title: string): Promise<string | null> {
    const name = safeFileName(suggestedName, kinds?.[0]);
    const start = await deps.dialogStartDir();
    const r = await deps.showSaveDialog({ title, defaultPath: path.join(start, name), filters: filters(kinds, false) });
    if (r.canceled || !r.filePath) return null;
    grants.grant(r.filePath, 'write');
    deps.rememberDir(path.dirname(r.filePath));
    return r.filePath;
  }

  async function writeChosen(p: string, data: Uint8Array): Promise<ChosenFile> {
    if (!grants.has(p, 'write')) throw new ApiError(PATH_NOT_CHOSEN.code, PATH_NOT_CHOSEN.message);
    await deps.writeFile(p, data);
    return chosen(p, data.byteLength);
  }

  return {
    async openFile({ kinds, title }) {
      const start = await deps.dialogStartDir();
      const r = await deps.showOpenDialog({ title: title ?? '选择要导入的文件', defaultPath: start, filters: filters(kinds, true) });
      const p = r.canceled ? undefined : r.filePaths[0];
      if (!p) return null;
      grants.grant(p, 'read');
      deps.rememberDir(path.dirname(p));
      const st = await deps.stat(p);
      return chosen(p, st.size);
    },

    async readFile({ path: p }) {
      if (!grants.has(p, 'read')) throw new ApiError(PATH_NOT_CHOSEN.code, PATH_NOT_CHOSEN.message);
      const st = await deps.stat(p);
      if (!st.isFile()) throw new ApiError('FILE', `“${path.basename(p)}”不是文件`);
      if (st.size > MAX_FILE_BYTES) throw new ApiError('TOO_LARGE', `文件过大（${Math.ceil(st.size / 1024 / 1024)} MB），不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      const data = await deps.readFile(p);
      if (data.byteLength > MAX_FILE_BYTES) throw new ApiError('TOO_LARGE', `文件过大，不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      return { ...chosen(p, data.byteLength), base64: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64') };
    },

    async chooseSavePath({ suggestedName, kinds, title }) {
      const p = await askSavePath(suggestedName, kinds, title ?? '另存为');
      return p === null ? null : chosen(p, 0);
    },

    async writeFile({ path: p, base64 }) {
      if (!grants.has(p, 'write')) throw new ApiError(PATH_NOT_CHOSEN.code, PATH_NOT_CHOSEN.message);
      return writeChosen(p, decodeBase64(base64));
    },

    async saveFile({ suggestedName, base64, kinds, title }) {
      const data = decodeBase64(base64);
      const p = await askSavePath(suggestedName, kinds, title ?? '保存文件');
      return p === null ? null : writeChosen(p, data);
    },

    async print({ call, args }) {
      const html = await printHtmlOf(deps, call, args);
      return { printed: await deps.printHtml(html) };
    },

    async printToPdf({ call, args, suggestedName }) {
      const html = await printHtmlOf(deps, call, args);
      const pdf = await deps.pdfFromHtml(html);
      const p = await askSavePath(suggestedName, ['pdf'], '导出 PDF');
      return p === null ? null : writeChosen(p, pdf);
    },
  };
}
