// Hostile and mistaken Word files (issue 11), of our own making, sent through the API as a
// user would (import.preview / import.store, parsed in the worker): each is refused with a
// clear Chinese message and leaves the database exactly as it was (every row, its content
// hash, PRAGMA integrity_check), or is read correctly (every printed cell of its table).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import CFB from 'cfb';
import XLSX from 'xlsx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../api/helpers.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { previewWordInWorker } from '../../electron/import/docx/word-offthread.ts';
import { WORD_BODY_LIMITS } from '../../electron/import/docx/body-budget.ts';
import { rawZip } from '../handover/helpers.ts';
import { HAS_CHINESE, snapshot } from '../store/helpers.ts';
import { writeDocx } from '../word-import/docx-writer.ts';
import { printedCells } from './printed-cells.ts';
import { CORPUS_TOOLS, ensureCorpus } from '../fixtures/foreign/generate.ts';

const demo = readDemoData();
const CODE = '341182';
const T = getTemplate('D')!;
const UNIT = demo.units.find((u) => u.code === CODE)!;
const PROJECTS = demo.projects.filter((p) => p.unitCode === CODE).sort((a, b) => a.seq - b.seq);
const YEAR = PROJECTS[0]!.year;
const AT = { unitCode: CODE, year: 2031 };

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi({ demo: true });
}, 60_000);
afterAll(() => api?.close());

const upload = (bytes: Uint8Array, name = '去年.docx') => ({ name, bytes });

/** Every row of the database, hashed, and SQLite's own check. */
function dbState(): { hash: string; rows: number; integrity: unknown } {
  const snap = snapshot(api.store.path);
  const db = new Database(api.store.path, { readonly: true });
  try {
    return {
      hash: createHash('sha256').update(JSON.stringify(snap)).digest('hex'),
      rows: Object.values(snap).reduce((n, t) => n + t.length, 0),
      integrity: db.pragma('integrity_check', { simple: true }),
    };
  } finally {
    db.close();
  }
}

/** import.store refuses the file in Chinese (matching `re`); nothing stored changed. */
async function refusedUnchanged(bytes: Uint8Array, re: RegExp, name?: string): Promise<string> {
  const before = dbState();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const e = await api.fail('import.store', { kind: 'docx', file: upload(bytes, name), ...AT, sha256, plan: { units: [], tables: [], createUnits: [] } });
  expect(e.message).toMatch(HAS_CHINESE);
  expect(e.message).toMatch(re);
  expect(dbState()).toEqual({ ...before, integrity: 'ok' });
  return e.message;
}

/** The worker's preview of the file reads every printed cell of the unit's tables. */
async function readsCorrectly(bytes: Uint8Array): Promise<string[]> {
  const r = await previewWordInWorker(bytes, { unitCode: CODE, year: YEAR });
  expect(r.projects).toHaveLength(PROJECTS.length);
  r.projects.forEach((got, i) => expect(printedCells(T, got.filing)).toEqual(printedCells(T, PROJECTS[i]!)));
  return r.notes;
}

const good = () => writeDocx(T, UNIT, YEAR, PROJECTS);
const parts = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
/** The good file with some parts changed (null removes a part). */
function edited(edit: Record<string, (xml: string) => string | null>, add: Record<string, string> = {}): Uint8Array {
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts(good()))) {
    const f = edit[name];
    const v = f ? f(text(data)) : text(data);
    if (v !== null) out[name] = strToU8(v);
  }
  for (const [name, v] of Object.entries(add)) out[name] = strToU8(v);
  return zipSync(out);
}
const withBody = (body: (xml: string) => string) => edited({ 'word/document.xml': body });
const CT = '[Content_Types].xml';

