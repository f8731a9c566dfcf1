// Fixtures of the review-loop tests: a unit database and a receiver database (real SQLite
// files) with a stick folder between them; the same with a 财政局 above the receiver (two
// levels); and a loop run up to the first return package.
import fs from 'node:fs';
import path from 'node:path';
import { submitToFolder } from '../../electron/services/submit.ts';
import { importPackageFile } from '../../electron/handover/receive.ts';
import { setTableReview, writeReturn } from '../../electron/services/review.ts';
import { deptReviewId } from '../../shared/handover/dept-review.ts';
import type { FilingStore } from '../../electron/store/store.ts';
import { saveFiling } from '../../electron/services/filing-edit.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { createHash } from 'node:crypto';
import { unzipSafe } from '../../electron/files/zip.ts';
import { CLEAN, emptyStore, rawZip, storeWith } from '../handover/helpers.ts';

export interface TwoSides {
  unit: FilingStore;
  recv: FilingStore;
  unitDb: string;
  stick: string;
  unitCode: string;
  year: number;
  close: () => void;
}

export async function twoSides(dir: string): Promise<TwoSides> {
  const [unitCode, year] = CLEAN.B;
  const { store: unit, dbPath: unitDb } = await storeWith(dir, [unitCode], 'unit.sqlite');
  const { store: recv } = await emptyStore(dir, 'receiver.sqlite');
  const stick = path.join(dir, 'stick');
  fs.mkdirSync(stick);
  return { unit, recv, unitDb, stick, unitCode, year, close: () => (unit.close(), recv.close()) };
}

export interface ThreeSides extends TwoSides {
  /** The 财政局's database; `recv` is the 主管部门 the unit belongs to. */
  bureau: FilingStore;
  /** Where the 财政局's return packages are written (down to the 主管部门). */
  down: string;
}

/** Unit, 主管部门 (`recv`, named as the unit's supervisor) and 财政局: three real SQLite files. */
export async function threeSides(dir: string): Promise<ThreeSides> {
  const s = await twoSides(dir);
  const { store: bureau } = await emptyStore(dir, 'bureau.sqlite');
  s.unit.upsertUnit({ ...s.unit.getUnit(s.unitCode)!, supervisor: { code: '619', name: '唐山市医疗保障局' } });
  const down = path.join(dir, 'down');
  fs.mkdirSync(down);
  return { ...s, bureau, down, close: () => (s.close(), bureau.close()) };
}

/** The unit submits (at `now`, if given) and the receiver (the 主管部门) receives it. */
export async function submitReceived(s: TwoSides, now?: Date) {
  const sub = await submitToFolder(s.unit, { unitCode: s.unitCode, year: s.year, outDir: s.stick, book: null, ...(now ? { now: () => now } : {}) });
  await importPackageFile(s.recv, sub.path, { noBackup: true });
  return sub;
}

/** Every table of the unit-year in `store` gets `verdict`, and its 部门整体绩效目标 (if any) `dept`. */
export function decideAll(store: FilingStore, s: TwoSides, verdict: 'pass' | 'return', reviewer: string, dept: 'pass' | 'return' = 'pass'): void {
  for (const t of store.projectsOfUnitYear(s.unitCode, s.year)) setTableReview(store, { projectId: t.id, verdict, reviewer });
  decideDept(store, s.unitCode, s.year, dept, reviewer);
}

/** The unit-year's 部门整体绩效目标 in `store` (if it has one) gets `verdict`. */
export function decideDept(store: FilingStore, unitCode: string, year: number, verdict: 'pass' | 'return' = 'pass', reviewer = '张审核'): void {
  if (store.getDeptTarget(unitCode, year)) setTableReview(store, { projectId: deptReviewId(unitCode, year), verdict, reviewer });
}

/** Submit, receive, give every table `verdict`, write the return package: its bytes. */
export async function submitAndReturn(s: TwoSides, verdict: 'pass' | 'return' = 'return'): Promise<{ bytes: Uint8Array; path: string; submissionSha256: string }> {
  const sub = await submitReceived(s);
  decideAll(s.recv, s, verdict, '张审核');
  const r = await writeReturn(s.recv, s.unitCode, s.year, s.stick, '张审核');
  return { bytes: new Uint8Array(fs.readFileSync(r.path)), path: r.path, submissionSha256: sub.sha256 };
}

const enc = new TextEncoder();
const dec = new TextDecoder();
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The package with return.json and the manifest edited; `rehash` keeps the checksums right (a forged but intact package). */
export function forge(bytes: Uint8Array, edit: (doc: Obj, manifest: Obj) => void, rehash = true): Uint8Array {
  const files = unzipSafe(bytes).files;
  const manifest = JSON.parse(dec.decode(files.get('manifest.json'))) as Obj;
  const doc = JSON.parse(dec.decode(files.get('return.json'))) as Obj;
  edit(doc, manifest);
  const body = enc.encode(JSON.stringify(doc, null, 1));
  if (rehash) manifest.members = [{ name: 'return.json', sha256: createHash('sha256').update(body).digest('hex'), size: body.length }];
  return rawZip([
    { name: 'manifest.json', data: enc.encode(JSON.stringify(manifest)) },
    { name: 'return.json', data: body },
  ]);
}

/** The unit edits a table of its own (saved as the editor saves). */
export function edit(s: TwoSides, id: string, change: (f: ProjectFiling) => void): void {
  const rec = s.unit.getProjectRecord(id)!;
  const f = structuredClone(rec.filing);
  change(f);
  saveFiling(s.unit, rec, f, rec.revision, { force: true });
}
