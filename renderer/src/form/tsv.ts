// The text/plain a spreadsheet (Excel, WPS) puts on the clipboard: cells separated by tabs,
// rows by CRLF or LF, one line break after the last row; a cell holding a line break, a tab
// or a quote is quoted ("…") with "" for a quote inside. A quote that does not close a cell
// (`"好"字号`) is plain text, as the spreadsheet wrote it unquoted.

/** Rows of cells; rows may differ in length (ragged text from elsewhere). */
export function parseTsv(text: string): string[][] {
  const s = text.replace(/\r\n?/g, '\n');
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = s.length;
  for (;;) {
    let cell: string;
    if (s[i] === '"') {
      const q = quoted(s, i);
      if (q) {
        cell = q.text;
        i = q.end;
      } else {
        cell = plain(s, i);
        i += cell.length;
      }
    } else {
      cell = plain(s, i);
      i += cell.length;
    }
    row.push(cell);
    if (i >= n) break;
    const sep = s[i];
    i++;
    if (sep === '\n') {
      rows.push(row);
      row = [];
      // One line break after the last row is the spreadsheet's, not an empty row.
      if (i >= n) return rows;
    }
  }
  rows.push(row);
  return rows;
}

function plain(s: string, from: number): string {
  let j = from;
  while (j < s.length && s[j] !== '\t' && s[j] !== '\n') j++;
  return s.slice(from, j);
}

/** A quoted cell at `from`: its text and the index after the closing quote; null when it does not close before a separator. */
function quoted(s: string, from: number): { text: string; end: number } | null {
  let out = '';
  let j = from + 1;
  for (;;) {
    const k = s.indexOf('"', j);
    if (k < 0) return null;
    out += s.slice(j, k);
    if (s[k + 1] === '"') {
      out += '"';
      j = k + 2;
      continue;
    }
    const after = s[k + 1];
    if (after === undefined || after === '\t' || after === '\n') return { text: out, end: k + 1 };
    return null;
  }
}

/** How many cells a parsed block has. */
export function cellCount(rows: readonly string[][]): number {
  let n = 0;
  for (const r of rows) n += r.length;
  return n;
}
