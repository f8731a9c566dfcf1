// The hostile files of the safety bench, made in a process of their own (the memory their
// making takes is gone before any host starts): the largest file of each kind that the
// limits accept, written to <dir>. Prints one JSON line: SafetyFile[].
//   tsx tests/bench/safety-files.ts <dir>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { DOCX_LIMITS } from '../../electron/import/docx/docx-read.ts';
import { WORD_BODY_LIMITS } from '../../electron/import/docx/body-budget.ts';
import { PACKAGE_LIMITS } from '../../shared/handover/manifest.ts';
import { DEFAULT_JSON_LIMIT } from '../../electron/files/read-json.ts';
import { SPREADSHEET_LIMITS } from '../../electron/import/spreadsheet/xlsx-read.ts';
import { unzipSafe } from '../../electron/files/zip.ts';
import { inflatedPackage, rawZip, storeWith } from '../handover/helpers.ts';

/** How the host is given the file: an API call with the file uploaded, or the bench hook for the interchange JSON (no API call imports one). */
export type SafetyCall = 'handover.inspect' | 'import.preview:xlsx' | 'import.preview:docx' | 'hook:json';
export interface SafetyFile {
  label: string;
  size: string;
  path: string;
  call: SafetyCall;
}

const MB = 1024 * 1024;

/** An .xlsx of the row limit × 32 columns of numbers: under the 20 MB file limit (uploaded as bytes, shared/api/upload.ts). */
function budgetWorkbook(): Uint8Array {
  const XLSX = createRequire(import.meta.url)('xlsx') as typeof import('xlsx');
  const cols = 32;
  const rows = Math.min(SPREADSHEET_LIMITS.rowsPerSheet, Math.floor(SPREADSHEET_LIMITS.cells / cols)) - 1;
  const aoa = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => r * 100 + c));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '绩效目标');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

/**
 * The largest Word body the limits let through to the end of the read: just under the
 * paragraph limit, each paragraph long enough that document.xml nears its inflated-size
 * limit (a small .docx on disk). Nothing in it is a 绩效目标表: it is refused after the read.
 */
function budgetDocx(): Uint8Array {
  const paras = WORD_BODY_LIMITS.blocks - 10;
  const per = Math.floor((DOCX_LIMITS.documentBytes * 0.95) / paras) - 40;
  const p = `<w:p><w:r><w:t>${'说明'.repeat(Math.floor(per / 6))}</w:t></w:r></w:p>`;
  const xml = `<w:document xmlns:w="w"><w:body>${p.repeat(paras)}</w:body></w:document>`;
  return rawZip([{ name: 'word/document.xml', data: new TextEncoder().encode(xml) }]);
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: safety-files <dir>');
const sender = await storeWith(dir, ['382201'], 'sender.sqlite');
const valid = (await buildPackage(readUnitYear(sender.store, '382201', 2024), { book: null })).bytes;
sender.store.close();
// One project copy is ~2.4 KB of JSON: as many as fit the limit of one member (and of a JSON file).
const perCopy = 2450;
const copies = Math.floor((DEFAULT_JSON_LIMIT * 0.95) / perCopy);
const out: SafetyFile[] = [];
const put = (name: string, bytes: Uint8Array, f: Omit<SafetyFile, 'path'>) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  out.push({ ...f, path });
};

const pkg = inflatedPackage(valid, Math.floor((PACKAGE_LIMITS.memberBytes * 0.97) / perCopy));
put('hostile.jxmb', pkg, { label: '报送包（handover.inspect）', size: `${(pkg.length / MB).toFixed(2)} MB 压缩，filings.json ${((PACKAGE_LIMITS.memberBytes * 0.97) / MB).toFixed(0)} MB`, call: 'handover.inspect' });
const json = unzipSafe(inflatedPackage(valid, copies)).files.get('filings.json')!;
put('hostile.json', json, { label: '交换文件 JSON（import：解析并保存）', size: `${(json.length / MB).toFixed(0)} MB，${copies} 个项目`, call: 'hook:json' });
const xlsx = budgetWorkbook();
put('big.xlsx', xlsx, { label: '表格（import.preview）', size: `${(xlsx.length / MB).toFixed(1)} MB，${SPREADSHEET_LIMITS.rowsPerSheet} 行 × 32 列`, call: 'import.preview:xlsx' });
const docx = budgetDocx();
put('big.docx', docx, {
  label: 'Word（import.preview）',
  size: `${(docx.length / MB).toFixed(2)} MB，document.xml ${((DOCX_LIMITS.documentBytes * 0.95) / MB).toFixed(0)} MB，${WORD_BODY_LIMITS.blocks - 10} 段`,
  call: 'import.preview:docx',
});
process.stdout.write(JSON.stringify(out) + '\n');
