// A sheet the workbook's relationships put outside xl/worksheets/*.xml (another folder, an
// upper-case name): the row and sheet limits hold for it as well. xlsx stops reading at
// sheetRows without a word, so before this the rows past the limit went missing silently.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXlsxInWorker } from '../../electron/import/spreadsheet/xlsx-read.ts';
import { tempDirs } from '../store/helpers.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** openpyxl's workbook of `sheets` sheets × `rows` rows, its first sheet's member renamed to `member` (relationships and content types follow). */
function book(member: string, rows: number, sheets = 1): Uint8Array {
  const file = path.join(dirs.make(), 'x.xlsx');
  const script = `import sys,zipfile,io
from openpyxl import Workbook
wb=Workbook();wb.active.title='S0'
for k in range(1,int(sys.argv[4])): wb.create_sheet('S%d'%k)
for ws in wb:
  for i in range(int(sys.argv[3])): ws.append(['r%d'%i,i])
buf=io.BytesIO();wb.save(buf)
zin=zipfile.ZipFile(buf);zout=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)
new=sys.argv[2]
for it in zin.infolist():
  d=zin.read(it.filename);n=it.filename
  if n=='xl/worksheets/sheet1.xml': n=new
  if n in ('xl/_rels/workbook.xml.rels','[Content_Types].xml'): d=d.replace(b'/xl/worksheets/sheet1.xml',('/'+new).encode())
  zout.writestr(n,d)
zout.close()`;
  execFileSync('/usr/bin/python3', ['-c', script, file, member, String(rows), String(sheets)]);
  return new Uint8Array(fs.readFileSync(file));
}

describe('sheets outside xl/worksheets/*.xml', () => {
  it('are refused past the row limit, like any sheet, not cut off', async () => {
    const limit = { rowsPerSheet: 10 };
    await expect(parseXlsxInWorker(book('xl/worksheets/sheet1.xml', 20), limit)).rejects.toThrow('表格中有工作表超过 10 行，已拒绝（请拆分后再导入）');
    for (const member of ['xl/data/s1.xml', 'xl/worksheets/SHEET1.XML']) {
      await expect(parseXlsxInWorker(book(member, 20), limit), member).rejects.toThrow('表格中有工作表超过 10 行，已拒绝（请拆分后再导入）');
      const ok = await parseXlsxInWorker(book(member, 10), limit);
      expect(ok[0]!.rows.map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`));
    }
  });
  it('count towards the sheet limit and the total rows', async () => {
    await expect(parseXlsxInWorker(book('xl/data/s1.xml', 2, 3), { sheets: 2 })).rejects.toThrow('工作表过多（3 个，上限 2 个）');
    await expect(parseXlsxInWorker(book('xl/data/s1.xml', 8, 3), { rowsPerSheet: 10, rowsTotal: 20 })).rejects.toThrow('表格总行数超过 20 行，已拒绝');
  });
});
