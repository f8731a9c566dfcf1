// Where an office's data lives when no path is given.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'jixiao-mubiao';
export const DB_FILE_NAME = 'filings.sqlite';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JXMB_DATA_DIR) return env.JXMB_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_DIR_NAME);
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.JXMB_DB ?? join(defaultDataDir(env), DB_FILE_NAME);
}
