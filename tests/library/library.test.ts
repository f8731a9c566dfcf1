import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  IndicatorLibrary,
  TIER,
  baseRecords,
  buildLibrary,
  collectIndicators,
  defaultIndicatorGroups,
  matchTier,
  pinyinKey,
  seedRecords,
  standardRecords,
  templateYear,
  renderYear,
  foldKey,
} from '../../shared/library/index.ts';
import { INDICATOR_SYSTEMS } from '../../shared/templates/indicator-systems.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { validateProject } from '../../shared/rules/index.ts';
import { projectFilingSchema, type ProjectFiling } from '../../shared/model/filing.ts';
import { SEED_LIBRARY_PATH, buildSeedLibraryJson } from '../../tools/build-library.ts';
import { allSeedProjects } from '../../tools/seed-corpus.ts';

const names = (r: { name: string }[]) => r.map((e) => e.name);

describe('seed-indicators.json', () => {
  it('is what build-library.ts produces from the seeds (regenerate: npx tsx tools/build-library.ts)', () => {
    expect(readFileSync(SEED_LIBRARY_PATH, 'utf8')).toBe(buildSeedLibraryJson());
  });

  it('holds hundreds of real 三级 indicators with counted values and bases', () => {
    const seeds = seedRecords();
    expect(seeds.length).toBeGreaterThan(300);
    const uses = seeds.reduce((n, r) => n + r.uses, 0);
    const rows = allSeedProjects().flatMap((p) => Object.values(p.periods).flatMap((d) => d?.indicators ?? []));
    expect(uses).toBe(rows.length);
    for (const r of seeds) {
      expect(r.name.trim()).not.toBe('');
      expect(r.level1).toMatch(/指标$/);
      for (const list of [r.values, r.bases, r.descriptions]) {
        for (let i = 1; i < list.length; i++) expect(list[i - 1]!.count).toBeGreaterThanOrEqual(list[i]!.count);
      }
    }
    const wcl = seeds.find((r) => r.name === '工作完成率');
    expect(wcl?.values[0]).toEqual({ text: '≥100%', count: 23 });
    expect(wcl?.bases[0]?.text).toBe('工作计划');
  });

  it('writes the fiscal year of dates as {Y}', () => {
    const all = seedRecords().flatMap((r) => r.values.map((v) => v.text));
    expect(all).toContain('{Y}.12.31');
    expect(all.some((v) => /(?<!\d)2025\.12\.31/.test(v))).toBe(false);
  });
});

describe('standard part', () => {
  it('covers every 二级 of both systems with generic indicators', () => {
    const std = standardRecords();
    for (const sys of Object.values(INDICATOR_SYSTEMS)) {
      for (const l1 of sys.level1) {
        for (const l2 of sys.level2[l1] ?? []) {
          expect(std.some((r) => r.level1 === l1 && r.level2 === l2), `${l1}/${l2}`).toBe(true);
        }
      }
    }
    expect(std.every((r) => r.source === 'standard' && r.uses === 0)).toBe(true);
  });

  it('proposes only values the 审核 accepts as written', () => {
    const t = getTemplate('A')!;
    const rows = standardRecords([INDICATOR_SYSTEMS.legacy]).flatMap((r, i) =>
      r.values.map((v, j) => ({ id: `r${i}-${j}`, level1: r.level1, level2: r.level2, name: `${r.name}${i}-${j}`, value: renderYear(v.text, 2025) })),
    );
    const f = projectFilingSchema.parse({ id: 'x', templateId: 'A', unitCode: '100001', year: 2025, name: '测试', periods: { annual: { indicators: rows } } });
    const valueFindings = validateProject(f, t).filter((x) => /^R-(VALUE|DATE|TIME)/.test(x.code));
    expect(valueFindings.map((x) => x.message)).toEqual([]);
  });

  it('starts a new table with the groups nearly every table fills', () => {
    expect(defaultIndicatorGroups('legacy')).toEqual([
      { level1: '产出指标', level2: '数量指标' },
      { level1: '产出指标', level2: '质量指标' },
      { level1: '产出指标', level2: '时效指标' },
      { level1: '产出指标', level2: '成本指标' },
      { level1: '效益指标', level2: '社会效益指标' },
      { level1: '满意度指标', level2: '服务对象满意度指标' },
    ]);
    const g = defaultIndicatorGroups('caiyu2021');
    expect(g).toContainEqual({ level1: '成本指标', level2: '经济成本指标' });
    expect(new Set(g.map((x) => x.level1))).toEqual(new Set(INDICATOR_SYSTEMS.caiyu2021.required));
  });
});

