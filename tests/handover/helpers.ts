// Fixtures of the handover tests: stores loaded with seed unit-years, a raw zip writer
// (independent of the code under test) for crafting hostile packages.
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { FilingStore } from '../../electron/store/store.ts';
import { readDemoData } from '../../electron/services/demo.ts';
import { crc32 } from '../../electron/files/zip.ts';

import { unzipSafe } from '../../electron/files/zip.ts';
export { integrity, snapshot, tempDirs, HAS_CHINESE } from '../store/helpers.ts';

/** Seed unit-years without 错误 (they may be packed), and one with 错误. */
export const CLEAN = { A: ['382201', 2024], B: ['619001', 2025], C: ['303001', 2023], D: ['341182', 2024] } as const;
export const WITH_ERRORS = ['382101', 2024] as const;

/** A store holding the given seed units (all their data), sample flag off. */
export async function storeWith(dir: string, unitCodes: readonly string[], name = 'filings.sqlite'): Promise<{ store: FilingStore; dbPath: string }> {
  const dbPath = path.join(dir, name);
  const store = await FilingStore.open(dbPath, { dailyBackup: false });
  const d = readDemoData();
  store.importBatch({
    units: d.units.filter((u) => unitCodes.includes(u.code)).map((u) => ({ ...u, sample: false })),
    projects: d.projects.filter((p) => unitCodes.includes(p.unitCode)),
    deptTargets: d.deptTargets.filter((t) => unitCodes.includes(t.unitCode)),
  });
  return { store, dbPath };
}

export async function emptyStore(dir: string, name = 'receiver.sqlite'): Promise<{ store: FilingStore; dbPath: string }> {
  const dbPath = path.join(dir, name);
  return { store: await FilingStore.open(dbPath, { dailyBackup: false }), dbPath };
}

export interface RawMember {
  name: string;
  data: Uint8Array;
  /** Default deflate. */
  method?: 0 | 8;
  /** Lie about the uncompressed size in the headers. */
  declaredSize?: number;
  crc?: number;
  /** Another name in the local header than in the central directory. */
  localName?: string;
  /** Other values in the local header than in the central directory. */
  local?: { crc?: number; compressedSize?: number; size?: number };
  /** Written as a streaming writer does: bit 3 set, CRC and sizes 0 in the local header, a data descriptor (signed) after the data; `descriptor` overrides its values. */
  stream?: boolean;
  descriptor?: { crc?: number; size?: number };
}

/** The same package with its manifest changed by `edit` (members and their hashes unchanged). */
export function withManifest(bytes: Uint8Array, edit: (m: Record<string, unknown>) => void): Uint8Array {
  const files = unzipSafe(bytes).files;
  const m = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as Record<string, unknown>;
  edit(m);
  const out: RawMember[] = [{ name: 'manifest.json', data: new TextEncoder().encode(JSON.stringify(m)) }];
  for (const [name, data] of files) if (name !== 'manifest.json') out.push({ name, data });
  return rawZip(out);
}

/** A zip written byte by byte, so tests control names, sizes and CRCs exactly. */
export function rawZip(members: RawMember[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(enc.encode(m.name));
    const local = m.localName === undefined ? name : Buffer.from(enc.encode(m.localName));
    const method = m.method ?? 8;
    const body = method === 8 ? deflateRawSync(m.data) : Buffer.from(m.data);
    const size = m.declaredSize ?? m.data.length;
    const crc = m.crc ?? crc32(m.data);
    const flags = m.stream ? 0x0808 : 0x0800;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(flags, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(m.local?.crc ?? (m.stream ? 0 : crc), 14);
    lh.writeUInt32LE(m.local?.compressedSize ?? (m.stream ? 0 : body.length), 18);
    lh.writeUInt32LE(m.local?.size ?? (m.stream ? 0 : size), 22);
    lh.writeUInt16LE(local.length, 26);
    const dd = Buffer.alloc(m.stream ? 16 : 0);
    if (m.stream) {
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(m.descriptor?.crc ?? crc, 4);
      dd.writeUInt32LE(body.length, 8);
      dd.writeUInt32LE(m.descriptor?.size ?? size, 12);
    }
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(flags, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(body.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, local, body, dd);
    centrals.push(ch, name);
    offset += 30 + local.length + body.length + dd.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/**
 * A hostile package small on disk whose filings.json holds `copies` copies of its first
 * project (new ids): every member checks out (sizes, SHA-256), so it is parsed and
 * validated in full before the project count is found not to match the manifest.
 */
export function inflatedPackage(valid: Uint8Array, copies: number): Uint8Array {
  const files = unzipSafe(valid).files;
  const dec = (name: string) => JSON.parse(new TextDecoder().decode(files.get(name))) as Record<string, unknown>;
  const m = dec('manifest.json') as { members: Array<{ name: string; sha256: string; size: number }> };
  const doc = dec('filings.json') as { projects: Array<{ id: string }> };
  const p0 = doc.projects[0]!;
  doc.projects = Array.from({ length: copies }, (_, i) => ({ ...p0, id: `${p0.id.slice(0, -6)}${String(i).padStart(6, '0')}` }));
  const data = new TextEncoder().encode(JSON.stringify(doc));
  const sha256 = createHash('sha256').update(data).digest('hex');
  m.members = m.members.map((x) => (x.name === 'filings.json' ? { ...x, sha256, size: data.length } : x));
  return rawZip([
    { name: 'manifest.json', data: new TextEncoder().encode(JSON.stringify(m)) },
    ...[...files].filter(([n]) => n !== 'manifest.json').map(([name, d]) => ({ name, data: name === 'filings.json' ? data : d })),
  ]);
}
