// yearly.* through dispatch on a real SQLite file: generate, save, fixes, 调整绩效目标, the
// list, print and Word export, the workbook of both forms (read back with xlsx), and 执行数
// from treasury / accounting exports made with python3-openpyxl (tests/fixtures/yearly);
// bad input refused in Chinese with nothing changed.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import type { YearlyView } from '../../shared/yearly/view.ts';
import { openTestApi, type TestApi, HAN } from './helpers.ts';

const U = '619001';
const Y = 2025;
const ID = 'seed002-01';
let api: TestApi;

const upload = (name: string) => ({ name, bytes: fs.readFileSync(new URL(`../fixtures/yearly/${name}`, import.meta.url)) });
const formsOf = () => api.store.yearly.ofUnitYear(U, Y);

beforeAll(async () => {
  api = await openTestApi({ demo: true });
});
afterAll(() => api.close());

describe('yearly.* calls', () => {
  let v: YearlyView;

  it('yearly.create makes both forms from the target; a second time is refused', async () => {
    expect((await api.call('yearly.get', { projectId: ID })).monitoring).toBeNull();
    v = await api.call('yearly.create', { projectId: ID });
    expect(v.monitoring!.form.rows.map((r) => r.indicatorId)).toEqual(v.filed.rows.map((r) => r.id));
    expect(v.selfEvaluation!.score.pointsTotal).toBe(10_000);
    const again = await api.fail('yearly.create', { projectId: ID });
    expect(again.message).toContain('已有绩效运行监控表和绩效自评表');
  });

  it('yearly.save stores a form; a stale revision is a CONFLICT; a bad form is refused and changes nothing', async () => {
    const se = v.selfEvaluation!;
    const form = { ...se.form, rows: se.form.rows.map((r, i) => (i === 0 ? { ...r, actual: '95万元' } : r)) };
    v = await api.call('yearly.save', { form, expectedRevision: se.revision });
    expect(v.selfEvaluation!.revision).toBe(se.revision + 1);
    const unit = v.selfEvaluation!.findings.find((f) => f.code === 'Y-SE-UNIT' || f.code === 'Y-SE-ACTUAL-NOT-COMPARABLE');
    expect(unit?.message).toMatch(HAN);
    expect((await api.fail('yearly.save', { form, expectedRevision: se.revision })).code).toBe('CONFLICT');
    const before = JSON.stringify(formsOf());
    const bad = await api.fail('yearly.save', { form: { ...form, rows: [{ indicatorId: 'x', points: 20_000 }] }, expectedRevision: v.selfEvaluation!.revision });
    expect(bad.message).toContain('分值不能超过 100 分');
    expect((await api.fail('yearly.save', { form: { ...form, projectId: 'nope' }, expectedRevision: 1 })).message).toMatch(HAN);
    expect(JSON.stringify(formsOf())).toBe(before);
  });

  it('yearly.applyFix applies the 审核 fix of a unit mismatch', async () => {
    const se = v.selfEvaluation!;
    const form = { ...se.form, rows: se.form.rows.map((r, i) => (i === 0 ? { ...r, actual: '95个' } : r)) };
    v = await api.call('yearly.save', { form, expectedRevision: se.revision });
    const f = v.selfEvaluation!.findings.find((x) => x.code === 'Y-SE-UNIT')!;
    expect(f.fix!.description).toBe('单位改为“%”（数值不变）：“95%”');
    v = await api.call('yearly.applyFix', { kind: 'self-evaluation', projectId: ID, fix: f.fix!, expectedRevision: v.selfEvaluation!.revision });
    expect(v.selfEvaluation!.form.rows[0]!.actual).toBe('95%');
    expect(v.selfEvaluation!.score.rows[0]!.score).toBe(1188);
  });

  it('yearly.adjust records a change with its reason; refused without a reason or for a row not in the target', async () => {
    const row = v.filed.rows[0]!;
    expect((await api.fail('yearly.adjust', { projectId: ID, reason: ' ', changes: [{ indicatorId: row.id, value: '≥95%' }] })).message).toContain('必须写明调整原因');
    expect((await api.fail('yearly.adjust', { projectId: ID, reason: '调整', changes: [{ indicatorId: 'zz', value: '1' }] })).message).toContain('不在该项目的绩效目标中');
    v = await api.call('yearly.adjust', { projectId: ID, reason: '预算调减', changes: [{ indicatorId: row.id, value: '≥95%' }], budget: 2_800_000 });
    expect(v.adjustments.map((a) => a.seq)).toEqual([1]);
    expect(v.selfEvaluation!.target.versionLabel).toBe('按第 1 次调整后的绩效目标（调整原因：预算调减）');
    expect(v.monitoring!.target.rows[0]).toMatchObject({ value: '≥95%', filedValue: '≥100%' });
    expect(v.filed.rows[0]!.value).toBe('≥100%');
    expect(api.store.getProject(ID)!.periods.annual!.indicators[0]!.value).toBe('≥100%');
  });

  it('yearly.list and yearly.createUnitYear: every project of the unit-year', async () => {
    const r = await api.call('yearly.createUnitYear', { unitCode: U, year: Y });
    const rows = await api.call('yearly.list', { unitCode: U, year: Y });
    expect(r.created + 1).toBe(rows.length);
    expect(rows.every((x) => x.hasForms)).toBe(true);
    expect(rows.find((x) => x.projectId === ID)!.total).toBe(v.selfEvaluation!.score.total);
  });

  it('yearly.print and yearly.exportDocx (a job) from the same layout', async () => {
    const { html } = await api.call('yearly.print', { scope: { kind: 'project', id: ID }, kind: 'both', print: { kind: 'submission', signature: 'table' } });
    expect(html).toContain('项目支出绩效自评表（2025年度）');
    expect(html).toContain('2025年度项目支出绩效目标执行监控表（1—7月）');
    expect(html).toContain('单位（盖章）');
    const { jobId } = await api.call('yearly.exportDocx', { scope: { kind: 'unitYear', unitCode: U, year: Y }, kind: 'self-evaluation' });
    let s = await api.call('jobs.get', { jobId });
    while (s.state === 'running') s = await (new Promise((r) => setTimeout(r, 50)).then(() => api.call('jobs.get', { jobId })));
    expect(s.state).toBe('done');
    expect(s.fileName).toBe('619001唐山市医疗保障局本级2025年绩效自评表.docx');
    expect(Buffer.from(s.base64!, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('yearly.exportXlsx: both forms, one line per indicator row, read back', async () => {
    const r = await api.call('yearly.exportXlsx', { unitCode: U, year: Y });
    const wb = XLSX.read(Buffer.from(r.base64, 'base64'));
    expect(wb.SheetNames).toEqual(['绩效运行监控', '绩效自评']);
    const se = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['绩效自评']!, { header: 1 });
    expect(se[1]!.slice(0, 3)).toEqual(['序号', '项目名称', '项目编码']);
    const first = se.filter((x) => x[1] === '办公楼维修（护）费');
    expect(first).toHaveLength(6);
    expect(first[0]!.slice(11, 15)).toEqual(['≥95%', '95%', '12.50', '12.50']);
  });
});

describe('yearly.importExecution: 执行数 from treasury and accounting exports (openpyxl)', () => {
  it('the treasury export (元, two header rows, rows by 经济分类, a 合计 row): preview stores nothing, then stores', async () => {
    const before = JSON.stringify(formsOf());
    const p = await api.call('yearly.importExecution', { unitCode: U, year: Y, file: upload('treasury-2025.xlsx'), into: 'self-evaluation', store: false });
    expect(p.unit).toBe('元');
    expect(p.columns).toEqual({ code: '项目编码', name: '项目名称', amount: '累计支付金额' });
    expect(p.matches.map((m) => [m.projectId, m.amount, m.by, m.rows])).toEqual([
      ['seed002-01', 2_700_050, 'code', [5, 6]],
      ['seed002-02', 4_850_000, 'code', [7]],
      ['seed002-03', 41_234_567, 'name', [8]],
    ]);
    expect(p.unmatched).toEqual([{ row: 9, code: '99999999P000000000001', name: '不是本单位的项目', reason: '本单位本年度没有这个项目' }]);
    expect(p.notes).toContain('跳过了 1 行合计');
    expect(p.stored).toBe(0);
    expect(JSON.stringify(formsOf())).toBe(before);
    const s = await api.call('yearly.importExecution', { unitCode: U, year: Y, file: upload('treasury-2025.xlsx'), into: 'self-evaluation', store: true });
    expect(s.stored).toBe(3);
    expect(api.store.yearly.get('self-evaluation', 'seed002-03')!.form.funds.total.executed).toBe(41_234_567);
    expect((await api.call('yearly.get', { projectId: 'seed002-01' })).selfEvaluation!.score.execution.rate).toBe('96.43%'); // 27,000.50 ÷ 28,000 (调整后)
  });

  it('the accounting export (万元 from the line above the header) into the 监控表; a fraction of 1 分 is refused per row', async () => {
    const r = await api.call('yearly.importExecution', { unitCode: U, year: Y, file: upload('accounting-2025-07.xlsx'), into: 'monitoring', store: true });
    expect(r.unit).toBe('万元');
    expect(r.columns.amount).toBe('本年累计支出数');
    expect(r.matches.map((m) => [m.projectId, m.amount])).toEqual([
      ['seed002-02', 2_400_000],
      ['seed002-04', 12_345_678],
    ]);
    expect(r.unmatched[0]).toMatchObject({ row: 6, reason: '金额“0.1234567”含不足 1 分的小数' });
    expect(api.store.yearly.get('monitoring', 'seed002-04')!.form.funds.executed).toBe(12_345_678);
  });

  it('a file without such a header, or not a spreadsheet, is refused in Chinese and changes nothing', async () => {
    const before = JSON.stringify(formsOf());
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['随便什么'], [1, 2, 3]]), 'S');
    const other = { name: 'x.xlsx', bytes: XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer };
    expect((await api.fail('yearly.importExecution', { unitCode: U, year: Y, file: other, into: 'monitoring', store: true })).message).toContain('没有找到');
    const junk = { name: 'x.xlsx', bytes: Buffer.from('not a workbook at all') };
    expect((await api.fail('yearly.importExecution', { unitCode: U, year: Y, file: junk, into: 'monitoring', store: true })).message).toMatch(HAN);
    expect(JSON.stringify(formsOf())).toBe(before);
  });
});
