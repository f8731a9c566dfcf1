// An error the program raises on purpose: its message is written for users (Chinese) and
// its code tells the client what kind of failure it was. Every area's own error class
// (API, store, file, package, spreadsheet, Word import, export, layout, interchange,
// service) extends it, so hosts classify failures with one `instanceof UserError`.
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    // Defined, not assigned: errors are also raised in the xlsx worker, whose prototypes are
    // frozen (assigning `name` over a frozen Error.prototype.name throws there).
    Object.defineProperty(this, 'name', { value: new.target.name, writable: true, enumerable: true, configurable: true });
  }
}

