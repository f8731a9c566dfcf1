// Errors raised by the store. `message` is Chinese (shown to users); `code` is for code.
import type { z } from 'zod';
import { UserError } from '../../shared/errors.ts';

export type StoreErrorCode =
  | 'NOT_SQLITE'
  | 'CORRUPT'
  | 'TOO_NEW'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'READ_ONLY'
  | 'INVALID'
  | 'IO';

/** One validation problem: a field path such as `periods.annual.indicators[3].value`. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class StoreError extends UserError {
  override readonly name = 'StoreError';
  declare readonly code: StoreErrorCode;
  /** Set for INVALID: every problem found, in order. */
  readonly issues: readonly FieldIssue[];

  constructor(code: StoreErrorCode, message: string, opts?: { cause?: unknown; issues?: FieldIssue[] }) {
    super(message, code, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.issues = opts?.issues ?? [];
  }
}

export function isStoreError(e: unknown, code?: StoreErrorCode): e is StoreError {
  return e instanceof StoreError && (code === undefined || e.code === code);
}

/** `['periods', 'annual', 'indicators', 3, 'value']` → `periods.annual.indicators[3].value`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  null: '空值',
};

/**
 * Chinese messages for issues whose schema gives no message of its own (schema messages
 * take precedence in zod 4). Passed per parse, so no global zod config is touched.
 */
export const zhErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return '缺少此项';
      return `应为${TYPE_NAMES[iss.expected] ?? iss.expected}`;
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return min <= 1 ? '不能为空' : `至少 ${min} 个字`;
      if (iss.origin === 'array') return `至少 ${min} 项`;
      return `不能小于 ${min}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'string') return `过长（不超过 ${max} 字）`;
      if (iss.origin === 'array') return `过多（不超过 ${max} 项）`;
      return `不能大于 ${max}`;
    }
    case 'invalid_value':
      return `只能是 ${iss.values.map((v) => String(v)).join(' / ')}`;
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return '数值不符合要求';
    case 'unrecognized_keys':
      return `含有未知字段：${iss.keys.join('、')}`;
    default:
      return '数据无效';
  }
};

/** Turns zod issues into one INVALID StoreError naming each field path. */
export function invalidError(what: string, issues: readonly z.core.$ZodIssue[]): StoreError {
  const list: FieldIssue[] = issues.map((i) => ({
    path: formatPath(i.path),
    // Parsed with `reportInput`: a missing field says so, whatever the schema's message.
    message:
      i.code === 'invalid_type' && 'input' in i && i.input === undefined && i.message !== '缺少此项'
        ? `缺少此项（${i.message}）`
        : i.message,
  }));
  const shown = list.slice(0, 8).map((i) => `字段 ${i.path === '' ? '（整体）' : i.path}：${i.message}`);
  const more = list.length > shown.length ? `；等共 ${list.length} 处问题` : '';
  return new StoreError('INVALID', `${what}数据有误：${shown.join('；')}${more}`, { issues: list });
}

/** `value` parsed by `schema`, or an INVALID StoreError naming `what` and each bad field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value, { error: zhErrorMap, reportInput: true });
  if (!r.success) throw invalidError(what, r.error.issues);
  return r.data;
}

/** Maps a better-sqlite3 / fs error to a StoreError (keeps StoreErrors as they are). */
export function toStoreError(e: unknown, path: string): StoreError {
  if (e instanceof StoreError) return e;
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : '';
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('CORRUPT', `数据库文件已损坏：${path}，可从备份恢复（见 backups 命令）`, { cause: e });
  }
  if (code.startsWith('SQLITE_NOTADB')) {
    return new StoreError('NOT_SQLITE', `文件不是本程序的数据库（不是 SQLite 文件）：${path}`, { cause: e });
  }
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' && e instanceof Error && e.message.includes('只读')) {
    // Received data (handover migration 2): the trigger's own Chinese message says why.
    return new StoreError('READ_ONLY', e.message, { cause: e });
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new StoreError('CONFLICT', `数据冲突，未保存：${e instanceof Error ? e.message : code}`, { cause: e });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('IO', `数据库正被其他程序占用，请稍后再试：${path}`, { cause: e });
  }
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') {
    return new StoreError('IO', `磁盘空间不足，无法写入数据库：${path}`, { cause: e });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new StoreError('IO', `没有写入权限，无法保存数据库：${path}`, { cause: e });
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new StoreError('IO', `读写数据库时出错：${path}（${detail}）`, { cause: e });
}
