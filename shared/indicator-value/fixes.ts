// Normalisations of a 指标值, offered as suggestions. Each fix is computed from the raw
// text alone and says exactly which characters it changes; `applyFix` applies it only if
// the text still reads what the fix was computed from. Nothing is applied silently.
import { memoByText } from './memo.ts';
import { normalisedView } from './lexical.ts';
import { parseIndicatorValue } from './parse.ts';
import type { ParsedValue, Span, TextEdit, ValueFix } from './types.ts';

const CANONICAL_SYMBOL: Record<string, string> = { '≥': '≥', '≤': '≤', '>': '>', '<': '<', '=': '=' };

/** The single edit turning `a` into `b` (common prefix and suffix kept). */
function diffEdit(a: string, b: string): TextEdit {
  let s = 0;
  while (s < a.length && s < b.length && a[s] === b[s]) s++;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  return { start: s, end: ea, from: a.slice(s, ea), to: b.slice(s, eb) };
}

function makeFix(raw: string, code: ValueFix['code'], message: (to: string) => string, replacement: string): ValueFix | null {
  if (replacement === raw) return null;
  return { code, message: message(replacement), original: raw, replacement, edits: [diffEdit(raw, replacement)] };
}

/** Replace the given spans of `raw` by new texts (spans must not overlap). */
function replaceSpans(raw: string, parts: Array<{ span: Span; to: string }>): string {
  const sorted = [...parts].sort((a, b) => b.span[0] - a.span[0]);
  let out = raw;
  for (const p of sorted) out = out.slice(0, p.span[0]) + p.to + out.slice(p.span[1]);
  return out;
}

/** Spans covering the figure part of a value (comparator … unit / date). */
function figureSpans(v: ParsedValue): Span[] {
  if (v.kind === 'quantity' || v.kind === 'duration') {
    const s = v.spans;
    return [s.comparator, s.number, s.upper, s.unit, s.suffix].filter((x): x is Span => x !== undefined);
  }
  if (v.kind === 'date') {
    return [v.spans.comparator, v.spans.date].filter((x): x is Span => x !== undefined);
  }
  return [];
}

function figureRange(v: ParsedValue): Span | null {
  const spans = figureSpans(v);
  if (spans.length === 0) return null;
  return [Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1]))];
}

const FULL_WIDTH_RE = /[\uff10-\uff19％．＞＜＝／～－\u3000]/;

/**
 * Suggestions for one value, in the order a user would apply them. Each replacement is
 * the value after that fix alone (apply one, re-read the value, ask again).
 */
/** Normalisations offered for a value text (memoised: the result is frozen and shared). */
export const suggestValueFixes: (raw: string) => readonly ValueFix[] = memoByText(suggestValueFixesUncached);

