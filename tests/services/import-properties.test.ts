// Property: random sequences of valid and hostile imports (interchange JSON, handover
// packages, spreadsheets) into a real SQLite database, through the services the hosts
// call. After every step: a refused import changed nothing at all; an accepted one changed
// nothing outside its target unit-years (content hash per unit-year); the audit log names
// every project, unit and 部门整体 target that changed; PRAGMA integrity_check is ok.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilingStore } from '../../electron/store/store.ts';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { importPackageFile } from '../../electron/handover/receive.ts';
import { exportInterchangeFile, importInterchangeFile } from '../../electron/services/filing-service.ts';
import { backupBeforeImport } from '../../electron/services/import-scope.ts';
import { exportUnitYearWorkbook, storeImported } from '../../electron/import/spreadsheet/workbook.ts';
import { previewFromSheets } from '../../electron/import/spreadsheet/sheet-preview.ts';
import { parseXlsxInWorker, type PlainSheet } from '../../electron/import/spreadsheet/xlsx-read.ts';
import { UserError } from '../../shared/errors.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { HAS_CHINESE, storeWith, tempDirs, withManifest } from '../handover/helpers.ts';

const dirs = tempDirs();
const A = ['382201', 2024] as const; // own
const B = ['619001', 2025] as const; // own
const C = '303001'; // 示例 here
const D = ['341182', 2024] as const; // received from another office
const NOW = new Date('2024-03-10T08:00:00Z');

let work: string;
let baseDb: string;
const packages: Record<string, Uint8Array> = {};
let interchange: Record<string, unknown>;
let sheets: PlainSheet[];
let badSheetError: Error;
let foreignId: string;
let receivedId: string;

beforeAll(async () => {
  work = dirs.make();
  const sender = await storeWith(work, [D[0], C, A[0]], 'sender.sqlite');
  const pack = async (u: string, y: number, no: number, createdAt: string) =>
    withManifest((await buildPackage(readUnitYear(sender.store, u, y), { now: () => new Date(createdAt), book: null })).bytes, (m) => {
      m.submissionNo = no;
    });
  packages.d1 = await pack(D[0], D[1], 1, '2024-03-01T08:00:00Z');
  const p = sender.store.getProject(sender.store.listProjects(D[0], D[1])[0]!.id)!;
  sender.store.updateProject({ ...p, name: `${p.name}（第二版）` });
  packages.d2 = await pack(D[0], D[1], 2, '2024-03-05T08:00:00Z');
  packages.future = await pack(D[0], D[1], 3, '2099-01-01T08:00:00Z');
  packages.sample = await pack(C, 2023, 1, '2024-03-01T08:00:00Z');
  packages.own = await pack(A[0], A[1], 1, '2024-03-01T08:00:00Z');
  sender.store.close();

  // The receiving office: two own units, one 示例 unit, one received unit-year.
  const recv = await storeWith(work, [A[0], B[0]], 'base.sqlite');
  const demo = readDemoData();
  recv.store.importBatch({
    units: demo.units.filter((u) => u.code === C).map((u) => ({ ...u, sample: true })),
    projects: demo.projects.filter((x) => x.unitCode === C),
  });
  await importPackageFile(recv.store, file(packages.d1!), { now: () => NOW, noBackup: true });
  const json = path.join(work, 'a.json');
  await exportInterchangeFile(recv.store, json, { unitCode: A[0], year: A[1] });
  interchange = JSON.parse(fs.readFileSync(json, 'utf8')) as Record<string, unknown>;
  foreignId = recv.store.listProjects(B[0], B[1])[0]!.id;
  receivedId = recv.store.listProjects(D[0], D[1])[0]!.id;
  const wb = await exportUnitYearWorkbook({ unit: recv.store.getUnit(A[0])!, year: A[1], projects: recv.store.projectsOfUnitYear(A[0], A[1]), deptTarget: recv.store.getDeptTarget(A[0], A[1]) });
  sheets = await parseXlsxInWorker(wb);
  badSheetError = await parseXlsxInWorker(wb.subarray(0, wb.length >> 1)).then(
    () => new Error('a truncated workbook was accepted'),
    (e: Error) => e,
  );
  recv.store.close();
  baseDb = recv.dbPath;
}, 120_000);
afterAll(() => dirs.cleanup());

function file(bytes: Uint8Array | string, ext = '.jxmb'): string {
  const f = path.join(work, `f-${Math.random().toString(36).slice(2)}${ext}`);
  fs.writeFileSync(f, bytes);
  return f;
}

// ---- the steps --------------------------------------------------------------------

