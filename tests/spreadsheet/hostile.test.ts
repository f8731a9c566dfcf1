// Hostile spreadsheets: prototype pollution, ReDoS-style number formats, zip bombs,
// formulas, too many rows, truncation, plus a mutation fuzz run — all refused (or read)
// in the worker, with Chinese messages, bounded time, and no pollution here.
import path from 'node:path';
import fs from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXlsxBatch, parseXlsxInWorker, readXlsxFile, SpreadsheetError } from '../../electron/import/spreadsheet/xlsx-read.ts';
import { importWorkbook } from '../../electron/import/spreadsheet/workbook.ts';
import { rawZip } from '../handover/helpers.ts';
import { HAS_CHINESE, tempDirs } from '../store/helpers.ts';
import { editZip, seedWorkbook } from './helpers.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
const valid = await seedWorkbook('382302');
const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const KEYS_BEFORE = protoKeys();

function pollutionPayload(): Uint8Array {
  return editZip(valid, (name, text) => {
    if (name === 'xl/workbook.xml') {
      return text
        .replace(/name="汇总"/, 'name="__proto__"')
        .replace('</sheets>', '</sheets><definedNames><definedName name="__proto__">__proto__!$A$1</definedName><definedName name="constructor">x</definedName><definedName name="prototype">polluted</definedName></definedNames>');
    }
    if (name === 'xl/sharedStrings.xml') return text.replace('<si><t', '<si><t xml:space="preserve">__proto__</t></si><si><t');
    if (name === 'docProps/app.xml') return text.replace('</Properties>', '<__proto__><polluted>yes</polluted></__proto__></Properties>');
    return undefined;
  }, {
    'docProps/custom.xml': '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="__proto__"><vt:lpwstr>polluted</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="polluted"><vt:lpwstr>yes</vt:lpwstr></property></Properties>',
  });
}

function redosPayload(): Uint8Array {
  // Long crafted number formats and a long attribute: the patterns behind CVE-2024-22363.
  const fmt = '"'.repeat(1) + '\\\\'.repeat(30_000) + '[' + '0'.repeat(30_000) + ';'.repeat(5_000);
  return editZip(valid, (name, text) => {
    if (name === 'xl/styles.xml') return text.replace(/<numFmts[^>]*>[\s\S]*?<\/numFmts>|(?=<fonts)/, `<numFmts count="1"><numFmt numFmtId="200" formatCode="${fmt.replace(/"/g, '&quot;')}"/></numFmts>`);
    if (name.startsWith('xl/worksheets/sheet2')) return text.replace('<c r="A1"', '<c r="A1" s="1" x="' + ' '.repeat(200_000) + '"');
    return undefined;
  });
}

