// Layout model of the printed documents: pure TypeScript, no Node or DOM imports.
export * from './types.ts';
export { pageSetup, scaleGrid, mmToTwips, FONTS, PARAGRAPH_LOOKS, TWIPS_PER_MM, TABLE_ROW_MIN_TWIPS, CELL_PADDING_TWIPS } from './typesetting.ts';
export type { FontSpec, ParagraphLook } from './typesetting.ts';
export { projectTableLayout, resolveField } from './table.ts';
export type { FieldContext } from './table.ts';
export { buildProjectLayout, buildBookLayout, fillPlaceholders, LayoutError } from './documents.ts';
export type { BookInput, BookUnit, ProjectLayoutOptions } from './documents.ts';
