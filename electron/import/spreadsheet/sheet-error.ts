// The Chinese refusal of a spreadsheet import (thrown in the xlsx worker and in the main process).
import { UserError } from '../../user-error.ts';

export class SpreadsheetError extends UserError {
  override name = 'SpreadsheetError';
  constructor(message: string, code = 'INVALID') {
    super(message, code);
  }
}
