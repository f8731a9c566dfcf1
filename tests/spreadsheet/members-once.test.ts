// The .xlsx members are inflated once, by the bounded reader, and handed to xlsx as they are
// (xlsx-worker.ts), not the file's bytes for xlsx's zip reader to inflate them again. Seen
// from outside: xlsx's reader trusts the sizes in the local headers and refuses a file whose
// local headers carry zeros (as streaming writers leave them); the bounded reader uses the
// central directory's sizes (checked by inflating and by the CRC), so the file is read.
import { describe, expect, it } from 'vitest';
import { parseXlsxInWorker } from '../../electron/import/spreadsheet/xlsx-read.ts';
import { seedWorkbook } from './helpers.ts';

/** The same zip with the compressed and uncompressed sizes of every local header set to 0. */
function zeroLocalSizes(zip: Uint8Array): { bytes: Uint8Array; headers: number } {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  let headers = 0;
  for (let p = 0; p + 30 <= out.length; p++) {
    if (v.getUint32(p, true) !== 0x04034b50) continue;
    v.setUint32(p + 18, 0, true);
    v.setUint32(p + 22, 0, true);
    headers++;
    p += 29;
  }
  return { bytes: out, headers };
}

describe('xlsx members inflated once', () => {
  it('local headers without sizes: every sheet read cell for cell as from the untouched file', async () => {
    const original = await seedWorkbook('382101');
    const { bytes, headers } = zeroLocalSizes(original);
    expect(headers).toBeGreaterThan(5);
    const a = await parseXlsxInWorker(original);
    const b = await parseXlsxInWorker(bytes);
    expect(a.length).toBeGreaterThan(1);
    expect(a[1]!.rows.flat().filter((v) => v !== null).length).toBeGreaterThan(20);
    expect(b).toEqual(a);
  });
});
