// The walk over layout blocks that every document writer (DOCX body, HTML print view) shares:
// a page break is remembered and applied to the next block by the writer.
import type { LayoutBlock, LayoutContents, LayoutHeading, LayoutParagraph, LayoutTable } from './types.ts';

export abstract class BlockWriter {
  /** A page break is pending: the next block starts a new page. */
  protected pendingBreak = false;

  /** Output of one block. */
  block(b: LayoutBlock): string {
    switch (b.kind) {
      case 'paragraph':
        return this.paragraph(b);
      case 'heading':
        return this.heading(b);
      case 'contents':
        return this.contents(b);
      case 'pageBreak':
        this.pendingBreak = true;
        return '';
      case 'table':
        return this.table(b.table);
    }
  }

  protected abstract paragraph(p: LayoutParagraph): string;
  protected abstract heading(h: LayoutHeading): string;
  protected abstract contents(c: LayoutContents): string;
  protected abstract table(t: LayoutTable): string;
}
