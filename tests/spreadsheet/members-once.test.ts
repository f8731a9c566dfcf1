// The .xlsx members are inflated once, by the bounded reader, and handed to xlsx as they are
// (xlsx-worker.ts), not the file's bytes for xlsx's zip reader to inflate them again. Seen
// from outside: xlsx's reader trusts the sizes in the local headers and refuses a file whose
// local headers carry zeros (as streaming writers leave them, bit 3 and a data descriptor); the bounded reader uses the
// central directory's sizes (checked by inflating and by the CRC), so the file is read.
import { describe, expect, it } from 'vitest';
import { parseXlsxInWorker } from '../../electron/import/spreadsheet/xlsx-read.ts';
import { seedWorkbook } from './helpers.ts';
import { rawZip } from '../handover/helpers.ts';
import { unzipSafe } from '../../electron/files/zip.ts';

/** The same members zipped as a streaming writer does: bit 3, zero CRC and sizes in every local header, a data descriptor after each member. */
function zeroLocalSizes(zip: Uint8Array): { bytes: Uint8Array; headers: number } {
  const members = [...unzipSafe(zip).files].map(([name, data]) => ({ name, data, stream: true }));
  return { bytes: rawZip(members), headers: members.length };
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
