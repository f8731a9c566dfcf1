// better-sqlite3 inside Electron needs a build for Electron's Node ABI, while the tests
// run on plain Node with the build in node_modules. The Electron build is made apart
// (build/build-native-electron.ts → out/native/<os>-<arch>/better_sqlite3.node), packed
// as resources/native/better_sqlite3.node, and handed to better-sqlite3 through its
// `nativeBinding` option.
import path from 'node:path';

export const NATIVE_FILE = 'better_sqlite3.node';

/** electron-builder's `${os}` macro for a Node platform. */
export function builderOs(platform: NodeJS.Platform): 'win' | 'mac' | 'linux' {
  return platform === 'win32' ? 'win' : platform === 'darwin' ? 'mac' : 'linux';
}

/** Where the Electron-ABI build is looked for in a development tree. */
export function devNativeDir(appRoot: string, platform: NodeJS.Platform, arch: string): string {
  return path.join(appRoot, 'out', 'native', `${builderOs(platform)}-${arch}`);
}

export interface NativeBindingInput {
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** The folder with package.json (app.getAppPath()). */
  appRoot: string;
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  exists(p: string): boolean;
}

/**
 * The Electron-ABI binary to load, or undefined to let better-sqlite3 find its own
 * (correct only when node_modules was rebuilt for Electron).
 */
export function resolveNativeBinding(i: NativeBindingInput): string | undefined {
  const candidates = [
    // Development and tests only: in the packed app an environment variable must not be
    // able to choose native code to load (the same reason the NODE_OPTIONS fuse is off).
    ...(!i.isPackaged && i.env.JXMB_SQLITE_BINDING ? [path.resolve(i.env.JXMB_SQLITE_BINDING)] : []),
    i.isPackaged ? path.join(i.resourcesPath, 'native', NATIVE_FILE) : path.join(devNativeDir(i.appRoot, i.platform, i.arch), NATIVE_FILE),
  ];
  return candidates.find((c) => i.exists(c));
}
