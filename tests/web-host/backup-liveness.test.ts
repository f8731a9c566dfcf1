// The store's slow file work no longer holds the main thread: while the automatic backup
// runs (copy in steps, quick_check of the copy in a worker, async fsync) the web host
// answers app.info, and the backup is complete and sound when it resolves. After a sliced
// import the log is checkpointed by a worker and the connection's settings are as before.
// Ordering, not timing, is asserted; pauses are measured in `npm run bench -- safety`.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { createHttpClient } from '../../shared/api/http-client.ts';
import type { ApiClient } from '../../shared/api/contract.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { filing, unit } from '../store/helpers.ts';

let dir: string;
let store: FilingStore;
let host: WebHost;
let client: ApiClient;

const N = 4000;
const ids = (prefix: string) => Array.from({ length: N }, (_, i) => `${prefix}${String(i).padStart(6, '0')}`);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-backup-live-'));
  store = await FilingStore.open(path.join(dir, 'filings.sqlite'), { dailyBackup: false });
  store.upsertUnit(unit('100001'));
  // Some MB of data: the copy takes many steps of 100 pages.
  store.importBatch({ projects: ids('a').map((id, i) => filing(id, { seq: i + 1 })) });
  host = await startWebHost({ dbPath: store.path, store, staticDir: null, log: () => {} });
  client = createHttpClient({ baseUrl: host.origin, token: host.token });
  await client.call('app.info', {});
}, 120_000);

afterAll(async () => {
  await host?.close();
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Page check of a file on a connection of its own. */
function quickCheck(file: string): unknown {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('quick_check', { simple: true });
  } finally {
    db.close();
  }
}

describe('the main thread while the store works on files', () => {
  it('app.info is answered while the pre-import backup runs; the backup is then listed, complete and sound', { timeout: 120_000 }, async () => {
    let settled = false;
    const backup = store.backupNow('pre-import').finally(() => {
      settled = true;
    });
    for (let i = 0; i < 3; i++) {
      expect((await client.call('app.info', {})).mode).toBe('browser');
      expect(settled).toBe(false);
    }
    const info = await backup;
    expect(store.listBackups().map((b) => b.path)).toContain(info.path);
    expect(fs.existsSync(`${info.path}.partial`)).toBe(false);
    expect(quickCheck(info.path)).toBe('ok');
    const copy = new Database(info.path, { readonly: true });
    try {
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.prepare('SELECT count(*) AS n FROM projects').get()).toEqual({ n: N });
    } finally {
      copy.close();
    }
  });

  it('a sliced import resolves committed and checkpointed: the database file alone holds it; synchronous is FULL again', { timeout: 120_000 }, async () => {
    const r = await store.importBatchInSlices({ projects: { count: N, item: (i) => filing(ids('b')[i]!, { seq: N + i + 1 }) } });
    expect(r.projects).toBe(N);
    expect(store.pragmas().synchronous).toBe(2);
    // The main file without its log: a PASSIVE checkpoint with no reader left copied everything.
    const bare = path.join(dir, 'bare.sqlite');
    fs.copyFileSync(store.path, bare);
    const db = new Database(bare, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM projects').get()).toEqual({ n: 2 * N });
    } finally {
      db.close();
    }
  });
});
