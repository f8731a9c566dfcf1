// A 绩效运行监控表 of few but tall rows (two-line 原因说明, or one of 400 characters) starts on
// page 1 and fills it: the form is kept together only when its estimated height fits, and a
// row taller than 40 % of the page may split. Checked on the DOCX (keep-with-next through the
// rows, cantSplit) and once on the pages LibreOffice renders.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { buildYearlyLayout } from '../../shared/layout/yearly.ts';
import { MONITORING_FORM } from '../../shared/yearly/monitoring-form.ts';
import { monitoringFilingSchema } from '../../shared/yearly/model.ts';
import type { Unit } from '../../shared/model/filing.ts';
import { readDocx, type DocxTable } from '../export/docx-reader.ts';
import { tempDirs } from '../handover/helpers.ts';

const dirs = tempDirs();
const unit = { code: '619001', name: '唐山市医疗保障局本级', supervisor: null } as unknown as Unit;

/** A monitoring form of `n` rows whose 原因说明 is `len` characters (row `tall`: 400). */
async function monitoringDocx(n: number, len: number, tall = -1): Promise<Uint8Array> {
  const rows = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, level1: i < n / 2 ? '产出指标' : '效益指标', level2: '数量指标', name: `指标${i}完成情况`, value: '≥100%', index: i }));
  const filing = monitoringFilingSchema.parse({
    id: 'm', projectId: 'p', unitCode: unit.code, year: 2025, formId: MONITORING_FORM.id, kind: 'monitoring',
    funds: { budget: 300_0000_00, executed: 150_0000_00, projected: 300_0000_00 },
    rows: rows.map((r, i) => ({ indicatorId: r.id, actual: '50%', projected: '100%', likelihood: '有可能', reasons: ['经费保障'], explanation: '资金拨付较晚，'.repeat(60).slice(0, i === tall ? 400 : len), correction: '加快进度' })),
  });
  const item = { unit, projectId: 'p', name: '办公楼维修（护）费', monitoring: { filing, target: { rows, budget: 300_0000_00, goal: '', versionLabel: '按原绩效目标' }, template: MONITORING_FORM, rate: 5000 } };
  return docxBytes(buildYearlyLayout([item], 'monitoring', 2025));
}

const indicatorPart = (docx: Uint8Array): DocxTable => readDocx(docx).body.filter((b): b is DocxTable => b.kind === 'tbl')[1]!;

describe('the monitoring DOCX flows from page 1', () => {
  it('a form of 10 two-line rows (too tall for what page 1 leaves) is not kept in one block', async () => {
    const t = indicatorPart(await monitoringDocx(10, 14));
    // Only the header row keeps with the first body row; the body rows may go to the next page.
    expect(t.rows.map((r) => r.keepNext)).toEqual([true, ...Array(10).fill(false)]);
    expect(t.rows.every((r) => r.cantSplit)).toBe(true);
  });

  it('a short form still stays on one page with its head', async () => {
    const t = indicatorPart(await monitoringDocx(4, 6));
    expect(t.rows.map((r) => r.keepNext)).toEqual([true, true, true, true, false]);
  });

  it('a row of a 400-character 原因说明 may split; the others may not', async () => {
    const t = indicatorPart(await monitoringDocx(6, 6, 2));
    expect(t.rows.map((r) => r.cantSplit)).toEqual([true, true, true, false, true, true, true]);
  });

  it('rendered: page 1 holds the head and most of the rows, not the head alone', async () => {
    const dir = dirs.make();
    const file = path.join(dir, 'mo.docx');
    fs.writeFileSync(file, await monitoringDocx(10, 14));
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 180_000 });
    const pages = execFileSync('pdftotext', ['-layout', path.join(dir, 'mo.pdf'), '-'], { encoding: 'utf8' }).split('\f');
    expect(pages[0]).toContain('年初预算数');
    const onFirst = [...pages[0]!.matchAll(/指标 ?(\d+) ?完成情况/g)].length;
    expect(onFirst).toBeGreaterThanOrEqual(7);
  }, 240_000);
});
