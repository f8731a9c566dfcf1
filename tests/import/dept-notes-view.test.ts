// The notes on sections of the 部门整体绩效目标 that were not read are shown beside the
// department part in the preview's choices (not only in the folded list of all notes): a
// python-docx book previewed by the services, the choices drawn by React to static markup.
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportChoices, initialChoices } from '../../renderer/src/app/exchange/ImportChoices.tsx';
import { buildPreview, readImportFile } from '../../electron/services/import-preview.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { importPlanSchema } from '../../shared/api/import-preview.ts';
import { CORPUS_TOOLS, writePythonDocx } from '../fixtures/foreign/generate.ts';
import { typedTable } from '../fixtures/foreign/typed-table.ts';
import { tempDirs } from '../store/helpers.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

async function choicesHtml(blocks: Parameters<typeof writePythonDocx>[0]): Promise<string> {
  const d = dirs.make();
  writePythonDocx(blocks, path.join(d, 'b.docx'));
  const bytes = new Uint8Array(fs.readFileSync(path.join(d, 'b.docx')));
  const s = await FilingStore.open(path.join(d, 'f.sqlite'), { dailyBackup: false });
  try {
    const plan = importPlanSchema.parse({});
    const p = buildPreview(s, await readImportFile('docx', bytes, '420101', plan), { fileName: 'b.docx', defaultUnit: '420101', year: 2025, plan, bytes });
    const noop = () => undefined;
    return renderToStaticMarkup(createElement(ImportChoices, { preview: p, choices: initialChoices(p), units: [], selected: '', busy: false, onSelect: noop, onChoices: noop, onMapUnit: noop }));
  } finally {
    s.close();
  }
}

/** The text of the 部门整体绩效目标 section's list of notes, one entry per note. */
const notesOf = (html: string): string[] => {
  const dept = html.slice(html.indexOf('aria-label="部门整体绩效目标"'));
  const list = /<ul class="import-dept-notes[^"]*"[^>]*>(.*?)<\/ul>/.exec(dept)?.[1] ?? '';
  return [...list.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/&quot;/g, '"'));
};

describe.runIf(CORPUS_TOOLS.pythonDocx)('department notes in the preview choices', () => {
  it('an empty 总体绩效目标 and a missing 保障措施 are listed under the department part; a whole part lists nothing', async () => {
    const html = await choicesHtml([
      { p: '第一部分 部门整体绩效目标' },
      { p: '一、总体绩效目标' },
      { p: '二、分项绩效目标' },
      { p: '1. 农村饮水安全' },
      { p: '绩效目标：完成12个村饮水工程维修。' },
      ...typedTable('甲项目'),
    ]);
    expect(notesOf(html)).toEqual(['部门整体绩效目标的“一、总体绩效目标”下没有读到内容，这一部分未导入', '部门整体绩效目标中没有找到“三、工作保障措施”，这一部分未导入']);
    const whole = await choicesHtml([
      { p: '第一部分 部门整体绩效目标' },
      { p: '一、总体绩效目标' },
      { p: '保障运行。' },
      { p: '二、分项绩效目标' },
      { p: '1. 饮水' },
      { p: '三、工作保障措施' },
      { p: '加强管理。' },
      ...typedTable('甲项目'),
    ]);
    expect(whole).toContain('aria-label="部门整体绩效目标"');
    expect(notesOf(whole)).toEqual([]);
  });
});
