// 导入执行数 from hostile treasury exports (made with python3-openpyxl at test time): 1e308,
// negative amounts, a formula without a computed value, the same 项目编码 on rows that add up
// past what can be stored. Each row gets an honest reason; refused calls change nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from './helpers.ts';
import { integrity, snapshot, tempDirs } from '../store/helpers.ts';

const U = '619001';
const Y = 2025;
const CODE1 = '13020025P00682510503U';
const CODE2 = '13020025P00T82D100042';
let api: TestApi;
const dirs = tempDirs();

/** An .xlsx of a header row and `rows`, written by openpyxl (formulas stored without a value). */
function book(rows: unknown[][]): { name: string; bytes: Uint8Array } {
  const file = path.join(dirs.make(), 'x.xlsx');
  const script = `import json,sys\nfrom openpyxl import Workbook\nwb=Workbook();ws=wb.active;ws.title='支付明细'\nws.append(['项目编码','项目名称','累计支付金额'])\nfor r in json.loads(sys.argv[2]): ws.append([float(v[1:]) if isinstance(v,str) and v.startswith('#') else v for v in r])\nwb.save(sys.argv[1])`;
  execFileSync('/usr/bin/python3', ['-c', script, file, JSON.stringify(rows)]);
  return { name: 'x.xlsx', bytes: fs.readFileSync(file) };
}

beforeAll(async () => {
  api = await openTestApi({ demo: true });
  await api.call('yearly.createUnitYear', { unitCode: U, year: Y });
});
afterAll(() => (api.close(), dirs.cleanup()));

describe('yearly.importExecution with hostile amounts', () => {
  it('1e308 and a negative amount are rows with an honest reason; a formula without a value is named with its project', async () => {
    const r = await api.call('yearly.importExecution', {
      unitCode: U,
      year: Y,
      file: book([
        [CODE1, '办公楼维修（护）费', '#1e308'],
        [CODE2, '法律顾问费', -500],
        [null, '基金监管 专项经费', '=1+2'],
      ]),
      into: 'monitoring',
      store: false,
    });
    const reasons = Object.fromEntries(r.unmatched.map((u) => [u.row, u.reason]));
    expect(reasons[2]).toBe('金额“1e+308”过大，超出可填写的范围');
    expect(reasons[3]).toBe('金额为负数（-500）');
    // The formula's cell has no value saved: its project says so (not a sheet-level note).
    expect(reasons[4]).toBeUndefined();
    expect(r.unsaved.map((u) => [u.name, u.rows])).toEqual([['基金监管专项经费', [4]]]);
    expect(r.notes.join()).not.toMatch(/没有保存计算结果/);
    expect(r.matches).toEqual([]);
  });

  it('rows of one 项目编码 adding up past what can be stored: refused in Chinese, nothing changed', async () => {
    const db = api.store.path;
    const before = snapshot(db);
    const big = 50_000_000_000_000; // 元: each row alone fits in 分
    const out = await api.fail('yearly.importExecution', { unitCode: U, year: Y, file: book([[CODE1, '办公楼维修（护）费', big], [CODE1, '办公楼维修（护）费', big]]), into: 'monitoring', store: true });
    expect(out.code).toBe('INVALID');
    expect(out.message).toBe('项目“办公楼维修（护）费”的执行数合计过大（第 2、3 行），超出可填写的范围');
    expect(snapshot(db)).toEqual(before);
    expect(integrity(db)).toBe('ok');
  });
});