type UnitYear = readonly [string, number];
interface Step {
  label: string;
  /** Unit-years (and units) the step may change when accepted. */
  targets: UnitYear[];
  run: (store: FilingStore) => Promise<unknown>;
}

const JSON_MUTATIONS = ['asIs', 'foreignId', 'receivedId', 'sampleFlag', 'otherYear', 'truncated', 'badUtf8', 'unknownTemplate', 'unknownUnit'] as const;

function jsonStep(kind: (typeof JSON_MUTATIONS)[number], cut: number): Step {
  const doc = structuredClone(interchange) as { units: Array<Record<string, unknown>>; projects: Array<Record<string, unknown>>; deptTargets: Array<Record<string, unknown>> };
  let year: number = A[1];
  if (kind === 'foreignId') doc.projects[0]!.id = foreignId;
  if (kind === 'receivedId') doc.projects[0]!.id = receivedId;
  if (kind === 'sampleFlag') doc.units[0]!.sample = true;
  if (kind === 'otherYear') {
    year = 2026;
    for (const x of [...doc.projects, ...doc.deptTargets]) x.year = year;
  }
  if (kind === 'unknownTemplate') doc.projects[0]!.templateId = 'Z';
  if (kind === 'unknownUnit') doc.projects[0]!.unitCode = '999999';
  let bytes: Uint8Array | string = JSON.stringify(doc);
  if (kind === 'truncated') bytes = bytes.slice(0, Math.floor(bytes.length * cut));
  if (kind === 'badUtf8') {
    const enc = Buffer.from(bytes);
    const at = enc.indexOf(Buffer.from(String(doc.projects[0]!.name)));
    bytes = Buffer.concat([enc.subarray(0, at), Buffer.from([0xff, 0xfe]), enc.subarray(at)]);
  }
  const f = file(bytes, '.json');
  return { label: `json:${kind}`, targets: [[A[0], year]], run: (store) => importInterchangeFile(store, f) };
}

const PACKAGE_KINDS = ['d1', 'd2', 'future', 'sample', 'own', 'flipped', 'truncated'] as const;

function packageStep(kind: (typeof PACKAGE_KINDS)[number], cut: number): Step {
  let bytes = packages[kind === 'flipped' || kind === 'truncated' ? 'd2' : kind]!;
  if (kind === 'flipped') {
    bytes = bytes.slice();
    bytes[Math.floor(cut * (bytes.length - 1))]! ^= 0x10;
  }
  if (kind === 'truncated') bytes = bytes.subarray(0, Math.floor(cut * bytes.length));
  const f = file(bytes);
  const target: UnitYear = kind === 'sample' ? [C, 2023] : kind === 'own' ? A : D;
  return { label: `package:${kind}`, targets: [target], run: (store) => importPackageFile(store, f, { now: () => NOW }) };
}

const SHEET_TARGETS: UnitYear[] = [A, [A[0], 2025], B];

function sheetStep(target: number, hostile: boolean): Step {
  const [unitCode, year] = SHEET_TARGETS[target]!;
  return {
    label: `xlsx:${unitCode}/${year}${hostile ? ':truncated' : ''}`,
    targets: [[unitCode, year]],
    // As import.store does it (the parse, in a worker, is done once in beforeAll).
    run: async (store) => {
      if (hostile) throw badSheetError;
      const preview = previewFromSheets(structuredClone(sheets), { unitCode, year });
      const next = store.listProjects(unitCode, year).length;
      await backupBeforeImport(store);
      return storeImported(store, unitCode, preview.projects.map((x, i) => ({ ...x.filing, year, seq: next + i + 1 })));
    },
  };
}

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.tuple(fc.constantFrom(...JSON_MUTATIONS), fc.double({ min: 0.05, max: 0.95, noNaN: true })).map(([k, c]) => jsonStep(k, c)),
  fc.tuple(fc.constantFrom(...PACKAGE_KINDS), fc.double({ min: 0.05, max: 0.95, noNaN: true })).map(([k, c]) => packageStep(k, c)),
  fc.tuple(fc.integer({ min: 0, max: SHEET_TARGETS.length - 1 }), fc.boolean()).map(([t, h]) => sheetStep(t, h)),
);

// ---- what is checked --------------------------------------------------------------

interface State {
  /** Content hash per unit-year (`code/year`) and per unit (`code`). */
  hashes: Map<string, string>;
  /** Project, unit and 部门整体 target contents by audit entity id. */
  entities: Map<string, string>;
  auditMax: number;
  all: string;
}

