// The text/html a spreadsheet or Word puts on the clipboard beside its text/plain: the first
// <table> as rows of cells. Preferred for a block: Word's text/plain does not quote a cell with
// several paragraphs (its rows fall apart), and a merged cell is a rowspan / colspan here. A
// merged cell's text goes to its first row and column, the rest are blank, as Excel's TSV has it.
// The document is parsed inert (DOMParser: no scripts run, nothing is fetched).

/** Larger HTML (Excel's styles for a huge range) is not read: the text/plain serves. */
const MAX_HTML = 2_000_000;
const MAX_CELLS = 100_000;

const BLOCK = new Set(['P', 'DIV', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TR']);

/** A cell's text: whitespace collapsed as a browser shows it, <br> and paragraphs as line breaks. */
function cellText(el: Element): string {
  let out = '';
  const walk = (n: Node) => {
    for (const c of Array.from(n.childNodes)) {
      if (c.nodeType === 3) out += (c.nodeValue ?? '').replace(/[\s\u00a0]+/g, ' ');
      else if (c.nodeType === 1) {
        const tag = (c as Element).tagName.toUpperCase();
        if (tag === 'BR') out += '\n';
        else if (tag === 'STYLE' || tag === 'SCRIPT') continue;
        else {
          const block = BLOCK.has(tag);
          if (block && out && !out.endsWith('\n')) out += '\n';
          walk(c);
          if (block && !out.endsWith('\n')) out += '\n';
        }
      }
    }
  };
  walk(el);
  return out
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

type Parse = (html: string) => Document;
const parseWithDom: Parse = (html) => new DOMParser().parseFromString(html, 'text/html');

/** Rows of the first table of the HTML, spans expanded (blank cells under and beside a merged one); null when there is none. */
export function tableFromHtml(html: string, parse: Parse = parseWithDom): string[][] | null {
  if (!html || html.length > MAX_HTML || !/<table/i.test(html)) return null;
  const table = parse(html).querySelector('table');
  if (!table) return null;
  const rows: string[][] = [];
  /** Columns still covered by a rowspan from above: col → rows left. */
  const covered = new Map<number, number>();
  let cells = 0;
  for (const tr of Array.from(table.querySelectorAll('tr'))) {
    // Rows of a nested table belong to its cell, not to this one.
    if (tr.closest('table') !== table) continue;
    const row: string[] = [];
    let col = 0;
    const skipCovered = () => {
      while ((covered.get(col) ?? 0) > 0) {
        row[col] = '';
        col++;
      }
    };
    for (const td of Array.from(tr.children)) {
      const tag = td.tagName.toUpperCase();
      if (tag !== 'TD' && tag !== 'TH') continue;
      skipCovered();
      const colSpan = Math.min(Math.max(1, Number(td.getAttribute('colspan')) || 1), 1000);
      const rowSpan = Math.min(Math.max(1, Number(td.getAttribute('rowspan')) || 1), 10_000);
      for (let k = 0; k < colSpan; k++) {
        row[col + k] = k === 0 ? cellText(td) : '';
        if (rowSpan > 1) covered.set(col + k, rowSpan);
      }
      col += colSpan;
      cells += colSpan;
      if (cells > MAX_CELLS) return null;
    }
    skipCovered();
    for (const [c, n] of covered) {
      if (n <= 1) covered.delete(c);
      else covered.set(c, n - 1);
    }
    rows.push(Array.from(row, (c) => c ?? ''));
  }
  // A cell spanning rows past the table's last row, or no rows: nothing more to add.
  return rows.length ? rows : null;
}

/**
 * The clipboard's HTML table when it is the same table as its text/plain (a tab in it, and
 * as many cells in the first row): what Excel, WPS and Word put there. Otherwise (a web page
 * copied with text around a table) null, and the text/plain is read.
 */
export function clipboardTable(text: string, html: string, parse: Parse = parseWithDom): string[][] | null {
  if (!html || !text.includes('\t')) return null;
  const table = tableFromHtml(html, parse);
  const first = text.replace(/\r\n?/g, '\n').split('\n', 1)[0]!.split('\t').length;
  return table && table[0]?.length === first ? table : null;
}
