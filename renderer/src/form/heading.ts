// The lines printed above a table, from the template's book definition: the numbered
// heading with unit line and `单位：万元` (A, B), the form title with `（YYYY年度）` (C),
// `N. “…”项目` with its captions (D).
import type { ProjectFiling, Unit } from '../../../shared/model/filing.ts';
import type { TemplateDef } from '../../../shared/templates/types.ts';
import { amountUnitLabel } from '../../../shared/templates/index.ts';

export interface HeadingLine {
  text: string;
  kind: 'heading' | 'caption' | 'unit' | 'amountUnit';
}

export function fillPlaceholders(s: string, v: { n: number; name: string; year: number; region: string; unit: string }): string {
  return s
    .replace(/\{n\}/g, String(v.n))
    .replace(/\{name\}/g, v.name)
    .replace(/\{year\}/g, String(v.year))
    .replace(/\{region\}/g, v.region)
    .replace(/\{unit\}/g, v.unit);
}

export function headingLines(t: TemplateDef, f: ProjectFiling, unit: Unit | null): HeadingLine[] {
  const vars = {
    n: f.seq || 1,
    name: (f.headingName || f.name).trim() || '（未命名项目）',
    year: f.year,
    region: unit?.region ?? '',
    unit: unit?.name ?? '',
  };
  const out: HeadingLine[] = [{ text: fillPlaceholders(t.book.tableHeading, vars), kind: 'heading' }];
  const book = t.book as TemplateDef['book'] & { captions?: string[] };
  for (const c of book.captions ?? []) out.push({ text: fillPlaceholders(c, vars), kind: 'caption' });
  if (t.book.style === 'numbered') {
    if (unit) out.push({ text: `${unit.code}${unit.name}`, kind: 'unit' });
    out.push({ text: `单位：${amountUnitLabel(t)}`, kind: 'amountUnit' });
  }
  return out;
}
