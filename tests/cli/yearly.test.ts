// The yearly cycle from the command line: generate the forms from filed targets, write the
// 绩效自评表 out, fill in the actuals as a user would in the JSON, save it back, and 审核 with
// its score. A bad file changes nothing stored.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, dbFingerprint, tempDir } from './helpers.ts';

describe('jxmb yearly', () => {
  const t = tempDir('jxmb-yearly-');
  const db = join(t.dir, 'y.sqlite');
  const id = 'seed000-01';
  beforeAll(async () => {
    expect((await cli(['demo', '--db', db])).code).toBe(0);
  });
  afterAll(() => t.cleanup());

  it('creates both forms for a unit-year, once', async () => {
    const first = await cli(['yearly', 'create', '--unit', '382101', '--year', '2024', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.out).toBe('已为 8 个项目生成绩效运行监控表和绩效自评表');
    const again = await cli(['yearly', 'create', '--unit', '382101', '--year', '2024', '--db', db]);
    expect(again.out).toBe('已为 0 个项目生成绩效运行监控表和绩效自评表，8 个项目已有，未改动');
    const one = await cli(['yearly', 'create', '--id', id, '--db', db]);
    expect(one.code).toBe(2);
    expect(one.err).toContain('已有绩效运行监控表和绩效自评表');
  });

  it('an unfilled self-evaluation is 差 with an 错误 per missing actual (exit 1)', async () => {
    const r = await cli(['yearly', 'validate', id, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Y-SE-ACTUAL-MISSING');
    expect(r.out).toMatch(/总分 0\.00，等级 差/);
  });

  it('filled in through its JSON and saved, it scores: full marks where the targets are met', async () => {
    const file = join(t.dir, 'se.json');
    expect((await cli(['yearly', 'show', id, '--out', file, '--db', db])).code).toBe(0);
    const form = JSON.parse(readFileSync(file, 'utf8'));
    const targets = JSON.parse((await cli(['show', id, '--json', '--db', db])).out);
    const rows = Object.values(targets.periods as Record<string, { indicators: Array<{ id: string; value: string }> }>)[0]!.indicators;
    for (const r of form.rows) {
      const target = rows.find((x) => x.id === r.indicatorId)!.value;
      if (/^[≥≤=<>]?\s*\d/.test(target)) r.actual = target.replace(/^[≥≤=<>]\s*/, '');
      else if (/\d{4}年|月/.test(target)) r.actual = target;
      else r.achievement = { level: '达成', percent: null };
    }
    form.funds.total.executed = form.funds.total.budget;
    writeFileSync(file, JSON.stringify(form));
    const saved = await cli(['yearly', 'save', file, '--db', db]);
    expect(saved.out).toBe('已保存绩效自评表（修订 2）');
    const r = await cli(['yearly', 'validate', id, '--json', '--db', db]);
    const report = JSON.parse(r.out);
    expect(report.score.execution.rate).toBe('100.00%');
    expect(report.score.rows.every((x: { score: number; points: number }) => x.score === x.points)).toBe(true);
    expect(report.score.total).toBe(10_000);
    expect(report.score.grade).toBe('优');
  });

  it('a broken or foreign file is refused and nothing stored changes', async () => {
    const bad = join(t.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ kind: 'self-evaluation', id: 'x', rows: 'nope' }));
    const before = dbFingerprint(db);
    const r = await cli(['yearly', 'save', bad, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/at \w+ \(|TypeError/);
    writeFileSync(bad, '{"kind": ');
    expect((await cli(['yearly', 'save', bad, '--db', db])).code).toBe(2);
    expect(dbFingerprint(db)).toBe(before);
    const kind = await cli(['yearly', 'validate', id, '--kind', '年报', '--db', db]);
    expect(kind.code).toBe(2);
    expect(kind.err).toContain('--kind 应为“监控”或“自评”');
  });

  it('the monitoring form is checked too', async () => {
    const r = await cli(['yearly', 'validate', id, '--kind', '监控', '--db', db]);
    expect(r.out).toContain('绩效运行监控表：审核');
  });

  it('exports the forms as printed (.docx, .html) and as a workbook (.xlsx)', async () => {
    for (const [name, args] of [
      ['one.docx', ['--id', id, '--kind', '自评']],
      ['book.html', ['--unit', '382101', '--year', '2024']],
      ['book.xlsx', ['--unit', '382101', '--year', '2024']],
    ] as const) {
      const out = join(t.dir, name);
      const r = await cli(['yearly', 'export', '--out', out, ...args, '--db', db]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`已写出 ${out}`);
    }
    expect(readFileSync(join(t.dir, 'one.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(join(t.dir, 'book.html'), 'utf8')).toContain('项目支出绩效自评表（2024年度）');
    const bad = await cli(['yearly', 'export', '--out', join(t.dir, 'x.pdf'), '--id', id, '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('.docx、.html 或 .xlsx');
  });

  it('takes 执行数 from a treasury export: a preview first, --yes stores', async () => {
    expect((await cli(['yearly', 'create', '--unit', '619001', '--year', '2025', '--db', db])).code).toBe(0);
    const file = fileURLToPath(new URL('../fixtures/yearly/treasury-2025.xlsx', import.meta.url));
    const before = dbFingerprint(db);
    const preview = await cli(['yearly', 'execution', file, '--unit', '619001', '--year', '2025', '--db', db]);
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('办公楼维修（护）费：27000.50 元（第 5、6 行，按项目编码）');
    expect(preview.out).toContain('未匹配：第 9 行 99999999P000000000001 不是本单位的项目（本单位本年度没有这个项目）');
    expect(preview.out).toContain('（预览，未保存；确认无误后加 --yes 填入）');
    expect(dbFingerprint(db)).toBe(before);
    const stored = await cli(['yearly', 'execution', file, '--unit', '619001', '--year', '2025', '--yes', '--db', db]);
    expect(stored.out).toContain('已填入 3 张表');
  });
});
