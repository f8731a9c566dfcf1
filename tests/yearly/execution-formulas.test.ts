// 导入执行数 from a workbook whose 执行数 are formulas: written by openpyxl (formulas saved
// without a result) each such project is named with its row and cell, is not filled in and is
// not called missing; the same workbook saved by LibreOffice (results saved) fills them in.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../api/helpers.ts';
import { tempDirs } from '../store/helpers.ts';

const U = '619001';
const Y = 2025;
const CODE1 = '13020025P00682510503U';
const CODE2 = '13020025P00T82D100042';
/** As stored; the file writes it with a space (names are matched without spaces). */
const NAME3 = '基金监管专项经费';
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
let api: TestApi;
const dirs = tempDirs();
let openpyxlFile: string;
let libreFile: string;

/** Project 1: one formula row; project 2: a plain amount; project 3: a plain row and a formula row; a 合计 formula. */
const ROWS = [
  [CODE1, '办公楼维修（护）费', '=1000+2000'],
  [CODE2, '法律顾问费', 500],
  [null, '基金监管 专项经费', 40],
  [null, '基金监管 专项经费', '=2*30'],
  ['合计', null, '=SUM(C2:C5)'],
];

beforeAll(async () => {
  const dir = dirs.make();
  openpyxlFile = path.join(dir, 'exec.xlsx');
  const script = `import json,sys\nfrom openpyxl import Workbook\nwb=Workbook();ws=wb.active;ws.title='支付明细'\nws.append(['项目编码','项目名称','累计支付金额'])\nfor r in json.loads(sys.argv[2]): ws.append(r)\nwb.save(sys.argv[1])`;
  execFileSync(PYTHON, ['-c', script, openpyxlFile, JSON.stringify(ROWS)], { timeout: 60_000 });
  fs.mkdirSync(path.join(dir, 'lo-out'));
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo')}`, '--headless', '--norestore', '--convert-to', 'xlsx', openpyxlFile, '--outdir', path.join(dir, 'lo-out')], { stdio: 'ignore', timeout: 180_000 });
  libreFile = path.join(dir, 'lo-out', 'exec.xlsx');
  api = await openTestApi({ demo: true });
  await api.call('yearly.createUnitYear', { unitCode: U, year: Y });
});
afterAll(() => (api.close(), dirs.cleanup()));

const file = (f: string) => ({ name: 'exec.xlsx', bytes: new Uint8Array(fs.readFileSync(f)) });
const idOf = (name: string) => api.store.listProjects(U, Y).find((p) => p.name === name)!.id;
const executed = (name: string) => api.store.yearly.get('monitoring', idOf(name))?.form.funds.executed;

describe('导入执行数: formulas', () => {
  it('openpyxl (no saved results): each project says which row and cell, is not missing, and is not filled in', async () => {
    // The file really holds formulas without results (what the test is about).
    const sheet = execFileSync('unzip', ['-p', openpyxlFile, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
    expect(sheet).toMatch(/<c r="C2"><f>1000\+2000<\/f><v\s*\/?>(<\/v>)?<\/c>/);
    const before = [executed('办公楼维修（护）费'), executed('法律顾问费'), executed(NAME3)];
    const r = await api.call('yearly.importExecution', { unitCode: U, year: Y, file: file(openpyxlFile), into: 'monitoring', store: true });
    expect(r.unsaved.map((u) => [u.name, u.rows, u.cells])).toEqual([
      ['办公楼维修（护）费', [2], ['C2']],
      [NAME3, [5], ['C5']],
    ]);
    expect(r.unsaved[0]!.reason).toBe('第 2 行“累计支付金额”（C2）是公式，但文件中没有保存它的计算结果，未填入：请在 Excel/WPS 中打开这个文件、保存后再导入');
    expect(r.unsaved[1]!.reason).toContain('第 5 行“累计支付金额”（C5）是公式');
    expect(r.unsaved[1]!.reason).toContain('第 4 行的金额也未填入');
    const missing = r.missing.map((m) => m.name);
    expect(missing).not.toContain('办公楼维修（护）费');
    expect(missing).not.toContain(NAME3);
    expect(r.matches.map((m) => [m.name, m.amount])).toEqual([['法律顾问费', 50_000]]);
    // Only the 合计 row's formula is left to the sheet's note.
    expect(r.notes).toContain('工作表“支付明细”有 1 个公式没有保存计算结果，读作空白：请在 Excel/WPS 中打开、保存后再导入');
    expect(r.stored).toBe(1);
    expect([executed('办公楼维修（护）费'), executed('法律顾问费'), executed(NAME3)]).toEqual([before[0], 50_000, before[2]]);
  });

  it('only unsaved formulas: storing is refused with the reason, nothing changed', async () => {
    const dir = dirs.make();
    const only = path.join(dir, 'only.xlsx');
    const script = `import sys\nfrom openpyxl import Workbook\nwb=Workbook();ws=wb.active\nws.append(['项目编码','项目名称','累计支付金额'])\nws.append(['${CODE1}','办公楼维修（护）费','=1+1'])\nwb.save(sys.argv[1])`;
    execFileSync(PYTHON, ['-c', script, only], { timeout: 60_000 });
    const out = await api.fail('yearly.importExecution', { unitCode: U, year: Y, file: file(only), into: 'monitoring', store: true });
    expect(out.message).toBe('没有可填入的执行数：1 个项目的执行数是公式，但文件中没有保存计算结果，请在 Excel/WPS 中打开这个文件、保存后再导入');
  });

  it('the same file saved by LibreOffice (results saved): every project filled in, nothing unsaved', async () => {
    const r = await api.call('yearly.importExecution', { unitCode: U, year: Y, file: file(libreFile), into: 'monitoring', store: true });
    expect(r.unsaved).toEqual([]);
    expect(r.notes.join()).not.toMatch(/没有保存计算结果/);
    expect(Object.fromEntries(r.matches.map((m) => [m.name, m.amount]))).toEqual({ '办公楼维修（护）费': 300_000, 法律顾问费: 50_000, [NAME3]: 10_000 });
    expect([executed('办公楼维修（护）费'), executed('法律顾问费'), executed(NAME3)]).toEqual([300_000, 50_000, 10_000]);
  });
});
