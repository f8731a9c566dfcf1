// In the Electron main bundle, `better-sqlite3` resolves to this module (an esbuild alias,
// build/build-electron.ts): the real constructor, with the Electron-ABI `nativeBinding`
// applied to every database opened without one. The store passes it explicitly
// (OpenOptions.nativeBinding); backups and file checks (electron/store/backup.ts) open
// databases of their own, and this covers them too.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

type Ctor = typeof BetterSqlite3;
const requireReal = createRequire(import.meta.url);
const Real = requireReal('better-sqlite3') as Ctor;

let defaultBinding: string | undefined;

/** Set once at start-up, before the first database is opened. */
export function setDefaultNativeBinding(file: string | undefined): void {
  defaultBinding = file;
}

function withBinding(args: unknown[]): unknown[] {
  const [file, options] = args;
  const opts = (options ?? {}) as Record<string, unknown>;
  if (defaultBinding === undefined || opts.nativeBinding != null) return args;
  return [file, { ...opts, nativeBinding: defaultBinding }];
}

const Database: Ctor = new Proxy(Real, {
  construct(target, args) {
    return Reflect.construct(target, withBinding(args)) as object;
  },
  apply(target, _this, args) {
    return Reflect.construct(target, withBinding(args)) as object;
  },
});

/** @public the module that replaces better-sqlite3 in the Electron bundle */
export default Database;
