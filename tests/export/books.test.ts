// Books: the department book (B, seed 002), the numbered sequence (A, seed 000), the run of
// 申报表 forms (C, seed 001), the attachment with its landscape tables (D, seed 003);
// headings with bookmarks, the printed contents list (entries = headings, linked), the
// department part, typesetting of the package (A4 margins, fonts on every run, footer).
import { describe, expect, it } from 'vitest';
import { buildBookLayout, LayoutError } from '../../shared/layout/index.ts';
import type { BookInput, LayoutDocument } from '../../shared/layout/index.ts';
import { renderHtml } from '../../shared/print-html/index.ts';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { seedCorpus } from '../../tools/seed-corpus.ts';
import { descendants, kid, readDocx, type DocxParagraph, type DocxPackage, type XmlNode } from './docx-reader.ts';
import { squash } from './known-differences.ts';
import { Window } from 'happy-dom';

const NOW = new Date('2025-01-01T00:00:00Z');

function bookInput(seed: string, extra: Partial<BookInput> = {}): BookInput {
  const c = seedCorpus(seed);
  const year = c.projects[0]!.year;
  const units = c.units.map((unit) => ({ unit, projects: c.projects.filter((p) => p.unitCode === unit.code).sort((a, b) => a.seq - b.seq) }));
  return { year, units, deptTarget: c.deptTargets[0] ?? null, ...extra };
}

async function docxOf(doc: LayoutDocument): Promise<DocxPackage> {
  return readDocx(await docxBytes(doc, { now: NOW }));
}

const paragraphs = (pkg: DocxPackage) => pkg.body.filter((b): b is DocxParagraph => b.kind === 'p');
const headings = (pkg: DocxPackage) => paragraphs(pkg).filter((p) => p.bookmarks.length > 0);
const contents = (pkg: DocxPackage) => paragraphs(pkg).filter((p) => p.links.length > 0);
const attr = (n: XmlNode | undefined, name: string) => n?.attrs[name];

