// What the preload exposes besides `window.api`: `window.desktop`, the few functions only
// the desktop shell has (file dialogs, files the user chose in them, printing) and the
// application menu's commands. Types only; the renderer may import them (type-only).
import type { MenuCommand } from './channels.ts';

export type FileKind = 'json' | 'xlsx' | 'xls' | 'zip' | 'docx' | 'pdf';

/** The print views of the API; the main process asks for the HTML itself. */
export type PrintCall =
  | { call: 'print.project'; args: { id: string } }
  | { call: 'print.unitYear'; args: { unitCode: string; year: number } };

export interface ChosenFile {
  /** Absolute path; accepted later by readFile / writeFile only in this session. */
  path: string;
  /** File name without folder, for showing. */
  name: string;
  size: number;
}

export interface FileContent extends ChosenFile {
  base64: string;
}

export interface DesktopApi {
  /** 打开 dialog (starts at a USB drive when one is present); null when cancelled. */
  openFile(args: { kinds?: FileKind[]; title?: string }): Promise<ChosenFile | null>;
  /** Reads a file the user chose with openFile in this session (at most 64 MB). */
  readFile(args: { path: string }): Promise<FileContent>;
  /** 另存为 dialog; the chosen path may then be written with writeFile. */
  chooseSavePath(args: { suggestedName: string; kinds?: FileKind[]; title?: string }): Promise<ChosenFile | null>;
  /** Writes (atomically) to a path chosen with chooseSavePath in this session. */
  writeFile(args: { path: string; base64: string }): Promise<ChosenFile>;
  /** 另存为 dialog and write in one step (e.g. the DOCX of a finished export job). */
  saveFile(args: { suggestedName: string; base64: string; kinds?: FileKind[]; title?: string }): Promise<ChosenFile | null>;
  /** System print dialog for a print view. */
  print(args: PrintCall): Promise<{ printed: boolean }>;
  /** PDF of a print view, saved through a 另存为 dialog; null when cancelled. */
  printToPdf(args: PrintCall & { suggestedName: string }): Promise<ChosenFile | null>;
  /** Application menu commands (导入, 导出, 打印 …); returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** How a refused or failed call rejects (a plain object: Error properties do not cross the bridge). */
export interface DesktopError {
  name: 'ApiError';
  code: string;
  message: string;
}
