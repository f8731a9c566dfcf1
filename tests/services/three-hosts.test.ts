// One rule table through all three hosts: the Electron main process (bundled as shipped,
// on the fake 'electron' module, called through its guarded IPC handlers), the web host
// (HTTP with its token) and the CLI. Each host has its own copy of the same database; every
// case must end the same way everywhere, with the same Chinese message.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildElectron } from '../../build/build-electron.ts';
import { runCli } from '../../electron/cli/main.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { loadDemoData } from '../../electron/services/demo.ts';
import { copyYear } from '../../electron/services/book.ts';
import { auditProject, explainFinding } from '../../electron/services/filing-edit.ts';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { API_HTTP, type ApiErrorBody, type Fix } from '../../shared/api/contract.ts';
import type { FilingStatus, ProjectFiling } from '../../shared/model/filing.ts';
import type { FakeRecord } from '../electron/fake-electron.ts';

type Outcome = { ok: true } | { ok: false; code: string; message: string };

/** What a case does, in the terms every host offers. */
interface Host {
  name: string;
  setStatus(id: string, status: FilingStatus): Promise<Outcome>;
  explain(id: string, key: string, text: string, force: boolean): Promise<Outcome>;
  fix(id: string, key: string, force: boolean): Promise<Outcome>;
  statusOf(id: string): Promise<FilingStatus>;
}

let root: string;
let web: WebHost;
let rec: FakeRecord;
const savedEnv = process.env.JXMB_DATA_DIR;
const ids = { error: '', warning: '', carried: '', fixable: '', fixKey: '', explainKey: '' };

/** The seed database, prepared once: a table with 错误, one with an unexplained 警告, a copied one, one with fixable explained 警告. */
async function prepare(file: string): Promise<void> {
  const store = await FilingStore.open(file, { dailyBackup: false });
  loadDemoData(store);
  const all = store.listUnits().flatMap((u) => store.listYears(u.code).flatMap((y) => store.projectsOfUnitYear(u.code, y)));
  const audited = all.map((p) => ({ p, f: auditProject(store, p) }));
  const errors = (x: (typeof audited)[number]) => x.f.filter((f) => f.severity === 'error').length;
  const open = (x: (typeof audited)[number]) => x.f.filter((f) => f.severity === 'warning' && !f.explained);
  ids.error = audited.find((x) => errors(x) > 0)!.p.id;
  ids.warning = audited.find((x) => errors(x) === 0 && open(x).length > 0)!.p.id;
  const fixable = audited.find((x) => errors(x) === 0 && x.f.filter((f) => f.severity === 'warning' && f.fix).length >= 2)!;
  ids.fixable = fixable.p.id;
  for (const w of open(fixable)) explainFinding(store, ids.fixable, w.key, '已与业务科室核实');
  const fixes = fixable.f.filter((f) => f.severity === 'warning' && f.fix);
  ids.fixKey = fixes[0]!.key;
  ids.explainKey = fixes[1]!.key;
  const clean = audited.find((x) => errors(x) === 0 && open(x).length === 0 && x.p.id !== ids.fixable)!.p;
  copyYear(store, clean.unitCode, clean.year, clean.year + 5);
  ids.carried = store.projectsOfUnitYear(clean.unitCode, clean.year + 5).find((p: ProjectFiling) => p.name === clean.name && p.carriedOver.length > 0)!.id;
  store.close();
}

function apiHost(name: string, call: (api: string, args: unknown) => Promise<{ ok: boolean; result?: unknown; error?: ApiErrorBody }>): Host {
  const outcome = async (api: string, args: unknown): Promise<Outcome> => {
    const r = await call(api, args);
    return r.ok ? { ok: true } : { ok: false, code: r.error!.code, message: r.error!.message };
  };
  const get = async (id: string) => ((await call('projects.get', { id })).result as { filing: ProjectFiling; revision: number });
  return {
    name,
    setStatus: (id, status) => outcome('projects.setStatus', { id, status }),
    explain: (id, key, text, force) => outcome('audit.explain', { id, key, text, ...(force ? { force } : {}) }),
    async fix(id, key, force) {
      const findings = (await call('audit.project', { id })).result as Array<{ key: string; fix?: Fix }>;
      const fix = findings.find((f) => f.key === key)!.fix!;
      return outcome('audit.applyFix', { id, fix, expectedRevision: (await get(id)).revision, ...(force ? { force } : {}) });
    },
    statusOf: async (id) => (await get(id)).filing.status,
  };
}

function cliHost(db: string): Host {
  const run = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...args, '--db', db], { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const outcome = (r: { code: number; err: string }): Outcome =>
    r.code === 0 ? { ok: true } : { ok: false, code: `exit ${r.code}`, message: r.err.replace(/^错误：/, '') };
  return {
    name: 'CLI',
    setStatus: async (id, status) => outcome(await run('status', id, status)),
    explain: async (id, key, text, force) => outcome(await run('explain', id, key, text, ...(force ? ['--force'] : []))),
    fix: async (id, key, force) => outcome(await run('fix', id, key, ...(force ? ['--force'] : []))),
    statusOf: async (id) => (JSON.parse((await run('show', id, '--json')).out) as ProjectFiling).status,
  };
}

