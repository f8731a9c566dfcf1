// The store is the only owner of its SQLite connection: no module outside electron/store
// opens or imports better-sqlite3 (except the Electron bundle's constructor shim), none
// imports the test-only access, and FilingStore hands no connection out.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FilingStore } from '../../electron/store/store.ts';
import { tempDirs } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs = tempDirs();
afterEach(() => dirs.cleanup());

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) ? [p] : [];
  });
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
const IMPORTS_SQLITE = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]better-sqlite3['"]/;
const IMPORTS_TEST_ACCESS = /['"][./]*(?:electron\/)?store\/testing(?:\.ts)?['"]|['"]\.\/testing(?:\.ts)?['"]/;

describe('no raw connection outside the store', () => {
  const files = ['electron', 'shared', 'renderer/src'].flatMap((d) => sourceFiles(path.join(ROOT, d)));

  it('finds the sources it checks', () => {
    expect(files.map(rel)).toContain('electron/store/store.ts');
    expect(files.map(rel)).toContain('electron/handover/receive.ts');
  });

  it('better-sqlite3 is imported only under electron/store (and by the Electron constructor shim)', () => {
    const offenders = files
      .map(rel)
      .filter((f) => !f.startsWith('electron/store/') && f !== 'electron/main/sqlite-shim.ts')
      .filter((f) => IMPORTS_SQLITE.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('no product module imports the test-only connection access', () => {
    const offenders = files
      .map(rel)
      .filter((f) => f !== 'electron/store/testing.ts')
      .filter((f) => IMPORTS_TEST_ACCESS.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('FilingStore has no connection getter and none of its getters returns a Database (its typed API hands none out)', async () => {
    const store = await FilingStore.open(path.join(dirs.make(), 'filings.sqlite'));
    try {
      const descriptors = Object.getOwnPropertyDescriptors(FilingStore.prototype);
      expect(Object.keys(descriptors)).not.toContain('connection');
      const getters = Object.entries(descriptors).filter(([, d]) => d.get);
      expect(getters.map(([k]) => k).sort()).toEqual(['received', 'reviews', 'schemaVersion', 'submissions', 'unitYearSettings', 'yearly']);
      for (const [name] of getters) expect((store as unknown as Record<string, unknown>)[name]).not.toBeInstanceOf(Database);
    } finally {
      store.close();
    }
  });
});
