// A zip member whose local header says something else than the central directory (CRC,
// sizes, name, data descriptor), or whose data overlaps another member, is the smuggling
// shape: a streaming reader and a directory reader see different files. Refused, naming the
// member, in packages, workbooks and Word files; the shapes real writers produce (bit 3 with
// zeros and a data descriptor: LibreOffice, python zipfile on a stream, `zip` to a pipe;
// ZIP64 local sizes from `zip` reading stdin) are read.
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32, unzipSafe } from '../../electron/files/zip.ts';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { importPackageFile } from '../../electron/handover/receive.ts';
import { parseXlsxInWorker } from '../../electron/import/spreadsheet/xlsx-read.ts';
import { readDocxBody } from '../../electron/import/docx/docx-read.ts';
import { emptyStore, rawZip, snapshot, storeWith, tempDirs, type RawMember } from '../handover/helpers.ts';
import { seedWorkbook } from '../spreadsheet/helpers.ts';

const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const dirs = tempDirs();
let work: string;
let pkg: Uint8Array;
let members: RawMember[];
let book: Uint8Array;

beforeAll(async () => {
  work = dirs.make();
  const s = await storeWith(work, ['382201']);
  pkg = (await buildPackage(readUnitYear(s.store, '382201', 2024), { now: () => new Date('2024-03-01T08:00:00Z'), book: null })).bytes;
  s.store.close();
  members = [...unzipSafe(pkg).files].map(([name, data]) => ({ name, data }));
  book = await seedWorkbook('382302');
});
afterAll(() => dirs.cleanup());

/** Local headers of a zip as a plain scan finds them: flags and the CRC and sizes they hold. */
function localHeaders(zip: Uint8Array): Array<{ flags: number; crc: number; compressed: number; size: number }> {
  const v = Buffer.from(zip.buffer, zip.byteOffset, zip.length);
  const out = [];
  for (let p = v.indexOf('PK\x03\x04', 0, 'latin1'); p >= 0; p = v.indexOf('PK\x03\x04', p + 4, 'latin1')) {
    out.push({ flags: v.readUInt16LE(p + 6), crc: v.readUInt32LE(p + 14), compressed: v.readUInt32LE(p + 18), size: v.readUInt32LE(p + 22) });
  }
  return out;
}

async function receive(bytes: Uint8Array): Promise<{ error: string | null; changed: boolean; projects: number }> {
  const recv = await emptyStore(dirs.make());
  const before = snapshot(recv.dbPath);
  const f = path.join(work, `p-${Math.random().toString(36).slice(2)}.jxmb`);
  fs.writeFileSync(f, bytes);
  const error = await importPackageFile(recv.store, f).then(
    () => null,
    (e: Error) => e.message,
  );
  const projects = recv.store.listProjects('382201', 2024).length;
  recv.store.close();
  return { error, changed: JSON.stringify(snapshot(recv.dbPath)) !== JSON.stringify(before), projects };
}

const forged = (name: string, change: Partial<RawMember>) => rawZip(members.map((m) => (m.name === name ? { ...m, ...change } : m)));
const right = (name: string) => members.find((m) => m.name === name)!.data;

describe('local header differing from the central directory: refused, naming the member', () => {
  const cases: Array<[string, () => Partial<RawMember>, RegExp]> = [
    ['local CRC', () => ({ local: { crc: (crc32(right('filings.json')) ^ 1) >>> 0 } }), /校验码/],
    ['local uncompressed size', () => ({ local: { size: right('filings.json').length + 100 } }), /大小/],
    ['local compressed size', () => ({ local: { compressedSize: 7 } }), /大小/],
    ['local name', () => ({ localName: 'filingz.json' }), /文件名/],
    ['bit 3: the data descriptor has another CRC', () => ({ stream: true, descriptor: { crc: 0x12345678 } }), /数据描述符/],
    ['bit 3: the data descriptor has another size', () => ({ stream: true, descriptor: { size: 5 } }), /数据描述符/],
    ['bit 3: a non-zero local CRC that is not the member’s', () => ({ stream: true, local: { crc: 0xdeadbeef } }), /校验码/],
  ];
  for (const [what, change, re] of cases) {
    it(`package: ${what}`, async () => {
      const r = await receive(forged('filings.json', change()));
      expect(r.error).toMatch(/“filings\.json”的本地文件头与目录不一致/);
      expect(r.error).toMatch(re);
      expect(r.changed).toBe(false);
    });
  }

  it('workbook: a sheet whose local CRC differs is refused by name', async () => {
    const files = [...unzipSafe(book).files].map(([name, data]) => ({ name, data }));
    const sheet = files.find((m) => /^xl\/worksheets\/sheet\d+\.xml$/.test(m.name))!;
    const bytes = rawZip(files.map((m) => (m === sheet ? { ...m, local: { crc: 0 } } : m)));
    const e = await parseXlsxInWorker(bytes).catch((x: Error) => x);
    expect((e as Error).message).toContain(`“${sheet.name}”的本地文件头与目录不一致`);
  });

  it('members that overlap (a member hidden inside another one’s stored data): refused', () => {
    const inner = new TextEncoder().encode('{"smuggled":true}');
    const hidden = rawZip([{ name: 'b.json', data: inner, method: 0 }]);
    const cdAt = hidden.length - 22 - (46 + 'b.json'.length);
    const innerLocal = hidden.subarray(0, cdAt);
    const outer = rawZip([{ name: 'a.json', data: innerLocal, method: 0 }]);
    // Central directory: a.json as written, plus b.json pointing into a.json's data.
    const v = Buffer.from(outer);
    const aCd = v.indexOf('PK\x01\x02', 0, 'latin1');
    const bCd = Buffer.from(hidden.subarray(cdAt, hidden.length - 22));
    bCd.writeUInt32LE(30 + 'a.json'.length, 42);
    const cd = Buffer.concat([v.subarray(aCd, v.length - 22), bCd]);
    const end = Buffer.from(v.subarray(v.length - 22));
    end.writeUInt16LE(2, 8);
    end.writeUInt16LE(2, 10);
    end.writeUInt32LE(cd.length, 12);
    const bytes = new Uint8Array(Buffer.concat([v.subarray(0, aCd), cd, end]));
    expect(() => unzipSafe(bytes)).toThrow(/“a\.json”与“b\.json”的数据相互重叠/);
  });
});

