// Files chosen by the user, read as base64 for the API (within its size limit).
import { API_FILE_MAX_BYTES } from '../../../../shared/api/contract.ts';

export interface Upload {
  name: string;
  base64: string;
}

/** Bytes → base64 in chunks (a spread of the whole array overflows the call stack). */
function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK))));
  return btoa(parts.join(''));
}

export async function readUpload(file: File): Promise<Upload> {
  if (file.size > API_FILE_MAX_BYTES) throw new Error(`文件“${file.name}”过大（上限 ${API_FILE_MAX_BYTES / 1024 / 1024} MB）`);
  return { name: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
}
