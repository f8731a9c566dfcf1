// True when the module at `moduleUrl` is the script node was started with (not imported).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function isScript(moduleUrl: string): boolean {
  return Boolean(process.argv[1]) && path.resolve(process.argv[1]!) === fileURLToPath(moduleUrl);
}