const CONTENT: Record<string, string> = {
  projects: 'unit_code, year, id, status, name, template_id, data',
  dept_targets: 'unit_code, year, data',
  yearly_forms: 'unit_code, year, id, kind, data',
  received_packages: 'unit_code, year, package_sha256, state',
  received_unit_years: 'unit_code, year, package_id',
  received_projects: 'unit_code, year, project_id',
};

function state(dbPath: string): State {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const groups = new Map<string, ReturnType<typeof createHash>>();
    const add = (key: string, row: unknown) => {
      let h = groups.get(key);
      if (!h) groups.set(key, (h = createHash('sha256')));
      h.update(JSON.stringify(row));
    };
    for (const [table, cols] of Object.entries(CONTENT)) {
      for (const r of db.prepare(`SELECT ${cols} FROM ${table} ORDER BY 1, 2, 3`).all() as Array<{ unit_code: string; year: number }>) add(`${r.unit_code}/${r.year}`, [table, r]);
    }
    const entities = new Map<string, string>();
    for (const r of db.prepare('SELECT code, name, supervisor_code, supervisor_name, sample, data FROM units ORDER BY code').all() as Array<{ code: string }>) {
      add(r.code, r);
      entities.set(`unit:${r.code}`, JSON.stringify(r));
    }
    for (const r of db.prepare('SELECT id, unit_code, year, status, name, data FROM projects').all() as Array<{ id: string }>) entities.set(`project:${r.id}`, JSON.stringify(r));
    for (const r of db.prepare('SELECT unit_code, year, data FROM dept_targets').all() as Array<{ unit_code: string; year: number }>) {
      entities.set(`dept_target:${r.unit_code}/${r.year}`, JSON.stringify(r));
    }
    const whole = createHash('sha256');
    for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>) {
      whole.update(name).update(JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()));
    }
    return {
      hashes: new Map([...groups].map(([k, h]) => [k, h.digest('hex')])),
      entities,
      auditMax: (db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM audit_log').get() as { n: number }).n,
      all: whole.digest('hex'),
    };
  } finally {
    db.close();
  }
}

function integrity(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) + (db.pragma('foreign_key_check') as unknown[]).length;
  } finally {
    db.close();
  }
}

function auditedSince(dbPath: string, after: number): Set<string> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT entity, entity_id FROM audit_log WHERE id > ?').all(after) as Array<{ entity: string; entity_id: string }>;
    return new Set(rows.map((r) => `${r.entity}:${r.entity_id}`));
  } finally {
    db.close();
  }
}

async function check(dbPath: string, store: FilingStore, step: Step, log: string[]): Promise<void> {
  const before = state(dbPath);
  let refused: unknown = null;
  try {
    await step.run(store);
  } catch (e) {
    refused = e;
  }
  const after = state(dbPath);
  log.push(`${step.label}: ${refused ? `refused (${(refused as Error).message.slice(0, 60)})` : 'accepted'}`);
  expect(integrity(dbPath), step.label).toBe('ok0');
  if (refused) {
    // A refusal is a clear Chinese message, and nothing stored changed.
    expect(refused, step.label).toBeInstanceOf(UserError);
    expect((refused as Error).message, step.label).toMatch(HAS_CHINESE);
    expect(after.all, `${step.label} refused but changed the database`).toBe(before.all);
    return;
  }
  const allowed = new Set(step.targets.flatMap(([u, y]) => [`${u}/${y}`, u]));
  for (const key of new Set([...before.hashes.keys(), ...after.hashes.keys()])) {
    if (!allowed.has(key)) expect(after.hashes.get(key), `${step.label} changed ${key}`).toBe(before.hashes.get(key));
  }
  const audited = auditedSince(dbPath, before.auditMax);
  for (const key of new Set([...before.entities.keys(), ...after.entities.keys()])) {
    if (before.entities.get(key) !== after.entities.get(key)) expect(audited.has(key), `${step.label}: ${key} changed without an audit row`).toBe(true);
  }
}

describe('random mixtures of valid and hostile imports', () => {
  it('keep every other unit-year, explain every change, and keep the database sound', { timeout: 300_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 2, maxLength: 5 }), async (steps) => {
        const dbPath = path.join(work, `run-${run++}.sqlite`);
        fs.copyFileSync(baseDb, dbPath);
        const store = await FilingStore.open(dbPath, { dailyBackup: false });
        const log: string[] = [];
        try {
          for (const step of steps) await check(dbPath, store, step, log);
          if (process.env.PROP_LOG) console.log(log.join("\n"));
        } catch (e) {
          throw new Error(`${(e as Error).message}\nsteps: ${log.join(' → ')}`);
        } finally {
          store.close();
        }
      }),
      { numRuns: 10, seed: 20261202, endOnFailure: true },
    );
  });
});
