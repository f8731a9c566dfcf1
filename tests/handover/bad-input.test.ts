// Hostile and broken packages: each refused with a Chinese message, nothing stored changes.
import path from 'node:path';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { importPackageFile } from '../../electron/handover/receive.ts';
import { PackageError, openPackageBytes } from '../../electron/handover/package-read.ts';
import { unzipSafe } from '../../electron/files/zip.ts';
import { PACKAGE_LIMITS } from '../../shared/handover/manifest.ts';
import { MAX_JSON_CONTAINERS, tooManyContainers } from '../../electron/files/json-budget.ts';
import type { FilingStore } from '../../electron/store/store.ts';
import { HAS_CHINESE, emptyStore, rawZip, snapshot, storeWith, tempDirs, type RawMember } from './helpers.ts';

const dirs = tempDirs();
let valid: Uint8Array;
let members: Map<string, Uint8Array>;
let recv: { store: FilingStore; dbPath: string };
let work: string;

beforeAll(async () => {
  work = dirs.make();
  const s = await storeWith(work, ['382201']);
  valid = (await buildPackage(readUnitYear(s.store, '382201', 2024), { now: () => new Date('2024-03-01T08:00:00Z'), book: null })).bytes;
  s.store.close();
  members = unzipSafe(valid).files;
  recv = await emptyStore(work);
});
afterAll(() => {
  recv.store.close();
  dirs.cleanup();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const manifest = () => JSON.parse(new TextDecoder().decode(members.get('manifest.json'))) as Record<string, unknown> & { members: Array<{ name: string; sha256: string; size: number }> };

/** Rebuilds a package; `fixHashes` re-lists the given members in the manifest. */
function repack(files: RawMember[], m: unknown = manifest()): Uint8Array {
  return rawZip([{ name: 'manifest.json', data: enc(m) }, ...files]);
}
const others = (): RawMember[] => ['filings.json', 'audit.json'].map((name) => ({ name, data: members.get(name)! }));

/** Imports the bytes as a file into the receiving store; expects a Chinese refusal and no change. */
async function refused(bytes: Uint8Array, pattern: RegExp): Promise<string> {
  const file = path.join(work, `bad-${Math.random().toString(36).slice(2)}.jxmb`);
  fs.writeFileSync(file, bytes);
  const before = snapshot(recv.dbPath);
  let err: Error | undefined;
  try {
    await importPackageFile(recv.store, file);
  } catch (e) {
    err = e as Error;
  }
  expect(err, 'should be refused').toBeDefined();
  expect(err!.name).toBe('PackageError');
  expect(err!.message).toMatch(HAS_CHINESE);
  expect(err!.message).toMatch(pattern);
  expect(snapshot(recv.dbPath)).toEqual(before);
  return err!.message;
}

describe('bad packages', () => {
  it('the valid package opens (control)', () => {
    expect(openPackageBytes(valid).manifest.unit.code).toBe('382201');
  });

  it('truncated at any point', async () => {
    for (const n of [0, 10, 100, Math.floor(valid.length / 2), valid.length - 30, valid.length - 1]) {
      if (n === 0) {
        await refused(valid.subarray(0, 0), /空文件/);
        continue;
      }
      await refused(valid.subarray(0, n), /截断|损坏|不完整|不是压缩包/);
    }
  });

  it('corrupt bytes inside a member', async () => {
    const b = new Uint8Array(valid);
    b[120] = b[120]! ^ 0xff;
    b[121] = b[121]! ^ 0x55;
    await refused(b, /损坏|校验/);
  });

  it('a wrong checksum: a member changed and the manifest not', async () => {
    const doc = JSON.parse(new TextDecoder().decode(members.get('filings.json')));
    doc.projects[0].name = '被改过的名称';
    await refused(repack([{ name: 'filings.json', data: enc(doc) }, { name: 'audit.json', data: members.get('audit.json')! }]), /大小.*不符|校验值（SHA-256）与清单不符/);
    // Same size, different content.
    const f = new Uint8Array(members.get('filings.json')!);
    const i = new TextDecoder().decode(f).indexOf('"name"');
    f[i + 1] = 'N'.charCodeAt(0);
    await refused(repack([{ name: 'filings.json', data: f }, { name: 'audit.json', data: members.get('audit.json')! }]), /filings\.json.*校验值（SHA-256）与清单不符/);
  });

  it('member paths that escape the folder', async () => {
    for (const [name, why] of [
      ['../x', /“\.\.”/],
      ['a/../../x', /“\.\.”/],
      ['/etc/passwd', /绝对路径/],
      ['a\\..\\x', /反斜杠/],
      ['C:x', /盘符/],
      ['C:/Windows/x', /盘符/],
    ] as const) {
      await refused(repack([...others(), { name, data: enc(1) }]), why);
    }
  });

  it('extra and missing members', async () => {
    await refused(repack([...others(), { name: 'book.exe', data: enc(1) }]), /清单之外的文件“book\.exe”/);
    await refused(repack([{ name: 'filings.json', data: members.get('filings.json')! }]), /缺少文件“audit\.json”/);
    await refused(rawZip(others()), /缺少 manifest\.json/);
  });

  it('a member just over the member limit (a unit-year is well under 1 MB) is refused before it is parsed', async () => {
    const over = new Uint8Array(PACKAGE_LIMITS.memberBytes + 1).fill(0x20);
    expect(PACKAGE_LIMITS.memberBytes).toBeLessThanOrEqual(40 * 1024 * 1024);
    await refused(repack([...others(), { name: 'book.docx', data: over }]), /“book\.docx”解压后过大（40 MB，上限 40 MB）/);
  });

  it('a compression bomb: huge declared size, and a header that lies', async () => {
    const zeros = new Uint8Array(150 * 1024 * 1024);
    await refused(repack([...others(), { name: 'book.docx', data: zeros }]), /过大.*压缩炸弹/);
    // Declares 1 KB, inflates to 150 MB: stopped while inflating.
    const m = manifest();
    m.members.push({ name: 'book.docx', sha256: sha(zeros.subarray(0, 1024)), size: 1024 });
    const lying = rawZip([{ name: 'manifest.json', data: enc(m) }, ...others(), { name: 'book.docx', data: zeros, declaredSize: 1024 }]);
    expect(lying.length).toBeLessThan(1024 * 1024);
    // The message proves inflation stopped at the declared size (no timed assertion: the
    // parse runs in a worker whose start-up varies with the machine's load).
    await refused(lying, /超过声明的大小/);
    void deflateRawSync;
  });

  it('an unknown format version, and not a package at all', async () => {
    await refused(repack(others(), { ...manifest(), formatVersion: 3 }), /报送包格式版本 3 比本程序新/);
    await refused(repack(others(), { ...manifest(), format: 'something' }), /不是本程序的报送包/);
    await refused(new TextEncoder().encode('{"format":"jxmb-filings"}'), /不是压缩包/);
  });

  it('filings that do not belong to the manifest unit-year', async () => {
    const doc = JSON.parse(new TextDecoder().decode(members.get('filings.json')));
    doc.projects[0].year = 2023;
    const f = enc(doc);
    const m = manifest();
    m.members = m.members.map((x) => (x.name === 'filings.json' ? { ...x, sha256: sha(f), size: f.length } : x));
    await refused(repack([{ name: 'filings.json', data: f }, { name: 'audit.json', data: members.get('audit.json')! }], m), /不属于本包的 382201 2024 年/);
  });
});

describe('a budget on the arrays and objects of JSON, counted before it is parsed', () => {
  it('counts only outside strings, escapes included, and stops at the budget', () => {
    expect(tooManyContainers('[[],{}]', 3)).toBe(false);
    expect(tooManyContainers('[[],{},[]]', 3)).toBe(true);
    expect(tooManyContainers('["[[[[", "a\\"[{", {"k": "\\\\"}]', 2)).toBe(false);
    expect(tooManyContainers('["\\\\", [], []]', 2)).toBe(true);
  });

  it('refuses a package whose filings.json is millions of empty arrays (small on the stick, a hang or an abort in the parser)', async () => {
    const f = new TextEncoder().encode(`[${'[],'.repeat(MAX_JSON_CONTAINERS)}[]]`);
    const m = manifest();
    m.members = m.members.map((x) => (x.name === 'filings.json' ? { ...x, sha256: sha(f), size: f.length } : x));
    const bytes = repack([{ name: 'filings.json', data: f }, { name: 'audit.json', data: members.get('audit.json')! }], m);
    expect(bytes.length).toBeLessThan(100_000);
    await refused(bytes, /filings\.json 结构过于复杂（数组和对象超过 200 万个）/);
  });
});

describe('fuzz: byte flips and truncations of a valid package', () => {
  it('never crash, never hang: opened or refused with a PackageError', () => {
    let refusedCount = 0;
    const t0 = Date.now();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
        (flips, cut) => {
          const b = new Uint8Array(valid);
          for (const [pos, x] of flips) b[pos % b.length] = b[pos % b.length]! ^ x;
          const bytes = cut === undefined ? b : b.subarray(0, cut % b.length);
          try {
            openPackageBytes(bytes);
          } catch (e) {
            if (!(e instanceof PackageError) || !HAS_CHINESE.test(e.message)) throw e;
            refusedCount++;
          }
        },
      ),
      { numRuns: 2500, seed: 20240301 },
    );
    expect(refusedCount).toBeGreaterThan(2000);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
