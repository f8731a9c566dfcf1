// The one entry of every host (web host, Electron IPC): refuses unknown call names,
// validates the arguments with the call's schema (extra arguments refused), runs the
// handler, and turns every failure into a code and a Chinese message. Internal errors
// are logged here; the client never sees a stack.
import { API_ARGS, type ApiErrorBody, type ApiName, type Handlers } from '../../shared/api/contract.ts';
import { formatPath } from '../../shared/model/issues.ts';
import { zhErrorMap } from '../store/errors.ts';
import type { z } from 'zod';
import { errorMessage } from './errors.ts';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface DispatchOptions {
  log?: (msg: string, err?: unknown) => void;
}

const defaultLog = (msg: string, err?: unknown) => console.error(`[api] ${msg}`, err);

export function isApiName(name: string): name is ApiName {
  return Object.prototype.hasOwnProperty.call(API_ARGS, name);
}

export async function dispatch(handlers: Handlers, name: string, rawArgs: unknown, opts: DispatchOptions = {}): Promise<DispatchResult> {
  const log = opts.log ?? defaultLog;
  if (typeof name !== 'string' || !isApiName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_CALL', message: `未知的调用“${String(name).slice(0, 60)}”` } };
  }
  const schema = API_ARGS[name];
  const parsed = schema.safeParse(rawArgs === undefined ? {} : rawArgs, { error: zhErrorMap });
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_ARGS', message: `参数有误：${formatArgIssues(parsed.error.issues)}` } };
  }
  try {
    const handler = handlers[name] as (args: unknown) => unknown;
    const result = await handler(parsed.data);
    return { ok: true, result: result === undefined ? null : result };
  } catch (err) {
    const e = errorMessage(err);
    if (e.internal) log(`调用 ${name} 失败`, err);
    return { ok: false, error: { code: e.code, message: e.message } };
  }
}

/** `filing.periods.annual…（…）：message` per issue; the arguments as a whole are `参数`. */
export function formatArgIssues(issues: readonly z.core.$ZodIssue[], max = 10): string {
  const lines = issues.slice(0, max).map((i) => `${i.path.length ? formatPath(i.path) : '参数'}：${i.message}`);
  if (issues.length > max) lines.push(`……另有 ${issues.length - max} 处问题`);
  return lines.join('；');
}
