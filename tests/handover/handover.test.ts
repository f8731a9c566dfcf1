import path from 'node:path';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { packUnitYear } from '../../electron/handover/pack.ts';
import { importPackageFile, importPackageFolder, inspectPackage } from '../../electron/handover/receive.ts';
import { openPackageBytes, PackageError } from '../../electron/handover/package-read.ts';
import { unzipSafe } from '../../electron/files/zip.ts';
import { packageFileName, sanitiseFileNamePart } from '../../shared/handover/manifest.ts';
import { describeDiff } from '../../shared/handover/diff.ts';
import { StoreError } from '../../electron/store/errors.ts';
import { CLEAN, WITH_ERRORS, HAS_CHINESE, emptyStore, snapshot, storeWith, tempDirs, withManifest } from './helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const at = (iso: string) => () => new Date(iso);
/** The book member is a DOCX (a zip with word/document.xml). */
const manifest_book = (files: Map<string, Uint8Array>) => unzipSafe(files.get('book.docx')!).files.has('word/document.xml');

async function rejects(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('file names', () => {
  it('are self-explaining and safe on Windows', () => {
    expect(packageFileName('382201', '天津市医药采购中心', 2024)).toBe('绩效目标_382201_天津市医药采购中心_2024.jxmb');
    expect(packageFileName('100001', 'a/b:c*?"<>|\\d. ', 2025)).toBe('绩效目标_100001_a_b_c_______d_2025.jxmb');
    expect(packageFileName('382201', '天津市医药采购中心', 2024, 2)).toBe('绩效目标_382201_天津市医药采购中心_2024_第2次.jxmb');
    expect(sanitiseFileNamePart('CON')).toBe('_CON');
    expect(sanitiseFileNamePart('...')).toBe('_');
  });
});

describe('pack', () => {
  it('writes a verified package with manifest, filings, audit and hashes', async () => {
    const dir = dirs.make();
    const { store } = await storeWith(dir, ['382201']);
    const [code, year] = CLEAN.A;
    const stages: string[] = [];
    const r = await packUnitYear(store, { unitCode: code, year, outDir: dir, now: at('2024-03-01T08:00:00Z'), onProgress: (p) => stages.push(p.stage) });
    store.close();
    expect(path.basename(r.path)).toBe('绩效目标_382201_天津市医药采购中心_2024.jxmb');
    expect(stages.at(-1)).toBe('完成');
    const bytes = new Uint8Array(fs.readFileSync(r.path));
    const { files } = unzipSafe(bytes);
    expect([...files.keys()].sort()).toEqual(['audit.json', 'book.docx', 'filings.json', 'manifest.json']);
    expect(manifest_book(files)).toBe(true);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json')));
    expect(manifest).toMatchObject({ format: 'jxmb-handover', formatVersion: 2, year: 2024, templateId: 'A', projectCount: 9, createdAt: '2024-03-01T08:00:00.000Z' });
    expect(manifest.unit).toMatchObject({ code: '382201', name: '天津市医药采购中心' });
    expect(manifest.rulesetVersion).toMatch(/\S/);
    const opened = openPackageBytes(bytes);
    expect(opened.doc.projects).toHaveLength(9);
    expect(opened.audit.summary.errors).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('carries the 说明 of every warning in audit.json', async () => {
    const dir = dirs.make();
    const { store } = await storeWith(dir, ['382301']);
    const r = await packUnitYear(store, { unitCode: '382301', year: 2024, outDir: dir });
    store.close();
    const p = openPackageBytes(new Uint8Array(fs.readFileSync(r.path)));
    expect(p.audit.summary.warnings).toBeGreaterThan(0);
    expect(p.audit.findings.filter((f) => f.severity === 'warning').every((f) => 'explanation' in f)).toBe(true);
  });

  it('is refused while 错误 remain, naming the count and the first tables', async () => {
    const dir = dirs.make();
    const { store } = await storeWith(dir, ['382101']);
    const e = await rejects(packUnitYear(store, { unitCode: WITH_ERRORS[0], year: WITH_ERRORS[1], outDir: dir }));
    store.close();
    expect(e).toBeInstanceOf(PackageError);
    expect(e.message).toMatch(/^审核还有 3 个错误，不能打包报送。请先改正：.*“/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.jxmb'))).toEqual([]);
  });

  it('refuses a unit-year without projects and an unknown unit', async () => {
    const dir = dirs.make();
    const { store } = await storeWith(dir, ['382201']);
    expect((await rejects(packUnitYear(store, { unitCode: '382201', year: 2030, outDir: dir }))).message).toMatch(/没有项目表/);
    expect((await rejects(packUnitYear(store, { unitCode: '999999', year: 2024, outDir: dir }))).message).toMatch(/单位 999999 不存在/);
    store.close();
  });
});

describe('receive', () => {
  it('inspects, imports, refuses a repeat, keeps history and a diff, and keeps received data read-only', async () => {
    const dir = dirs.make();
    const out = dirs.make();
    const sender = await storeWith(dir, ['382201']);
    const v1 = await packUnitYear(sender.store, { unitCode: '382201', year: 2024, outDir: out, now: at('2024-03-01T08:00:00Z') });

    const recv = await emptyStore(dir);
    const info = await inspectPackage(v1.path, recv.store);
    expect(info).toMatchObject({ unit: { code: '382201', name: '天津市医药采购中心' }, year: 2024, createdAt: '2024-03-01T08:00:00.000Z', projectCount: 9, alreadyImported: false });

    const r1 = await importPackageFile(recv.store, v1.path);
    expect(r1.outcome).toBe('new');
    expect(r1.audit.errors).toBe(0);
    expect(recv.store.listProjects('382201', 2024)).toHaveLength(9);
    expect((await inspectPackage(v1.path, recv.store)).alreadyImported).toBe(true);
    // The sender's tables were 草稿 when packed; received, they are 已报送.
    expect(new Set(sender.store.projectsOfUnitYear('382201', 2024).map((p) => p.status))).toEqual(new Set(['draft']));
    expect(new Set(recv.store.projectsOfUnitYear('382201', 2024).map((p) => p.status))).toEqual(new Set(['submitted']));

    // Repeat: nothing stored changes.
    const before = snapshot(recv.dbPath);
    const again = await importPackageFile(recv.store, v1.path);
    expect(again.outcome).toBe('duplicate');
    expect(snapshot(recv.dbPath)).toEqual(before);

    // Read-only: every path into the store refuses.
    const rs = recv.store.received;
    const first = recv.store.listProjects('382201', 2024)[0]!;
    expect(rs.isReceivedProject(first.id)).toBe(true);
    const p = recv.store.getProject(first.id)!;
    const refuse = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(StoreError);
        expect((e as Error).message).toMatch(/报送包.*只读/);
        return;
      }
      throw new Error('expected refusal');
    };
    refuse(() => recv.store.updateProject({ ...p, name: '改名' }));
    refuse(() => recv.store.deleteProject(p.id));
    refuse(() => recv.store.createProject({ ...p, id: 'new-one', seq: 0 }));
    refuse(() => recv.store.upsertUnit({ code: '382201', name: '改名单位' }));
    refuse(() => recv.store.deleteUnit('382201'));
    refuse(() => recv.store.importBatch({ projects: [{ ...p, name: '经交换文件改名' }] }));
    expect(snapshot(recv.dbPath)).toEqual(before);

    // The sender changes its filing and sends again.
    const ids = sender.store.listProjects('382201', 2024).map((x) => x.id);
    const edited = sender.store.getProject(ids[0]!)!;
    const ind = edited.periods.annual!.indicators[0]!;
    sender.store.updateProject({
      ...edited,
      name: edited.name + '（调整）',
      periods: { ...edited.periods, annual: { ...edited.periods.annual!, funding: { ...edited.periods.annual!.funding, total: edited.periods.annual!.funding.total! + 10_000, fiscal: edited.periods.annual!.funding.total! + 10_000, other: null }, indicators: [{ ...ind, value: '≥99%' }, ...edited.periods.annual!.indicators.slice(1)] } },
    });
    sender.store.deleteProject(ids[1]!);
    sender.store.createProject({ ...edited, id: 'added-project', seq: 0, name: '新增的项目' });
    const v2 = await packUnitYear(sender.store, { unitCode: '382201', year: 2024, outDir: out, now: at('2024-03-05T08:00:00Z') });
    expect(v2.path).toBe(v1.path); // same unit-year, same name: the stick holds the newest
    const v2copy = path.join(dirs.make(), 'v2.jxmb');
    fs.copyFileSync(v2.path, v2copy);

    const r2 = await importPackageFile(recv.store, v2copy);
    expect(r2.outcome).toBe('newer');
    const lines = describeDiff(r2.diff!).join('\n');
    expect(lines).toContain('新增项目：新增的项目');
    expect(lines).toMatch(/删除项目：/);
    expect(lines).toMatch(/项目名称：.* → .*（调整）/);
    expect(lines).toMatch(/预算数：[\d.]+ 万元 → [\d.]+ 万元/);
    expect(lines).toMatch(/指标“.*”的指标值：.* → ≥99%/);
    expect(recv.store.listProjects('382201', 2024).map((x) => x.id).sort()).toEqual(sender.store.listProjects('382201', 2024).map((x) => x.id).sort());
    expect(rs.list({ unitCode: '382201', year: 2024 }).map((x) => x.state)).toEqual(['current', 'superseded']);
    expect(rs.isReceivedProject('added-project')).toBe(true);
    expect(rs.isReceivedProject(ids[1]!)).toBe(false);

    sender.store.close();
    recv.store.close();
  });

  it('keeps an older submission (lower submission number) in the history without replacing the current one', async () => {
    const dir = dirs.make();
    const sender = await storeWith(dir, ['382302']);
    const o1 = dirs.make();
    const o2 = dirs.make();
    const v1 = await packUnitYear(sender.store, { unitCode: '382302', year: 2024, outDir: o1, now: at('2024-03-01T08:00:00Z') });
    const first = sender.store.getProject(sender.store.listProjects('382302', 2024)[0]!.id)!;
    sender.store.updateProject({ ...first, fundUse: first.fundUse + '。补充说明' });
    const v2 = await packUnitYear(sender.store, { unitCode: '382302', year: 2024, outDir: o2, now: at('2024-03-09T08:00:00Z') });
    sender.store.close();

    // The sender numbers its submissions; the receiver orders by that number, not by receipt.
    const numbered = (file: string, n: number) => {
      fs.writeFileSync(file, withManifest(fs.readFileSync(file), (m) => (m.submissionNo = n)));
      return file;
    };
    const recv = await emptyStore(dir);
    expect((await importPackageFile(recv.store, numbered(v2.path, 2))).outcome).toBe('new');
    const before = snapshot(recv.dbPath);
    const r = await importPackageFile(recv.store, numbered(v1.path, 1));
    expect(r.outcome).toBe('older');
    expect(describeDiff(r.diff!).join('\n')).toMatch(/资金用途：.*补充说明 → /);
    const after = snapshot(recv.dbPath);
    expect(after.projects).toEqual(before.projects);
    expect(after.received_packages).toHaveLength(2);
    const rs = recv.store.received;
    expect(rs.list({ unitCode: '382302' }).map((x) => [x.createdAt, x.state])).toEqual([
      ['2024-03-09T08:00:00.000Z', 'current'],
      ['2024-03-01T08:00:00.000Z', 'older'],
    ]);
    recv.store.close();
  });

  it('imports a folder of packages from several units with progress, and can be cancelled', async () => {
    const dir = dirs.make();
    const out = dirs.make();
    const sender = await storeWith(dir, ['382201', '619001', '303001', '341182']);
    for (const [code, year] of Object.values(CLEAN)) await packUnitYear(sender.store, { unitCode: code, year, outDir: out });
    sender.store.close();
    fs.writeFileSync(path.join(out, '坏文件.jxmb'), 'not a zip');

    const recv = await emptyStore(dir);
    const seen: string[] = [];
    const r = await importPackageFolder(recv.store, out, { onProgress: (p) => seen.push(`${p.done}/${p.total}`) });
    expect(seen).toEqual(['0/5', '1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(r.items.filter((i) => i.ok)).toHaveLength(4);
    const bad = r.items.find((i) => !i.ok)!;
    expect(bad.error).toMatch(HAS_CHINESE);
    expect(recv.store.listUnits().map((u) => u.code).sort()).toEqual(['303001', '341182', '382201', '619001']);

    const ac = new AbortController();
    ac.abort();
    const c = await importPackageFolder(recv.store, out, { signal: ac.signal });
    expect(c).toEqual({ items: [], cancelled: true });
    recv.store.close();
  });

  it('refuses a package for another unit or year than asked, and one that would overwrite own data', async () => {
    const dir = dirs.make();
    const sender = await storeWith(dir, ['382201']);
    const v = await packUnitYear(sender.store, { unitCode: '382201', year: 2024, outDir: dirs.make() });
    sender.store.close();
    const recv = await emptyStore(dir);
    const before = snapshot(recv.dbPath);
    expect((await rejects(importPackageFile(recv.store, v.path, { expectUnit: '619001' }))).message).toMatch(/这是单位 382201.*不是要导入的单位 619001/);
    expect((await rejects(importPackageFile(recv.store, v.path, { expectYear: 2025 }))).message).toMatch(/这是 2024 年度的报送包，不是要导入的 2025 年度/);
    expect(snapshot(recv.dbPath)).toEqual(before);
    recv.store.close();

    const own = await storeWith(dirs.make(), ['382201']);
    const b2 = snapshot(own.dbPath);
    expect((await rejects(importPackageFile(own.store, v.path))).message).toMatch(/本机已有单位 382201 2024 年度自己填报的 9 张项目表/);
    expect(snapshot(own.dbPath)).toEqual(b2);
    own.store.close();
  });
});
