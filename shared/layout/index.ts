// Layout model of the printed documents: pure TypeScript, no Node or DOM imports.
export * from './types.ts';
export { pageSetup, scaleGrid, FONTS, PARAGRAPH_LOOKS, TABLE_ROW_MIN_TWIPS } from './typesetting.ts';
export type { FontSpec, ParagraphLook } from './typesetting.ts';
export { projectTableLayout, resolveField } from './table.ts';
export { buildProjectLayout, buildBookLayout, LayoutError } from './documents.ts';
export type { BookInput, BookUnit } from './documents.ts';
export type { PrintOptions } from './submission.ts';
