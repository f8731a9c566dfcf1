// Limits on the body of a Word file from outside (.docx and .doc alike), kept while it is
// read: paragraphs and tables, table cells, the text of one paragraph or cell, and table
// nesting. A file past one of them is refused with a Chinese message before the recogniser
// sees anything; together with the worker's time and memory limits (word-offthread.ts) they
// bound the work a hostile file can cause.
import { WordImportError } from './word-error.ts';

export const WORD_BODY_LIMITS = {
  /** Paragraphs and tables outside tables (a 200-table book has ~5,000). */
  blocks: 300_000,
  /** Table cells over the whole document (a 200-table book has ~30,000). */
  cells: 1_000_000,
  /** Characters of one paragraph or one table cell (the spreadsheet reader's limit). */
  textChars: 100_000,
  /** Tables inside tables (Word itself nests a few levels). */
  depth: 64,
};
export type WordBodyLimits = typeof WORD_BODY_LIMITS;

const tooLarge = (what: string) => new WordImportError(`Word 文件过大或过于复杂：${what}，已拒绝（没有导入任何内容）`, 'TOO_LARGE');

export class BodyBudget {
  private blocks = 0;
  private cells = 0;
  constructor(private readonly limits: WordBodyLimits = WORD_BODY_LIMITS) {}

  block(): void {
    if (++this.blocks > this.limits.blocks) throw tooLarge(`段落和表格超过 ${this.limits.blocks} 个`);
  }

  cell(): void {
    if (++this.cells > this.limits.cells) throw tooLarge(`表格单元格超过 ${this.limits.cells} 个`);
  }

  /** Checks the length of a paragraph's or cell's text so far. */
  text(length: number, inTable: boolean): void {
    if (length > this.limits.textChars) throw tooLarge(`${inTable ? '一个单元格' : '一个段落'}的文字超过 ${this.limits.textChars} 个字符`);
  }

  depth(depth: number): void {
    if (depth > this.limits.depth) throw tooLarge(`表格嵌套超过 ${this.limits.depth} 层`);
  }
}