describe('zip bombs and sizes inside a .docx', () => {
  it('a document.xml declared at 200 MB is refused before it is inflated', async () => {
    const bomb = rawZip([{ name: 'word/document.xml', data: new Uint8Array(200 * 1024 * 1024).fill(0x20) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refusedUnchanged(bomb, /解压后过大.*压缩炸弹/);
  });

  it('a member that inflates past the size its headers declare is stopped', async () => {
    const data = new Uint8Array(30 * 1024 * 1024).fill(0x20);
    await refusedUnchanged(rawZip([{ name: 'word/document.xml', data, declaredSize: 1000 }]), /超过声明的大小.*压缩炸弹/);
  });

  it('a 60 MB document.xml of empty paragraphs (within the byte limits) meets the paragraph limit', async () => {
    const xml = `<w:document xmlns:w="w"><w:body>${'<w:p/>'.repeat(10 * 1024 * 1024)}</w:body></w:document>`;
    await refusedUnchanged(rawZip([{ name: 'word/document.xml', data: strToU8(xml) }]), new RegExp(`段落和表格超过 ${WORD_BODY_LIMITS.blocks} 个`));
  });
});

describe('shapes of the body', () => {
  it('tables nested 10,000 deep are refused; nested three deep in another table, the filing is read', async () => {
    const deep = '<w:tbl><w:tr><w:tc>'.repeat(10_000) + '<w:p/>' + '</w:tc></w:tr></w:tbl>'.repeat(10_000);
    await refusedUnchanged(withBody((x) => x.replace('<w:body>', `<w:body>${deep}`)), /表格嵌套超过 64 层/);
    const three = '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>附件</w:t></w:r></w:p>' + '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内层</w:t></w:r></w:p>'.repeat(3) + '</w:tc></w:tr></w:tbl>'.repeat(3) + '</w:tc></w:tr></w:tbl>';
    const notes = await readsCorrectly(withBody((x) => x.replace('<w:body>', `<w:body>${three}`)));
    expect(notes.join('\n')).toMatch(/第 1 个表格不是项目绩效目标表/);
  });

  it('100,000 paragraphs around the tables: every table read', { timeout: 60_000 }, async () => {
    const paras = Array.from({ length: 100_000 }, (_, i) => `<w:p><w:r><w:t>说明第 ${i} 段</w:t></w:r></w:p>`).join('');
    await readsCorrectly(withBody((x) => x.replace('<w:body>', `<w:body>${paras}`)));
  });

  it('a cell of 200,000 characters is refused, naming the limit', async () => {
    const huge = '很'.repeat(200_000);
    const bytes = withBody((x) => x.replace(/(<w:t[^>]*>)([^<]*项目名称[^<]*)(<\/w:t>)/, `$1$2$3</w:r><w:r><w:t>${huge}</w:t>`));
    await refusedUnchanged(bytes, /一个单元格的文字超过 100000 个字符/);
  });

  it('a paragraph of 200,000 characters outside the tables too', async () => {
    await refusedUnchanged(withBody((x) => x.replace('<w:body>', `<w:body><w:p><w:r><w:t>${'长'.repeat(200_000)}</w:t></w:r></w:p>`)), /一个段落的文字超过 100000 个字符/);
  });

  it('gridBefore and gridSpan claiming millions of columns are clipped; the filing is read', async () => {
    const bytes = withBody((x) => x.replace(/<w:tr>/, '<w:tr><w:trPr><w:gridBefore w:val="999999999"/></w:trPr>').replace(/<w:gridSpan w:val="\d+"\/>/, '<w:gridSpan w:val="2147483647"/>'));
    const r = await previewWordInWorker(bytes, { unitCode: CODE, year: YEAR });
    expect(r.projects.length).toBeGreaterThan(0);
  });
});

describe('XML declarations, links and parts', () => {
  it('XXE: a DTD with an external entity in document.xml is refused; the entity is never read', async () => {
    const xxe = withBody((x) => x.replace(/^(<\?xml[^>]*\?>)?/, `$1<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`).replace('项目名称', '&xxe;'));
    const msg = await refusedUnchanged(xxe, /DTD 或实体声明.*恶意构造/);
    expect(msg).not.toMatch(/root:/);
  });

  it('billion laughs in [Content_Types].xml is refused as well', async () => {
    const lol = `<!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`;
    await refusedUnchanged(edited({ [CT]: (x) => x.replace(/^(<\?xml[^>]*\?>)/, `$1${lol}`) }), /\[Content_Types\]\.xml 中含有 DTD/);
  });

  it('external relationships (template, hyperlink, picture, altChunk, INCLUDETEXT) are never followed', async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('<w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${url}/link" TargetMode="External"/>
        <Relationship Id="rX2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${url}/pic.png" TargetMode="External"/>
        <Relationship Id="rX3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="${url}/chunk.docx" TargetMode="External"/></Relationships>`;
      const settingsRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="${url}/template.dotm" TargetMode="External"/></Relationships>`;
      const bytes = edited(
        {
          'word/document.xml': (x) =>
            x.replace('<w:body>', `<w:body><w:altChunk r:id="rX3"/><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDETEXT "${url}/inc.docx" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`),
          // The package's main relationship pointing outside is ignored too.
          '_rels/.rels': (x) => x.replace('Target="word/document.xml"', `Target="${url}/main.xml" TargetMode="External"`),
        },
        { 'word/_rels/document.xml.rels': rels, 'word/settings.xml': '<w:settings xmlns:w="w"><w:attachedTemplate r:id="rT"/></w:settings>', 'word/_rels/settings.xml.rels': settingsRels },
      );
      const notes = await readsCorrectly(bytes);
      expect(notes.join('\n')).toMatch(/嵌入了其他文档（altChunk），其中的内容没有读取/);
      await api.call('import.preview', { kind: 'docx', file: upload(bytes), ...AT });
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('missing parts: no main document is refused; no [Content_Types].xml or _rels/.rels is read; a main part elsewhere is found by its relationship', async () => {
    await refusedUnchanged(edited({ 'word/document.xml': () => null }), /缺少 word\/document\.xml/);
    await readsCorrectly(edited({ [CT]: () => null, '_rels/.rels': () => null }));
    const doc = text(parts(good())['word/document.xml']!);
    const moved = edited(
      {
        'word/document.xml': () => null,
        '_rels/.rels': (x) => x.replace('Target="word/document.xml"', 'Target="/word/document2.xml"'),
        [CT]: (x) => x.replace('/word/document.xml', '/word/document2.xml'),
      },
      { 'word/document2.xml': doc },
    );
    await readsCorrectly(moved);
  });

  it('wrong content types: the main part declared as a sheet or as something else, a workbook renamed .docx', async () => {
    const as = (type: string) => edited({ [CT]: (x) => x.replace(/(PartName="\/word\/document\.xml" ContentType=")[^"]+/, `$1${type}`) });
    await refusedUnchanged(as('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'), /这是 Excel 工作簿.*导入表格/);
    await refusedUnchanged(as('application/octet-stream'), /内容类型不对.*application\/octet-stream/);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['项目名称', '某项目']]), 'Sheet1');
    await refusedUnchanged(new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer), /这是 Excel 工作簿.*导入表格/, '表.docx');
    // The macro-enabled and template types are Word documents.
    await readsCorrectly(as('application/vnd.ms-word.document.macroEnabled.main+xml'));
    await readsCorrectly(as('application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml'));
  });

  it('invalid UTF-8 in document.xml is read with a note saying so, never replaced silently', async () => {
    const data = parts(good());
    const doc = data['word/document.xml']!;
    const at = Buffer.from(doc).indexOf(Buffer.from(PROJECTS[0]!.name));
    const bad = new Uint8Array([...doc.subarray(0, at), 0xff, 0xc3, ...doc.subarray(at)]);
    const bytes = zipSync({ ...data, 'word/document.xml': bad });
    const r = await previewWordInWorker(bytes, { unitCode: CODE, year: YEAR });
    expect(r.notes[0]).toBe('Word 文件的 word/document.xml 中有 2 处不是有效的 UTF-8 编码，已替换为“\ufffd”：请核对导入的文字（文件可能已损坏）');
    expect(r.projects[0]!.filing.name).toBe(`\ufffd\ufffd${PROJECTS[0]!.name}`);
    const preview = await api.call('import.preview', { kind: 'docx', file: upload(bytes), ...AT });
    expect(preview.notes.join('\n')).toMatch(/2 处不是有效的 UTF-8 编码/);
  });

  it('a document.xml in UTF-16 (with its byte-order mark) is read', async () => {
    const data = parts(good());
    const doc = text(data['word/document.xml']!).replace(/encoding="UTF-8"/i, 'encoding="UTF-16"');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(doc, 'utf16le')]);
    await readsCorrectly(zipSync({ ...data, 'word/document.xml': utf16 }));
  });
});

const lo = CORPUS_TOOLS.libreoffice ? describe : describe.skip;
lo('.doc files that lie (made by LibreOffice from seed 003, then changed)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await ensureCorpus();
  }, 600_000);
  const corpus = (f: string) => new Uint8Array(fs.readFileSync(path.join(dir, f)));
  const u32 = (b: Uint8Array, o: number) => new DataView(b.buffer, b.byteOffset).getUint32(o, true);
  const setU32 = (b: Uint8Array, o: number, v: number) => new DataView(b.buffer, b.byteOffset).setUint32(o, v, true);
  /** FIB offsets: fibRgLw (ccpText) and fibRgFcLcb. */
  const fib = (w: Uint8Array) => {
    const csw = w[32]! | (w[33]! << 8);
    const lw = 34 + csw * 2 + 2;
    const cslw = w[lw - 2]! | (w[lw - 1]! << 8);
    return { ccpText: lw + 12, fcLcb: (i: number) => lw + cslw * 4 + 2 + i * 8 };
  };
  /** Where the piece table's CPs start in the Clx at `fc`, and how many pieces it has. */
  const pcd = (t: Uint8Array, fc: number) => {
    let o = fc;
    while (t[o] === 0x01) o += 3 + (t[o + 1]! | (t[o + 2]! << 8));
    return { at: o + 5, n: (u32(t, o + 1) - 4) / 12 };
  };
  function editStreams(edit: (word: Uint8Array, table: Uint8Array) => void): Uint8Array {
    const cfb = CFB.read(corpus('seed-003.lo.doc'), { type: 'buffer' });
    const we = CFB.find(cfb, 'WordDocument')!;
    const te = CFB.find(cfb, '1Table') ?? CFB.find(cfb, '0Table')!;
    const word = new Uint8Array(we.content as Uint8Array);
    const table = new Uint8Array(te.content as Uint8Array);
    edit(word, table);
    we.content = word as unknown as CFB.CFB$Blob;
    te.content = table as unknown as CFB.CFB$Blob;
    return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
  }

  it('the piece table past the end of its stream, text past the end of the file, pieces that repeat the same bytes', async () => {
    await refusedUnchanged(editStreams((w, t) => setU32(w, fib(w).fcLcb(33), t.length + 100)), /片段表超出范围/, '去年.doc');
    // Every piece's text start moved past the end of WordDocument.
    const pastEnd = editStreams((w, t) => {
      const { at, n } = pcd(t, u32(w, fib(w).fcLcb(33)));
      for (let i = 0; i < n; i++) setU32(t, at + (n + 1) * 4 + i * 8 + 2, w.length * 4);
    });
    await refusedUnchanged(pastEnd, /正文超出文件范围|片段表/, '去年.doc');
    // ccpText of 4 × 10^9 with pieces all pointing at the same bytes: refused before reading.
    const loop = editStreams((w, t) => {
      setU32(w, fib(w).ccpText, 0xf0000000);
      const { at, n } = pcd(t, u32(w, fib(w).fcLcb(33)));
      for (let i = 0; i <= n; i++) setU32(t, at + i * 4, Math.floor((0xf0000000 / n) * i));
    });
    await refusedUnchanged(loop, /比文件本身还长|片段表/, '去年.doc');
  });

  it('cycles in the compound file\'s sector chains (FAT) are refused or cut, never followed for ever', async () => {
    const chained = (start: (b: Uint8Array) => number) => {
      const b = new Uint8Array(corpus('seed-003.lo.doc'));
      const ss = 1 << (b[30]! | (b[31]! << 8));
      const fatEntry = (n: number) => 512 + u32(b, 76 + 4 * Math.floor(n / (ss / 4))) * ss + (n % (ss / 4)) * 4;
      const s = start(b);
      setU32(b, fatEntry(s), s); // the sector's successor is itself
      return b;
    };
    // The directory's chain: the library cannot read the directory.
    const msg = await refusedUnchanged(chained((b) => u32(b, 48)), /\.doc 文件已损坏或无法读取（文件结构已损坏（扇区链或目录无法读取））/, '去年.doc');
    expect(msg).not.toMatch(/undefined|reading/);
    // Every FAT entry pointing at sector 1: the streams are cut short and do not read.
    const all = new Uint8Array(corpus('seed-003.lo.doc'));
    const at = 512 + u32(all, 76) * (1 << (all[30]! | (all[31]! << 8)));
    for (let i = 0; i < 128; i++) if (u32(all, at + i * 4) < 0xfffffffa) setU32(all, at + i * 4, 1);
    await refusedUnchanged(all, /\.doc 文件已损坏或无法读取/, '去年.doc');
  });

  it('a .doc named .docx and a .docx named .doc are read by their content', async () => {
    const asDocx = await api.call('import.preview', { kind: 'docx', file: upload(corpus('seed-003.lo.doc'), '伪装.docx'), ...AT });
    const asDoc = await api.call('import.preview', { kind: 'docx', file: upload(corpus('seed-003.lo.docx'), '伪装.doc'), ...AT });
    const tables = (p: typeof asDoc) =>
      p.units.flatMap((u) => u.tables.map((t) => ({ name: t.filing.name, templateId: t.filing.templateId, periods: JSON.stringify(t.filing.periods).replace(/"id":"[^"]*"/g, '') })));
    expect(tables(asDocx).length).toBeGreaterThan(0);
    expect(tables(asDocx)).toEqual(tables(asDoc));
  });
});