describe('pinyin keys', () => {
  it('aligns initials and syllables with the characters, polyphones included', () => {
    const k = pinyinKey(foldKey('工作完成率(%)'));
    expect(k.chars.join('')).toBe('工作完成率(%)');
    expect(k.initials.length).toBe(k.chars.length);
    expect(k.syllables.slice(0, 5)).toEqual(['gong', 'zuo', 'wan', 'cheng', 'lv']);
    expect(k.initials[4]).toEqual(expect.arrayContaining(['l', 's'])); // 率: lǜ / shuài
    expect(k.initials[5]).toEqual(['(']);
    expect(k.primary.slice(0, 5)).toEqual(['g', 'z', 'w', 'c', 'l']);
  });
});

describe('matchTier', () => {
  const t = (name: string, q: string) => matchTier(foldKey(name), pinyinKey(foldKey(name)), foldKey(q));
  it('ranks exact < prefix < substring < initials < full pinyin', () => {
    expect(t('满意度', '满意度')).toBe(TIER.exact);
    expect(t('满意度调查', '满意度')).toBe(TIER.prefix);
    expect(t('服务对象满意度', '满意度')).toBe(TIER.substring);
    expect(t('满意度', 'myd')).toBe(TIER.initialsPrefix);
    expect(t('满意度', 'MYD')).toBe(TIER.initialsPrefix);
    expect(t('满意度', 'ｍｙｄ')).toBe(TIER.initialsPrefix); // full-width letters
    expect(t('服务对象满意度', 'myd')).toBe(TIER.initials);
    expect(t('服务对象满意度', '满yd')).toBe(TIER.initials); // mixed
    expect(t('满意度', 'manyidu')).toBe(TIER.pinyinPrefix);
    expect(t('服务对象满意度', 'manyi')).toBe(TIER.pinyin);
    expect(t('完成率', 'wcl')).toBe(TIER.initialsPrefix);
    expect(t('完成率', 'wcs')).toBe(TIER.altInitialsPrefix); // 率 read shuài: found, ranked lower
    expect(t('信息系统', 'sx')).toBe(TIER.altInitialsPrefix); // 信 read shēn
    expect(t('完成时限', 'sx')).toBe(TIER.initials); // … below a match in context
    expect(t('满意度', 'xyz')).toBe(-1);
    expect(t('满意度', '质量')).toBe(-1);
  });
});

