// Where the desktop app keeps its data (database, backups, window state, Chromium's
// profile):
// 1. $JXMB_DATA_DIR when set (administrators, tests);
// 2. portable: next to the program, in `绩效目标填报-数据/`, when the program is the
//    electron-builder portable .exe (it sets PORTABLE_EXECUTABLE_DIR), or when a file
//    named `portable` / `portable.txt` lies next to the executable (or next to the
//    AppImage on Linux) — so the program and its data can live on a USB stick;
// 3. otherwise the same folder as the command-line tool (electron/paths.ts):
//    Windows %APPDATA%\jixiao-mubiao, Linux ~/.local/share/jixiao-mubiao,
//    macOS ~/Library/Application Support/jixiao-mubiao. main.ts makes it Electron's
//    `userData`, so app.getPath('userData') is this folder.
import path from 'node:path';
import { DB_FILE_NAME } from '../paths.ts';

export const PORTABLE_DATA_DIR_NAME = '绩效目标填报-数据';
export const PORTABLE_MARKERS = ['portable', 'portable.txt'] as const;

export interface DataLocationInput {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** process.execPath */
  execPath: string;
  /** The installed default (defaultDataDir() of electron/paths.ts). */
  defaultDir: string;
  exists(p: string): boolean;
}

export interface DataLocation {
  dir: string;
  /** Database file inside dir. */
  dbPath: string;
  portable: boolean;
  reason: 'env' | 'portable-exe' | 'portable-marker' | 'default';
  /** Chromium's own files (cache, local storage), kept apart from the office's data. */
  sessionDir: string;
  logsDir: string;
  crashDir: string;
  windowStateFile: string;
}

function located(dir: string, portable: boolean, reason: DataLocation['reason'], platform: NodeJS.Platform): DataLocation {
  const lib = platform === 'win32' ? path.win32 : path.posix;
  return {
    dir,
    dbPath: lib.join(dir, DB_FILE_NAME),
    portable,
    reason,
    sessionDir: lib.join(dir, 'chromium'),
    logsDir: lib.join(dir, 'logs'),
    crashDir: lib.join(dir, 'crashes'),
    windowStateFile: lib.join(dir, 'window-state.json'),
  };
}

/** The folder holding the program as the user sees it (the .exe, or the .AppImage file). */
export function programDir(input: Pick<DataLocationInput, 'env' | 'platform' | 'execPath'>): string {
  const lib = input.platform === 'win32' ? path.win32 : path.posix;
  if (input.platform === 'linux' && input.env.APPIMAGE) return lib.dirname(input.env.APPIMAGE);
  return lib.dirname(input.execPath);
}

export function resolveDataLocation(input: DataLocationInput): DataLocation {
  const { env, platform } = input;
  const lib = platform === 'win32' ? path.win32 : path.posix;
  if (env.JXMB_DATA_DIR) return located(lib.resolve(env.JXMB_DATA_DIR), false, 'env', platform);
  if (platform === 'win32' && env.PORTABLE_EXECUTABLE_DIR) {
    return located(lib.join(env.PORTABLE_EXECUTABLE_DIR, PORTABLE_DATA_DIR_NAME), true, 'portable-exe', platform);
  }
  const dir = programDir(input);
  if (PORTABLE_MARKERS.some((m) => input.exists(lib.join(dir, m)))) {
    return located(lib.join(dir, PORTABLE_DATA_DIR_NAME), true, 'portable-marker', platform);
  }
  return located(input.defaultDir, false, 'default', platform);
}