let hosts: Host[];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'jxmb-hosts-'));
  const seed = path.join(root, 'seed.sqlite');
  await prepare(seed);
  const dataDir = path.join(root, 'electron-data');
  mkdirSync(dataDir);
  for (const target of [path.join(dataDir, 'filings.sqlite'), path.join(root, 'web.sqlite'), path.join(root, 'cli.sqlite')]) copyFileSync(seed, target);

  // Electron: the main process bundled as shipped, on the recording fake of 'electron'.
  const app = path.join(root, 'app');
  mkdirSync(path.join(app, 'dist', 'renderer'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(app, 'package.json'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  symlinkSync(path.join(ROOT, 'demo-data'), path.join(app, 'demo-data'), 'dir');
  writeFileSync(path.join(app, 'dist', 'renderer', 'index.html'), '<!doctype html><title>绩效目标填报</title>');
  const { main } = await buildElectron({ outDir: path.join(app, 'dist', 'electron'), electronAlias: path.join(import.meta.dirname, '..', 'electron', 'fake-electron.ts') });
  process.env.JXMB_DATA_DIR = dataDir;
  createRequire(import.meta.url)(main);
  rec = (globalThis as unknown as { __fakeElectron: FakeRecord }).__fakeElectron;
  rec.readyResolve();
  for (let i = 0; i < 200 && !rec.windows[0]?.loadedUrl; i++) await new Promise((r) => setTimeout(r, 25));
  const trusted = () => ({ sender: { id: rec.windows[0]!.webContents.id }, senderFrame: { url: 'app://jxmb/index.html', parent: null } });
  const ipc = (name: string, args: unknown) => rec.ipcHandlers.get(`api:${name}`)!(trusted(), args);

  web = await startWebHost({ dbPath: path.join(root, 'web.sqlite'), staticDir: null, log: () => {} });
  const http = async (name: string, args: unknown) => {
    const res = await fetch(`${web.origin}${API_HTTP.prefix}${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [API_HTTP.tokenHeader]: web.token },
      body: JSON.stringify(args),
    });
    return (await res.json()) as { ok: boolean; result?: unknown; error?: ApiErrorBody };
  };
  hosts = [apiHost('IPC', ipc), apiHost('HTTP', http), cliHost(path.join(root, 'cli.sqlite'))];
}, 120_000);

afterAll(async () => {
  await web?.close();
  if (rec) {
    rec.app.emit('before-quit', { preventDefault() {} });
    for (let i = 0; i < 100 && rec.app.quitCalls === 0; i++) await new Promise((r) => setTimeout(r, 20));
  }
  if (savedEnv === undefined) delete process.env.JXMB_DATA_DIR;
  else process.env.JXMB_DATA_DIR = savedEnv;
  rmSync(root, { recursive: true, force: true });
});

/** Runs one step on every host; all refuse with the same message (or all succeed), and the status is the same after. */
async function everywhere(step: (h: Host) => Promise<Outcome>, expected: { code?: string; message?: RegExp | string; status: FilingStatus; id: string }) {
  const results: Array<Outcome & { host: string }> = [];
  for (const h of hosts) results.push({ host: h.name, ...(await step(h)) });
  for (const r of results) {
    if (!expected.code) {
      expect(r, r.host).toEqual({ host: r.host, ok: true });
      continue;
    }
    expect(r.ok, r.host).toBe(false);
    if (r.ok) continue;
    if (r.host !== 'CLI') expect(r.code, r.host).toBe(expected.code);
    else expect(r.code).toBe('exit 2');
    if (expected.message) expect(r.message, r.host).toMatch(expected.message);
  }
  const apiMessage = (results[0] as { message?: string }).message;
  for (const r of results) if (!r.ok && apiMessage) expect(r.message, r.host).toContain(apiMessage);
  for (const h of hosts) expect(await h.statusOf(expected.id), h.name).toBe(expected.status);
}

describe('the status machine through IPC, HTTP and the CLI', () => {
  it('已审核 is refused with a 错误, with a 警告 without 说明, and with unconfirmed carried-over values', async () => {
    await everywhere((h) => h.setStatus(ids.error, 'checked'), { id: ids.error, code: 'HAS_ERRORS', message: /^还有 \d+ 个错误，不能标记为已审核$/, status: 'draft' });
    await everywhere((h) => h.setStatus(ids.warning, 'checked'), {
      id: ids.warning,
      code: 'HAS_WARNINGS',
      message: /^还有 \d+ 个警告没有填写说明，不能标记为已审核$/,
      status: 'draft',
    });
    await everywhere((h) => h.setStatus(ids.carried, 'checked'), {
      id: ids.carried,
      code: 'HAS_CARRIED',
      message: /^还有 \d+ 处从上年复制的内容没有确认，请逐项核对（或全部确认）后再标记为已审核$/,
      status: 'draft',
    });
  });

  it('已报送 is never set by hand', async () => {
    await everywhere((h) => h.setStatus(ids.fixable, 'submitted'), { id: ids.fixable, code: 'BAD_TRANSITION', message: /“已报送”在打包报送时自动标记/, status: 'draft' });
  });

  it('an 已审核 table is changed only with force (说明 and fixes alike), and then it is a 草稿', async () => {
    const confirm = '该表已审核，修改后将变回草稿，需要重新审核。请确认后再修改。';
    await everywhere((h) => h.setStatus(ids.fixable, 'checked'), { id: ids.fixable, status: 'checked' });
    await everywhere((h) => h.explain(ids.fixable, ids.explainKey, '已再次核实', false), { id: ids.fixable, code: 'NEEDS_CONFIRM', message: confirm, status: 'checked' });
    await everywhere((h) => h.fix(ids.fixable, ids.fixKey, false), { id: ids.fixable, code: 'NEEDS_CONFIRM', message: confirm, status: 'checked' });
    await everywhere((h) => h.fix(ids.fixable, ids.fixKey, true), { id: ids.fixable, status: 'draft' });
    await everywhere((h) => h.setStatus(ids.fixable, 'checked'), { id: ids.fixable, status: 'checked' });
    await everywhere((h) => h.explain(ids.fixable, ids.explainKey, '已再次核实', true), { id: ids.fixable, status: 'draft' });
  });
});
