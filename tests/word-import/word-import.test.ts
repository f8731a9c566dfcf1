import path from 'node:path';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { previewDocx, WordImportError } from '../../electron/import/docx/docx-read.ts';
import { previewDocxFile } from '../../electron/import/docx/word-offthread.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { rawZip } from '../handover/helpers.ts';
import { HAS_CHINESE, tempDirs } from '../store/helpers.ts';
import { writeDocx } from './docx-writer.ts';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { buildBookLayout } from '../../shared/layout/index.ts';
import { printedCells } from '../import/printed-cells.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const demo = readDemoData();
const UNITS = { A: '382201', B: '619001', C: '303001', D: '341182' } as const;

describe('Word import (independent DOCX writer)', () => {
  for (const [tid, code] of Object.entries(UNITS)) {
    for (const messy of [false, true]) {
      it(`layout ${tid}${messy ? ' (made elsewhere: split runs, spaced labels)' : ''}: every table recognised`, () => {
        const t = getTemplate(tid)!;
        const unit = demo.units.find((u) => u.code === code)!;
        const projects = demo.projects.filter((p) => p.unitCode === code).sort((a, b) => a.seq - b.seq);
        const year = projects[0]!.year;
        // Layouts A and B print no year in the book: it is asked for (and noted when missing).
        const bytes = writeDocx(t, unit, year, projects, { messy });
        if (t.book.style === 'numbered') expect(previewDocx(bytes).notes).toEqual(['文件中没有找到年度，请在导入时指定年度']);
        const r = previewDocx(bytes, t.book.style === 'numbered' ? { year } : {});
        expect(r.templateId).toBe(tid);
        expect(r.year).toBe(year);
        if (t.book.style === 'numbered') expect(r.unit).toEqual({ code, name: unit.name });
        expect(r.notes).toEqual([]);
        expect(r.projects).toHaveLength(projects.length);
        r.projects.forEach((got, i) => {
          expect(printedCells(t, got.filing)).toEqual(printedCells(t, projects[i]!));
        });
      });
    }
  }

  for (const [tid, code] of Object.entries(UNITS)) {
    it(`layout ${tid}: our own DOCX export reads back`, async () => {
      const t = getTemplate(tid)!;
      const unit = demo.units.find((u) => u.code === code)!;
      const projects = demo.projects.filter((p) => p.unitCode === code).sort((a, b) => a.seq - b.seq);
      const year = projects[0]!.year;
      const bytes = await docxBytes(buildBookLayout({ year, units: [{ unit, projects }], deptTarget: demo.deptTargets.find((d) => d.unitCode === code) ?? null }));
      const r = previewDocx(bytes, { year });
      expect(r.templateId).toBe(tid);
      expect(r.projects).toHaveLength(projects.length);
      r.projects.forEach((got, i) => expect(printedCells(t, got.filing)).toEqual(printedCells(t, projects[i]!)));
      expect(r.notes.filter((n) => !n.includes('不是项目绩效目标表'))).toEqual([]);
    });
  }

  it('reports rows and columns it does not recognise, before anything is stored', () => {
    const t = getTemplate('A')!;
    const unit = demo.units.find((u) => u.code === '382201')!;
    const p = demo.projects.find((x) => x.unitCode === '382201')!;
    const bytes = writeDocx(t, unit, 2024, [p]);
    // A foreign row inside the table and a table that is not a 绩效目标表.
    const xml = new TextDecoder().decode(rawUnzipDocument(bytes));
    const extraRow = '<w:tr><w:tc><w:p><w:r><w:t>审批意见</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>同意</w:t></w:r></w:p></w:tc></w:tr>';
    const changed = xml.replace('</w:tbl>', `${extraRow}</w:tbl>`).replace('<w:body>', '<w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>目录</w:t></w:r></w:p></w:tc></w:tr></w:tbl>');
    const r = previewDocx(rawZip([{ name: 'word/document.xml', data: new TextEncoder().encode(changed) }]), { year: 2024 });
    expect(r.projects).toHaveLength(1);
    expect(r.notes.join('\n')).toContain('第 1 个表格不是项目绩效目标表');
    expect(r.notes.join('\n')).toMatch(/对不上，无法识别，已跳过：审批意见 \| 同意/);
  });

  it('refuses what is not a 绩效目标表, not a DOCX, or a broken DOCX', async () => {
    const notFiling = rawZip([{ name: 'word/document.xml', data: new TextEncoder().encode('<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>会议通知</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>姓名</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>') }]);
    const cases: Array<[Uint8Array, RegExp]> = [
      [notFiling, /没有找到绩效目标表/],
      [new TextEncoder().encode('{\\rtf1 这是 RTF}'), /RTF 格式/],
      [new TextEncoder().encode('这是一段文字'), /不是 \.docx 格式/],
      [rawZip([{ name: 'x.txt', data: new Uint8Array(3) }]), /缺少 word\/document\.xml/],
      [writeDocx(getTemplate('A')!, demo.units[0]!, 2024, [demo.projects[0]!]).subarray(0, 300), /截断|损坏|不完整/],
      [rawZip([{ name: '../word/document.xml', data: new Uint8Array(3) }]), /不安全/],
    ];
    for (const [bytes, re] of cases) {
      let err: unknown;
      try {
        previewDocx(bytes);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(WordImportError);
      expect((err as Error).message).toMatch(HAS_CHINESE);
      expect((err as Error).message).toMatch(re);
    }
    const f = path.join(dirs.make(), '表.docx');
    fs.writeFileSync(f, writeDocx(getTemplate('D')!, demo.units.find((u) => u.code === '341182')!, 2024, demo.projects.filter((p) => p.unitCode === '341182')));
    expect((await previewDocxFile(f, { unitCode: '341182' })).projects).toHaveLength(6);
  });
});

function rawUnzipDocument(bytes: Uint8Array): Uint8Array {
  // Test-side: fflate's own unzip (trusted input made above).
  return unzipDoc(bytes);
}
import { unzipSync } from 'fflate';
const unzipDoc = (b: Uint8Array) => unzipSync(b)['word/document.xml']!;