describe('department book (B, seed 002: 唐山市医疗保障局 and its units)', async () => {
  const c = seedCorpus('002');
  const dept = c.deptTargets[0]!;
  const pkg = await docxOf(buildBookLayout(bookInput('002')));
  const hs = headings(pkg);

  it('has 第一部分 with 一、二、三, then 第二部分 with the 54 numbered tables as published', () => {
    expect(hs.slice(0, 4).map((h) => h.text)).toEqual(['第一部分\n部门整体绩效目标', '一、总体绩效目标', '二、分项绩效目标', '三、工作保障措施']);
    expect(hs[4]!.text).toBe('第二部分\n预算项目绩效目标');
    expect(hs[4]!.pageBreakBefore).toBe(true);
    expect(hs.slice(5).map((h) => squash(h.text))).toEqual(c.tables.map((t) => squash(t.heading)));
    expect(new Set(hs.map((h) => h.bookmarks[0])).size).toBe(hs.length);
  });

  it('prints the 部门整体绩效目标 from the DeptTarget', () => {
    const texts = paragraphs(pkg)
      .filter((p) => p.links.length === 0) // not the contents list
      .map((p) => p.text);
    const at = (t: string) => texts.indexOf(t);
    expect(at(dept.overall)).toBe(at('一、总体绩效目标') + 1);
    let k = at('二、分项绩效目标') + 1;
    for (const item of dept.items) {
      expect(texts[k++]).toBe(item.title);
      expect(texts[k++]).toBe(`绩效目标：${item.goal}`);
      expect(texts[k++]).toBe(`绩效指标：${item.indicators}`);
    }
    expect(texts[k]).toBe('三、工作保障措施');
    const measures = dept.measures.flatMap((m) => m.split('\n'));
    expect(texts.slice(k + 1, k + 1 + measures.length)).toEqual(measures);
  });

  it('opens with a printed contents list whose entries are the headings, linked to their bookmarks', () => {
    const entries = contents(pkg);
    expect(entries.map((e) => e.links[0])).toEqual(hs.map((h) => h.bookmarks[0]));
    expect(entries.map((e) => squash(e.text))).toEqual(hs.map((h) => squash(h.text)));
    // No TOC field: it would show empty in WPS until updated.
    expect([...descendants(pkg.xml('word/document.xml'), 'w:instrText')].map((n) => n.text).join('')).not.toMatch(/TOC/);
    expect(paragraphs(pkg)[0]!.text).toBe('目　录');
  });

  it('gathers several units in order, each table with its unit line and 单位：万元', () => {
    const units: string[] = [];
    pkg.body.forEach((b, i) => {
      if (b.kind === 'p' && b.bookmarks.length && /绩效目标表$/.test(b.text)) {
        const next = pkg.body[i + 1] as DocxParagraph;
        expect(next.text).toMatch(/^\d{6}.+\t单位：万元$/);
        units.push(next.text.slice(0, 6));
      }
    });
    expect(units).toEqual(c.projects.map((p) => p.unitCode));
    expect(new Set(units).size).toBe(6);
    expect(c.tables.map((t) => t.cells[0]!.slice(0, 6))).toEqual(units);
  });

  it('is A4 portrait with the GB/T 9704 margins and a page number footer', () => {
    const sect = pkg.sectPr!;
    expect(attr(kid(sect, 'w:pgSz'), 'w:w')).toBe('11906');
    expect(attr(kid(sect, 'w:pgSz'), 'w:h')).toBe('16838');
    const m = kid(sect, 'w:pgMar')!;
    const mm = (k: string) => Math.round((Number(m.attrs[k]) / 1440) * 25.4);
    expect([mm('w:top'), mm('w:bottom'), mm('w:left'), mm('w:right')]).toEqual([37, 35, 28, 26]);
    const footer = pkg.xml('word/footer1.xml');
    expect([...descendants(footer, 'w:instrText')].map((n) => n.text.trim())).toEqual(['PAGE']);
    expect([...descendants(footer, 'w:t')].map((n) => n.text).join('')).toBe('— 1 —');
    expect(attr(kid(kid([...descendants(footer, 'w:r')][0]!, 'w:rPr')!, 'w:rFonts'), 'w:eastAsia')).toBe('宋体');
  });

  it('gives every run an East Asian and a Latin font', () => {
    for (const part of ['word/document.xml', 'word/footer1.xml']) {
      for (const r of descendants(pkg.xml(part), 'w:r')) {
        const f = kid(kid(r, 'w:rPr') ?? r, 'w:rFonts');
        expect(f?.attrs['w:eastAsia'], part).toBeTruthy();
        expect(f?.attrs['w:ascii'], part).toBeTruthy();
        expect(f?.attrs['w:hAnsi'], part).toBeTruthy();
      }
    }
    const styles = pkg.xml('word/styles.xml');
    const fonts = [...descendants(styles, 'w:rFonts')].map((f) => f.attrs['w:eastAsia']);
    expect(fonts).toEqual(expect.arrayContaining(['仿宋_GB2312', '方正小标宋简体', '黑体', '仿宋', '宋体']));
    const tableText = [...descendants(styles, 'w:style')].find((s) => s.attrs['w:styleId'] === 'JxTableText')!;
    expect(attr(kid(kid(tableText, 'w:rPr')!, 'w:sz'), 'w:val')).toBe('21'); // 五号 10.5 pt
  });

  it('is a valid package: content types, relationships, every part parses', () => {
    const types = pkg.xml('[Content_Types].xml');
    const overrides = [...descendants(types, 'Override')].map((o) => o.attrs.PartName);
    for (const name of Object.keys(pkg.files)) {
      if (name.endsWith('.rels') || name === '[Content_Types].xml') continue;
      expect(overrides).toContain(`/${name}`);
      pkg.xml(name);
    }
    const rels = [...descendants(pkg.xml('word/_rels/document.xml.rels'), 'Relationship')].map((r) => r.attrs.Target);
    expect(rels.sort()).toEqual(['fontTable.xml', 'footer1.xml', 'settings.xml', 'styles.xml']);
  });
});

