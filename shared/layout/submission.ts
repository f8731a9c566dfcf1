// The two kinds of print. 公开稿 is the layout as the published books print it (the seeds);
// 报送稿 is the copy a unit signs, seals and hands in: it adds a cover (a book) or a heading
// line (one table) with the unit, the year and 单位（盖章）, and a signature line
// (负责人 / 经办人 / 联系电话 / 填报日期, from the filing's footer; blank to be written by hand)
// under each table or once at the end of the book. A form whose table has its own signature
// row (C) keeps that row and gets no second one.
import type { ProjectFiling } from '../model/filing.ts';
import type { TemplateDef } from '../templates/types.ts';
import type { LayoutBlock, LayoutParagraph } from './types.ts';

export type PrintKind = 'public' | 'submission';
/** Where the 报送稿 signature goes: under each table, or once at the end of the book. */
export type SignaturePlacement = 'table' | 'book';

export interface PrintOptions {
  kind: PrintKind;
  signature: SignaturePlacement;
}

export const PUBLIC_PRINT: PrintOptions = { kind: 'public', signature: 'table' };

type Footer = ProjectFiling['footer'];
const SIGNATURE_FIELDS: Array<[keyof Footer, string]> = [
  ['head', '负责人'],
  ['handler', '经办人'],
  ['phone', '联系电话'],
  ['date', '填报日期'],
];
/** Room to sign or write by hand where the field is blank. */
const BLANK = '　'.repeat(5);

/** The form's table has its own 负责人 … 填报日期 row (layout C). */
export function hasSignatureRow(t: TemplateDef): boolean {
  return t.layout.blocks.some((b) => b.kind === 'rows' && b.rows.some((r) => r.cells.some((c) => 'field' in c && c.field.startsWith('footer.'))));
}

export function signatureLine(footer: Footer): LayoutParagraph {
  const text = SIGNATURE_FIELDS.map(([k, label]) => `${label}：${footer[k].trim() || BLANK}`).join('　');
  return { kind: 'paragraph', style: 'signature', text };
}

/** The book's signature: per field, the first table that has it filled (one office signs the book). */
export function bookFooter(filings: Iterable<ProjectFiling>): Footer {
  const out: Footer = { head: '', handler: '', phone: '', date: '' };
  for (const f of filings) for (const [k] of SIGNATURE_FIELDS) if (!out[k] && f.footer[k].trim()) out[k] = f.footer[k].trim();
  return out;
}

/** The unit on a seal line: its name, where the seal goes (the code is on the unit line under each title). */
export function sealedUnit(unit: { code: string; name: string }): string {
  return unit.name;
}

/** `单位（盖章）：天津市医疗保障局` with the year flush right. */
export function sealLine(unitText: string, year: number): LayoutParagraph {
  return { kind: 'paragraph', style: 'seal', text: `单位（盖章）：${unitText}`, right: `${year}年度`, keepNext: true };
}

/** The cover page of a 报送稿 book: title, year, unit with room for the seal. */
export function coverBlocks(title: string, unitText: string, year: number): LayoutBlock[] {
  return [
    { kind: 'paragraph', style: 'coverTitle', text: title },
    { kind: 'paragraph', style: 'caption', text: `（${year}年度）` },
    { kind: 'paragraph', style: 'seal', text: `单位（盖章）：${unitText}` },
    { kind: 'paragraph', style: 'seal', text: `报送日期：　　　　年　　月　　日` },
    { kind: 'pageBreak' },
  ];
}
