// An error the program raises on purpose: its message is written for users (Chinese) and
// its code tells the client what kind of failure it was. The areas' own error classes
// (file, package, spreadsheet, Word import, service) are this with their default code.
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
