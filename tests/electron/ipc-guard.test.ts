// The IPC boundary of the Electron main process, for every channel: wrong or extra
// arguments, an unexpected sender frame, a file path the user did not choose — each
// refused with an error, and the handler never runs (so nothing is written).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_NAMES, ipcChannel, type ApiArgs, type ApiName, type Handlers } from '../../shared/api/contract.ts';
import { dispatch } from '../../electron/api/dispatch.ts';
import {
  FORBIDDEN_SENDER,
  PATH_NOT_CHOSEN,
  checkSender,
  createApiIpcHandler,
  createShellIpcHandler,
  isTrustedSender,
  type IpcEventLike,
  type ShellHandlers,
} from '../../electron/main/ipc-guard.ts';
import { PathGrants } from '../../electron/main/path-grants.ts';
import { PRELOAD_API_NAMES, SHELL_CALLS, apiChannel, type ShellCall } from '../../electron/preload/channels.ts';

const MAIN_ID = 7;
const event = (url: string, opts: { id?: number; parent?: unknown; noFrame?: boolean } = {}): IpcEventLike => ({
  sender: { id: opts.id ?? MAIN_ID },
  senderFrame: opts.noFrame ? null : { url, parent: opts.parent ?? null },
});
const trusted = () => event('app://jxmb/index.html');

/** Events that must be refused, each with why. */
const UNTRUSTED: Array<[string, IpcEventLike]> = [
  ['remote page', event('https://evil.example/index.html')],
  ['plain http', event('http://127.0.0.1:5173/index.html')],
  ['file url', event('file:///C:/Users/x/index.html')],
  ['look-alike host', event('app://jxmb.evil/index.html')],
  ['other app host', event('app://other/index.html')],
  ['other page of our origin', event('app://jxmb/__print/abcdefghijklmnopqrstuvwx')],
  ['data url', event('data:text/html,<script>1</script>')],
  ['blob url', event('blob:app://jxmb/1234')],
  ['devtools', event('devtools://devtools/bundled/inspector.html')],
  ['about:blank', event('about:blank')],
  ['sub-frame of our page', event('app://jxmb/index.html', { parent: {} })],
  ['another web contents', event('app://jxmb/index.html', { id: MAIN_ID + 1 })],
  ['destroyed frame', event('app://jxmb/index.html', { noFrame: true })],
];

// ---- valid arguments for every call (type-checked against the contract) ----

