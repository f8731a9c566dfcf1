// The handover, spreadsheet and Word-import calls of the API, as the UI makes them: a
// unit packs its unit-year, a receiving office inspects and imports packages (a repeat
// changes nothing, received data is read-only), spreadsheets and Word files are previewed
// before anything is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { openTestApi, type TestApi } from './helpers.ts';
import type { ImportPreview, JobStatus } from '../../shared/api/contract.ts';
import { defaultPlan } from '../../shared/api/import-preview.ts';

/** The tables of a preview as the list shows them: name, template, 预算数 (the last period's). */
const tablesOf = (p: ImportPreview) =>
  p.units.flatMap((u) => u.tables).map((t) => ({ name: t.filing.name, templateId: t.filing.templateId, budget: Object.values(t.filing.periods).at(-1)?.funding.total ?? null }));

async function finished(api: TestApi, jobId: string): Promise<JobStatus> {
  for (let i = 0; i < 600; i++) {
    const s = await api.call('jobs.get', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('job did not finish');
}

const fingerprint = (api: TestApi): string => {
  const h = createHash('sha256');
  for (const f of [api.store.path, `${api.store.path}-wal`]) if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  return h.digest('hex');
};

let sender: TestApi;
let receiver: TestApi;
let pkg: { name: string; bytes: Uint8Array };

beforeAll(async () => {
  sender = await openTestApi({ demo: true });
  receiver = await openTestApi();
});
afterAll(async () => {
  await sender.close();
  await receiver.close();
});

describe('handover through the API', () => {
  it('packs a unit-year that passes 审核, as a verified package with its DOCX book', async () => {
    const { jobId } = await sender.call('handover.pack', { unitCode: '341182', year: 2024 });
    const s = await finished(sender, jobId);
    expect(s.state).toBe('done');
    expect(s.fileName).toBe('绩效目标_341182_明光市医疗保障局（本级）_2024_第1次.jxmb');
    expect(s.report?.[0]).toBe(`已打包：${s.fileName}（6 张项目表，已校验）`);
    pkg = { name: s.fileName!, bytes: Buffer.from(s.base64!, 'base64') };
  });

  it('asks before packing again what did not change since the last submission; 再次打包 is 第 2 次; a changed table is packed at once', async () => {
    const e = await sender.fail('handover.pack', { unitCode: '341182', year: 2024 });
    expect(e.code).toBe('NEEDS_CONFIRM');
    expect(e.message).toMatch(/^各项目表自第 1 次报送（\d{4}-\d\d-\d\d \d\d:\d\d）以来都没有修改。再次打包将记为第 2 次报送/);
    const again = await finished(sender, (await sender.call('handover.pack', { unitCode: '341182', year: 2024, again: true })).jobId);
    expect(again.fileName).toMatch(/_第2次\.jxmb$/);
    expect((await sender.fail('handover.pack', { unitCode: '341182', year: 2024 })).message).toContain('自第 2 次报送');
    // A table changed: packed without a question.
    const { rows: [row] } = await sender.call('projects.list', { unitCode: '341182', year: 2024 });
    const got = await sender.call('projects.get', { id: row!.id });
    await sender.call('projects.save', { filing: { ...got.filing, fundUse: `${got.filing.fundUse}。` }, expectedRevision: got.revision, force: true });
    const third = await finished(sender, (await sender.call('handover.pack', { unitCode: '341182', year: 2024 })).jobId);
    expect(third.fileName).toMatch(/_第3次\.jxmb$/);
  });

  it('the pack report names the 部门整体绩效目标 the package carries', async () => {
    const { jobId } = await sender.call('handover.pack', { unitCode: '619001', year: 2025 });
    const s = await finished(sender, jobId);
    expect(s.report?.[0]).toBe(`已打包：${s.fileName}（18 张项目表和部门整体绩效目标，已校验）`);
  });

  it('refuses to pack while 错误 remain', async () => {
    // Refused before any job starts, with the same count as 审核全部.
    const e = await sender.fail('handover.pack', { unitCode: '382101', year: 2024 });
    expect(e.code).toBe('HAS_ERRORS');
    expect(e.message).toMatch(/审核还有 \d+ 个错误，不能打包报送/);
  });

  it('the receiver inspects without importing', async () => {
    const info = await receiver.call('handover.inspect', { file: pkg });
    expect(info).toMatchObject({ unit: { code: '341182' }, year: 2024, templateId: 'D', projectCount: 6, hasBook: true, alreadyImported: false });
    expect(await receiver.call('units.list', {})).toEqual([]);
    expect(info.refusal).toBeNull();
  });

  it('a package for a unit code that is 示例 here is marked 不能接收 already on inspection', async () => {
    // The sender's own database holds the demo data: 341182 is a 示例 unit there.
    const info = await sender.call('handover.inspect', { file: pkg });
    expect(info.refusal).toMatch(/^单位编码 341182 在本机是“示例”单位.*请先删除示例数据/);
  });

  it('imports many packages as a job; a repeat is recognised and duplicates nothing', async () => {
    const { jobId } = await receiver.call('handover.import', { files: [pkg, pkg] });
    const s = await finished(receiver, jobId);
    expect(s.state).toBe('done');
    expect(s.report?.[0]).toMatch(/^绩效目标_341182.*：已导入（341182/);
    expect(s.report?.[1]).toMatch(/已导入过/);
    expect((await receiver.call('projects.list', { unitCode: '341182', year: 2024 })).rows).toHaveLength(6);
    const history = await receiver.call('handover.received', {});
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ unitCode: '341182', year: 2024, state: 'current', madeCurrent: [{ at: expect.any(String), how: 'import' }] });
  });

  it('received filings are read-only', async () => {
    const row = (await receiver.call('projects.list', { unitCode: '341182', year: 2024 })).rows[0]!;
    const got = await receiver.call('projects.get', { id: row.id });
    const before = fingerprint(receiver);
    const err = await receiver.fail('projects.save', { filing: { ...got.filing, name: '改名' }, expectedRevision: got.revision, force: true });
    expect(err.message).toMatch(/只读/);
    expect(fingerprint(receiver)).toBe(before);
  });

  it('a corrupt package is reported per file and stores nothing', async () => {
    const bytes = Buffer.from(pkg.bytes);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    const before = fingerprint(receiver);
    const { jobId } = await receiver.call('handover.import', { files: [{ name: 'bad.jxmb', bytes }] });
    const s = await finished(receiver, jobId);
    expect(s.report?.[0]).toMatch(/^bad\.jxmb：未导入——/);
    expect(fingerprint(receiver)).toBe(before);
    const e = await receiver.fail('handover.inspect', { file: { name: 'x.jxmb', base64: 'bm90IGEgemlw' } });
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('builds the 汇总 spreadsheet of what was received', async () => {
    const { jobId } = await receiver.call('handover.summary', { year: 2024 });
    const s = await finished(receiver, jobId);
    expect(s.fileName).toBe('绩效目标汇总_2024.xlsx');
    expect(Buffer.from(s.base64!, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('spreadsheets and Word files through the API', () => {
  it('a unit-year exported as a spreadsheet previews and stores into another unit', async () => {
    const x = await sender.call('spreadsheet.export', { unitCode: '619001', year: 2025 });
    expect(x.fileName).toMatch(/\.xlsx$/);
    await sender.call('units.save', { unit: { code: '100001', name: '某县医疗保障局' } });
    const file = { name: x.fileName, bytes: Buffer.from(x.base64!, 'base64') };
    const preview = await sender.call('import.preview', { kind: 'xlsx', file, unitCode: '100001', year: 2026 });
    const source = (await sender.call('projects.list', { unitCode: '619001', year: 2025 })).rows;
    expect(tablesOf(preview).map((p) => p.name)).toEqual(source.map((r) => r.name));
    expect(tablesOf(preview).map((p) => p.budget)).toEqual(source.map((r) => r.budget));
    // Our own workbook says its year: imported into another, its tables would be carried over.
    expect({ printed: preview.printedYear, year: preview.year, carried: preview.carriedOver }).toEqual({ printed: 2025, year: 2026, carried: true });
    // Preview stored nothing.
    expect((await sender.call('projects.list', { unitCode: '100001', year: 2026 })).rows).toHaveLength(0);
  });

  it('a DOCX table of ours previews as the project it was', async () => {
    const row = (await sender.call('projects.list', { unitCode: '341182', year: 2024 })).rows[0]!;
    const { jobId } = await sender.call('export.docx', { scope: { kind: 'project', id: row.id } });
    const s = await finished(sender, jobId);
    const preview = await sender.call('import.preview', { kind: 'docx', file: { name: s.fileName!, bytes: Buffer.from(s.base64!, 'base64') }, unitCode: '100001', year: 2025 });
    expect(tablesOf(preview)).toHaveLength(1);
    expect(tablesOf(preview)[0]).toMatchObject({ name: row.name, templateId: 'D', budget: row.budget });
    const plan = defaultPlan(preview);
    const stored = await sender.call('import.store', { kind: 'docx', file: { name: s.fileName!, bytes: Buffer.from(s.base64!, 'base64') }, unitCode: '100001', year: 2025, sha256: preview.sha256, plan });
    expect(stored.projects).toBe(1);
    expect((await sender.call('projects.list', { unitCode: '100001', year: 2025 })).rows.map((r) => r.name)).toEqual([row.name]);
  });

  it('the same file again is recognised by its hash and not stored twice; 撤销导入 undoes the import in one action', async () => {
    const row = (await sender.call('projects.list', { unitCode: '341182', year: 2024 })).rows[1]!;
    const { jobId } = await sender.call('export.docx', { scope: { kind: 'project', id: row.id } });
    const s = await finished(sender, jobId);
    const file = { name: s.fileName!, bytes: Buffer.from(s.base64!, 'base64') };
    const at = { unitCode: '100001', year: 2027 };
    const first = await sender.call('import.preview', { kind: 'docx', file, ...at });
    const choices = { sha256: first.sha256, plan: defaultPlan(first) };
    expect((await sender.call('import.store', { kind: 'docx', file, ...at, ...choices })).projects).toBe(1);
    const again = await sender.call('import.preview', { kind: 'docx', file, ...at });
    expect(again.importedBefore).toMatch(/^这个文件已于 .* 导入到单位 100001 2027 年度（1 张项目表，文件名“.*”），不会重复导入；如需重新导入，请先撤销那次导入$/);
    const before = fingerprint(sender);
    expect((await sender.fail('import.store', { kind: 'docx', file, ...at, ...choices })).message).toMatch(/不会重复导入/);
    expect(fingerprint(sender)).toBe(before);
    expect(await sender.call('import.undo', at)).toEqual({ removed: 1, restored: 0, fileName: file.name });
    expect((await sender.call('projects.list', at)).rows).toHaveLength(0);
    expect((await sender.fail('import.undo', at)).message).toMatch(/没有可以撤销的文件导入/);
    // Undone, the file can be imported again.
    expect((await sender.call('import.store', { kind: 'docx', file, ...at, ...choices })).projects).toBe(1);
    expect((await sender.call('projects.list', at)).rows.map((r) => r.name)).toEqual([row.name]);
  });

  it('a file that is neither is refused in Chinese and stores nothing', async () => {
    const before = fingerprint(sender);
    const bytes = Buffer.from('hello');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const e = await sender.fail('import.store', { kind: 'docx', file: { name: 'a.docx', bytes }, unitCode: '100001', year: 2025, sha256, plan: { tables: [] } });
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(fingerprint(sender)).toBe(before);
  });
});