describe('numbered book (A, seed 000: five units of 天津市医疗保障局)', async () => {
  const c = seedCorpus('000');
  const pkg = await docxOf(buildBookLayout(bookInput('000')));
  it('numbers the 52 tables across the units as published, with a contents list and no department part', () => {
    const hs = headings(pkg);
    expect(hs.map((h) => squash(h.text))).toEqual(c.tables.map((t) => squash(t.heading)));
    expect(contents(pkg).map((e) => e.links[0])).toEqual(hs.map((h) => h.bookmarks[0]));
    expect(paragraphs(pkg).some((p) => /部门整体绩效目标/.test(p.text))).toBe(false);
    expect(pkg.body.filter((b) => b.kind === 'tbl')).toHaveLength(52 * 2);
  });
  it('renumbers from 1 in a single-unit book', async () => {
    const input = bookInput('000');
    const unit = input.units[1]!;
    const one = await docxOf(buildBookLayout({ ...input, units: [unit] }));
    expect(headings(one).map((h) => h.text)).toEqual(unit.projects.map((p, i) => `${i + 1}.${p.name}绩效目标表`));
    expect(unit.projects[0]!.seq).toBeGreaterThan(1); // the 主管部门 book numbered it differently
  });
});

describe('申报表 run (C, seed 001)', async () => {
  const c = seedCorpus('001');
  const pkg = await docxOf(buildBookLayout(bookInput('001')));
  it('prints one form per page: title, （2023年度）, table', () => {
    const hs = headings(pkg);
    expect(hs.map((h) => h.text)).toEqual(c.tables.map((t) => t.heading));
    expect(hs.map((h) => h.pageBreakBefore)).toEqual(hs.map((_, i) => i > 0));
    pkg.body.forEach((b, i) => {
      if (b.kind === 'p' && b.bookmarks.length) expect((pkg.body[i + 1] as DocxParagraph).text).toBe('（2023年度）');
    });
    expect(contents(pkg)).toHaveLength(0); // one unit: no contents list unless asked
  });
  it('names the projects in the contents list, linked to each form', async () => {
    const withToc = await docxOf(buildBookLayout(bookInput('001', { contents: true })));
    const hs = headings(withToc);
    const entries = contents(withToc);
    expect(entries.map((e) => e.links[0])).toEqual(hs.map((h) => h.bookmarks[0]));
    expect(entries.map((e) => e.text)).toEqual(c.projects.map((p, i) => `${i + 1}. ${p.name}`));
  });
});

describe('attachment (D, seed 003)', async () => {
  const c = seedCorpus('003');
  const pkg = await docxOf(buildBookLayout(bookInput('003')));
  it('has 附件, the document title and `N. “…”项目` sections with their captions', () => {
    const ps = paragraphs(pkg);
    expect(ps[0]!.text).toBe('附件');
    expect(ps[1]!.text).toBe('明光市医疗保障局（本级）2024年项目支出绩效目标表');
    const hs = headings(pkg);
    expect(hs.map((h) => h.text)).toEqual(c.tables.map((t) => t.heading.replace(/\s+(?=“)/, ' ')));
    expect(hs[0]!.text).toBe('1. “2024-城乡医疗救助”项目'); // headingName where the heading names the project differently
    pkg.body.forEach((b, i) => {
      if (b.kind === 'p' && b.bookmarks.length) {
        expect([(pkg.body[i + 1] as DocxParagraph).text, (pkg.body[i + 2] as DocxParagraph).text]).toEqual(['项目支出绩效目标表', '（2024 年度）']);
      }
    });
  });
  it('is landscape', () => {
    const sz = kid(pkg.sectPr!, 'w:pgSz')!;
    expect(sz.attrs).toMatchObject({ 'w:w': '16838', 'w:h': '11906', 'w:orient': 'landscape' });
  });
});

