// Excel's name of a cell. Pure: the spreadsheet worker bundles this file.

/** The name of a cell by its 0-based row and column: A1, XFD20000. */
export function cellName(r: number, c: number): string {
  let col = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) col = String.fromCharCode(65 + ((n - 1) % 26)) + col;
  return `${col}${r + 1}`;
}
