// 实际完成值 in a money rate against a target in another spelling of it: `50000元/月` against
// `≤5万/月` offered the fix “单位改为万/月（数值不变）：50000万/月” (ten thousand times the
// amount), and `6万元/月` against `≤5万/月` was a unit mismatch scoring 0 (万 there is 万元).
import { describe, expect, it } from 'vitest';
import { parseIndicatorValue } from '../../shared/indicator-value/parse.ts';
import { isMeasure } from '../../shared/indicator-value/parse.ts';
import { isProblem, pairMeasure, type Measure } from '../../shared/scoring/compare.ts';

const target = (text: string): Measure => {
  const v = parseIndicatorValue(text);
  if (!isMeasure(v)) throw new Error(`not a measure: ${text}`);
  return v;
};

describe('money units inside a rate', () => {
  it('元/月 against 万/月: the fix converts the amount exactly and keeps the target\'s spelling', () => {
    const p = pairMeasure(target('≤5万/月'), '50000元/月');
    expect(isProblem(p) && p.code === 'unit-mismatch' ? p.fix : null).toEqual({ description: '换算为“5万/月”', replacement: '5万/月' });
    const q = pairMeasure(target('≤20万元/平米'), '185000元/平米');
    expect(isProblem(q) && q.code === 'unit-mismatch' ? q.fix.replacement : null).toBe('18.5万元/平米');
  });

  it('万元/月 against 万/月 is the same unit: compared, not refused', () => {
    const p = pairMeasure(target('≤5万/月'), '6万元/月');
    expect(isProblem(p)).toBe(false);
    if (!isProblem(p)) expect([p.actual, p.target]).toEqual([{ int: 6n, scale: 0 }, { int: 5n, scale: 0 }]);
  });

  it('different rests or no money at all stay a mismatch with the plain fix', () => {
    const p = pairMeasure(target('≤5万元/月'), '50000元/年');
    expect(isProblem(p) && p.code === 'unit-mismatch' ? p.fix.description : null).toBe('单位改为“万元/月”（数值不变）：“50000万元/月”');
    const q = pairMeasure(target('≥5万人'), '30000人');
    expect(isProblem(q) && q.code === 'unit-mismatch').toBe(true);
  });
});
