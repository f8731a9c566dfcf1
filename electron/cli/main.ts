// Command-line host of the filing services: `npm run cli -- <命令>` or `jxmb <命令>`.
// Output is Chinese (or JSON with --json). Exit codes: 0 done, 1 审核 found 错误,
// 2 the command or its input was refused (nothing stored changed). Each command, with its
// options, is in electron/cli/commands/; this file only dispatches.
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FilingStore } from '../store/store.ts';
import { defaultDbPath } from '../paths.ts';
import { UserError } from '../../shared/errors.ts';
import { OPTION_TYPES, UsageError, defaultIo, type CliValues, type Command, type Io } from './command.ts';
import { USAGE, helpFor } from './usage.ts';
import { terminalSafeIo } from './terminal.ts';
import { DATA_COMMANDS } from './commands/data.ts';
import { AUDIT_COMMANDS } from './commands/audit.ts';
import { OUTPUT_COMMANDS } from './commands/output.ts';
import { BACKUP_COMMANDS } from './commands/backup.ts';
import { SETTINGS_COMMANDS } from './commands/settings.ts';
import { REVIEW_COMMANDS } from './commands/review.ts';
import { COPY_COMMANDS } from './commands/copy.ts';
import { YEARLY_COMMANDS } from './commands/yearly.ts';
import { DEPT_YEARLY_COMMANDS } from './commands/dept-yearly.ts';

export type { Io } from './command.ts';

export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [...DATA_COMMANDS, ...AUDIT_COMMANDS, ...OUTPUT_COMMANDS, ...BACKUP_COMMANDS, ...YEARLY_COMMANDS, ...DEPT_YEARLY_COMMANDS, ...SETTINGS_COMMANDS, ...REVIEW_COMMANDS, ...COPY_COMMANDS].map(
    (c) => [c.name, c],
  ),
);

/** The command's own options and the common ones; anything else is refused by parseArgs. */
function parseFor(cmd: Command, argv: string[]) {
  const names = ['db', 'help', ...cmd.options] as const;
  const options = Object.fromEntries(names.map((n) => [n, OPTION_TYPES[n]]));
  return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
}

export async function runCli(argv: string[], rawIo: Io = defaultIo()): Promise<number> {
  // Names and messages may come from files: every line is escaped for the terminal.
  const io = terminalSafeIo(rawIo);
  // The command's name: the first word that is not an option's value.
  const name = parseArgs({ args: argv, allowPositionals: true, strict: false, options: OPTION_TYPES }).positionals[0];
  if (!name || name === 'help') {
    const asked = argv.includes('--help') || argv.includes('-h') || name === 'help';
    io.out(USAGE);
    return asked ? 0 : 2;
  }
  const cmd = COMMANDS.get(name);
  if (!cmd) {
    io.err(`错误：未知命令“${name}”\n\n${USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseFor(cmd, argv);
  } catch (err) {
    io.err(`参数有误：${(err as Error).message}\n\n${helpFor(cmd.name)}`);
    return 2;
  }
  const values = parsed.values as CliValues;
  if (values.help) {
    io.out(helpFor(cmd.name));
    return 0;
  }
  const positionals = parsed.positionals.slice(parsed.positionals.indexOf(name) + 1);
  const dbPath = resolve(values.db ?? defaultDbPath());
  let store: FilingStore | undefined;
  try {
    if (cmd.store === 'create') mkdirSync(dirname(dbPath), { recursive: true });
    if (cmd.store !== 'none') store = await FilingStore.open(dbPath);
    const closeStore = () => {
      store?.close();
      store = undefined;
    };
    return await cmd.run({ store: store as FilingStore, values, positionals: [name, ...positionals], io, dbPath, closeStore });
  } catch (err) {
    const e = err as Error;
    // Errors raised on purpose carry a message for users (the same classes the API trusts).
    const known = e instanceof UsageError || e instanceof UserError;
    const hint = e instanceof UserError && e.code === 'NEEDS_CONFIRM' && !e.message.includes('--force') ? '（确认修改请加 --force）' : '';
    io.err(known ? `错误：${e.message}${hint}` : `内部错误：${e.stack ?? e.message}`);
    return 2;
  } finally {
    store?.close();
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href;
if (isMain) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