function suggestValueFixesUncached(raw: string): ValueFix[] {
  const v = parseIndicatorValue(raw);
  const fixes: ValueFix[] = [];
  const push = (f: ValueFix | null): void => {
    if (f) fixes.push(f);
  };
  if (v.kind === 'empty' || v.kind === 'notApplicable') return fixes;
  if (v.kind === 'qualitative') {
    push(makeFix(raw, 'spaces', () => '指标值前后有多余空格，建议删除', raw.trim()));
    return fixes;
  }

  const range = figureRange(v);
  const figureText = range ? raw.slice(range[0], range[1]) : '';

  // LaTeX residue from a converted document: `$\geq 95\%$`.
  if (/[$＄\\]/.test(raw)) {
    const cleaned = (raw.trim())
      .replace(/[$＄]/g, '')
      .replace(/\\geqslant|\\geq|\\ge(?![a-z])/g, '≥')
      .replace(/\\leqslant|\\leq|\\le(?![a-z])/g, '≤')
      .replace(/\\gt(?![a-z])/g, '>')
      .replace(/\\lt(?![a-z])/g, '<')
      .replace(/\\%/g, '%')
      .replace(/\s+/g, '');
    push(makeFix(raw, 'latex', (to) => `指标值含有排版残留符号（$、\\geq 等），建议改为“${to}”`, cleaned));
  }

  const cmpSpan = v.spans.comparator;
  // Comparator written as `>=`, `＞＝`, `≧`, `≥=`: canonical `≥`.
  if (cmpSpan && v.comparator !== null && !/^\\/.test(v.comparatorText)) {
    const written = v.comparatorText;
    const canon = CANONICAL_SYMBOL[v.comparator] ?? v.comparator;
    const isWord = /[\u4e00-\u9fff]/.test(written);
    if (!isWord && written !== canon) {
      push(
        makeFix(
          raw,
          'comparator-symbol',
          (to) => `比较符号“${written}”建议写作“${canon}”，即“${to.trim()}”`,
          replaceSpans(raw, [{ span: cmpSpan, to: canon }]),
        ),
      );
    }
  }

  // Full-width digits, ％, ．in the figure.
  if (range && FULL_WIDTH_RE.test(figureText)) {
    const parts = figureSpans(v)
      .filter((s) => !(cmpSpan && s[0] === cmpSpan[0] && s[1] === cmpSpan[1]))
      .map((s) => {
        const seg = raw.slice(s[0], s[1]);
        const n = normalisedView(seg);
        // Keep CJK and everything the width map does not cover; map digits, ％ and ．
        let to = '';
        for (let i = 0; i < seg.length; i++) {
          const ch = seg[i] as string;
          to += FULL_WIDTH_RE.test(ch) && ch !== '\u3000' ? (n[i] as string) : ch;
        }
        return { span: s, to };
      });
    push(makeFix(raw, 'full-width', (to) => `全角数字或符号建议改为半角：“${to.trim()}”`, replaceSpans(raw, parts)));
  }

  // 百分比 → %.
  if (v.kind === 'quantity' && v.percentWord && v.spans.unit) {
    const [s, e] = v.spans.unit;
    const unitText = raw.slice(s, e).replace('百分比', '%');
    let out = replaceSpans(raw, [{ span: [s, e], to: unitText }]);
    // A range repeats the unit: `80百分比-90百分比`.
    out = out.replace(/(\d)\s*百分比/g, '$1%');
    push(makeFix(raw, 'percent-word', (to) => `“百分比”应写作“%”，建议改为“${to.trim()}”`, out));
  }

  // ≥100% → 100%: a rate cannot exceed 100%, so "at least 100%" is "100%".
  if (
    v.kind === 'quantity' &&
    v.percent &&
    v.comparator === '≥' &&
    v.upper === undefined &&
    Number(v.numberText) === 100 &&
    !/^(达到)$/.test(v.comparatorText)
  ) {
    const drop: Array<{ span: Span; to: string }> = [];
    if (v.spans.comparator) drop.push({ span: [v.spans.comparator[0], v.spans.number[0]], to: '' });
    if (v.spans.suffix) drop.push({ span: [v.spans.unit?.[1] ?? v.spans.number[1], v.spans.suffix[1]], to: '' });
    if (drop.length > 0) {
      const out = replaceSpans(raw, drop);
      push(
        makeFix(raw, 'ge-100', (to) => `比率不会超过 100%，“${raw.trim()}”与“${to.trim()}”含义相同，建议写作“${to.trim()}”`, out),
      );
    }
  }

  // Stray spaces around or inside the figure (not inside a trailing note).
  if (range && !fixes.some((f) => f.code === 'latex')) {
    const inside = raw.slice(range[0], range[1]);
    const tightened = inside.replace(/[ \u3000\u00a0\t]+/g, '');
    const rebuilt = raw.slice(0, range[0]).trim() + tightened + raw.slice(range[1]).trimEnd();
    if (rebuilt !== raw) {
      push(makeFix(raw, 'spaces', (to) => `指标值中有多余空格，建议改为“${to}”`, rebuilt));
    }
  }
  return fixes;
}

/**
 * Apply a fix to the text it was computed for. Throws if the text is not exactly what the
 * fix was computed from (the user changed it since), so a stale fix never garbles a value.
 */
export function applyFix(raw: string, fix: ValueFix): string {
  if (raw !== fix.original) throw new Error(`指标值已被修改，建议“${fix.message}”不再适用`);
  let out = raw;
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  for (const e of edits) {
    if (out.slice(e.start, e.end) !== e.from) throw new Error(`指标值已被修改，建议“${fix.message}”不再适用`);
    out = out.slice(0, e.start) + e.to + out.slice(e.end);
  }
  return out;
}

/** All suggested fixes applied in turn (for a "normalise everything" action the user asks for). */
export function normaliseValue(raw: string): string {
  let text = raw;
  for (let guard = 0; guard < 10; guard++) {
    const f = suggestValueFixes(text)[0];
    if (!f) return text;
    text = applyFix(text, f);
  }
  return text;
}
