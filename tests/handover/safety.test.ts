// Packages that used to lock or misplace data (issue 11), each test named for the attack.
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { importPackageFile, makeReceivedVersionCurrent } from '../../electron/handover/receive.ts';
import { unzipSafe } from '../../electron/files/zip.ts';
import { loadDemoData } from '../../electron/services/demo.ts';
import { HAS_CHINESE, emptyStore, rawZip, snapshot, storeWith, tempDirs, withManifest } from './helpers.ts';

const dirs = tempDirs();
let work: string;
let v1: Uint8Array;
let v2: Uint8Array;
const NOW = new Date('2024-03-10T08:00:00Z');

beforeAll(async () => {
  work = dirs.make();
  const s = await storeWith(work, ['382201']);
  v1 = (await buildPackage(readUnitYear(s.store, '382201', 2024), { now: () => new Date('2024-03-01T08:00:00Z'), book: null })).bytes;
  const p = s.store.getProject(s.store.listProjects('382201', 2024)[0]!.id)!;
  s.store.updateProject({ ...p, name: `${p.name}（第二版）` });
  v2 = (await buildPackage(readUnitYear(s.store, '382201', 2024), { now: () => new Date('2024-03-05T08:00:00Z'), book: null })).bytes;
  s.store.close();
});
afterAll(() => dirs.cleanup());

function file(bytes: Uint8Array): string {
  const f = path.join(work, `p-${Math.random().toString(36).slice(2)}.jxmb`);
  fs.writeFileSync(f, bytes);
  return f;
}
const numbered = (b: Uint8Array, n: number, createdAt?: string) =>
  withManifest(b, (m) => {
    m.submissionNo = n;
    if (createdAt) m.createdAt = createdAt;
  });
const names = (store: import('../../electron/store/store.ts').FilingStore) => store.listProjects('382201', 2024).map((r) => r.name).sort();

describe('receiving packages', () => {
  it('future-dated package: stored in history, not current, until the receiver confirms it', async () => {
    const recv = await emptyStore(dirs.make());
    const opts = { now: () => NOW };
    expect((await importPackageFile(recv.store, file(numbered(v1, 1)), opts)).outcome).toBe('new');
    const before = snapshot(recv.dbPath).projects;
    // A sender PC whose clock runs a year ahead.
    const future = await importPackageFile(recv.store, file(numbered(v2, 2, '2025-03-05T08:00:00Z')), opts);
    expect(future.outcome).toBe('future');
    expect(snapshot(recv.dbPath).projects).toEqual(before);
    const rs = recv.store.received;
    expect(rs.list({ unitCode: '382201' }).map((r) => [r.submissionNo, r.state])).toEqual([[2, 'pending'], [1, 'current']]);
    // A genuine later submission is not blocked by it.
    const v3 = numbered(v2, 3);
    expect((await importPackageFile(recv.store, file(v3), opts)).outcome).toBe('newer');
    expect(names(recv.store).some((n) => n.endsWith('（第二版）'))).toBe(true);

    // The receiver can make any version current, and it is in the audit log.
    const first = rs.list({ unitCode: '382201' }).find((r) => r.submissionNo === 1)!;
    expect(makeReceivedVersionCurrent(recv.store, first.id)).toEqual({ unitCode: '382201', year: 2024, changed: true });
    expect(names(recv.store).some((n) => n.endsWith('（第二版）'))).toBe(false);
    expect(rs.current('382201', 2024)!.id).toBe(first.id);
    const events = recv.store.auditLog('382201/2024').filter((e) => e.action === 'received-current');
    expect(events.at(-1)!.newValue).toMatchObject({ packageId: first.id, submissionNo: 1, how: 'chosen' });
    expect(recv.store.checkIntegrity().ok).toBe(true);
    recv.store.close();
  });

  it('a crafted createdAt cannot order versions: a higher submission number wins even when dated earlier', async () => {
    const recv = await emptyStore(dirs.make());
    await importPackageFile(recv.store, file(numbered(v1, 1, '2024-03-09T00:00:00Z')), { now: () => NOW });
    const r = await importPackageFile(recv.store, file(numbered(v2, 2, '2020-01-01T00:00:00Z')), { now: () => NOW });
    expect(r.outcome).toBe('newer');
    const back = await importPackageFile(recv.store, file(numbered(v1, 1, '2024-03-09T23:00:00Z')), { now: () => NOW });
    expect(back.outcome).toBe('older');
    recv.store.close();
  });

  it('packages without a submission number are ordered by receipt, not by their date', async () => {
    const recv = await emptyStore(dirs.make());
    await importPackageFile(recv.store, file(v2), { now: () => NOW });
    const r = await importPackageFile(recv.store, file(v1), { now: () => NOW });
    expect(r.outcome).toBe('newer');
    expect(names(recv.store).some((n) => n.endsWith('（第二版）'))).toBe(false);
    recv.store.close();
  });

  it('package for a 示例 unit code: refused, telling the receiver to remove the 示例 data first', async () => {
    const recv = await emptyStore(dirs.make());
    loadDemoData(recv.store);
    expect(recv.store.getUnit('382201')!.sample).toBe(true);
    const before = snapshot(recv.dbPath);
    const e = await importPackageFile(recv.store, file(v1)).catch((x: Error) => x);
    expect((e as Error).message).toMatch(/示例.*请先删除示例数据/);
    expect(snapshot(recv.dbPath)).toEqual(before);
    const removed = recv.store.removeSampleData();
    expect(removed.units).toBeGreaterThan(0);
    recv.store.close();
  });

  it('manifest unit name differing from the filings: refused', async () => {
    const recv = await emptyStore(dirs.make());
    const bytes = withManifest(v1, (m) => ((m.unit as { name: string }).name = '财政局（伪）'));
    const e = await importPackageFile(recv.store, file(bytes)).catch((x: Error) => x);
    expect((e as Error).message).toMatch(/单位名称.*与清单中的“财政局（伪）”不符/);
    expect(recv.store.listUnits()).toEqual([]);
    recv.store.close();
  });

  it('zip whose local header names another file than the central directory: refused', async () => {
    const recv = await emptyStore(dirs.make());
    const files = unzipSafe(v1).files;
    const members = [...files].map(([name, data]) => ({ name, data, ...(name === 'filings.json' ? { localName: 'other.json' } : {}) }));
    const e = await importPackageFile(recv.store, file(rawZip(members))).catch((x: Error) => x);
    expect((e as Error).message).toMatch(HAS_CHINESE);
    expect((e as Error).message).toMatch(/本地文件头与目录不一致/);
    recv.store.close();
  });
});
