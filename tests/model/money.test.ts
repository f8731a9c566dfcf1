import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMoney, parseMoney, parseMoneyInput, sumMoney } from '../../shared/model/money.ts';

const WAN = { unit: 'wanyuan', decimals: 2, thousands: false } as const;
const YUAN = { unit: 'yuan', decimals: 0, thousands: true } as const;

describe('money', () => {
  it('parses the seed forms exactly', () => {
    expect(parseMoney('280.50', '万元')).toBe(280_500_000);
    expect(parseMoney('3088.94', 'wanyuan')).toBe(3_088_940_000);
    expect(parseMoney('1,147,100', 'yuan')).toBe(114_710_000);
    expect(parseMoney('0.01', '元')).toBe(1);
    expect(parseMoney('1.4', '亿元')).toBe(14_000_000_000);
    expect(parseMoney(' ', '元')).toBeNull();
  });

  it('refuses what is not an exact amount', () => {
    expect(() => parseMoney('12a', '元')).toThrow('不是金额');
    expect(() => parseMoney('0.001', '元')).toThrow('小数位数过多');
    expect(() => parseMoney('99999999999999999999', '元')).toThrow('超出');
  });

  it('prints as the templates show money', () => {
    expect(formatMoney(280_500_000, WAN)).toBe('280.50');
    expect(formatMoney(18_000_000, WAN)).toBe('18.00');
    expect(formatMoney(114_710_000, YUAN)).toBe('1,147,100');
    expect(formatMoney(0, YUAN)).toBe('0');
    expect(formatMoney(null, YUAN)).toBe('');
    // never rounds money away: 0.005 万元 = 50 元 is kept
    expect(formatMoney(5_000, WAN)).toBe('0.005');
  });

  it('sums exactly where floats would not', () => {
    // 0.1 + 0.2 万元 in floats is 0.30000000000000004
    expect(sumMoney([parseMoney('0.1', '万元'), parseMoney('0.2', '万元')])).toBe(parseMoney('0.3', '万元'));
    expect(sumMoney([null, null])).toBeNull();
  });

  it('round-trips any amount through print and parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (fen) => {
        expect(parseMoney(formatMoney(fen, WAN), 'wanyuan')).toBe(fen);
        expect(parseMoney(formatMoney(fen, YUAN), 'yuan')).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('templates that trim zeros (layout D prints 4000, not 4000.00)', () => {
  it('prints whole amounts without decimals and keeps a real fraction', () => {
    const D = { unit: 'wanyuan', decimals: 2, thousands: false, trimZeros: true } as const;
    expect(formatMoney(4_000_000_000, D)).toBe('4000');
    expect(formatMoney(4_000_500_000, D)).toBe('4000.5');
    expect(formatMoney(1_234_567, D)).toBe('1.234567');
  });
});

describe('parseMoneyInput: a unit word typed after the amount', () => {
  it('strips the table unit, converts another, with a hint; plain numbers have none', () => {
    expect(parseMoneyInput('30万元', 'wanyuan')).toEqual({ fen: 30_000_000, hint: '“30万元”按 30 万元填写（本表金额单位为万元，只填数字即可）' });
    expect(parseMoneyInput('30000 元', 'wanyuan')).toEqual({ fen: 3_000_000, converted: true, hint: '“30000 元”已换算为 3 万元（本表金额单位为万元）' });
    expect(parseMoneyInput('1.5万元', 'yuan')).toMatchObject({ fen: 1_500_000, converted: true, hint: '“1.5万元”已换算为 15000 元（本表金额单位为元）' });
    expect(parseMoneyInput('280.50', 'wanyuan')).toEqual({ fen: 280_500_000 });
    expect(() => parseMoneyInput('元', 'wanyuan')).toThrow('不是金额');
    expect(() => parseMoneyInput('三十万元', 'wanyuan')).toThrow('不是金额');
  });
});