const seed = JSON.parse(readFileSync(new URL('../../demo-data/seed-002.json', import.meta.url), 'utf8')) as {
  units: unknown[];
  projects: unknown[];
  deptTargets: unknown[];
};
const unitYear = { unitCode: '619001', year: 2025 };
/** An empty zip's end record: a file's bytes, as IPC delivers them (a Uint8Array). */
const ZIP_END = Uint8Array.of(0x50, 0x4b, 0x05, 0x06);
const VALID: { [N in ApiName]: ApiArgs<N> } = {
  'app.info': {},
  'templates.list': {},
  'units.list': {},
  'units.save': { unit: seed.units[0] as ApiArgs<'units.save'>['unit'] },
  'units.removeSamples': {},
  'years.list': { unitCode: '619001' },
  'years.start': { unitCode: '619001', year: 2030 },
  'projects.list': unitYear,
  'projects.get': { id: 'p1' },
  'projects.create': { ...unitYear, templateId: 'B', name: '新项目' },
  'projects.save': { filing: seed.projects[0] as ApiArgs<'projects.save'>['filing'], expectedRevision: 1 },
  'projects.delete': { id: 'p1' },
  'projects.restore': { filing: seed.projects[0] as ApiArgs<'projects.restore'>['filing'] },
  'projects.duplicate': { id: 'p1' },
  'projects.reorder': { ...unitYear, ids: ['p1', 'p2'] },
  'projects.setStatus': { id: 'p1', status: 'checked' },
  'projects.copyYear': { unitCode: '619001', fromYear: 2025, toYear: 2026 },
  'projects.copyTable': { id: 'x', toYear: 2026 },
  'projects.copyPreview': { unitCode: '619001', fromYear: 2025, toYear: 2026 },
  'dept.ackCarried': { unitCode: '619001', year: 2025, paths: 'all' },
  'handover.summaryRows': { year: 2025 },
  'projects.ackCarried': { id: 'p1', paths: 'all' },
  'dept.get': unitYear,
  'dept.save': { target: seed.deptTargets[0] as ApiArgs<'dept.save'>['target'] },
  'audit.project': { id: 'p1' },
  'audit.unitYear': unitYear,
  'audit.explain': { id: 'p1', key: 'k', text: '说明' },
  'audit.applyFix': { id: 'p1', fix: { description: 'd', patch: { path: 'name', value: 'x' } }, expectedRevision: 1 },
  'library.search': { query: '满意度' },
  'print.project': { id: 'p1' },
  'print.unitYear': unitYear,
  'export.docx': { scope: { kind: 'project', id: 'p1' } },
  'handover.pack': unitYear,
  'handover.inspect': { file: { name: 'a.jxmb', bytes: ZIP_END } },
  'handover.import': { files: [{ name: 'a.jxmb', bytes: ZIP_END }] },
  'handover.received': {},
  'handover.makeCurrent': { packageId: 1 },
  'handover.summary': { year: 2025 },
  'spreadsheet.export': unitYear,
  'import.preview': { kind: 'xlsx', file: { name: 'a.xlsx', bytes: ZIP_END }, ...unitYear },
  'import.store': { kind: 'docx', file: { name: 'a.docx', bytes: ZIP_END }, ...unitYear, sha256: '0'.repeat(64), plan: {} },
  'import.undo': unitYear,
  'import.recent': unitYear,
  'jobs.get': { jobId: 'j1' },
  'jobs.cancel': { jobId: 'j1' },
  'settings.get': unitYear,
  'settings.set': { settings: { ...unitYear, templateId: 'B', indicatorSystem: 'caiyu2021', ruleProfile: 'default' } },
  'settings.convertPreview': { id: 'p1', templateId: 'A' },
  'settings.convert': { id: 'p1', templateId: 'A', expectedRevision: 1, acceptLosses: 0 },
  'review.unitYear': unitYear,
  'review.setTable': { projectId: 'p1', verdict: 'pass', reviewer: '张' },
  'review.addComment': { projectId: 'p1', text: '意见', author: '张' },
  'review.deleteComment': { commentId: 'c1' },
  'review.fromFindings': { projectId: 'p1', author: '张' },
  'review.setOverall': { ...unitYear, grade: '良', opinion: '', reviewer: '张' },
  'review.return': { ...unitYear, reviewer: '张' },
  'review.importReturn': { file: { name: 'a.jxmb', bytes: ZIP_END } },
  'review.comments': { projectId: 'p1' },
  'review.answer': { projectId: 'p1', commentId: 'c1', handled: true },
  'review.history': { projectId: 'p1' },
  'yearly.get': { projectId: 'p1' },
  'yearly.create': { projectId: 'p1' },
  'yearly.createUnitYear': unitYear,
  'yearly.save': { form: {}, expectedRevision: 1 },
  'yearly.applyFix': { kind: 'self-evaluation', projectId: 'p1', fix: { description: 'd', patch: { path: 'enteredTotal', value: 1 } }, expectedRevision: 1 },
  'yearly.adjust': { projectId: 'p1', reason: '政策调整', changes: [{ indicatorId: 'r1', value: '≥90%' }] },
  'yearly.list': unitYear,
  'yearly.print': { scope: { kind: 'project', id: 'p1' }, kind: 'both' },
  'yearly.exportDocx': { scope: { kind: 'unitYear', ...unitYear }, kind: 'self-evaluation' },
  'yearly.exportXlsx': unitYear,
  'yearly.importExecution': { ...unitYear, file: { name: 'a.xlsx', bytes: ZIP_END }, into: 'self-evaluation', store: false },
  'yearly.regeneratePlan': { projectId: 'p' },
  'yearly.regenerate': { projectId: 'p', revisions: { monitoring: 1, selfEvaluation: 1 } },
  'yearly.deptGet': unitYear,
  'yearly.deptCreate': unitYear,
  'yearly.deptSave': { form: {}, expectedRevision: 1 },
  'yearly.deptPrint': unitYear,
  'yearly.deptExportDocx': unitYear,
  'review.table': { projectId: 'p1' },
  'review.diff': { projectId: 'p1' },
  'review.summary': { year: 2025 },
  'review.print': { ...unitYear, format: 'docx' },
  'review.forward': { files: [{ name: 'a.jxmb', bytes: ZIP_END }], reviewer: '张' },
  'review.importForward': { file: { name: 'a.jxmb', bytes: ZIP_END } },
  'review.importUpper': { file: { name: 'a.jxmb', bytes: ZIP_END } },
  'review.upper': { projectId: 'p1' },
  'review.unitDiff': { projectId: 'p1', from: 1, to: 2 },
};

function recordingHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    API_NAMES.map((n) => [
      n,
      () => {
        calls.push(n);
        return { ran: n };
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

function apiHandlerFor(name: ApiName, grants = new PathGrants('linux'), filePathArgs = {}) {
  const { handlers, calls } = recordingHandlers();
  const h = createApiIpcHandler(name, (n, a) => dispatch(handlers, n, a, { log: () => undefined }), {
    mainWebContentsId: () => MAIN_ID,
    grants,
    filePathArgs,
  });
  return { h, calls };
}

describe('channel lists', () => {
  it('the preload declares exactly the contract’s call names, on the same channels', () => {
    expect([...PRELOAD_API_NAMES].sort()).toEqual([...API_NAMES].sort());
    for (const n of API_NAMES) expect(apiChannel(n)).toBe(ipcChannel(n));
  });
});

describe('isTrustedSender / checkSender', () => {
  it('accepts only the main frame of our own window on our own page', () => {
    expect(isTrustedSender('app://jxmb/index.html')).toBe(true);
    expect(isTrustedSender('app://jxmb/')).toBe(true);
    expect(isTrustedSender('app://jxmb/index.html?x=1#/unit/619001')).toBe(true);
    expect(checkSender(trusted(), MAIN_ID)).toBeNull();
    for (const [why, e] of UNTRUSTED) expect(checkSender(e, MAIN_ID), why).toEqual(FORBIDDEN_SENDER);
    // No window (closed, or not yet created): everything refused.
    expect(checkSender(trusted(), null)).toEqual(FORBIDDEN_SENDER);
  });
});

describe.each(API_NAMES)('api:%s', (name) => {
  it('runs with valid arguments from our window', async () => {
    const { h, calls } = apiHandlerFor(name);
    const r = await h(trusted(), VALID[name]);
    expect(r, JSON.stringify(r)).toEqual({ ok: true, result: { ran: name } });
    expect(calls).toEqual([name]);
  });

  it('refuses wrong and extra arguments; the handler never runs', async () => {
    const { h, calls } = apiHandlerFor(name);
    const wrong: unknown[] = [
      { ...(VALID[name] as object), extra: 1 },
      { ...(VALID[name] as object), __proto__: { polluted: true }, constructor: 1 },
      'text',
      42,
      null,
      [],
      [VALID[name]],
      { bogus: true },
    ];
    for (const args of wrong) {
      const r = await h(trusted(), args);
      expect(r.ok, `${name} ${JSON.stringify(args)}`).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_ARGS');
    }
    // A second positional argument.
    const two = await h(trusted(), VALID[name], { more: 1 });
    expect(two).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(calls).toEqual([]);
  });

  it('refuses every unexpected sender; the handler never runs', async () => {
    const { h, calls } = apiHandlerFor(name);
    for (const [why, e] of UNTRUSTED) {
      const r = await h(e, VALID[name]);
      expect(r, why).toEqual({ ok: false, error: FORBIDDEN_SENDER });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a file path the user did not choose in a dialog', async () => {
    // Today no call takes a path: a path argument is an extra argument, refused.
    const plain = apiHandlerFor(name);
    for (const key of ['path', 'file', 'filePath', 'dir']) {
      const r = await plain.h(trusted(), { ...(VALID[name] as object), [key]: '/etc/passwd' });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    }
    // A call declared to take one (FILE_PATH_ARGS) is refused before its schema runs
    // unless the path was chosen in a dialog of this session.
    const grants = new PathGrants('linux');
    const declared = apiHandlerFor(name, grants, { [name]: [{ field: 'path', mode: 'read' }] });
    const args = (p: string) => ({ ...(VALID[name] as object), path: p });
    for (const p of ['/etc/passwd', '/media/user/U盘/other.json', 'relative.json', '/media/user/U盘/../x.json']) {
      expect(await declared.h(trusted(), args(p))).toEqual({ ok: false, error: PATH_NOT_CHOSEN });
    }
    grants.grant('/media/user/U盘/导入.json', 'write');
    expect(await declared.h(trusted(), args('/media/user/U盘/导入.json'))).toEqual({ ok: false, error: PATH_NOT_CHOSEN });
    expect(declared.calls).toEqual([]);
    // Chosen for reading: the guard lets it through to the schema.
    grants.grant('/media/user/U盘/导入.json', 'read');
    const r = await declared.h(trusted(), args('/media/user/U盘/导入.json'));
    expect(r.ok === false && r.error.code).not.toBe('FORBIDDEN');
  });
});

describe('files over IPC: bytes, checked for type and size', () => {
  const MB20 = 20 * 1024 * 1024;
  it('a Uint8Array as IPC delivers it (structured clone) runs; a file of exactly 20 MB too', async () => {
    for (const bytes of [structuredClone(ZIP_END), new Uint8Array(MB20)]) {
      const { h, calls } = apiHandlerFor('import.preview');
      expect(await h(trusted(), structuredClone({ ...VALID['import.preview'], file: { name: 'a.xlsx', bytes } }))).toEqual({ ok: true, result: { ran: 'import.preview' } });
      expect(calls).toEqual(['import.preview']);
    }
  });

  it('base64 text, an ArrayBuffer, an array of numbers, another typed array or a file over 20 MB is refused in Chinese; the handler never runs', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['UEsFBg==', /file\.bytes：文件内容必须是字节数据/],
      [ZIP_END.buffer, /文件内容必须是字节数据/],
      [[0x50, 0x4b, 5, 6], /文件内容必须是字节数据/],
      [{ 0: 0x50, length: 1 }, /文件内容必须是字节数据/],
      [new Uint16Array(2), /文件内容必须是字节数据/],
      [new Uint8Array(MB20 + 1), /文件过大（上限 20 MB）/],
    ];
    for (const [bytes, message] of cases) {
      const { h, calls } = apiHandlerFor('import.preview');
      const r = await h(trusted(), { ...VALID['import.preview'], file: { name: 'a.xlsx', bytes } });
      expect(r.ok).toBe(false);
      if (!r.ok) expect({ code: r.error.code, ok: message.test(r.error.message) }, r.error.message).toEqual({ code: 'INVALID_ARGS', ok: true });
      expect(calls).toEqual([]);
    }
    // The old shape (base64 beside the name) is an unknown field.
    const { h } = apiHandlerFor('handover.import');
    const old = await h(trusted(), { files: [{ name: 'a.jxmb', base64: 'UEsFBg==' }] });
    expect(old.ok === false && old.error.message).toMatch(/含有未知字段：base64/);
  });
});

// ---- desktop-only calls ----

function shellHarness() {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    SHELL_CALLS.map((c) => [
      c,
      async () => {
        calls.push(c);
        return { ran: c };
      },
    ]),
  ) as unknown as ShellHandlers;
  const deps = { mainWebContentsId: () => MAIN_ID, grants: new PathGrants('linux') };
  return { calls, make: (c: ShellCall) => createShellIpcHandler(c, handlers, deps) };
}

const VALID_SHELL: Record<ShellCall, unknown> = {
  openFile: { kinds: ['json'] },
  readFile: { path: '/media/user/U盘/a.json' },
  chooseSavePath: { suggestedName: '绩效目标表.docx' },
  writeFile: { path: '/media/user/U盘/a.docx', base64: 'UEsDBA==' },
  saveFile: { suggestedName: '绩效目标表.docx', base64: 'UEsDBA==', kinds: ['docx'] },
  print: { call: 'print.project', args: { id: 'p1' } },
  printToPdf: { call: 'print.unitYear', args: { unitCode: '619001', year: 2025 }, suggestedName: '绩效目标表' },
};

describe.each(SHELL_CALLS)('shell:%s', (call) => {
  it('checks sender, argument count and schema before the handler', async () => {
    const { calls, make } = shellHarness();
    const h = make(call);
    for (const [why, e] of UNTRUSTED) expect(await h(e, VALID_SHELL[call]), why).toEqual({ ok: false, error: FORBIDDEN_SENDER });
    for (const bad of [{ ...(VALID_SHELL[call] as object), extra: 1 }, 'x', 5, null, []]) {
      expect(await h(trusted(), bad)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    }
    expect(await h(trusted(), VALID_SHELL[call], {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(calls).toEqual([]);
    expect(await h(trusted(), VALID_SHELL[call])).toEqual({ ok: true, result: { ran: call } });
  });
});

describe('shell argument schemas', () => {
  it('refuse print calls other than the print views, and bad file contents', async () => {
    const { calls, make } = shellHarness();
    const bad: Array<[ShellCall, unknown]> = [
      ['print', { call: 'units.removeSamples', args: {} }],
      ['print', { call: 'print.project', args: { id: 'p1', extra: 1 } }],
      ['printToPdf', { call: 'projects.delete', args: { id: 'p1' }, suggestedName: 'x' }],
      ['writeFile', { path: '/tmp/a', base64: 'not base64!' }],
      ['writeFile', { path: '', base64: '' }],
      ['openFile', { kinds: ['exe'] }],
      ['saveFile', { suggestedName: '', base64: '' }],
    ];
    for (const [c, args] of bad) expect(await make(c)(trusted(), args), `${c} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(calls).toEqual([]);
  });
});
