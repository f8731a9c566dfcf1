// Shared fixtures for the store tests: temp folders, sample objects, file hashes, snapshots.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ProjectFilingInput } from '../../shared/model/filing.ts';
import type { UnitInput } from '../../electron/store/store.ts';

/** A fresh temp folder per call; `cleanup()` removes all of them. */
export function tempDirs(): { make(): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make() {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-store-'));
      made.push(d);
      return d;
    },
    cleanup() {
      for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

export function unit(code = '100001', extra: Partial<UnitInput> = {}): UnitInput {
  return { code, name: `测试单位${code}`, supervisor: { code: '303', name: '忻州市医疗保障局' }, ...extra };
}

export function filing(id: string, extra: Partial<ProjectFilingInput> = {}): ProjectFilingInput {
  return {
    id,
    templateId: 'C',
    unitCode: '100001',
    year: 2025,
    name: `项目${id}`,
    periods: {
      annual: {
        funding: { total: 1_234_500, fiscal: 1_234_500 },
        goal: '完成年度目标',
        indicators: [
          { id: 'i1', level1: '产出指标', level2: '数量指标', name: '培训人次', value: '≥100人次' },
          { id: 'i2', level1: '效益指标', level2: '社会效益指标', name: '覆盖率', value: '≥95%' },
        ],
      },
    },
    ...extra,
  };
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every row of every table (read through a separate read-only connection). */
export function snapshot(dbPath: string): Record<string, unknown[]> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
    ).map((r) => r.name);
    const out: Record<string, unknown[]> = {};
    for (const t of tables) out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all();
    return out;
  } finally {
    db.close();
  }
}

/** PRAGMA integrity_check of the file (read-only connection): `ok` when sound. */
export function integrity(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Seeded PRNG (mulberry32): reproducible "random" bytes and delays. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytes(n: number, seed: number): Buffer {
  const r = prng(seed);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return b;
}

export const HAS_CHINESE = /[\u4e00-\u9fff]/;
