// An independent DOCX writer for the tests: WordprocessingML written by hand from a
// filing and its template's row definitions (not our exporter, not shared/layout), zipped
// with fflate. `messy` imitates files made elsewhere: runs split mid-word, labels with
// spaces and full-width colons, bookmarks and proofing marks in between.
import { zipSync, strToU8 } from 'fflate';
import type { IndicatorRow, ProjectFiling, Unit } from '../../shared/model/filing.ts';
import { formatMoney } from '../../shared/model/money.ts';
import { INDICATOR_COLUMN_LABELS } from '../../shared/templates/index.ts';
import type { TemplateDef, CellSpec } from '../../shared/templates/types.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function runs(text: string, messy: boolean): string {
  const paras = text === '' ? [''] : text.split('\n');
  return paras
    .map((p) => {
      if (!messy || p.length < 2) return `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`;
      const k = Math.ceil(p.length / 2);
      return `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="仿宋"/></w:rPr><w:t xml:space="preserve">${esc(p.slice(0, k))}</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="1" w:name="x"/><w:r><w:t xml:space="preserve">${esc(p.slice(k))}</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>`;
    })
    .join('');
}

function tc(text: string, span: number, vmerge: 'restart' | 'continue' | null, messy: boolean): string {
  const pr = `<w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${vmerge === 'restart' ? '<w:vMerge w:val="restart"/>' : vmerge === 'continue' ? '<w:vMerge/>' : ''}</w:tcPr>`;
  return `<w:tc>${pr}${runs(vmerge === 'continue' ? '' : text, messy)}</w:tc>`;
}

function get(f: ProjectFiling, unit: Unit, path: string): unknown {
  if (path === '$unit.supervisorText') return unit.supervisor ? `${unit.supervisor.code}-${unit.supervisor.name}` : '';
  let v: unknown = f;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function cellText(c: CellSpec, f: ProjectFiling, unit: Unit, t: TemplateDef, messy: boolean): string {
  if ('text' in c) return messy ? c.text.replace(/^(.)(.)/, '$1 $2').replace(/:$/, '：') : c.text;
  const v = get(f, unit, c.field);
  let s = c.format === 'money' ? (typeof v === 'number' ? formatMoney(v, t.amount.trimZeros ? { ...t.amount, decimals: 0 } : t.amount) : '') : v == null ? '' : String(v);
  if (s === '' && c.blank) return c.blank;
  if (s !== '') s = (c.prefix ?? '') + s + (c.suffix ?? '');
  return s;
}

/** One project table as w:tbl (the rows blocks by hand, indicators with 一级 merged). */
export function projectTable(t: TemplateDef, f: ProjectFiling, unit: Unit, messy = false): string {
  const rowsXml: string[] = [];
  const width = t.layout.grid.length;
  for (const block of t.layout.blocks) {
    if (block.kind === 'rows') {
      const carry: Array<{ left: number; span: number }> = [];
      block.rows.forEach((r, ri) => {
        let col = 0;
        let out = '';
        const flush = () => {
          while (col < width && (carry[col]?.left ?? 0) > 0) {
            const c = carry[col]!;
            c.left--;
            out += tc('', c.span, 'continue', messy);
            col += c.span;
          }
        };
        for (const c of r.cells) {
          flush();
          const span = c.span ?? 1;
          const down = c.rowSpan === 'block' ? block.rows.length - ri : (c.rowSpan ?? 1);
          out += tc(cellText(c, f, unit, t, messy), span, down > 1 ? 'restart' : null, messy);
          if (down > 1) carry[col] = { left: down - 1, span };
          col += span;
        }
        flush();
        rowsXml.push(`<w:tr>${out}</w:tr>`);
      });
    } else {
      const spanOf = (c: string) => (block.spans as Record<string, number> | undefined)?.[c] ?? 1;
      const lists: IndicatorRow[][] = block.periods.map((p) => f.periods[p]?.indicators ?? []);
      const n = Math.max(1, ...lists.map((l) => l.length));
      const total = n + 1;
      let head = block.sideLabel !== undefined ? tc(block.sideLabel, 1, 'restart', messy) : '';
      block.periods.forEach((_, pi) => {
        for (const c of block.columns) if (!(c === 'level1' && pi > 0)) head += tc(INDICATOR_COLUMN_LABELS[c], spanOf(c), null, messy);
      });
      rowsXml.push(`<w:tr>${head}</w:tr>`);
      void total;
      for (let r = 0; r < n; r++) {
        let out = block.sideLabel !== undefined ? tc('', 1, 'continue', messy) : '';
        const l1 = lists.find((l) => l[r])?.[r]?.level1 ?? '';
        const prevL1 = r > 0 ? (lists.find((l) => l[r - 1])?.[r - 1]?.level1 ?? '') : null;
        const nextL1 = lists.find((l) => l[r + 1])?.[r + 1]?.level1 ?? null;
        block.periods.forEach((_, pi) => {
          for (const c of block.columns) {
            if (c === 'level1') {
              if (pi > 0) continue;
              const cont = prevL1 !== null && prevL1 === l1 && l1 !== '';
              const restart = !cont && nextL1 === l1 && l1 !== '';
              out += tc(l1, 1, cont ? 'continue' : restart ? 'restart' : null, messy);
              continue;
            }
            out += tc(lists[pi]?.[r]?.[c] ?? '', spanOf(c), null, messy);
          }
        });
        rowsXml.push(`<w:tr>${out}</w:tr>`);
      }
    }
  }
  const grid = t.layout.grid.map((mm) => `<w:gridCol w:w="${Math.round(mm * 56.7)}"/>`).join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rowsXml.join('')}</w:tbl>`;
}

const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;

/** A whole book: headings as the seed documents print them, one table per project. */
export function writeDocx(t: TemplateDef, unit: Unit, year: number, projects: ProjectFiling[], opts: { messy?: boolean; extraBody?: string } = {}): Uint8Array {
  const parts: string[] = [];
  if (t.book.style === 'attachment') parts.push(para('附件 5'), para(`${unit.name}${year} 年项目支出绩效目标表`));
  projects.forEach((p, i) => {
    const name = p.headingName || p.name;
    if (t.book.style === 'numbered') parts.push(para(`${i + 1}.${name}绩效目标表`), para(`${unit.code}${unit.name}\t单位：万元`));
    else if (t.book.style === 'forms') parts.push(para(`${unit.region}市级预算部门（单位）项目支出绩效目标申报表`), para(`（${year}年度）`));
    else parts.push(para(`${i + 1}. “${name}”项目`), para('项目支出绩效目标表'), para(`（${year} 年度）`));
    parts.push(projectTable(t, p, unit, opts.messy ?? false));
  });
  if (opts.extraBody) parts.push(opts.extraBody);
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${parts.join('')}<w:sectPr/></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8(doc),
  });
}
