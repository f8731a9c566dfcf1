// Stored documents are read back without re-validation; when the model changes, the
// next open rewrites them through the schemas once (after a backup). Also: a large
// database is opened with header checks only and is still refused when too new.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FilingStore } from '../../electron/store/store.ts';
import { filing, tempDirs, unit } from './helpers.ts';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

describe('model fingerprint', () => {
  it('fills fields a newer model added, once, after a pre-migration backup', async () => {
    const dir = dirs.make();
    const db = path.join(dir, 'f.sqlite');
    const s = await FilingStore.open(db);
    s.upsertUnit(unit());
    s.createProject(filing('p1'));
    s.close();

    // Simulate a database written by an older program: a field missing, an old fingerprint.
    const raw = new Database(db);
    const row = raw.prepare('SELECT data FROM projects WHERE id = ?').get('p1') as { data: string };
    const old = JSON.parse(row.data);
    delete old.headingName;
    delete old.footer;
    raw.prepare('UPDATE projects SET data = ? WHERE id = ?').run(JSON.stringify(old), 'p1');
    raw.prepare("UPDATE settings SET value = 'older-model' WHERE key = 'model_fingerprint'").run();
    raw.close();

    const s2 = await FilingStore.open(db);
    const p = s2.getProject('p1')!;
    expect(p.headingName).toBe('');
    expect(p.footer).toEqual({ head: '', handler: '', phone: '', date: '' });
    expect(s2.getSetting('model_fingerprint')).not.toBe('older-model');
    expect(s2.listBackups().some((b) => b.reason === 'pre-migration')).toBe(true);
    s2.close();
  });

  it('a row whose document does not match its id is reported as damage', async () => {
    const dir = dirs.make();
    const db = path.join(dir, 'g.sqlite');
    const s = await FilingStore.open(db);
    s.upsertUnit(unit());
    s.createProject(filing('p1'));
    s.close();
    const raw = new Database(db);
    raw.prepare(`UPDATE projects SET data = '{"id":"other"}' WHERE id = 'p1'`).run();
    raw.close();
    const s2 = await FilingStore.open(db);
    expect(() => s2.getProject('p1')).toThrow(/数据无法读取/);
    s2.close();
  });
});

describe('large databases', () => {
  it('are opened without a full scan but still refused when written by a newer program', async () => {
    const dir = dirs.make();
    const db = path.join(dir, 'big.sqlite');
    const s = await FilingStore.open(db);
    s.upsertUnit(unit());
    s.close();
    const raw = new Database(db);
    raw.exec('CREATE TABLE padding (b BLOB)');
    const ins = raw.prepare('INSERT INTO padding VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 36; i++) ins.run(Buffer.alloc(1024 * 1024, i));
    })();
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
    raw.close();
    expect(fs.statSync(db).size).toBeGreaterThan(32 * 1024 * 1024);
    const before = fs.readFileSync(db);
    await expect(FilingStore.open(db)).rejects.toThrow(/比本程序新/);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });
});
