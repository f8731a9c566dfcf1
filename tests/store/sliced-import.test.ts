// importBatchInSlices (a whole database's interchange file): the event loop turns between
// slices, yet the import is one transaction: an invalid project near the end stores nothing,
// other writes meanwhile are refused at once (never joined to the import), readers meanwhile
// see the old state or all of it, never a part, and a complete
// import is what importBatch would have stored.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FilingStore } from '../../electron/store/store.ts';
import type { ProjectFilingInput } from '../../shared/model/filing.ts';
import { filing, snapshot, tempDirs, unit } from './helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const N = 3000;
const ids = Array.from({ length: N }, (_, i) => `p${String(i).padStart(6, '0')}`);
const lazy = (make: (i: number) => ProjectFilingInput) => ({ count: N, item: make });

async function open(): Promise<{ store: FilingStore; dbPath: string }> {
  const dbPath = path.join(dirs.make(), 'f.sqlite');
  const store = await FilingStore.open(dbPath, { dailyBackup: false });
  store.upsertUnit(unit('100001'));
  store.importBatch({ projects: [filing('keep01')] });
  return { store, dbPath };
}

describe('importBatchInSlices', () => {
  it('runs in slices (timers fire during it) and stores what importBatch stores, audit rows included', async () => {
    const { store } = await open();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const r = await store.importBatchInSlices({ units: [unit('100002')], projects: lazy((i) => filing(ids[i]!, { seq: i + 2 })) });
    clearInterval(timer);
    expect(r).toEqual({ units: 1, projects: N, deptTargets: 0 });
    expect(ticks).toBeGreaterThan(2);
    expect(store.listProjects('100001', 2025)).toHaveLength(N + 1);
    expect(store.getProject(ids[N - 1]!)?.name).toBe(`项目${ids[N - 1]}`);
    expect(store.auditLog(ids[0]).map((e) => e.action)).toEqual(['import']);
    expect(store.checkIntegrity().ok).toBe(true);
    // Importing the same again replaces by id, as importBatch does.
    await store.importBatchInSlices({ projects: lazy((i) => filing(ids[i]!, { seq: i + 2, name: `改名${i}` })) });
    expect(store.getProject(ids[7]!)?.name).toBe('改名7');
    expect(store.listProjects('100001', 2025)).toHaveLength(N + 1);
    store.close();
  });

  it('an invalid project near the end: nothing is stored, the database as it was', async () => {
    const { store, dbPath } = await open();
    const before = snapshot(dbPath);
    const bad = lazy((i) => (i === N - 2 ? { ...filing(ids[i]!), year: 1800 } : filing(ids[i]!, { seq: i + 2 })));
    await expect(store.importBatchInSlices({ units: [unit('100003')], projects: bad })).rejects.toThrow(new RegExp(`第 ${N - 1} 个项目“项目${ids[N - 2]}”`));
    expect(snapshot(dbPath)).toEqual(before);
    expect(store.checkIntegrity().ok).toBe(true);
    // The store works normally afterwards.
    store.upsertUnit(unit('100004'));
    store.close();
  });

  it('another write while it runs is refused at once in Chinese and is not part of the import', async () => {
    const { store, dbPath } = await open();
    let refused = '';
    let tried = false;
    const projects = lazy((i) => {
      if (i === N / 2 && !tried) {
        tried = true;
        // What another API call would do during a pause between slices.
        setImmediate(() => {
          try {
            store.upsertUnit(unit('100009'));
          } catch (e) {
            refused = (e as Error).message;
          }
        });
      }
      return filing(ids[i]!, { seq: i + 2 });
    });
    await store.importBatchInSlices({ projects });
    expect(refused).toBe('正在导入数据，数据库暂时不能修改，请稍后再试');
    expect(store.getUnit('100009')).toBeNull();
    expect(snapshot(dbPath).projects).toHaveLength(N + 1);
    await expect(store.importBatchInSlices({ projects: lazy((i) => filing(`q${i}`)) }).then(() => 'ok')).resolves.toBe('ok');
    store.upsertUnit(unit('100009')); // writes work again
    store.close();
  });
});

describe('importBatchInSlices: what other readers see meanwhile', () => {
  it('a reader between slices sees the old state or the whole import, never a part of it', async () => {
    const { store } = await open();
    const seen: Array<{ projects: number; units: number; last: boolean }> = [];
    // Another caller reading while the import's slices let the event loop turn.
    const reader = setInterval(() => {
      seen.push({ projects: store.listProjects('100001', 2025).length, units: store.listUnits().length, last: store.getProject(ids[N - 1]!) !== null });
    }, 1);
    await store.importBatchInSlices({ units: [unit('100002')], projects: lazy((i) => filing(ids[i]!, { seq: i + 2 })) });
    clearInterval(reader);
    expect(seen.length).toBeGreaterThan(2);
    const old = { projects: 1, units: 1, last: false };
    const complete = { projects: N + 1, units: 2, last: true };
    for (const s of seen) expect([old, complete]).toContainEqual(s);
    // After it resolves, every reader sees all of it.
    expect(store.listProjects('100001', 2025)).toHaveLength(N + 1);
    expect(store.getUnit('100002')).not.toBeNull();
    store.close();
  });

  it('a reader during an import that fails near the end never sees any of it', async () => {
    const { store, dbPath } = await open();
    const before = snapshot(dbPath);
    const counts = new Set<number>();
    const reader = setInterval(() => counts.add(store.listProjects('100001', 2025).length), 1);
    const bad = lazy((i) => (i === N - 2 ? { ...filing(ids[i]!), year: 1800 } : filing(ids[i]!, { seq: i + 2 })));
    await expect(store.importBatchInSlices({ projects: bad })).rejects.toThrow(/第 2999 个项目/);
    clearInterval(reader);
    expect([...counts]).toEqual([1]);
    expect(snapshot(dbPath)).toEqual(before);
    store.close();
  });
});
