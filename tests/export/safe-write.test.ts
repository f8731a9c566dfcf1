// Safe writing of exports: a failed write (disk full, read-only stick, folder gone) gives
// a Chinese message and leaves no partial file, never a file that looks complete, and an
// older file of the same name survives. Failures are injected through the WriteFs
// parameter of writeFileAtomicChunks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { WriteFs } from '../../electron/files/atomic-write.ts';
import { writeDocument } from '../../electron/export/book-export.ts';
import { buildBookLayout } from '../../shared/layout/index.ts';
import { seedCorpus } from '../../tools/seed-corpus.ts';
import { readDocx } from './docx-reader.ts';

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

function book() {
  const c = seedCorpus('002');
  return buildBookLayout({ year: 2025, units: c.units.map((unit) => ({ unit, projects: c.projects.filter((p) => p.unitCode === unit.code) })), deptTarget: c.deptTargets[0]!, lazy: true });
}

/** Real fs.promises with one failure injected. */
function faultyFs(fault: { open?: string; rename?: string; writeAfterBytes?: { bytes: number; code: string } }, seen?: (tmp: string) => void): WriteFs {
  return {
    rename: async (a, b) => {
      if (fault.rename) throw errno(fault.rename);
      return fsp.rename(a, b);
    },
    rm: fsp.rm,
    open: (async (path: Parameters<typeof fsp.open>[0], flags?: Parameters<typeof fsp.open>[1]) => {
      if (fault.open && flags === 'wx') throw errno(fault.open);
      const fh = await fsp.open(path, flags);
      if (flags !== 'wx') return fh;
      seen?.(String(path));
      const w = fault.writeAfterBytes;
      if (!w) return fh;
      let written = 0;
      return new Proxy(fh, {
        get(target, prop) {
          if (prop === 'writeFile') {
            return async (data: Uint8Array | string) => {
              const bytes = typeof data === 'string' ? Buffer.from(data) : data;
              const room = w.bytes - written;
              if (bytes.length > room) {
                await target.writeFile(bytes.subarray(0, Math.max(0, room))); // the disk fills up mid-chunk
                throw errno(w.code);
              }
              written += bytes.length;
              return target.writeFile(bytes);
            };
          }
          const v = Reflect.get(target, prop);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    }) as WriteFs['open'],
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jxmb-safe-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('safe writing of exported documents', () => {
  it('writes through a temporary name in the same folder and renames at the end', async () => {
    const out = join(dir, '汇编.docx');
    const temps: string[] = [];
    await writeDocument(book(), out, { fs: faultyFs({}, (tmp) => {
      temps.push(tmp);
      expect(existsSync(out), 'the target does not exist while writing').toBe(false);
    }) });
    expect(temps).toHaveLength(1);
    expect(basename(temps[0]!)).toMatch(/^\.汇编\.docx\.[0-9a-f]+\.tmp$/);
    expect(readdirSync(dir)).toEqual(['汇编.docx']);
    expect(readDocx(readFileSync(out)).body.length).toBeGreaterThan(100);
  });

  it.each([
    ['disk full on open (ENOSPC)', { open: 'ENOSPC' }, '磁盘空间不足'],
    ['disk full in the middle of the file (ENOSPC)', { writeAfterBytes: { bytes: 10_000, code: 'ENOSPC' } }, '磁盘空间不足'],
    ['stick pulled out mid-write (EIO)', { writeAfterBytes: { bytes: 5_000, code: 'EIO' } }, 'U 盘可能已损坏或被拔出'],
    ['read-only stick (EROFS)', { open: 'EROFS' }, '磁盘是只读的'],
    ['read-only at rename (EROFS)', { rename: 'EROFS' }, '磁盘是只读的'],
  ] as const)('%s: Chinese message, no partial file, the old file kept', async (_name, fault, message) => {
    const out = join(dir, 'book.docx');
    writeFileSync(out, 'older version');
    const err = await writeDocument(book(), out, { fs: faultyFs(fault) }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('UserFileError');
    expect((err as Error).message).toContain(message);
    expect((err as Error).message).toContain(out);
    expect(readdirSync(dir)).toEqual(['book.docx']);
    expect(readFileSync(out, 'utf8')).toBe('older version');
  });

  it('folder gone (ENOENT: the stick was removed before export)', async () => {
    const out = join(dir, 'gone', 'book.docx');
    const err = await writeDocument(book(), out).catch((e: Error) => e);
    expect((err as Error).message).toContain('目标文件夹不存在（U 盘可能已拔出）');
    expect(existsSync(join(dir, 'gone'))).toBe(false);
  });

  it('the HTML print view is written the same way', async () => {
    const out = join(dir, 'print.html');
    const err = await writeDocument(book(), out, { format: 'html', fs: faultyFs({ writeAfterBytes: { bytes: 1000, code: 'ENOSPC' } }) }).catch((e: Error) => e);
    expect((err as Error).message).toContain('磁盘空间不足');
    expect(readdirSync(dir)).toEqual([]);
  });
});
