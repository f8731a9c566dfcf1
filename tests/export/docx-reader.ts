// An independent reader of DOCX files for the fidelity tests: unzips with fflate and
// parses the XML itself (a small strict parser: mismatched tags throw), without any code
// of our writer or the layout model. It reports what Word would read: paragraphs with
// their text, style and bookmarks; tables with grid, rows, spans and vertical merges.
import { strFromU8, unzipSync } from 'fflate';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    const v = ENTITY[e];
    if (v === undefined) throw new Error(`unknown entity ${m}`);
    return v;
  });

/** Parses well-formed XML into a tree; throws on anything malformed. */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[6]) throw new Error(`malformed markup at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      if (stack.length === 1) {
        if (m[5].trim()) throw new Error('text outside the root element');
        continue;
      }
      top.text += decode(m[5]);
      top.children.push({ name: '#text', attrs: {}, children: [], text: decode(m[5]) });
      continue;
    }
    if (!m[2]) continue; // comment or declaration
    if (m[1]) {
      if (top.name !== m[2]) throw new Error(`closing </${m[2]}> does not match <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
    }
    const node: XmlNode = { name: m[2], attrs, children: [], text: '' };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  const elements = root.children.filter((c) => c.name !== '#text');
  if (elements.length !== 1) throw new Error('XML must have one root element');
  return elements[0]!;
}

export const kids = (n: XmlNode, name: string): XmlNode[] => n.children.filter((c) => c.name === name);
export const kid = (n: XmlNode, name: string): XmlNode | undefined => n.children.find((c) => c.name === name);
export function* descendants(n: XmlNode, name: string): Generator<XmlNode> {
  for (const c of n.children) {
    if (c.name === name) yield c;
    yield* descendants(c, name);
  }
}

export interface DocxParagraph {
  kind: 'p';
  style: string;
  /** Text with tabs as '\t' and breaks as '\n'. */
  text: string;
  bookmarks: string[];
  /** Anchors of hyperlinks in the paragraph. */
  links: string[];
  pageBreakBefore: boolean;
  sectPr?: XmlNode;
}

export interface DocxCell {
  text: string;
  paragraphs: string[];
  gridSpan: number;
  vMerge: 'none' | 'restart' | 'continue';
  width: number;
}

export interface DocxRow {
  cells: DocxCell[];
  header: boolean;
  cantSplit: boolean;
  /** A paragraph of the row keeps with the next (keeps the row with the next row). */
  keepNext: boolean;
}

export interface DocxTable {
  kind: 'tbl';
  grid: number[];
  rows: DocxRow[];
  layoutFixed: boolean;
  width: number;
}

export type DocxBlock = DocxParagraph | DocxTable;

export interface DocxPackage {
  files: Record<string, Uint8Array>;
  xml(name: string): XmlNode;
  body: DocxBlock[];
  /** The body-level (last) section properties. */
  sectPr: XmlNode | undefined;
}

/** Text of a paragraph or run container: w:t, w:tab → '\t', w:br → '\n'. */
function textOf(n: XmlNode): string {
  let s = '';
  for (const c of n.children) {
    if (c.name === 'w:t') s += c.text;
    else if (c.name === 'w:tab' && n.name === 'w:r') s += '\t';
    else if (c.name === 'w:br' && n.name === 'w:r' && c.attrs['w:type'] !== 'page') s += '\n';
    else if (c.name === 'w:r' || c.name === 'w:hyperlink' || c.name === 'w:ins' || c.name === 'w:smartTag') s += textOf(c);
  }
  return s;
}

function readParagraph(p: XmlNode): DocxParagraph {
  const pPr = kid(p, 'w:pPr');
  return {
    kind: 'p',
    style: (pPr && kid(pPr, 'w:pStyle')?.attrs['w:val']) ?? '',
    text: textOf(p),
    bookmarks: [...descendants(p, 'w:bookmarkStart')].map((b) => b.attrs['w:name'] ?? ''),
    links: [...descendants(p, 'w:hyperlink')].map((h) => h.attrs['w:anchor'] ?? ''),
    pageBreakBefore: Boolean(pPr && kid(pPr, 'w:pageBreakBefore')),
    ...(pPr && kid(pPr, 'w:sectPr') ? { sectPr: kid(pPr, 'w:sectPr')! } : {}),
  };
}

function readTable(t: XmlNode): DocxTable {
  const tblPr = kid(t, 'w:tblPr');
  const grid = kids(kid(t, 'w:tblGrid') ?? { name: '', attrs: {}, children: [], text: '' }, 'w:gridCol').map((g) => Number(g.attrs['w:w']));
  const rows = kids(t, 'w:tr').map((tr): DocxRow => {
    const trPr = kid(tr, 'w:trPr');
    return {
      header: Boolean(trPr && kid(trPr, 'w:tblHeader')),
      cantSplit: Boolean(trPr && kid(trPr, 'w:cantSplit')),
      keepNext: [...descendants(tr, 'w:keepNext')].length > 0,
      cells: kids(tr, 'w:tc').map((tc): DocxCell => {
        const tcPr = kid(tc, 'w:tcPr');
        const vm = tcPr && kid(tcPr, 'w:vMerge');
        const paragraphs = kids(tc, 'w:p').map((p) => textOf(p));
        if (kids(tc, 'w:p').length === 0) throw new Error('a table cell must contain a paragraph');
        return {
          text: paragraphs.join('\n'),
          paragraphs,
          gridSpan: Number((tcPr && kid(tcPr, 'w:gridSpan')?.attrs['w:val']) ?? 1),
          vMerge: vm ? (vm.attrs['w:val'] === 'restart' ? 'restart' : 'continue') : 'none',
          width: Number((tcPr && kid(tcPr, 'w:tcW')?.attrs['w:w']) ?? NaN),
        };
      }),
    };
  });
  return {
    kind: 'tbl',
    grid,
    rows,
    layoutFixed: (tblPr && kid(tblPr, 'w:tblLayout')?.attrs['w:type']) === 'fixed',
    width: Number((tblPr && kid(tblPr, 'w:tblW')?.attrs['w:w']) ?? NaN),
  };
}

export function readDocx(bytes: Uint8Array): DocxPackage {
  const files = unzipSync(bytes);
  const cache = new Map<string, XmlNode>();
  const xml = (name: string): XmlNode => {
    let n = cache.get(name);
    if (!n) {
      const f = files[name];
      if (!f) throw new Error(`${name} missing from the package`);
      cache.set(name, (n = parseXml(strFromU8(f))));
    }
    return n;
  };
  const doc = xml('word/document.xml');
  const body = kid(doc, 'w:body');
  if (!body) throw new Error('w:body missing');
  const blocks: DocxBlock[] = [];
  for (const c of body.children) {
    if (c.name === 'w:p') blocks.push(readParagraph(c));
    else if (c.name === 'w:tbl') blocks.push(readTable(c));
  }
  return { files, xml, body: blocks, sectPr: kid(body, 'w:sectPr') };
}

