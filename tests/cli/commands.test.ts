// The CLI as a table of commands: each command takes only its own options, and has its own help.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../electron/cli/main.ts';
import { USAGE } from '../../electron/cli/usage.ts';
import { cli, tempDir } from './helpers.ts';

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

  it('copies a year and one table, refusing the same table twice', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = ['--db', `${dir}/c.sqlite`];
      expect((await cli(['demo', ...db])).code).toBe(0);
      const r = await cli(['copy-year', '--unit', '619001', '--year', '2026', ...db]);
      expect(r.out).toMatch(/^已从 2025 年度复制 18 张项目表到 2026 年度，及部门整体绩效目标。/);
      const list = JSON.parse((await cli(['list', '--unit', '619001', '--year', '2025', '--json', ...db])).out) as Array<{ id: string }>;
      const again = await cli(['copy-table', list[0]!.id, '--year', '2026', ...db]);
      expect(again.code).not.toBe(0);
      expect(again.err).toMatch(/这张表已复制到 2026 年度（第 1 张“.+”），不再重复复制/);
      const one = await cli(['copy-table', list[0]!.id, '--year', '2027', ...db]);
      expect(one.out).toMatch(/^已复制到 2027 年度第 1 张：.+，\d+ 处内容待确认$/);
    } finally {
      cleanup();
    }
  });

  it('prints one command’s help with --help', async () => {
    const r = await cli(['fix', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：jxmb fix <项目标识> <审核项> [--force]');
    expect(r.out).toContain('须加 --force');
  });
});
