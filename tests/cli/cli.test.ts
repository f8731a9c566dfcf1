// The CLI end to end on a real SQLite file: create, add units, import the demo corpus,
// list, show, validate, export and re-import as JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli, tempDir } from './helpers.ts';

const t = tempDir();
const db = join(t.dir, 'filings.sqlite');
afterAll(() => t.cleanup());

describe('CLI', () => {
  beforeAll(async () => {
    expect((await cli(['init', '--db', db])).code).toBe(0);
  });

  it('adds and lists units', async () => {
    const r = await cli(['unit', 'add', '--db', db, '--code', '100001', '--name', '某县医疗保障局', '--supervisor', '303-某市医疗保障局']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain('已保存单位 100001某县医疗保障局');
    const l = await cli(['unit', 'list', '--db', db]);
    expect(l.out).toContain('100001某县医疗保障局　主管部门 303-某市医疗保障局');
  });

  it('loads the demo corpus and lists a unit-year with its budget total', async () => {
    const r = await cli(['demo', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已载入示例数据：\d+ 个单位，120 张项目表/);
    const l = await cli(['list', '--db', db, '--unit', '382101', '--year', '2024']);
    expect(l.code).toBe(0);
    expect(l.out).toContain('共 8 个项目');
    expect(l.out).toContain('1. 医保待遇调整、医疗服务价格调整、打击欺诈骗保等工作经费　280.50 万元');
  });

  it('shows one filing in Chinese and as JSON', async () => {
    const r = await cli(['show', 'seed000-01', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值');
    expect(r.out).toContain('≥90百分比');
    const j = await cli(['show', 'seed000-01', '--db', db, '--json']);
    expect(JSON.parse(j.out).periods.annual.funding.total).toBe(280_500_000);
  });

  it('validate exits 1 on 错误 and reports them in Chinese, or as JSON', async () => {
    const r = await cli(['validate', '--db', db, '--unit', '382101', '--year', '2024']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('[错误]');
    expect(r.out).toMatch(/审核未通过：共 \d+ 个错误/);
    const j = await cli(['validate', '--db', db, '--unit', '382101', '--year', '2024', '--json']);
    expect(j.code).toBe(1);
    const reports = JSON.parse(j.out);
    expect(reports[0].projects).toHaveLength(8);
  });

  it('a warning takes a 说明, a suggested fix is applied, and status follows 审核', async () => {
    const v = JSON.parse((await cli(['validate', '--db', db, '--id', 'seed000-01', '--json'])).out);
    const [first, second] = v.findings;
    expect(first.code).toBe('R-VALUE-PERCENT-WORD');
    // Not ready: three warnings without a 说明 (the third, R-MEASURABLE, is 档案管理水平 “有所提升”).
    const refused = await cli(['status', 'seed000-01', 'checked', '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('还有 3 个警告没有填写说明');
    const words = v.findings.find((f: { code: string }) => f.code === 'R-MEASURABLE');
    expect((await cli(['explain', 'seed000-01', words.key, '以档案检查结果为准', '--db', db])).out).toBe('说明已保存');
    expect((await cli(['explain', 'seed000-01', first.key, '沿用上级下达的表述', '--db', db])).out).toBe('说明已保存');
    expect((await cli(['fix', 'seed000-01', second.key, '--db', db])).code).toBe(0);
    const shown = JSON.parse((await cli(['show', 'seed000-01', '--db', db, '--json'])).out);
    expect(shown.explanations).toEqual([
      { key: words.key, text: '以档案检查结果为准' },
      { key: first.key, text: '沿用上级下达的表述' },
    ]);
    expect(shown.periods.annual.indicators.map((r: { value: string }) => r.value)).toContain('≥90%');
    const ok = await cli(['status', 'seed000-01', 'checked', '--db', db]);
    expect(ok.out).toContain('已审核');
    const audit = await cli(['audit', '--id', 'seed000-01', '--db', db]);
    expect(audit.out).toMatch(/update　seed000-01　periods\.annual\.indicators\[7\]\.value：“≥90百分比” → “≥90%”/);
    // A table with 错误 cannot be marked ready.
    const bad = await cli(['status', 'seed000-02', 'checked', '--db', db]);
    expect(bad.err).toMatch(/还有 \d+ 个错误，不能标记为已审核/);
  });

  it('exports JSON that imports into a fresh database unchanged', async () => {
    const out = join(t.dir, 'export.json');
    const e = await cli(['export', '--db', db, '--out', out, '--unit', '619001', '--year', '2025']);
    expect(e.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.format).toBe('jxmb-filings');
    expect(doc.version).toBe(1);
    const db2 = join(t.dir, 'second.sqlite');
    const i = await cli(['import', out, '--db', db2]);
    expect(i.code).toBe(0);
    const out2 = join(t.dir, 'export2.json');
    await cli(['export', '--db', db2, '--out', out2]);
    const doc2 = JSON.parse(readFileSync(out2, 'utf8'));
    expect(doc2.projects).toEqual(doc.projects);
    expect(doc2.deptTargets).toEqual(doc.deptTargets);
  });

  it('the jxmb bin runs as a real process', () => {
    const r = spawnSync(process.execPath, ['bin/jxmb.mjs', 'list', '--db', db], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('382101天津市医疗保障局［示例］');
  });

  it('prints the interchange JSON schema', async () => {
    const r = await cli(['schema']);
    const schema = JSON.parse(r.out);
    expect(schema.properties.format.const).toBe('jxmb-filings');
    expect(readFileSync('docs/interchange.schema.json', 'utf8').trim()).toBe(r.out.trim());
  });

  it('removes the sample units in one action; tables edited here only with --force', async () => {
    // The tests above fixed and explained 示例 tables: that is the office's work, named first.
    const refused = await cli(['remove-samples', '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/未删除：示例单位中有 \d+ 份不是示例数据的表/);
    expect(refused.err).toContain('--force');
    expect((await cli(['unit', 'list', '--db', db])).out).toContain('［示例］');
    const r = await cli(['remove-samples', '--force', '--db', db]);
    expect(r.code).toBe(0);
    const l = await cli(['unit', 'list', '--db', db]);
    expect(l.out).toBe('100001某县医疗保障局　主管部门 303-某市医疗保障局');
  });

  it('unknown commands are refused with exit 2', async () => {
    const r = await cli(['frobnicate', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知命令');
  });
});
