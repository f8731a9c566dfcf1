// Crafting workbooks for the tests: start from one this program exported, then change
// its XML parts directly (independent of the code under test).
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { readDemoData } from '../../electron/services/demo.ts';
import { exportUnitYearWorkbook } from '../../electron/import/spreadsheet/workbook.ts';
import type { ProjectFiling, Unit } from '../../shared/model/filing.ts';

export function seedBook(code: string): { unit: Unit; year: number; projects: ProjectFiling[] } {
  const d = readDemoData();
  const projects = d.projects.filter((p) => p.unitCode === code);
  return { unit: { ...d.units.find((u) => u.code === code)!, sample: false }, year: projects[0]!.year, projects };
}

export function seedWorkbook(code: string): Promise<Uint8Array> {
  return exportUnitYearWorkbook(seedBook(code));
}

/** Rewrites members of a zip: `edit(name, text)` returns new text, null to drop, undefined to keep. */
export function editZip(bytes: Uint8Array, edit: (name: string, text: string) => string | null | undefined, add: Record<string, string> = {}): Uint8Array {
  const files = unzipSync(bytes);
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(files)) {
    const r = edit(name, strFromU8(data));
    if (r === null) continue;
    out[name] = r === undefined ? data : strToU8(r);
  }
  for (const [name, text] of Object.entries(add)) out[name] = strToU8(text);
  return zipSync(out);
}
