// Labels as the recogniser compares them, and each template's label index: its own labels
// plus the variants of shared/templates/label-synonyms.ts, all normalised.
import { INDICATOR_LABEL_SYNONYMS, ROW_LABEL_SYNONYMS } from '../../../shared/templates/label-synonyms.ts';
import { INDICATOR_COLUMN_LABELS, TEMPLATES } from '../../../shared/templates/index.ts';
import type { IndicatorColumn, TemplateDef } from '../../../shared/templates/types.ts';

const normCache = new Map<string, string>();

/**
 * Label text as compared: NFKC (full-width → half-width: `：（）％` → `:()%`), no whitespace
 * or line breaks (`项 目 名 称`, `其中：财政    资金`), no leading `*`, no trailing colon.
 */
export function normLabel(s: string): string {
  // Every cell is compared many times (per template, per row tried): normalised once.
  let n = normCache.get(s);
  if (n !== undefined) return n;
  n = s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+/, '')
    .replace(/:$/, '');
  if (normCache.size >= 50_000) normCache.clear();
  if (s.length <= 200) normCache.set(s, n);
  return n;
}

export interface LabelIndex {
  /** normalised printed text → normalised template label */
  rows: Map<string, string>;
  /** normalised printed text → indicator column */
  columns: Map<string, IndicatorColumn>;
  /** normalised side label of indicator blocks (`绩效指标`), if any */
  side: Set<string>;
}

const cache = new WeakMap<TemplateDef, LabelIndex>();

/** The labels a template prints, with their variants. */
export function labelIndex(t: TemplateDef): LabelIndex {
  const hit = cache.get(t);
  if (hit) return hit;
  const own = new Set<string>();
  const side = new Set<string>();
  for (const b of t.layout.blocks) {
    if (b.kind === 'rows') for (const r of b.rows) for (const c of r.cells) if ('text' in c) own.add(normLabel(c.text));
    if (b.kind === 'indicators' && b.sideLabel) side.add(normLabel(b.sideLabel));
  }
  const rows = new Map<string, string>([...own].map((l) => [l, l]));
  const synonyms = new Map(Object.entries(ROW_LABEL_SYNONYMS).map(([k, v]) => [normLabel(k), v] as const));
  for (const l of own) for (const v of synonyms.get(l) ?? []) if (!own.has(normLabel(v)) && !rows.has(normLabel(v))) rows.set(normLabel(v), l);
  for (const s of side) for (const v of synonyms.get(s) ?? []) side.add(normLabel(v));
  const columns = new Map<string, IndicatorColumn>();
  for (const c of t.indicatorColumns) {
    columns.set(normLabel(INDICATOR_COLUMN_LABELS[c]), c);
    for (const v of INDICATOR_LABEL_SYNONYMS[c]) if (!columns.has(normLabel(v))) columns.set(normLabel(v), c);
  }
  const out = { rows, columns, side };
  cache.set(t, out);
  return out;
}

/** Whether a text is a label of some template (row label or indicator header). */
export function isTemplateLabel(text: string): boolean {
  const n = normLabel(text);
  return TEMPLATES.some((t) => {
    const ix = labelIndex(t);
    return ix.rows.has(n) || ix.columns.has(n) || ix.side.has(n);
  });
}

/** `单位：万元`, `金额单位：元`, `（万元）` in a label: the amount unit printed, if any. */
export function printedAmountUnit(text: string): 'yuan' | 'wanyuan' | null {
  const s = normLabel(text);
  const m = /单位:?(万元|元)|\((万元|元)\)/.exec(s);
  if (!m) return null;
  return (m[1] ?? m[2]) === '万元' ? 'wanyuan' : 'yuan';
}