describe('hostile spreadsheets', () => {
  it('prototype pollution payload: no pollution in the main thread, plain data back', async () => {
    const sheets = await parseXlsxInWorker(pollutionPayload()).catch((e: Error) => e);
    expect(protoKeys()).toEqual(KEYS_BEFORE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (sheets instanceof Error) expect(sheets.message).toMatch(HAS_CHINESE);
    else {
      expect(sheets.map((s) => s.name)).toContain('__proto__');
      for (const s of sheets) expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
    }
    // And through the whole import: still no pollution, and the 项目 sheets read.
    const r = await importWorkbook(pollutionPayload()).catch((e: Error) => e);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(protoKeys()).toEqual(KEYS_BEFORE);
    if (!(r instanceof Error)) expect(r.projects.length).toBeGreaterThan(0);
  });

  it('ReDoS-style payload: bounded time, read or refused in Chinese', async () => {
    const t0 = Date.now();
    const r = await parseXlsxInWorker(redosPayload(), { timeoutMs: 4000 }).catch((e: Error) => e);
    expect(Date.now() - t0).toBeLessThan(6000);
    if (r instanceof Error) expect(r.message).toMatch(HAS_CHINESE);
  });

  it('zip bomb, too many rows, not xlsx, truncated: refused with the reason; a formula is read by its saved value', async () => {
    const bombSheet = new Uint8Array(60 * 1024 * 1024).fill(0x20);
    const lyingBomb = rawZip([
      { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: bombSheet, declaredSize: 1000 },
    ]);
    const bigDeclared = rawZip([
      { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: bombSheet },
    ]);
    const formula = editZip(valid, (name, text) => (name === 'xl/worksheets/sheet2.xml' ? text.replace(/<c r="B1"([^>]*)>/, '<c r="B1"$1><f>SUM(1,2)</f>') : undefined));
    const rowsXml = (n: number) => `<worksheet><sheetData>${'<row r="1"/>'.repeat(n)}</sheetData></worksheet>`;
    const tooManyRowsOneSheet = editZip(valid, (name) => (name === 'xl/worksheets/sheet2.xml' ? rowsXml(20_001) : undefined));
    const rows = new TextEncoder().encode(rowsXml(19_700));
    const millionRows = rawZip([
      { name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') },
      ...Array.from({ length: 51 }, (_, i) => ({ name: `xl/worksheets/extra${i}.xml`, data: rows })),
    ]);
    const csv = new TextEncoder().encode('项目名称,预算数\n办公费,10\n');
    const truncated = valid.subarray(0, Math.floor(valid.length * 0.6));

    // The worker's time limit is the bound here (a generous one: a loaded 2-core CI machine).
    const res = await parseXlsxBatch([lyingBomb, bigDeclared, formula, tooManyRowsOneSheet, millionRows, csv, truncated], {
      uncompressedBytes: 50 * 1024 * 1024,
      timeoutMs: 50_000,
    });
    const msgs = res.map((r) => (r.ok ? 'OK' : r.message));
    expect(msgs[0]).toMatch(/超过声明的大小|压缩炸弹/);
    expect(msgs[1]).toMatch(/解压后过大.*压缩炸弹/);
    expect(msgs[2]).toBe('OK');
    const fs2 = res[2]!.ok ? res[2]!.sheets.find((s) => s.formulas) : undefined;
    expect(fs2?.formulas).toEqual({ count: 1, cells: ['B1'], noValue: 0 });
    expect(msgs[3]).toMatch(/超过 20000 行/);
    expect(msgs[4]).toMatch(/总行数超过 1000000 行/);
    expect(msgs[5]).toMatch(/不是 \.xlsx 或 \.xls 格式/);
    expect(msgs[6]).toMatch(/截断|损坏|不完整/);
  });

  it('file size limit is checked before reading', async () => {
    const f = path.join(dirs.make(), 'big.xlsx');
    fs.writeFileSync(f, Buffer.alloc(21 * 1024 * 1024));
    await expect(readXlsxFile(f)).rejects.toThrow(/表格文件过大（21\.0 MB，上限 20 MB）/);
    await expect(parseXlsxInWorker(new Uint8Array(0))).rejects.toBeInstanceOf(SpreadsheetError);
    void deflateRawSync;
  });

  it('fuzz: byte flips and truncations of a valid xlsx never crash or hang the reader', async () => {
    const cases = fc.sample(
      fc.tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), fc.option(fc.nat(), { nil: undefined })),
      { numRuns: 1000, seed: 424242 },
    );
    const inputs = cases.map(([flips, cut]) => {
      const b = new Uint8Array(valid);
      for (const [pos, x] of flips) b[pos % b.length] = b[pos % b.length]! ^ x;
      return cut === undefined ? b : b.subarray(0, cut % b.length);
    });
    const res = await parseXlsxBatch(inputs, { timeoutMs: 50_000 });
    expect(res).toHaveLength(inputs.length);
    expect(res.some((r) => !r.ok && /超时/.test(r.message))).toBe(false);
    let refused = 0;
    for (const r of res) {
      if (!r.ok) {
        expect(r.message).toMatch(HAS_CHINESE);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(600);
    expect(protoKeys()).toEqual(KEYS_BEFORE);
  });
});
