import { describe, expect, it } from 'vitest';
import {
  assignAt,
  formatPath,
  getAt,
  indicatorPath,
  parseIndicatorPath,
  parsePath,
  periodOfPath,
  setAt,
  stableIndicatorPath,
} from '../../shared/model/field-path.ts';

const filing = {
  name: '项目',
  periods: { annual: { indicators: [{ id: 'r1', value: '≥90%' }, { id: 'r.2', value: '1年' }] } },
};

describe('field paths', () => {
  it('parse and print positions, ids and keys', () => {
    expect(parsePath('periods.annual.indicators[3].value')).toEqual(['periods', 'annual', 'indicators', 3, 'value']);
    expect(parsePath('periods.annual.indicators[id=r.2].value')).toEqual(['periods', 'annual', 'indicators', { id: 'r.2' }, 'value']);
    for (const p of ['name', 'spendingPlan.mar', 'periods.annual.indicators[3].value', 'periods.midterm.indicators[id=r1]']) {
      expect(formatPath(parsePath(p))).toBe(p);
    }
    expect(indicatorPath('annual', 2, 'name')).toBe('periods.annual.indicators[2].name');
    expect(indicatorPath('annual', { id: 'r1' })).toBe('periods.annual.indicators[id=r1]');
  });

  it('refuse malformed and dangerous paths', () => {
    for (const p of ['', 'a..b', 'a[x]', 'a[1', '__proto__.x', 'a.constructor', 'a[-1]']) {
      expect(() => parsePath(p), p).toThrow();
    }
  });

  it('read indicator paths and periods', () => {
    expect(parseIndicatorPath('periods.annual.indicators[3].value')).toEqual({ period: 'annual', index: 3, column: 'value' });
    expect(parseIndicatorPath('periods.annual.indicators[id=r1]')).toEqual({ period: 'annual', rowId: 'r1' });
    expect(parseIndicatorPath('periods.annual.funding.total')).toBeNull();
    expect(parseIndicatorPath('periods.annual.indicators[1].value.x')).toBeNull();
    expect(periodOfPath('periods.midterm.goal')).toBe('midterm');
    expect(periodOfPath('name')).toBeUndefined();
  });

  it('get, set and assign by position and by id', () => {
    expect(getAt(filing, 'periods.annual.indicators[1].value')).toBe('1年');
    expect(getAt(filing, 'periods.annual.indicators[id=r1].value')).toBe('≥90%');
    expect(getAt(filing, 'periods.annual.indicators[id=zz].value')).toBeUndefined();
    expect(getAt(filing, 'periods.midterm.goal')).toBeUndefined();
    const next = setAt(filing, 'periods.annual.indicators[id=r.2].value', '2年');
    expect(next.periods.annual.indicators[1]!.value).toBe('2年');
    expect(filing.periods.annual.indicators[1]!.value).toBe('1年');
    expect(next.periods.annual.indicators[0]).toBe(filing.periods.annual.indicators[0]);
    expect(() => setAt(filing, 'periods.annual.indicators[5].value', 'x')).toThrow('字段路径不存在');
    expect(() => setAt(filing, 'periods.annual.indicators[id=zz].value', 'x')).toThrow('字段路径不存在');
    const built: Record<string, unknown> = {};
    assignAt(built, 'periods.annual.funding.total', 100);
    expect(built).toEqual({ periods: { annual: { funding: { total: 100 } } } });
    expect(() => assignAt(built, 'periods.annual.indicators[0].value', 'x')).toThrow();
  });

  it('name a row by its id for stable keys', () => {
    expect(stableIndicatorPath(filing as never, 'periods.annual.indicators[1].value')).toBe('periods.annual.indicators[id=r.2].value');
    expect(stableIndicatorPath(filing as never, 'periods.annual.indicators[9].value')).toBe('periods.annual.indicators[9].value');
    expect(stableIndicatorPath(filing as never, 'name')).toBe('name');
  });
});
