// The CLI as a table of commands: each command takes only its own options, and has its own help.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../electron/cli/main.ts';
import { USAGE } from '../../electron/cli/usage.ts';
import { cli } from './helpers.ts';

describe('CLI command table', () => {
  it('has every command of the help text, and the help text every command', () => {
    const inHelp = new Set([...USAGE.matchAll(/^ {2}([a-z][a-z-]*)(?= |$)/gm)].map((m) => m[1]!));
    expect([...COMMANDS.keys()].sort()).toEqual([...inHelp].sort());
    for (const name of ['validate', 'pack', 'import-package', 'restore', 'yearly']) expect(inHelp.has(name)).toBe(true);
  });

  it('refuses a flag the command does not take, with its usage, exit 2', async () => {
    const r = await cli(['status', 'p1', 'checked', '--force', '--db', '/nonexistent/x.sqlite']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^参数有误：.*--force/);
    expect(r.err).toContain('用法：jxmb status <项目标识> <draft|checked>');
    expect((await cli(['list', '--bogus'])).code).toBe(2);
  });

  it('prints one command’s help with --help', async () => {
    const r = await cli(['fix', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：jxmb fix <项目标识> <审核项> [--force]');
    expect(r.out).toContain('须加 --force');
  });
});