describe('search', () => {
  const lib = buildLibrary().warm();

  it('finds by Chinese substring, best matches first, then by uses', () => {
    const r = lib.search('满意度', { year: 2025, limit: 10 });
    expect(r[0]?.name).toBe('满意度'); // exact
    expect(r.every((e) => e.name.includes('满意度'))).toBe(true);
    const subs = r.filter((e) => !e.name.startsWith('满意度'));
    for (let i = 1; i < subs.length; i++) expect(subs[i - 1]!.uses).toBeGreaterThanOrEqual(subs[i]!.uses);
    expect(subs[0]?.name).toBe('服务对象满意度');
  });

  it('finds by pinyin initials in any case: mYd / myd → 满意度', () => {
    for (const q of ['mYd', 'myd', 'MYD']) {
      const r = lib.search(q, { year: 2025, limit: 5 });
      expect(names(r)).toContain('满意度');
      expect(r[0]?.name.startsWith('满意度')).toBe(true);
    }
    const fwmyd = lib.search('fwdxmyd', { year: 2025, limit: 3 });
    expect(fwmyd[0]?.name).toBe('服务对象满意度');
  });

  it('filters by 一级 / 二级', () => {
    const r = lib.search('', { year: 2025, level1: '产出指标', level2: '时效指标', limit: 100 });
    expect(r.length).toBeGreaterThan(10);
    expect(r.every((e) => e.level1 === '产出指标' && e.level2 === '时效指标')).toBe(true);
    expect(r[0]?.name).toBe('完成时限'); // most used
    const none = lib.search('满意度', { year: 2025, level2: '数量指标' });
    expect(none.every((e) => e.level2 === '数量指标')).toBe(true);
  });

  it('proposes values and bases, dates written for the requested year', () => {
    const [e] = lib.search('完成时限', { year: 2026, limit: 1 });
    expect(e?.name).toBe('完成时限');
    expect(e?.values.length).toBeGreaterThan(0);
    expect(e?.values.some((v) => v.includes('2026'))).toBe(true);
    expect(e?.values.some((v) => v.includes('{Y}'))).toBe(false);
    const [w] = lib.search('工作完成率', { year: 2025, limit: 1 });
    expect(w?.values[0]).toBe('≥100%');
    expect(w?.bases[0]).toBe('工作计划');
    expect(w?.source).toBe('seed');
  });

  it('joins the unit’s own indicators, which come first among equal matches', () => {
    const own: ProjectFiling = projectFilingSchema.parse({
      id: 'u1',
      templateId: 'B',
      unitCode: '100001',
      year: 2025,
      periods: {
        annual: {
          indicators: [
            { id: 'a', level1: '满意度指标', level2: '服务对象满意度指标', name: '窗口服务满意度', value: '≥98%', basis: '年度考核' },
            { id: 'b', level1: '满意度指标', level2: '服务对象满意度指标', name: '服务对象满意度', value: '≥97%', basis: '上年实际' },
          ],
        },
      },
    });
    const unitLib = buildLibrary(collectIndicators([own], 'unit'));
    expect(unitLib.size).toBe(baseRecords().length + 1); // 服务对象满意度 merged
    const r = unitLib.search('myd', { year: 2025, limit: 50 });
    const own1 = r.find((e) => e.name === '窗口服务满意度');
    expect(own1).toMatchObject({ source: 'unit', uses: 1, values: ['≥98%'], bases: ['年度考核'] });
    const merged = r.find((e) => e.name === '服务对象满意度');
    expect(merged?.source).toBe('unit');
    expect(merged?.values[0]).toBe('≥97%'); // the unit's own value first
    expect(merged?.values).toContain('≥90%'); // then the published ones
    const seedUses = seedRecords().find((x) => x.name === '服务对象满意度' && x.level2 === '服务对象满意度指标')!.uses;
    expect(merged?.uses).toBe(seedUses + 1);
    // among substring matches of 满意度 the unit's entries lead
    const sub = unitLib.search('满意度', { year: 2025, limit: 5 }).filter((e) => e.name !== '满意度');
    expect(sub[0]?.source).toBe('unit');
  });

  it('answers an empty query with the most used indicators and respects the limit', () => {
    const r = lib.search('  ', { year: 2025, limit: 3 });
    expect(r).toHaveLength(3);
    expect(r[0]!.uses).toBeGreaterThanOrEqual(r[1]!.uses);
  });

  it('is fast enough to run on every keystroke', () => {
    const fresh = new IndicatorLibrary(baseRecords());
    const t0 = performance.now();
    fresh.search('myd', { year: 2025 }); // computes the pinyin keys
    const t1 = performance.now();
    for (let i = 0; i < 100; i++) fresh.search(['m', 'my', 'myd', '满', '满意'][i % 5]!, { year: 2025 });
    const t2 = performance.now();
    expect(t1 - t0).toBeLessThan(2000);
    expect((t2 - t1) / 100).toBeLessThan(20);
  });
});

describe('year templating', () => {
  it('replaces the fiscal year only where it stands as a year', () => {
    expect(templateYear('2025.12.31', 2025)).toBe('{Y}.12.31');
    expect(templateYear('2025年12月底前', 2025)).toBe('{Y}年12月底前');
    expect(templateYear('≥2025人', 2025)).toBe('≥2025人');
    expect(templateYear('1002025年12月31日', 2025)).toBe('1002025年12月31日');
    expect(renderYear('{Y}年1-12月', 2026)).toBe('2026年1-12月');
  });
});
