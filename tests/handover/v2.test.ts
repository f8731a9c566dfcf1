// Handover format version 2: the yearly forms (绩效运行监控表, 绩效自评表, 调整绩效目标) and the
// unit-year's settings record travel in the package, optionally. Version-1 packages written
// by the version-1 program (tests/fixtures/handover, made with main before the bump) are read
// and received unchanged; a version-2 package goes round trip; hostile version-2 members are
// refused with nothing stored; nothing of another unit-year is touched.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { openPackageBytes } from '../../electron/handover/package-read.ts';
import { importPackageFile, makeReceivedVersionCurrent } from '../../electron/handover/receive.ts';
import { createProjectYearlyForms } from '../../electron/services/yearly-service.ts';
import { adjustTarget, yearlyView } from '../../electron/services/yearly-view.ts';
import { summaryRows } from '../../electron/handover/summary.ts';
import { unzipSafe } from '../../electron/files/zip.ts';
import type { FilingStore } from '../../electron/store/store.ts';
import { emptyStore, rawZip, snapshot, storeWith, tempDirs, withManifest } from './helpers.ts';

const dirs = tempDirs();
const FIXTURES = new URL('../fixtures/handover/', import.meta.url);
const U = '382201';
const Y = 2024;
let work: string;
let v2: Uint8Array;
let v2Later: Uint8Array;
let firstId: string;

const fixture = (name: string) => new Uint8Array(fs.readFileSync(new URL(name, FIXTURES)));
function file(bytes: Uint8Array): string {
  const f = path.join(work, `p-${Math.random().toString(36).slice(2)}.jxmb`);
  fs.writeFileSync(f, bytes);
  return f;
}

