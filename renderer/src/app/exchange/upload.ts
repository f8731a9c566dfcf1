// Files chosen by the user, read as bytes for the API (within its size limit).
import { API_FILE_MAX_BYTES, type FileUpload } from '../../../../shared/api/upload.ts';

export type Upload = FileUpload;

export async function readUpload(file: File): Promise<Upload> {
  if (file.size > API_FILE_MAX_BYTES) throw new Error(`文件“${file.name}”过大（上限 ${API_FILE_MAX_BYTES / 1024 / 1024} MB）`);
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
