// Amount cells of a 执行数 export that cannot be stored get the reason that is true of them.
import { describe, expect, it } from 'vitest';
import { matchExecution, type SheetCell } from '../../shared/yearly/execution-import.ts';

const read = (cell: SheetCell, header = '支付金额') => matchExecution([{ name: 'S', rows: [['项目编码', '项目名称', header], ['C1', '甲', cell]] }], [{ id: 'p1', name: '甲', projectCode: 'C1' }])!;
const reasonOf = (cell: SheetCell): string | undefined => read(cell).unmatched[0]?.reason;

describe('execution amounts', () => {
  it('too many digits is 过大, a fraction of 1 分 is 不足 1 分, text is 不是数字', () => {
    expect(reasonOf('99999999999999999999')).toBe('金额“99999999999999999999”过大，超出可填写的范围');
    expect(reasonOf('99,999,999,999,999,999.00')).toBe('金额“99,999,999,999,999,999.00”过大，超出可填写的范围');
    expect(reasonOf(1e308)).toBe('金额“1e+308”过大，超出可填写的范围');
    expect(reasonOf(Number.MAX_SAFE_INTEGER)).toBe(`金额“${Number.MAX_SAFE_INTEGER}”过大，超出可填写的范围`);
    expect(reasonOf('1.001')).toBe('金额“1.001”含不足 1 分的小数');
    expect(reasonOf(1.001)).toBe('金额“1.001”含不足 1 分的小数');
    expect(reasonOf('三十元')).toBe('金额“三十元”不是数字');
    expect(reasonOf('-100')).toBe('金额为负数（-100）');
    expect(reasonOf('-1,000.50元')).toBe('金额为负数（-1,000.50元）');
    expect(reasonOf('12,345.67 元')).toBeUndefined();
  });
  it('a unit written in the cell is the cell\'s own, whatever the column says', () => {
    expect(read('5元', '支付金额（万元）').matches[0]!.amount).toBe(500);
    expect(read('1,234.56 元', '支付金额（万元）').matches[0]!.amount).toBe(123_456);
    expect(read('30万元', '支付金额（元）').matches[0]!.amount).toBe(30_000_000);
    expect(read('30', '支付金额（万元）').matches[0]!.amount).toBe(30_000_000);
    expect(read('0.5万元', '支付金额').matches[0]!.amount).toBe(500_000);
  });
  it('rows of one project adding up past what can be stored are refused with the rows named', () => {
    const big = 50_000_000_000_000;
    expect(() => matchExecution([{ name: 'S', rows: [['项目编码', '项目名称', '支付金额'], ['C1', '甲', big], ['C1', '甲', big]] }], [{ id: 'p1', name: '甲', projectCode: 'C1' }])).toThrow(
      new RangeError('项目“甲”的执行数合计过大（第 2、3 行），超出可填写的范围'),
    );
  });
});
