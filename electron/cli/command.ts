// One CLI command: its name, its options (node:util parseArgs; any other flag is refused),
// whether it needs the database, and its run function. electron/cli/main.ts only dispatches.
import type { FilingStore } from '../store/store.ts';
import { pipeSafeWriter } from './terminal.ts';

/** Where a command prints: `out` for results, `err` for progress and errors (one place to hook terminal safety in). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

let processIo: Io | undefined;
/** stdout/stderr, quiet once a pipe is closed (terminal.ts). */
export const defaultIo = (): Io =>
  (processIo ??= { out: pipeSafeWriter(process.stdout), err: pipeSafeWriter(process.stderr), isTTY: Boolean(process.stderr.isTTY) });

/** A command or its arguments were given wrongly; the message is Chinese. */
export class UsageError extends Error {}

/** Every option any command takes, with its parseArgs type. */
export const OPTION_TYPES = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  unit: { type: 'string' },
  year: { type: 'string' },
  id: { type: 'string' },
  out: { type: 'string' },
  code: { type: 'string' },
  name: { type: 'string' },
  supervisor: { type: 'string' },
  units: { type: 'string' },
  region: { type: 'string' },
  limit: { type: 'string' },
  book: { type: 'string' },
  force: { type: 'boolean' },
  kind: { type: 'string' },
} as const;
export type OptionName = keyof typeof OPTION_TYPES;
export type CliValues = { [K in OptionName]?: (typeof OPTION_TYPES)[K]['type'] extends 'string' ? string : boolean };

/** The options of a command (the common ones, --db and --help, are added by main.ts). */
export function pick(...names: OptionName[]): OptionName[] {
  return names;
}

export interface CliContext {
  store: FilingStore;
  values: CliValues;
  /** The words after the command's name. */
  positionals: string[];
  io: Io;
  dbPath: string;
  /** Closes the database before the command replaces it (restore). */
  closeStore: () => void;
}

export interface Command {
  name: string;
  options: OptionName[];
  /** 'create': the database is created if missing; 'open': it must exist (FilingStore.open); 'none': not opened. */
  store: 'create' | 'open' | 'none';
  run(ctx: CliContext): Promise<number>;
}

export function requireYear(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw new UsageError(`年度“${v}”无效，应为 4 位数字，如 2025`);
  return Number(v);
}

