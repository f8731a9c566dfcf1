// Errors as the client sees them: a code and a Chinese message. Errors the program raises
// on purpose (ApiError, StoreError, UserError and its kinds, ExportError, LayoutError) carry a
// message written for users; anything else is an internal error: logged here, and the client gets a
// generic message (never a stack or an internal detail).
import { ApiError, type ApiErrorBody } from '../../shared/api/contract.ts';
import { StoreError } from '../store/errors.ts';
import { UserFileError } from '../files/errors.ts';
import { UserError } from '../user-error.ts';
import { ExportError } from '../export/book-export.ts';
import { LayoutError } from '../../shared/layout/index.ts';

export const INTERNAL_MESSAGE = '程序内部出错，操作没有完成。请重试；如果问题仍然存在，请联系技术支持（详细信息已记录在程序日志中）。';

export function errorMessage(err: unknown): ApiErrorBody & { internal: boolean } {
  if (err instanceof ApiError) return { code: err.code, message: err.message, internal: false };
  if (err instanceof StoreError) return { code: err.code, message: err.message, internal: err.code === 'IO' || err.code === 'CORRUPT' };
  if (err instanceof UserFileError) return { code: 'FILE', message: err.message, internal: false };
  if (err instanceof UserError) return { code: err.code, message: err.message, internal: false };
  if (err instanceof ExportError) return { code: 'EXPORT', message: err.message, internal: false };
  if (err instanceof LayoutError) return { code: 'LAYOUT', message: err.message, internal: false };
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE, internal: true };
}
