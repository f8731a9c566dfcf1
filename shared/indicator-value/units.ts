// Numbers and units of 指标值: the unit lexicon (percent, money, time, count) and its boundaries.
import type { Span, TimeUnit } from './types.ts';
import { SUFFIX_COMPARATORS } from './comparators.ts';
import { isCjk, isNoise, skipNoise } from './lexical.ts';

// ---------------------------------------------------------------------------------------
// Numbers and units

export interface NumberHit {
  text: string; // ASCII, no separators
  value: number;
  span: Span;
}

const NUMBER_RE = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/y;

export function readNumber(n: string, pos: number): NumberHit | null {
  NUMBER_RE.lastIndex = pos;
  const m = NUMBER_RE.exec(n);
  if (!m) return null;
  const text = m[0].replace(/,/g, '');
  return { text, value: Number(text), span: [pos, pos + m[0].length] };
}

type UnitCategory = 'percent' | 'money' | 'time' | 'count';

/** Unit words, longest first within the scan (the list is sorted at load). */
const UNIT_LEXICON: Array<[string, UnitCategory]> = (
  [
    ['\\%', 'percent'],
    ['%', 'percent'],
    ['百分比', 'percent'],
    ['亿元', 'money'],
    ['万元', 'money'],
    ['千元', 'money'],
    ['元', 'money'],
    ['个工作日', 'time'],
    ['工作日', 'time'],
    ['个自然日', 'time'],
    ['自然日', 'time'],
    ['个小时', 'time'],
    ['小时', 'time'],
    ['分钟', 'time'],
    ['个季度', 'time'],
    ['季度', 'time'],
    ['个月', 'time'],
    ['年', 'time'],
    ['月', 'time'],
    ['周', 'time'],
    ['天', 'time'],
    ['日', 'time'],
    ['秒', 'time'],
  ] as Array<[string, UnitCategory]>
)
  .concat(
    [
      '个百分点', '百分点', '万人次', '人次', '万人', '千人', '人', '家次', '家', '次', '个', '项',
      '套', '份', '万份', '台', '组', '万件', '件', '条', '万条', '张', '篇', '场', '期', '户',
      '批', '所', '名', '本', '册', '万册', '平方米', '平米', '㎡', 'm²', '米', '公里', '千米',
      '吨', '辆', '宗', '起', '例', '单', '笔', '部', '间', '座', '处', '款', '种', '类', '轮',
      '课时', '学时', '人日', '床', '岗', '节', '门', '倍', '分', '万', '亿', '页', '块', '支',
      '盒', '箱', '位', '栋', '层', '亩', '公顷', '千瓦', 'GB', 'TB', 'M', 'G',
      '头', '只', '羽', '株', '棵', '尾', '公斤', '千克', '立方米', '千瓦时', '所次', '户次',
    ].map((u): [string, UnitCategory] => [u, 'count']),
  )
  .sort((a, b) => b[0].length - a[0].length);

/** 万 / 亿 / 千 before a count word make one unit (`万亩`, `万头`, `亿立方米`, `千公里`). */
const MAGNITUDE_PREFIX = new Set(['万', '亿', '千']);

function readUnitCore(n: string, pos: number): { text: string; category: UnitCategory } | null {
  for (const [u, cat] of UNIT_LEXICON) {
    if (!n.startsWith(u, pos)) continue;
    if (MAGNITUDE_PREFIX.has(u)) {
      const next = UNIT_LEXICON.find(([w, c]) => c === 'count' && !MAGNITUDE_PREFIX.has(w) && n.startsWith(w, pos + 1));
      if (next) return { text: u + next[0], category: 'count' };
    }
    return { text: u, category: cat };
  }
  return null;
}

export const TIME_CANON: Record<string, TimeUnit> = {
  个工作日: '工作日',
  工作日: '工作日',
  个自然日: '日',
  自然日: '日',
  个小时: '小时',
  小时: '小时',
  分钟: '分钟',
  个季度: '季度',
  季度: '季度',
  个月: '月',
  月: '月',
  年: '年',
  周: '周',
  天: '日',
  日: '日',
  秒: '秒',
};

interface UnitHit {
  span: Span;
  first: { text: string; category: UnitCategory };
  compound: boolean;
}

/** A character that may follow a unit: end, noise, a separator, punctuation. */
function unitBoundaryOk(n: string, pos: number): boolean {
  const ch = n[pos];
  if (ch === undefined || isNoise(ch)) return true;
  if (/[-~/()（）,.;:，。；：、!?！？]/.test(ch)) return true;
  if (ch === '至' || ch === '到') return /\d/.test(n[skipNoise(n, pos + 1)] ?? '');
  for (const [s] of SUFFIX_COMPARATORS) if (n.startsWith(s, pos)) return true;
  return !isCjk(ch) && !/[A-Za-z0-9]/.test(ch);
}

/**
 * The unit after a number: a lexicon word, or 1–3 unknown CJK characters standing at
 * the end, then `/X`, `.X`, `每X` parts (`元/人/年`, `元/人.年`, `万/月`).
 */
export function readUnit(n: string, pos: number): UnitHit | null {
  let first = readUnitCore(n, pos);
  let end: number;
  if (first) {
    end = pos + first.text.length;
  } else {
    // Unknown word unit: a short run of CJK characters followed by a boundary.
    let e = pos;
    while (e < n.length && e - pos < 3 && isCjk(n[e])) e++;
    if (e === pos || !unitBoundaryOk(n, e) || /^(以上|以下|以内|之内|左右|内)/.test(n.slice(pos))) return null;
    first = { text: n.slice(pos, e), category: 'count' };
    end = e;
  }
  let compound = false;
  for (;;) {
    const sep = n[end];
    const isSep = sep === '/' || sep === '每' || sep === '·' || (sep === '.' && isCjk(n[end + 1]));
    if (!isSep) break;
    const core = readUnitCore(n, end + 1);
    if (core) {
      end = end + 1 + core.text.length;
      compound = true;
      continue;
    }
    let e = end + 1;
    while (e < n.length && e - (end + 1) < 2 && isCjk(n[e])) e++;
    if (e === end + 1) break;
    end = e;
    compound = true;
  }
  // A word unit must end at a boundary (`≥0.8月度…` is not “0.8 月”); a sign such as `%`
  // needs none (`100%完成`).
  if (isCjk(n[end - 1]) && !unitBoundaryOk(n, end)) return null;
  return { span: [pos, end], first, compound };
}
