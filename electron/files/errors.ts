// File-system errors as Chinese messages for users.
import { UserError } from '../user-error.ts';

export class UserFileError extends UserError {
  override name = 'UserFileError';
  constructor(message: string, code = 'FILE') {
    super(message, code);
  }
}

export function describeFsError(err: unknown, path: string, action: '读取' | '写入'): UserFileError {
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  const reason: Record<string, string> = {
    ENOENT: action === '读取' ? '文件不存在' : '目标文件夹不存在（U 盘可能已拔出）',
    ENOTDIR: '路径中有一段不是文件夹',
    EISDIR: '这是一个文件夹，不是文件',
    EACCES: '没有权限',
    EPERM: '没有权限',
    EROFS: '磁盘是只读的（U 盘可能处于写保护状态）',
    ENOSPC: '磁盘空间不足',
    EDQUOT: '磁盘配额已满',
    EIO: '磁盘读写出错（U 盘可能已损坏或被拔出）',
    EMFILE: '打开的文件过多',
    ENAMETOOLONG: '文件名过长',
  };
  const why = reason[code] ?? `系统错误 ${code || String((err as Error)?.message ?? err)}`;
  return new UserFileError(`无法${action}文件“${path}”：${why}`, code || 'FILE');
}
