// Desktop-only calls with fake dialogs and a real temporary folder: a path is read or
// written only after the user chose it in a dialog; refused calls write nothing.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/files/atomic-write.ts';
import { PathGrants, pathKey } from '../../electron/main/path-grants.ts';
import { safeFileName } from '../../electron/main/shell-contract.ts';
import { createShellHandlers, type ShellDeps } from '../../electron/main/shell-handlers.ts';
import type { ApiError } from '../../shared/api/contract.ts';

let dir: string;
let usb: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'jxmb-shell-'));
  usb = path.join(dir, 'U盘');
  mkdirSync(usb);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function harness(over: Partial<ShellDeps> = {}) {
  const dialogs: Array<{ kind: 'open' | 'save'; defaultPath: string; filters: unknown }> = [];
  let nextOpen: string | null = null;
  let nextSave: string | null = null;
  let lastDir: string | null = null;
  const apiCalls: Array<[string, unknown]> = [];
  const printed: string[] = [];
  const deps: ShellDeps = {
    grants: new PathGrants(),
    async showOpenDialog(o) {
      dialogs.push({ kind: 'open', defaultPath: o.defaultPath, filters: o.filters });
      return nextOpen ? { canceled: false, filePaths: [nextOpen] } : { canceled: true, filePaths: [] };
    },
    async showSaveDialog(o) {
      dialogs.push({ kind: 'save', defaultPath: o.defaultPath, filters: o.filters });
      return nextSave ? { canceled: false, filePath: nextSave } : { canceled: true };
    },
    dialogStartDir: async () => lastDir ?? usb,
    rememberDir: (d) => {
      lastDir = d;
    },
    stat: (p) => stat(p),
    readFile: (p) => readFile(p),
    writeFile: (p, d) => writeFileAtomic(p, d),
    async api(name, args) {
      apiCalls.push([name, args]);
      return { ok: true, result: { html: '<!doctype html><title>表</title><p>绩效目标表</p>' } };
    },
    async printHtml(html) {
      printed.push(html);
      return true;
    },
    async pdfFromHtml() {
      return Buffer.from('%PDF-1.7 test');
    },
    ...over,
  };
  return {
    deps,
    h: createShellHandlers(deps),
    dialogs,
    apiCalls,
    printed,
    chooseOpen: (p: string | null) => (nextOpen = p),
    chooseSave: (p: string | null) => (nextSave = p),
  };
}

async function refusedCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as ApiError).code;
  }
  return 'NOT REFUSED';
}

describe('openFile / readFile', () => {
  it('reads only a file chosen in the open dialog of this session', async () => {
    const t = harness();
    const file = path.join(usb, '数据.json');
    const other = path.join(usb, 'other.json');
    writeFileSync(file, '{"a":1}');
    writeFileSync(other, '{"b":2}');

    expect(await refusedCode(t.h.readFile({ path: file }))).toBe('FORBIDDEN');

    t.chooseOpen(null);
    expect(await t.h.openFile({ kinds: ['json'] })).toBeNull();
    expect(await refusedCode(t.h.readFile({ path: file }))).toBe('FORBIDDEN');

    t.chooseOpen(file);
    const chosen = await t.h.openFile({ kinds: ['json'] });
    expect(chosen).toEqual({ path: file, name: '数据.json', size: 7 });
    expect(t.dialogs[0]).toMatchObject({ kind: 'open', defaultPath: usb });
    expect(t.dialogs[0]!.filters).toEqual([
      { name: 'JSON 数据文件', extensions: ['json'] },
      { name: '所有文件', extensions: ['*'] },
    ]);

    const content = await t.h.readFile({ path: file });
    expect(Buffer.from(content.base64, 'base64').toString()).toBe('{"a":1}');
    // The same folder, another file: not chosen.
    expect(await refusedCode(t.h.readFile({ path: other }))).toBe('FORBIDDEN');
    // Tricks that resolve elsewhere or are not absolute.
    for (const p of [`${usb}/../U盘/other.json`, 'U盘/数据.json', `${file}\0.png`]) {
      expect(await refusedCode(t.h.readFile({ path: p })), p).toBe('FORBIDDEN');
    }
    // A path chosen for reading cannot be written.
    expect(await refusedCode(t.h.writeFile({ path: file, base64: 'AAAA' }))).toBe('FORBIDDEN');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}');
  });

  it('refuses files over 64 MB without reading them', async () => {
    let read = false;
    const t = harness({
      stat: async () => ({ size: 65 * 1024 * 1024, isFile: () => true }),
      readFile: async () => {
        read = true;
        return new Uint8Array();
      },
    });
    t.chooseOpen(path.join(usb, 'big.xlsx'));
    await t.h.openFile({});
    expect(await refusedCode(t.h.readFile({ path: path.join(usb, 'big.xlsx') }))).toBe('TOO_LARGE');
    expect(read).toBe(false);
  });
});

