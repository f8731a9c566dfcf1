// The 部门整体绩效自评表 from the command line: refused where the 审核规则 does not ask for one,
// created from the 部门整体绩效目标, written out, filled in the JSON and saved back, 审核 with its
// score, exported as printed. A bad file changes nothing stored.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, dbFingerprint, tempDir } from './helpers.ts';

describe('jxmb dept-eval', () => {
  const t = tempDir('jxmb-dept-eval-');
  const db = join(t.dir, 'd.sqlite');
  const U = ['--unit', '619001', '--year', '2025', '--db', db];
  beforeAll(async () => {
    expect((await cli(['demo', '--db', db])).code).toBe(0);
  });
  afterAll(() => t.cleanup());

  it('is refused until the unit-year asks for one, then created once', async () => {
    const no = await cli(['dept-eval', 'create', ...U]);
    expect(no.code).toBe(2);
    expect(no.err).toContain('不要求部门整体绩效自评');
    expect((await cli(['settings', ...U, '--profile', 'dept-whole'])).code).toBe(0);
    const yes = await cli(['dept-eval', 'create', ...U]);
    expect(yes.code).toBe(0);
    expect(yes.out).toBe('已由部门整体绩效目标生成部门整体绩效自评表（13 项绩效指标；目标不改动）');
    expect((await cli(['dept-eval', 'create', ...U])).err).toContain('已有部门整体绩效自评表');
  });

  it('filled through its JSON, saved, scored; a bad file changes nothing; exported as DOCX', async () => {
    const file = join(t.dir, 'dept.json');
    expect((await cli(['dept-eval', 'show', ...U, '--out', file])).code).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.form.funds = { initialBudget: 100_000, budget: 100_000, executed: 100_000 };
    for (const r of doc.form.rows) {
      if (r.name === r.target) r.achievement = { level: '达成', percent: null };
      else r.actual = r.target.replace(/^(达到|不低于)/, '').replace(/以上$/, '');
    }
    const bad = join(t.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...doc, form: { ...doc.form, funds: { ...doc.form.funds, executed: -1 } } }));
    const before = dbFingerprint(db);
    const refused = await cli(['dept-eval', 'save', bad, '--db', db]);
    expect(refused.code).toBe(2);
    expect(dbFingerprint(db)).toEqual(before);
    writeFileSync(file, JSON.stringify(doc));
    expect((await cli(['dept-eval', 'save', file, '--db', db])).out).toBe('已保存部门整体绩效自评表（修订 2）');
    const v = await cli(['dept-eval', 'validate', ...U]);
    expect(v.code).toBe(0);
    expect(v.out).toContain('总分 100.00，等级 优');
    const out = join(t.dir, 'dept.docx');
    expect((await cli(['dept-eval', 'export', ...U, '--out', out])).code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});
