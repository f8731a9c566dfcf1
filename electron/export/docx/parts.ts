// The fixed parts of the package: content types, relationships, styles, settings, font
// table, the page-number footer and document properties.
import { FONTS, PARAGRAPH_LOOKS } from '../../../shared/layout/index.ts';
import type { ParagraphLook, ParagraphStyle } from '../../../shared/layout/index.ts';
import { R_NS, W_NS, XML_DECL, esc, rPr } from './xml.ts';

export const CONTENT_TYPES =
  XML_DECL +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>' +
  '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  '</Types>';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const PACKAGE_RELS =
  XML_DECL +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

export const FOOTER_REL_ID = 'rIdFooter1';

export const DOCUMENT_RELS =
  XML_DECL +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rIdSettings" Type="${REL}/settings" Target="settings.xml"/>` +
  `<Relationship Id="rIdFonts" Type="${REL}/fontTable" Target="fontTable.xml"/>` +
  `<Relationship Id="${FOOTER_REL_ID}" Type="${REL}/footer" Target="footer1.xml"/>` +
  '</Relationships>';

/** Style ids of the layout's paragraph styles. */
export const STYLE_IDS: Record<ParagraphStyle, string> = {
  title: 'JxTitle',
  formTitle: 'JxFormTitle',
  part: 'JxPart',
  heading: 'JxHeading',
  tableTitle: 'JxTableTitle',
  projectHeading: 'JxProjectHeading',
  attachment: 'JxAttachment',
  caption: 'JxCaption',
  body: 'JxBody',
  itemTitle: 'JxItemTitle',
  unitLine: 'JxUnitLine',
  contentsTitle: 'JxContentsTitle',
  contentsEntry: 'JxContents1',
  coverTitle: 'JxCoverTitle',
  seal: 'JxSeal',
  signature: 'JxSignature',
};
export const TABLE_STYLE_ID = 'JxTableText';
export const JOIN_STYLE_ID = 'JxJoin';
export const CONTENTS2_STYLE_ID = 'JxContents2';

const JC = { left: 'left', center: 'center', right: 'right', justify: 'both' } as const;

function pPrOf(look: ParagraphLook, leftChars = 0): string {
  const spacing =
    `<w:spacing w:before="${look.before ?? 0}" w:after="${look.after ?? 0}"` +
    (look.lineExact ? ` w:line="${look.lineExact}" w:lineRule="exact"/>` : ' w:line="240" w:lineRule="auto"/>');
  const em = look.font.halfPoints * 10; // one character of the font, twips
  const attrs =
    (leftChars ? ` w:leftChars="${leftChars * 100}" w:left="${leftChars * em}"` : '') +
    (look.firstLineChars ? ` w:firstLineChars="${look.firstLineChars * 100}" w:firstLine="${look.firstLineChars * em}"` : '');
  const ind = attrs ? `<w:ind${attrs}/>` : '';
  const outline = look.outline !== undefined ? `<w:outlineLvl w:val="${look.outline}"/>` : '';
  return `<w:pPr><w:snapToGrid w:val="0"/>${spacing}${ind}<w:jc w:val="${JC[look.align]}"/>${outline}</w:pPr>`;
}

function paragraphStyle(id: string, name: string, look: ParagraphLook, leftChars = 0): string {
  return (
    `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${id}"><w:name w:val="${esc(name)}"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
    pPrOf(look, leftChars) +
    rPr(look.font) +
    '</w:style>'
  );
}

export function stylesXml(): string {
  const body = FONTS.body;
  const styles = (Object.keys(STYLE_IDS) as ParagraphStyle[])
    .map((s) => paragraphStyle(STYLE_IDS[s], `jx ${s}`, PARAGRAPH_LOOKS[s]))
    .join('');
  const entry = PARAGRAPH_LOOKS.contentsEntry;
  return (
    XML_DECL +
    `<w:styles xmlns:w="${W_NS}">` +
    '<w:docDefaults><w:rPrDefault>' +
    `<w:rPr><w:rFonts w:ascii="${body.latin}" w:hAnsi="${body.latin}" w:eastAsia="${body.eastAsia}" w:cs="${body.latin}"/>` +
    `<w:sz w:val="${body.halfPoints}"/><w:szCs w:val="${body.halfPoints}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>` +
    '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>' +
    `<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>${rPr(body)}</w:style>` +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    styles +
    paragraphStyle(CONTENTS2_STYLE_ID, 'jx contents 2', entry, 2) +
    paragraphStyle(TABLE_STYLE_ID, 'jx table text', { font: FONTS.table, align: 'center' }) +
    paragraphStyle(JOIN_STYLE_ID, 'jx join', { font: { ...FONTS.table, halfPoints: 2 }, align: 'left', lineExact: 2 }) +
    paragraphStyle('JxFooter', 'jx footer', { font: FONTS.pageNumber, align: 'center' }) +
    '</w:styles>'
  );
}

export const SETTINGS =
  XML_DECL +
  `<w:settings xmlns:w="${W_NS}">` +
  '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>' +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
  '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>' +
  '</w:settings>';

// Alternative names let Word and WPS substitute a font that is not installed (仿宋_GB2312 → 仿宋).
const FONT_TABLE: Array<[string, string, string]> = [
  ['Times New Roman', '', 'roman'],
  ['仿宋_GB2312', '仿宋', 'modern'],
  ['仿宋', 'FangSong', 'modern'],
  ['黑体', 'SimHei', 'modern'],
  ['楷体_GB2312', '楷体', 'modern'],
  ['方正小标宋简体', '宋体', 'script'],
  ['宋体', 'SimSun', 'auto'],
];

export const FONT_TABLE_XML =
  XML_DECL +
  `<w:fonts xmlns:w="${W_NS}">` +
  FONT_TABLE.map(
    ([name, alt, family]) =>
      `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ''}<w:charset w:val="${name === 'Times New Roman' ? '00' : '86'}"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`,
  ).join('') +
  '</w:fonts>';

/** `— N —` centred at the foot, 宋体 四号. */
export function footerXml(): string {
  const p = rPr(FONTS.pageNumber);
  return (
    XML_DECL +
    `<w:ftr xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:p><w:pPr><w:pStyle w:val="JxFooter"/><w:jc w:val="center"/></w:pPr>` +
    `<w:r>${p}<w:t xml:space="preserve">— </w:t></w:r>` +
    `<w:r>${p}<w:fldChar w:fldCharType="begin"/></w:r><w:r>${p}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
    `<w:r>${p}<w:fldChar w:fldCharType="separate"/></w:r><w:r>${p}<w:t>1</w:t></w:r><w:r>${p}<w:fldChar w:fldCharType="end"/></w:r>` +
    `<w:r>${p}<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
  );
}

export function corePropsXml(title: string, now: Date): string {
  const iso = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    XML_DECL +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${esc(title)}</dc:title><dc:creator>绩效目标填报</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export const APP_PROPS =
  XML_DECL +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  '<Application>绩效目标填报</Application></Properties>';
