// `export-docx` on a real SQLite store loaded with the demo data (loadDemoData).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { FilingStore } from '../../electron/store/store.ts';
import { loadDemoData } from '../../electron/services/demo.ts';
import { cli, tempDir } from '../cli/helpers.ts';
import { readDocx, type DocxParagraph } from './docx-reader.ts';

const t = tempDir('jxmb-cli-export-');
const db = join(t.dir, 'filings.sqlite');
afterAll(() => t.cleanup());

const headings = (file: string) =>
  readDocx(readFileSync(file))
    .body.filter((b): b is DocxParagraph => b.kind === 'p' && b.bookmarks.length > 0)
    .map((p) => p.text);

describe('CLI export-docx', () => {
  beforeAll(async () => {
    const store = await FilingStore.open(db, { dailyBackup: false });
    loadDemoData(store);
    store.close();
  });

  it('exports one project table', async () => {
    const out = join(t.dir, 'one.docx');
    const r = await cli(['export-docx', '--db', db, '--id', 'seed000-01', '--out', out]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(`已导出 1 张表格到 ${out}`);
    expect(headings(out)).toEqual(['1.医保待遇调整、医疗服务价格调整、打击欺诈骗保等工作经费绩效目标表']);
  });

  it('exports a unit-year book', async () => {
    const out = join(t.dir, 'unit.docx');
    const r = await cli(['export-docx', '--db', db, '--unit', '619001', '--year', '2025', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导出 18 张表格');
    expect(headings(out)[1]).toBe('一、总体绩效目标');
  });

  it('exports a 主管部门 book by supervisor, and units without a supervisor by list', async () => {
    const c = join(t.dir, 'sup.docx');
    expect((await cli(['export-docx', '--db', db, '--supervisor', '303-忻州市医疗保障局', '--year', '2023', '--out', c])).out).toContain('已导出 8 张表格');
    expect(headings(c)).toHaveLength(8);
    const b = join(t.dir, 'units.docx');
    const r = await cli(['export-docx', '--db', db, '--units', '619001,619003,619005,619006,619007,619008', '--year', '2025', '--out', b, '--json']);
    expect(JSON.parse(r.out)).toEqual({ path: b, tables: 54 });
    expect(headings(b)).toHaveLength(5 + 54);
  });

  it('writes the HTML print view when the file ends in .html', async () => {
    const out = join(t.dir, 'print.html');
    expect((await cli(['export-docx', '--db', db, '--id', 'seed003-02', '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('exports the 报送稿 with --kind 报送稿 (cover, signature under each table or at the end with --sign 汇编末尾)', async () => {
    const paras = (file: string) => readDocx(readFileSync(file)).body.filter((b): b is DocxParagraph => b.kind === 'p').map((p) => p.text);
    const signatures = (file: string) => paras(file).filter((x) => x.startsWith('负责人：'));
    const pub = join(t.dir, 'public.docx');
    const each = join(t.dir, 'signed-each.docx');
    const end = join(t.dir, 'signed-end.docx');
    expect((await cli(['export-docx', '--db', db, '--unit', '382101', '--year', '2024', '--kind', '公开稿', '--out', pub])).code).toBe(0);
    expect((await cli(['export-docx', '--db', db, '--unit', '382101', '--year', '2024', '--kind', '报送稿', '--out', each])).code).toBe(0);
    expect((await cli(['export-docx', '--db', db, '--unit', '382101', '--year', '2024', '--kind', '报送稿', '--sign', '汇编末尾', '--out', end])).code).toBe(0);
    expect(signatures(pub)).toEqual([]);
    expect(paras(pub).some((x) => x.includes('单位（盖章）'))).toBe(false);
    expect(signatures(each)).toHaveLength(8);
    expect(signatures(end)).toHaveLength(1);
    expect(paras(each).slice(0, 3)).toEqual(['天津市医疗保障局2024年项目支出绩效目标', '（2024年度）', '单位（盖章）：天津市医疗保障局']);
    const bad = join(t.dir, 'bad-kind.docx');
    expect(await cli(['export-docx', '--db', db, '--unit', '382101', '--year', '2024', '--kind', '草稿', '--out', bad])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--kind 只能是 公开稿 或 报送稿'),
    });
    expect(await cli(['export-docx', '--db', db, '--unit', '382101', '--year', '2024', '--sign', '汇编末尾', '--out', bad])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--sign 只用于报送稿'),
    });
    expect(existsSync(bad)).toBe(false);
  });

  it('without --kind prints what the settings of the unit-year say (报送稿 signed at the end), --kind overrides', async () => {
    const paras = (file: string) => readDocx(readFileSync(file)).body.filter((b): b is DocxParagraph => b.kind === 'p').map((p) => p.text);
    const r0 = await cli(['settings', '--db', db, '--unit', '341182', '--year', '2024', '--json']);
    const settings = JSON.parse(r0.out).settings;
    const store = await FilingStore.open(db, { dailyBackup: false });
    try {
      store.unitYearSettings.put({ ...settings, printKind: 'submission', signature: 'book' }, 'settings');
    } finally {
      store.close();
    }
    const book = join(t.dir, 'setting-book.docx');
    expect((await cli(['export-docx', '--db', db, '--unit', '341182', '--year', '2024', '--out', book])).code).toBe(0);
    expect(paras(book).filter((x) => x.startsWith('单位（盖章）：'))).toHaveLength(1);
    expect(paras(book).filter((x) => x.startsWith('负责人：'))).toHaveLength(1);
    const one = join(t.dir, 'setting-one.docx');
    expect((await cli(['export-docx', '--db', db, '--id', 'seed003-02', '--out', one])).code).toBe(0);
    expect(paras(one)[0]).toMatch(/^单位（盖章）：/);
    const pub = join(t.dir, 'setting-public.docx');
    expect((await cli(['export-docx', '--db', db, '--unit', '341182', '--year', '2024', '--kind', '公开稿', '--out', pub])).code).toBe(0);
    expect(paras(pub).some((x) => x.startsWith('单位（盖章）'))).toBe(false);
  });

  it('refuses bad requests with exit code 2 and a Chinese message, writing nothing', async () => {
    const out = join(t.dir, 'bad.docx');
    expect(await cli(['export-docx', '--db', db, '--id', 'seed000-01'])).toMatchObject({ code: 2, err: expect.stringContaining('请用 --out') });
    expect(await cli(['export-docx', '--db', db, '--unit', '619001', '--out', out])).toMatchObject({ code: 2, err: expect.stringContaining('--year') });
    expect(await cli(['export-docx', '--db', db, '--id', 'nope', '--out', out])).toMatchObject({ code: 2, err: '错误：项目 nope 不存在' });
    expect(await cli(['export-docx', '--db', db, '--supervisor', '999', '--year', '2025', '--out', out])).toMatchObject({ code: 2 });
    expect(await cli(['export-docx', '--db', db, '--unit', '619001', '--year', '2025', '--out', join(t.dir, 'no-such-dir', 'x.docx')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('目标文件夹不存在'),
    });
    expect(existsSync(out)).toBe(false);
  });

  it('runs as a program (usage lists the command; no progress bar when stderr is not a terminal)', () => {
    const out = join(t.dir, 'proc.docx');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'export-docx', '--db', db, '--unit', '382101', '--year', '2024', '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('已导出 8 张表格');
    expect(r.stderr).not.toContain('导出中');
    const help = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'help'], { encoding: 'utf8' });
    expect(help.stdout).toContain('export-docx --out');
  });
});
