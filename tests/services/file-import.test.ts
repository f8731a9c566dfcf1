// 撤销导入 and the memory of imported files (electron/services/file-import.ts) on a real
// SQLite file: a replaced table comes back as it was, an added one goes, all in one action;
// a table edited after the import stops the undo with nothing changed.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FilingStore } from '../../electron/store/store.ts';
import { storeImported } from '../../electron/import/spreadsheet/workbook.ts';
import { importedBefore, storeFileImport, undoLastImport } from '../../electron/services/file-import.ts';
import { filing, snapshot, tempDirs, unit } from '../store/helpers.ts';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function setup() {
  const file = path.join(dirs.make(), 'f.sqlite');
  const store = await FilingStore.open(file, { dailyBackup: false });
  store.upsertUnit(unit('100001'));
  store.createProject(filing('p-old', { name: '原有项目', seq: 1 }));
  return { store, file };
}
const bytes = new TextEncoder().encode('一个文件的内容');
const importIt = (store: FilingStore) =>
  storeFileImport(
    store,
    { bytes, fileName: '去年.docx', unitCode: '100001', year: 2025, projects: [filing('p-old', { name: '导入后的名称', seq: 1 }), filing('p-new', { name: '新项目', seq: 2 })] },
    (ps) => storeImported(store, '100001', ps),
  );

describe('撤销导入', () => {
  it('puts back what the import replaced and removes what it added, in one action', async () => {
    const { store, file } = await setup();
    const before = snapshot(file).projects;
    expect(importIt(store).projects).toBe(2);
    expect(store.getProject('p-old')!.name).toBe('导入后的名称');
    expect(importedBefore(store, bytes)?.fileName).toBe('去年.docx');
    expect(() => importIt(store)).toThrow(/不会重复导入/);
    expect(undoLastImport(store, '100001', 2025)).toEqual({ removed: 1, restored: 1, fileName: '去年.docx' });
    expect(store.getProject('p-new')).toBeNull();
    expect(store.getProject('p-old')!.name).toBe('原有项目');
    expect(importedBefore(store, bytes)).toBeNull();
    expect(snapshot(file).projects!.length).toBe(before!.length);
    store.close();
  });

  it('is refused, changing nothing, when a table was edited after the import', async () => {
    const { store, file } = await setup();
    importIt(store);
    store.updateProject({ ...store.getProject('p-new')!, name: '改过了' });
    const before = snapshot(file);
    expect(() => undoLastImport(store, '100001', 2025)).toThrow(/导入后已修改过 1 张项目表（“改过了”），不能自动撤销导入/);
    expect(snapshot(file)).toEqual(before);
    store.close();
  });
});
