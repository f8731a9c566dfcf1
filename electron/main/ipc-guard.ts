// The process boundary for IPC. Every handler main.ts registers goes through here:
// 1. the sender must be the main frame of our own window, showing our own origin;
// 2. exactly one argument (the args object);
// 3. file paths in arguments only if the user chose them in a dialog of this session;
// 4. the call's schema (extra arguments refused) — `dispatch` for API calls,
//    SHELL_ARGS for the desktop calls;
// and every answer is the envelope `{ ok: true, result } | { ok: false, error }`.
import type { ApiErrorBody, ApiName } from '../../shared/api/contract.ts';
import { formatArgIssues, type DispatchResult } from '../api/dispatch.ts';
import { errorMessage } from '../api/errors.ts';
import { zhErrorMap } from '../store/errors.ts';
import type { ShellCall } from '../preload/channels.ts';
import type { DesktopApi } from '../preload/desktop-api.ts';
import { isAppIndex } from './app-origin.ts';
import type { GrantMode, PathGrants } from './path-grants.ts';
import { SHELL_ARGS, type ShellArgs } from './shell-contract.ts';

/** The parts of Electron's IpcMainInvokeEvent the guard reads (fakes in tests). */
export interface IpcEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export const FORBIDDEN_SENDER: ApiErrorBody = {
  code: 'FORBIDDEN',
  message: '调用被拒绝：请求不是来自本程序的主窗口',
};
export const TOO_MANY_ARGS: ApiErrorBody = {
  code: 'INVALID_ARGS',
  message: '参数有误：每次调用只能传一个参数对象',
};
export const PATH_NOT_CHOSEN: ApiErrorBody = {
  code: 'FORBIDDEN',
  message: '拒绝访问该文件：只能使用您在本次运行中通过“打开”或“另存为”对话框选择的文件',
};

/** The page of our own app (app://jxmb/index.html, any query or hash). */
export function isTrustedSender(url: string): boolean {
  return isAppIndex(url);
}

/**
 * Null when the call may go on; otherwise the error to answer. `mainWebContentsId` is the
 * id of the main window's web contents (null before it exists or after it closed).
 */
export function checkSender(event: IpcEventLike, mainWebContentsId: number | null): ApiErrorBody | null {
  const frame = event.senderFrame;
  if (!frame) return FORBIDDEN_SENDER; // navigated away or destroyed
  if (mainWebContentsId === null || event.sender.id !== mainWebContentsId) return FORBIDDEN_SENDER;
  if (frame.parent !== null) return FORBIDDEN_SENDER; // a sub-frame (e.g. the print preview)
  if (!isTrustedSender(frame.url)) return FORBIDDEN_SENDER;
  return null;
}

/** API calls whose arguments carry file paths, and where (none in the contract today). */
export type FilePathArgs = Partial<Record<ApiName, ReadonlyArray<{ field: string; mode: GrantMode }>>>;
export const FILE_PATH_ARGS: FilePathArgs = {};

function ownString(obj: unknown, field: string): unknown {
  if (typeof obj !== 'object' || obj === null || !Object.prototype.hasOwnProperty.call(obj, field)) return undefined;
  return (obj as Record<string, unknown>)[field];
}

/** Checks the declared path fields of raw arguments against the grants. */
export function checkPathArgs(name: ApiName, rawArgs: unknown, grants: PathGrants, table: FilePathArgs = FILE_PATH_ARGS): ApiErrorBody | null {
  for (const { field, mode } of table[name] ?? []) {
    const v = ownString(rawArgs, field);
    if (v === undefined) continue; // the schema decides whether it is required
    if (!grants.has(v, mode)) return PATH_NOT_CHOSEN;
  }
  return null;
}

export interface GuardDeps {
  mainWebContentsId: () => number | null;
  grants: PathGrants;
  /** Refusals are logged (without arguments). */
  log?: (msg: string) => void;
}

export type IpcHandler = (event: IpcEventLike, ...args: unknown[]) => Promise<DispatchResult>;

/** The handler of `api:<name>`. `run` is `(name, args) => dispatch(handlers, name, args)`. */
export function createApiIpcHandler(
  name: ApiName,
  run: (name: ApiName, args: unknown) => Promise<DispatchResult>,
  deps: GuardDeps & { filePathArgs?: FilePathArgs },
): IpcHandler {
  return async (event, ...args) => {
    const refused =
      checkSender(event, deps.mainWebContentsId()) ??
      (args.length > 1 ? TOO_MANY_ARGS : null) ??
      checkPathArgs(name, args[0], deps.grants, deps.filePathArgs);
    if (refused) {
      deps.log?.(`拒绝调用 ${name}：${refused.code}`);
      return { ok: false, error: refused };
    }
    return run(name, args[0]);
  };
}

export type ShellResult<C extends ShellCall> = Awaited<ReturnType<DesktopApi[C]>>;
export type ShellHandlers = { [C in ShellCall]: (args: ShellArgs<C>) => Promise<ShellResult<C>> };

/** The handler of `shell:<call>`: sender, one argument, schema, then the shell handler. */
export function createShellIpcHandler<C extends ShellCall>(call: C, handlers: ShellHandlers, deps: GuardDeps): IpcHandler {
  return async (event, ...args) => {
    const refused = checkSender(event, deps.mainWebContentsId()) ?? (args.length > 1 ? TOO_MANY_ARGS : null);
    if (refused) {
      deps.log?.(`拒绝调用 ${call}：${refused.code}`);
      return { ok: false, error: refused };
    }
    const parsed = SHELL_ARGS[call].safeParse(args[0] === undefined ? {} : args[0], { error: zhErrorMap });
    if (!parsed.success) return { ok: false, error: { code: 'INVALID_ARGS', message: `参数有误：${formatArgIssues(parsed.error.issues)}` } };
    try {
      const handler = handlers[call] as (a: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      return { ok: true, result: result === undefined ? null : result };
    } catch (err) {
      const e = errorMessage(err);
      if (e.internal) deps.log?.(`调用 ${call} 失败：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return { ok: false, error: { code: e.code, message: e.message } };
    }
  };
}

