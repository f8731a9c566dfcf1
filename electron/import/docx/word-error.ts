// The refusal of a Word file (.docx, .doc) from outside, with its code.
import { UserError } from '../../user-error.ts';

export class WordImportError extends UserError {
  override name = 'WordImportError';
  constructor(message: string, code = 'INVALID') {
    super(message, code);
  }
}