/** The package with one JSON member replaced by `edit`'s result, the manifest's hash and size made to match. */
function withMember(bytes: Uint8Array, name: string, edit: (v: Record<string, unknown>) => unknown): Uint8Array {
  const files = unzipSafe(bytes).files;
  const dec = (n: string) => JSON.parse(new TextDecoder().decode(files.get(n))) as Record<string, unknown>;
  const data = new TextEncoder().encode(JSON.stringify(edit(files.has(name) ? dec(name) : {})));
  const m = dec('manifest.json') as { members: Array<{ name: string; sha256: string; size: number }> };
  const entry = { name, sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
  m.members = m.members.some((x) => x.name === name) ? m.members.map((x) => (x.name === name ? entry : x)) : [...m.members, entry];
  const out: Array<{ name: string; data: Uint8Array }> = [{ name: 'manifest.json', data: new TextEncoder().encode(JSON.stringify(m)) }];
  for (const [n, d] of files) if (n !== 'manifest.json' && n !== name) out.push({ name: n, data: d });
  out.push({ name, data });
  return rawZip(out);
}

async function sender(): Promise<FilingStore> {
  const s = await storeWith(work, [U], `sender-${Math.random().toString(36).slice(2)}.sqlite`);
  return s.store;
}

beforeAll(async () => {
  work = dirs.make();
  const store = await sender();
  const projects = store.projectsOfUnitYear(U, Y);
  firstId = projects[0]!.id;
  createProjectYearlyForms(store, firstId);
  const se = store.yearly.get('self-evaluation', firstId)!;
  store.yearly.put({ ...se.form, funds: { ...se.form.funds, total: { ...se.form.funds.total, executed: Math.floor((se.form.funds.total.budget ?? 0) * 0.9) } }, rows: se.form.rows.map((r) => ({ ...r, actual: '100%' })) });
  const row = se.form.rows[0]!.indicatorId;
  adjustTarget(store, { projectId: firstId, reason: '年中调整', changes: [{ indicatorId: row, value: '≥95%' }] });
  // The record as a whole: its print fields (added by another branch) travel with it.
  store.unitYearSettings.put({ unitCode: U, year: Y, templateId: 'A', indicatorSystem: 'legacy', ruleProfile: 'strict', printKind: 'submission', signature: 'book' }, 'test');
  v2 = (await buildPackage(readUnitYear(store, U, Y), { now: () => new Date('2024-07-31T08:00:00Z'), book: null, submissionNo: 2 })).bytes;
  const mo = store.yearly.get('monitoring', firstId)!;
  store.yearly.put({ ...mo.form, rows: mo.form.rows.map((r) => ({ ...r, actual: '50%' })) }, mo.revision);
  v2Later = (await buildPackage(readUnitYear(store, U, Y), { now: () => new Date('2024-08-31T08:00:00Z'), book: null, submissionNo: 3 })).bytes;
  store.close();
});
afterAll(() => dirs.cleanup());

describe('version-1 packages (written by the version-1 program) are read unchanged', () => {
  it.each(['v1-382201-2024.jxmb', 'v1-619001-2025.jxmb'])('%s: opened, received, no yearly forms, no settings', async (name) => {
    const bytes = fixture(name);
    const opened = openPackageBytes(bytes);
    expect(opened.manifest.formatVersion).toBe(1);
    expect(opened.yearly).toBeNull();
    expect(opened.settings).toBeNull();
    expect(opened.book).not.toBeNull();
    const { store } = await emptyStore(dirs.make());
    const r = await importPackageFile(store, file(bytes), { noBackup: true });
    expect(r.outcome).toBe('new');
    const { unit, year } = { unit: opened.manifest.unit.code, year: opened.manifest.year };
    expect(store.projectsOfUnitYear(unit, year)).toEqual(opened.doc.projects.map((p) => expect.objectContaining({ id: p.id, name: p.name })));
    expect(store.yearly.ofUnitYear(unit, year)).toEqual({ forms: [], adjustments: [] });
    expect(summaryRows(store, { year }).rows[0]!.yearly).toBeNull();
    store.close();
  });

  it('a version-1 manifest listing a version-2 member is refused', () => {
    const forged = withManifest(withMember(fixture('v1-382201-2024.jxmb'), 'yearly.json', () => ({ forms: [], adjustments: [] })), () => undefined);
    expect(() => openPackageBytes(forged)).toThrow('版本 1 的报送包不应含有“yearly.json”（版本 2 才有），已拒绝');
  });
});

describe('version 2', () => {
  it('writes formatVersion 2 with the program version it needs, the yearly forms and the settings record', () => {
    const p = openPackageBytes(v2);
    expect(p.manifest.formatVersion).toBe(2);
    expect(p.manifest.requiresApp).toMatch(/^\d+\.\d+\.\d+/);
    expect(p.manifest.members.map((m) => m.name).sort()).toEqual(['audit.json', 'filings.json', 'settings.json', 'yearly.json']);
    expect(p.yearly!.forms.map((f) => f.kind).sort()).toEqual(['monitoring', 'self-evaluation']);
    expect(p.yearly!.adjustments).toHaveLength(1);
    expect(p.settings).toEqual({ unitCode: U, year: Y, templateId: 'A', indicatorSystem: 'legacy', ruleProfile: 'strict', printKind: 'submission', signature: 'book' });
  });

  it('a newer format names the program version it needs (as a version-1 program does for version 2)', () => {
    const newer = withManifest(v2, (m) => ((m.formatVersion = 3), (m.requiresApp = '9.1.0')));
    expect(() => openPackageBytes(newer)).toThrow('报送包格式版本 3 比本程序新（支持版本 1、2），请升级程序（需要 9.1.0 或更新版本）');
  });

  it('round trip: the receiver stores the forms, adjustments and settings with the received unit-year, read-only, scored the same', async () => {
    const { store, dbPath } = await emptyStore(dirs.make());
    // Another received unit-year first: it must not be touched.
    await importPackageFile(store, file(fixture('v1-619001-2025.jxmb')), { noBackup: true });
    const other = snapshot(dbPath);
    const r = await importPackageFile(store, file(v2), { noBackup: true });
    expect(r.outcome).toBe('new');
    const opened = openPackageBytes(v2);
    const got = store.yearly.ofUnitYear(U, Y);
    expect(got.forms).toEqual(expect.arrayContaining(opened.yearly!.forms));
    expect(got.forms).toHaveLength(2);
    expect(got.adjustments).toEqual(opened.yearly!.adjustments);
    expect(store.unitYearSettings.get(U, Y)).toMatchObject({ templateId: 'A', indicatorSystem: 'legacy', ruleProfile: 'strict', printKind: 'submission', signature: 'book' });
    const after = snapshot(dbPath);
    for (const t of ['projects', 'received_packages']) {
      const mine = (rows: unknown[]) => rows.filter((x) => (x as { unit_code?: string }).unit_code === '619001');
      expect(mine(after[t]!)).toEqual(mine(other[t]!));
    }
    const view = yearlyView(store, firstId);
    expect(view.readOnly).toBe(true);
    expect(view.selfEvaluation!.target.versionLabel).toBe('按第 1 次调整后的绩效目标（调整原因：年中调整）');
    const se = store.yearly.get('self-evaluation', firstId)!;
    expect(() => store.yearly.put({ ...se.form, goal: { ...se.form.goal, achieved: '改' } })).toThrow('只读');
    const summary = summaryRows(store, { year: Y }).rows.find((x) => x.unitCode === U)!;
    expect(summary.yearly).toMatchObject({ projects: 9, evaluated: 1, rate: 9000, total: view.selfEvaluation!.score.total });

    // A newer submission replaces the forms; the older version made current again brings its own back.
    const later = await importPackageFile(store, file(v2Later), { noBackup: true });
    expect(later.outcome).toBe('newer');
    expect(store.yearly.get('monitoring', firstId)!.form.rows.every((x) => x.actual === '50%')).toBe(true);
    makeReceivedVersionCurrent(store, r.packageId!);
    expect(store.yearly.get('monitoring', firstId)!.form.rows.every((x) => x.actual === '')).toBe(true);
    store.close();
  });

  const yearly = (edit: (y: { forms: Array<Record<string, unknown>>; adjustments: Array<Record<string, unknown>> }) => void) => (v: Record<string, unknown>) => {
    const y = structuredClone(v) as { forms: Array<Record<string, unknown>>; adjustments: Array<Record<string, unknown>> };
    edit(y);
    return y;
  };
  const rowsOf = (f: Record<string, unknown>) => f.rows as Array<{ indicatorId: string }>;
  const HOSTILE: Array<[string, () => Uint8Array, string]> = [
    ['a form row referring to an indicator not in the package', () => withMember(v2, 'yearly.json', yearly((y) => (rowsOf(y.forms[0]!)[0]!.indicatorId = 'not-here'))), '有一行对应的指标 not-here 不在该项目的绩效目标中'],
    ['a form of a project not in the package', () => withMember(v2, 'yearly.json', yearly((y) => (y.forms[0]!.projectId = 'elsewhere'))), '所属的项目 elsewhere 不在本包中'],
    ['a form of another unit-year', () => withMember(v2, 'yearly.json', yearly((y) => (y.forms[0]!.year = 2023))), '属于 382201 2023 年度，不属于本包'],
    ['a form scored against an adjustment not in the package', () => withMember(v2, 'yearly.json', yearly((y) => (y.adjustments = []))), '所依据的调整记录'],
    ['an adjustment changing a row not in the target', () => withMember(v2, 'yearly.json', yearly((y) => ((y.adjustments[0]!.changes as Array<{ indicatorId: string }>)[0]!.indicatorId = 'nope'))), '改动的指标 nope 不在该项目的绩效目标中'],
    ['a yearly.json of the wrong shape', () => withMember(v2, 'yearly.json', () => ({ forms: [{ kind: 'budget' }], adjustments: [] })), 'yearly.json（绩效运行监控表和绩效自评表）内容有误'],
    ['settings with an unknown 表样', () => withMember(v2, 'settings.json', (s) => ({ ...s, templateId: 'Z' })), 'settings.json（单位年度设置）内容有误'],
    ['settings with an extra field', () => withMember(v2, 'settings.json', (s) => ({ ...s, admin: true })), 'settings.json（单位年度设置）内容有误'],
    ['settings of another unit', () => withMember(v2, 'settings.json', (s) => ({ ...s, unitCode: '619001' })), '单位年度设置属于 619001 2024 年度，不属于本包的 382201 2024 年度'],
  ];

  it.each(HOSTILE)('refuses %s, nothing stored', async (_name, make, message) => {
    const { store, dbPath } = await emptyStore(dirs.make());
    await importPackageFile(store, file(fixture('v1-619001-2025.jxmb')), { noBackup: true });
    const before = snapshot(dbPath);
    await expect(importPackageFile(store, file(make()), { noBackup: true })).rejects.toThrow(message);
    expect(snapshot(dbPath)).toEqual(before);
    store.close();
  });
});