describe('what real writers produce is read', () => {
  it('bit 3 with zeros and a signed data descriptor (hand-made): the package is received', async () => {
    const bytes = rawZip(members.map((m) => ({ ...m, stream: true })));
    expect(localHeaders(bytes).every((h) => h.flags & 8 && h.crc === 0 && h.size === 0)).toBe(true);
    expect(await receive(bytes)).toMatchObject({ error: null, projects: (await receive(pkg)).projects });
  });

  it('python zipfile writing to a stream (bit 3, descriptors) and to a file: the package is received', async () => {
    const dir = dirs.make();
    for (const m of members) fs.writeFileSync(path.join(dir, m.name), m.data);
    const py = `
import sys, zipfile, io, os
class Stream(io.RawIOBase):
    def __init__(s, f): s.f = f
    def writable(s): return True
    def write(s, b): return s.f.write(b)
d, names = sys.argv[1], sys.argv[2:]
for out, stream in (('stream.zip', True), ('file.zip', False)):
    with open(os.path.join(d, out), 'wb') as f:
        with zipfile.ZipFile(Stream(f) if stream else f, 'w', zipfile.ZIP_DEFLATED) as z:
            for n in names: z.write(os.path.join(d, n), n)
`;
    execFileSync(PYTHON, ['-c', py, dir, ...members.map((m) => m.name)], { timeout: 60_000 });
    const stream = new Uint8Array(fs.readFileSync(path.join(dir, 'stream.zip')));
    expect(localHeaders(stream).every((h) => h.flags & 8 && h.crc === 0)).toBe(true);
    const expected = (await receive(pkg)).projects;
    expect(await receive(stream)).toMatchObject({ error: null, projects: expected });
    expect(await receive(new Uint8Array(fs.readFileSync(path.join(dir, 'file.zip'))))).toMatchObject({ error: null, projects: expected });
  });

  it('the zip command to a pipe (bit 3, local size kept) and from stdin (ZIP64 local sizes)', async () => {
    const dir = dirs.make();
    for (const m of members) fs.writeFileSync(path.join(dir, m.name), m.data);
    const piped = new Uint8Array(execFileSync('sh', ['-c', `zip -q - ${members.map((m) => m.name).join(' ')} | cat`], { cwd: dir, maxBuffer: 1 << 26 }));
    expect(localHeaders(piped).some((h) => h.flags & 8 && h.size !== 0)).toBe(true);
    expect(await receive(piped)).toMatchObject({ error: null, projects: (await receive(pkg)).projects });
    const stdin = new Uint8Array(execFileSync('sh', ['-c', 'zip -q - - < filings.json | cat'], { cwd: dir, maxBuffer: 1 << 26 }));
    expect(localHeaders(stdin)[0]!.size).toBe(0xffffffff);
    expect(Buffer.from(unzipSafe(stdin).files.get('-')!).equals(Buffer.from(right('filings.json')))).toBe(true);
    const seekable = path.join(dir, 'seek.zip');
    execFileSync('sh', ['-c', `zip -q - - < filings.json > ${seekable}`], { cwd: dir });
    expect(localHeaders(fs.readFileSync(seekable))[0]!.size).toBe(0xffffffff);
    expect(unzipSafe(new Uint8Array(fs.readFileSync(seekable))).files.get('-')!.length).toBe(right('filings.json').length);
  });

  it('LibreOffice .xlsx and .docx (bit 3, zeros, descriptors): read as the same members zipped plainly', async () => {
    const dir = dirs.make();
    fs.writeFileSync(path.join(dir, 'in.xlsx'), book);
    fs.writeFileSync(path.join(dir, 'in.html'), '<html><body><p>项目名称</p><table border="1"><tr><td>预算数</td><td>100</td></tr></table></body></html>');
    const lo = (args: string[]) =>
      execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo')}`, '--headless', '--norestore', ...args, '--outdir', path.join(dir, 'out')], { stdio: 'ignore', timeout: 180_000 });
    lo(['--convert-to', 'xlsx', path.join(dir, 'in.xlsx')]);
    lo(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', path.join(dir, 'in.html')]);
    const xlsx = new Uint8Array(fs.readFileSync(path.join(dir, 'out', 'in.xlsx')));
    const docx = new Uint8Array(fs.readFileSync(path.join(dir, 'out', 'in.docx')));
    for (const z of [xlsx, docx]) expect(localHeaders(z).every((h) => h.flags & 8 && h.crc === 0 && h.size === 0)).toBe(true);
    const plain = (z: Uint8Array) => rawZip([...unzipSafe(z).files].map(([name, data]) => ({ name, data })));
    const sheets = await parseXlsxInWorker(xlsx);
    expect(sheets.flatMap((s) => s.rows.flat()).filter((c) => c !== null).length).toBeGreaterThan(50);
    expect(sheets).toEqual(await parseXlsxInWorker(plain(xlsx)));
    const body = readDocxBody(docx);
    expect(JSON.stringify(body.blocks)).toContain('预算数');
    expect(body).toEqual(readDocxBody(plain(docx)));
  });
});
