// Errors as the client sees them: a code and a Chinese message. Errors the program raises
// on purpose are UserError (every area's error class extends it) and carry a message
// written for users; anything else is an internal error: logged here, and the client gets
// a generic message (never a stack or an internal detail).
import type { ApiErrorBody } from '../../shared/api/contract.ts';
import { UserError } from '../../shared/errors.ts';
import { StoreError } from '../store/errors.ts';
import { UserFileError } from '../files/errors.ts';

export const INTERNAL_MESSAGE = '程序内部出错，操作没有完成。请重试；如果问题仍然存在，请联系技术支持（详细信息已记录在程序日志中）。';

export function errorMessage(err: unknown): ApiErrorBody & { internal: boolean } {
  if (!(err instanceof UserError)) return { code: 'INTERNAL', message: INTERNAL_MESSAGE, internal: true };
  // A broken disk or database is shown to the user and logged as well.
  const internal = err instanceof StoreError && (err.code === 'IO' || err.code === 'CORRUPT');
  // File errors carry the errno as code; the client sees one kind.
  return { code: err instanceof UserFileError ? 'FILE' : err.code, message: err.message, internal };
}