describe('chooseSavePath / writeFile / saveFile', () => {
  it('writes only to the path chosen in the save dialog; refused writes leave no file', async () => {
    const t = harness();
    const target = path.join(usb, '绩效目标表.docx');
    expect(await refusedCode(t.h.writeFile({ path: target, base64: 'UEsDBA==' }))).toBe('FORBIDDEN');
    expect(readdirSync(usb)).toEqual([]);

    t.chooseSave(target);
    const chosen = await t.h.chooseSavePath({ suggestedName: '绩效目标表', kinds: ['docx'] });
    expect(chosen?.path).toBe(target);
    expect(t.dialogs[0]!.defaultPath).toBe(path.join(usb, '绩效目标表.docx'));
    expect(await refusedCode(t.h.writeFile({ path: path.join(usb, 'other.docx'), base64: 'UEsDBA==' }))).toBe('FORBIDDEN');
    expect(readdirSync(usb)).toEqual([]);
    await t.h.writeFile({ path: target, base64: 'UEsDBA==' });
    expect(readFileSync(target)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    expect(readdirSync(usb)).toEqual(['绩效目标表.docx']); // no temp file left
  });

  it('saveFile asks, then writes; cancelled writes nothing', async () => {
    const t = harness();
    t.chooseSave(null);
    expect(await t.h.saveFile({ suggestedName: 'a.docx', base64: 'UEsDBA==' })).toBeNull();
    expect(readdirSync(usb)).toEqual([]);
    const target = path.join(usb, 'a.docx');
    t.chooseSave(target);
    expect(await t.h.saveFile({ suggestedName: '../../a.docx', base64: 'UEsDBA==', kinds: ['docx'] })).toEqual({
      path: target,
      name: 'a.docx',
      size: 4,
    });
    // The suggested name cannot steer the dialog out of the start folder.
    expect(t.dialogs[1]!.defaultPath).toBe(path.join(usb, '_.._a.docx'));
    expect(readdirSync(usb)).toEqual(['a.docx']);
  });
});

describe('print / printToPdf', () => {
  it('prints the print view the main process asks the API for', async () => {
    const t = harness();
    expect(await t.h.print({ call: 'print.project', args: { id: 'p1' } })).toEqual({ printed: true });
    expect(t.apiCalls).toEqual([['print.project', { id: 'p1' }]]);
    expect(t.printed[0]).toContain('绩效目标表');
  });

  it('saves a PDF through the save dialog', async () => {
    const t = harness();
    const target = path.join(usb, '表.pdf');
    t.chooseSave(target);
    const r = await t.h.printToPdf({ call: 'print.unitYear', args: { unitCode: '619001', year: 2025 }, suggestedName: '表' });
    expect(r?.path).toBe(target);
    expect(t.dialogs[0]!.defaultPath).toBe(path.join(usb, '表.pdf'));
    expect(readFileSync(target, 'latin1')).toMatch(/^%PDF/);
  });

  it('reports the API’s refusal and prints nothing', async () => {
    const t = harness({ api: async () => ({ ok: false, error: { code: 'NOT_FOUND', message: '该项目表不存在' } }) });
    expect(await refusedCode(t.h.print({ call: 'print.project', args: { id: 'x' } }))).toBe('NOT_FOUND');
    expect(t.printed).toEqual([]);
  });
});

describe('safeFileName / pathKey', () => {
  it('makes one plain file name', () => {
    expect(safeFileName('绩效目标表', 'docx')).toBe('绩效目标表.docx');
    expect(safeFileName('表.DOCX', 'docx')).toBe('表.DOCX');
    expect(safeFileName('a/b\\c:d*e?"<>|.docx')).toBe('a_b_c_d_e_____.docx');
    expect(safeFileName('CON', 'pdf')).toBe('_CON.pdf');
    expect(safeFileName('...', 'pdf')).toBe('未命名.pdf');
    expect(safeFileName('x\u0000y\n')).toBe('x_y_');
  });

  it('normalises paths per platform and refuses what a dialog never returns', () => {
    expect(pathKey('C:\\Users\\A\\Desktop\\表.docx', 'win32')).toBe('c:\\users\\a\\desktop\\表.docx');
    expect(pathKey('C:/Users/A/../A/表.docx', 'win32')).toBe('c:\\users\\a\\表.docx');
    expect(pathKey('\\\\?\\C:\\x', 'win32')).toBeNull();
    expect(pathKey('relative\\x', 'win32')).toBeNull();
    expect(pathKey('/media/u/A/x', 'linux')).toBe('/media/u/A/x');
    expect(pathKey('/media/u/a/x', 'linux')).not.toBe(pathKey('/media/u/A/x', 'linux'));
    expect(pathKey('', 'linux')).toBeNull();
    expect(pathKey(42, 'linux')).toBeNull();
    expect(pathKey('/a\0b', 'linux')).toBeNull();
    const g = new PathGrants('win32');
    g.grant('E:\\报送\\表.docx', 'write');
    expect(g.has('e:\\报送\\表.DOCX', 'write')).toBe(true);
    expect(g.has('E:\\报送\\表.docx', 'read')).toBe(false);
  });
});