describe('主管部门 book mixing layouts', () => {
  it('puts landscape tables in their own landscape section', async () => {
    const b = bookInput('002');
    const d = bookInput('003');
    const doc = buildBookLayout({ year: 2025, units: [b.units[2]!, { ...d.units[0]!, projects: d.units[0]!.projects.slice(0, 2) }], deptTarget: null });
    const pkg = await docxOf(doc);
    const sects = paragraphs(pkg).filter((p) => p.sectPr).map((p) => p.sectPr!);
    expect(sects).toHaveLength(1);
    expect(kid(sects[0]!, 'w:pgSz')!.attrs['w:orient']).toBeUndefined();
    expect(kid(pkg.sectPr!, 'w:pgSz')!.attrs['w:orient']).toBe('landscape');
    expect(headings(pkg).map((h) => h.text.split('.')[0])).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('refuses an empty book in Chinese', () => {
    expect(() => buildBookLayout({ year: 2025, units: [] })).toThrow(LayoutError);
    expect(() => buildBookLayout({ year: 2025, units: [] })).toThrow('没有项目');
  });
});

describe('HTML print view of a book', () => {
  it('has the headings with ids, the contents links and the department part', () => {
    const html = renderHtml(buildBookLayout(bookInput('002')));
    const doc = new new Window().DOMParser().parseFromString(html, 'text/html');
    const hs = [...doc.querySelectorAll('h1, h2')];
    expect(hs).toHaveLength(5 + 54);
    const links = [...doc.querySelectorAll('nav.contents a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(hs.map((h) => `#${h.id}`));
    expect(links.map((a) => squash(a.textContent))).toEqual(hs.map((h) => squash(h.textContent)));
    expect(doc.body.textContent).toContain(seedCorpus('002').deptTargets[0]!.overall);
    expect(doc.querySelectorAll('table')).toHaveLength(108);
  });
});

// Word refuses a file whose property elements are out of schema order (ECMA-376 Part 1,
// CT_PPr / CT_RPr / CT_TcPr / CT_TblPr / CT_SectPr / CT_Style / CT_Settings sequences).
const SCHEMA_ORDER: Record<string, string[]> = {
  'w:pPr': ['w:pStyle', 'w:keepNext', 'w:keepLines', 'w:pageBreakBefore', 'w:framePr', 'w:widowControl', 'w:numPr', 'w:suppressLineNumbers', 'w:pBdr', 'w:shd', 'w:tabs', 'w:suppressAutoHyphens', 'w:kinsoku', 'w:wordWrap', 'w:overflowPunct', 'w:topLinePunct', 'w:autoSpaceDE', 'w:autoSpaceDN', 'w:bidi', 'w:adjustRightInd', 'w:snapToGrid', 'w:spacing', 'w:ind', 'w:contextualSpacing', 'w:mirrorIndents', 'w:suppressOverlap', 'w:jc', 'w:textDirection', 'w:textAlignment', 'w:textboxTightWrap', 'w:outlineLvl', 'w:divId', 'w:cnfStyle', 'w:rPr', 'w:sectPr', 'w:pPrChange'],
  'w:rPr': ['w:rStyle', 'w:rFonts', 'w:b', 'w:bCs', 'w:i', 'w:iCs', 'w:caps', 'w:smallCaps', 'w:strike', 'w:dstrike', 'w:outline', 'w:shadow', 'w:emboss', 'w:imprint', 'w:noProof', 'w:snapToGrid', 'w:vanish', 'w:webHidden', 'w:color', 'w:spacing', 'w:w', 'w:kern', 'w:position', 'w:sz', 'w:szCs', 'w:highlight', 'w:u', 'w:effect', 'w:bdr', 'w:shd', 'w:fitText', 'w:vertAlign', 'w:rtl', 'w:cs', 'w:em', 'w:lang', 'w:eastAsianLayout', 'w:specVanish', 'w:oMath'],
  'w:tcPr': ['w:cnfStyle', 'w:tcW', 'w:gridSpan', 'w:hMerge', 'w:vMerge', 'w:tcBorders', 'w:shd', 'w:noWrap', 'w:tcMar', 'w:textDirection', 'w:tcFitText', 'w:vAlign', 'w:hideMark'],
  'w:tblPr': ['w:tblStyle', 'w:tblpPr', 'w:tblOverlap', 'w:bidiVisual', 'w:tblStyleRowBandSize', 'w:tblStyleColBandSize', 'w:tblW', 'w:jc', 'w:tblCellSpacing', 'w:tblInd', 'w:tblBorders', 'w:shd', 'w:tblLayout', 'w:tblCellMar', 'w:tblLook'],
  'w:tblBorders': ['w:top', 'w:left', 'w:start', 'w:bottom', 'w:right', 'w:end', 'w:insideH', 'w:insideV'],
  'w:tcBorders': ['w:top', 'w:left', 'w:start', 'w:bottom', 'w:right', 'w:end', 'w:insideH', 'w:insideV', 'w:tl2br', 'w:tr2bl'],
  'w:tbl': ['w:tblPr', 'w:tblGrid', 'w:tr'],
  'w:tc': ['w:tcPr', 'w:p', 'w:tbl'],
  'w:sectPr': ['w:headerReference', 'w:footerReference', 'w:footnotePr', 'w:endnotePr', 'w:type', 'w:pgSz', 'w:pgMar', 'w:paperSrc', 'w:pgBorders', 'w:lnNumType', 'w:pgNumType', 'w:cols', 'w:formProt', 'w:vAlign', 'w:noEndnote', 'w:titlePg', 'w:textDirection', 'w:bidi', 'w:rtlGutter', 'w:docGrid'],
  'w:style': ['w:name', 'w:aliases', 'w:basedOn', 'w:next', 'w:link', 'w:autoRedefine', 'w:hidden', 'w:uiPriority', 'w:semiHidden', 'w:unhideWhenUsed', 'w:qFormat', 'w:locked', 'w:personal', 'w:personalCompose', 'w:personalReply', 'w:rsid', 'w:pPr', 'w:rPr', 'w:tblPr', 'w:trPr', 'w:tcPr', 'w:tblStylePr'],
  'w:settings': ['w:writeProtection', 'w:view', 'w:zoom', 'w:removePersonalInformation', 'w:defaultTabStop', 'w:characterSpacingControl', 'w:compat', 'w:themeFontLang'],
  'w:font': ['w:altName', 'w:panose1', 'w:charset', 'w:family', 'w:notTrueType', 'w:pitch', 'w:sig'],
};

function checkOrder(n: XmlNode, where: string): void {
  const order = SCHEMA_ORDER[n.name];
  if (order) {
    const idx = n.children.filter((c) => c.name !== '#text').map((c) => {
      const i = order.indexOf(c.name);
      expect(i, `${where}: <${c.name}> is not allowed in <${n.name}>`).toBeGreaterThanOrEqual(0);
      return i;
    });
    // w:tr and w:p repeat; everything else must be non-decreasing in schema order
    expect(idx, `${where}: children of <${n.name}> in schema order`).toEqual([...idx].sort((a, b) => a - b));
  }
  for (const c of n.children) checkOrder(c, where);
}

describe('valid WordprocessingML', () => {
  it.each(['000', '001', '002', '003'])('seed %s book: property elements in schema order in every part', async (seed) => {
    const pkg = await docxOf(buildBookLayout(bookInput(seed, { contents: true })));
    for (const part of ['word/document.xml', 'word/styles.xml', 'word/settings.xml', 'word/fontTable.xml', 'word/footer1.xml']) checkOrder(pkg.xml(part), part);
  });
});
