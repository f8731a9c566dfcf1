// The web host on a real 127.0.0.1 port with a real temp SQLite file.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { FilingStore } from '../../electron/store/store.ts';
import { API_HTTP, type ApiResponse } from '../../shared/api/contract.ts';
import { createHttpClient } from '../../shared/api/http-client.ts';

const HAN = /[\u4e00-\u9fff]/;
let dir: string;
let host: WebHost;
const SECRET = 'TOP-SECRET-CONTENT';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request exactly as given (no URL normalisation, any Host header). */
function raw(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: Buffer[] }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${host.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.chunked) {
      for (const c of opts.chunked) req.write(c);
      req.end();
    } else req.end(opts.body);
  });
}

const api = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.origin}${API_HTTP.prefix}${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [API_HTTP.tokenHeader]: host.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const errorOf = async (res: Response) => ((await res.json()) as ApiResponse & { ok: false }).error;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-web-'));
  const site = path.join(dir, 'site');
  fs.mkdirSync(path.join(site, 'assets', 'sub'), { recursive: true });
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>绩效目标填报</title>');
  fs.writeFileSync(path.join(site, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(site, 'assets', 'app.css'), 'body{}');
  fs.writeFileSync(path.join(site, 'assets', 'logo.svg'), '<svg/>');
  fs.writeFileSync(path.join(site, '.env'), SECRET);
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(site, 'link-out.txt'));
  host = await startWebHost({ dbPath: path.join(dir, 'db', 'filings.sqlite'), staticDir: site, log: () => {} });
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('binding and token', () => {
  it('listens on 127.0.0.1 on a random port with an unguessable token in the page URL', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.port).toBeGreaterThan(0);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
    await expect(startWebHost({ dbPath: path.join(dir, 'x.sqlite'), staticDir: null, host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('refuses /api/ calls without the token (401) or with a wrong one (403)', async () => {
    const missing = await fetch(`${host.origin}/api/units.list?token=${host.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).message).toMatch(HAN);
    const wrong = await api('units.list', {}, { [API_HTTP.tokenHeader]: host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A') });
    expect(wrong.status).toBe(403);
    const short = await api('units.list', {}, { [API_HTTP.tokenHeader]: 'x' });
    expect(short.status).toBe(403);
    const ok = await api('units.list', {});
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toEqual({ ok: true, result: [] });
  });

  it('checks the token before saying whether a call exists', async () => {
    const r = await fetch(`${host.origin}/api/no.such`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
  });
});

describe('DNS rebinding and cross-site requests', () => {
  it('refuses a foreign Host header (API and static files)', async () => {
    for (const h of ['evil.example:' + host.port, `127.0.0.1:${host.port + 1}`, '127.0.0.1', `localhost.evil.example:${host.port}`]) {
      const a = await raw({ method: 'POST', path: '/api/units.list', headers: { host: h, 'content-type': 'application/json', [API_HTTP.tokenHeader]: host.token }, body: '{}' });
      expect(a.status, h).toBe(403);
      const s = await raw({ path: '/', headers: { host: h } });
      expect(s.status, h).toBe(403);
    }
    const local = await raw({ method: 'POST', path: '/api/units.list', headers: { host: `localhost:${host.port}`, 'content-type': 'application/json', [API_HTTP.tokenHeader]: host.token }, body: '{}' });
    expect(local.status).toBe(200);
  });

  it('refuses a foreign Origin and cross-site fetch metadata; accepts its own origin', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${host.port}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const r = await api('units.list', {}, { origin });
      expect(r.status, origin).toBe(403);
    }
    expect((await api('units.list', {}, { origin: host.origin })).status).toBe(200);
    expect((await api('units.list', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api('units.list', {}, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await api('units.list', {}, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });
});

describe('API requests', () => {
  it('POST with a JSON body only', async () => {
    const get = await fetch(`${host.origin}/api/units.list`, { headers: { [API_HTTP.tokenHeader]: host.token } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const text = await api('units.list', '{}', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const form = await api('units.list', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const bad = await api('units.list', '{nope');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toBe('请求内容不是有效的 JSON');
    const empty = await api('units.list', '');
    expect(empty.status).toBe(200);
  });

  it('refuses a body over the limit with 413 (declared or streamed)', async () => {
    const big = 'x'.repeat(API_HTTP.maxBodyBytes + 10);
    const declared = await api('units.list', JSON.stringify({ pad: big }));
    expect(declared.status).toBe(413);
    expect((await errorOf(declared)).message).toMatch(/请求内容过大/);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const streamed = await raw({
      method: 'POST',
      path: '/api/units.list',
      headers: { 'content-type': 'application/json', [API_HTTP.tokenHeader]: host.token, 'transfer-encoding': 'chunked' },
      chunked: Array.from({ length: Math.ceil(API_HTTP.maxBodyBytes / chunk.length) + 1 }, () => chunk),
    }).catch((e: unknown) => ({ status: -1, body: String(e), headers: {} }) as Raw);
    expect([413, -1]).toContain(streamed.status); // the server may cut the upload short
    // still serving afterwards
    expect((await api('units.list', {})).status).toBe(200);
  });

  it('answers unknown calls with 404 and bad arguments with 400 and a Chinese message', async () => {
    const unknown = await api('units.drop', {});
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toEqual({ code: 'UNKNOWN_CALL', message: '未知的调用“units.drop”' });
    const proto = await api('__proto__', {});
    expect(proto.status).toBe(404);
    const bad = await api('projects.list', { unitCode: 'abc', year: 2025, extra: true });
    expect(bad.status).toBe(400);
    const e = await errorOf(bad);
    expect(e.code).toBe('INVALID_ARGS');
    expect(e.message).toContain('单位编码必须是 6 位数字');
    expect(e.message).toContain('含有未知字段：extra');
  });

  it('maps error codes to statuses (404 not found, 409 conflict)', async () => {
    const nf = await api('projects.get', { id: 'missing' });
    expect(nf.status).toBe(404);
    expect((await errorOf(nf)).message).toMatch(HAN);
  });
});

describe('static files', () => {
  it('serves the renderer with content types and security headers', async () => {
    const index = await fetch(`${host.origin}/?token=${host.token}`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('referrer-policy')).toBe('no-referrer');
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(await index.text()).toContain('绩效目标填报');
    const types: Array<[string, string]> = [
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
      ['/assets/logo.svg', 'image/svg+xml'],
      ['/index.html', 'text/html; charset=utf-8'],
    ];
    for (const [p, t] of types) {
      const r = await fetch(host.origin + p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get('content-type'), p).toBe(t);
    }
    const head = await raw({ method: 'HEAD', path: '/assets/app.js' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await raw({ method: 'POST', path: '/index.html' })).status).toBe(405);
    expect((await raw({ method: 'DELETE', path: '/index.html' })).status).toBe(405);
  });

  it('lists no directories and serves nothing outside the folder (404)', async () => {
    const attempts = [
      '/assets',
      '/assets/',
      '/assets/sub/',
      '/../secret.txt',
      '/../../../../etc/passwd',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/.env',
      '/assets/%2e/../.env',
      '/link-out.txt',
      '/index.html%00.js',
      '/%ff',
      '//etc/passwd',
      '/missing.js',
      '/api', // no trailing slash: not the API, and not a file
    ];
    for (const p of attempts) {
      const r = await raw({ path: p });
      expect(r.status, p).toBe(404);
      expect(r.body, p).not.toContain(SECRET);
    }
  });
});

describe('a full round trip on a real SQLite file', () => {
  it('units.save → projects.create → projects.save → projects.get, then the file holds it', async () => {
    const client = createHttpClient({ baseUrl: host.origin, token: host.token });
    await client.call('units.save', { unit: { code: '100001', name: '测试县医疗保障局' } });
    const created = await client.call('projects.create', { unitCode: '100001', year: 2026, templateId: 'B', name: '办公设备购置' });
    const edited = structuredClone(created.filing);
    edited.fundUse = '购置办公设备';
    edited.periods.annual!.funding.total = 12_345_678;
    edited.periods.annual!.indicators[0]!.name = '设备购置数量';
    edited.periods.annual!.indicators[0]!.value = '≥10台';
    const saved = await client.call('projects.save', { filing: edited, expectedRevision: created.revision });
    expect(saved.revision).toBe(2);
    const got = await client.call('projects.get', { id: created.filing.id });
    expect(got).toEqual(saved);
    const list = await client.call('projects.list', { unitCode: '100001', year: 2026 });
    expect(list.totalBudget).toBe(12_345_678);
    // a conflicting save surfaces as an ApiError with the Chinese message
    await expect(client.call('projects.save', { filing: edited, expectedRevision: 1 })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('重新载入') });

    // another connection to the same file sees the committed data
    const other = await FilingStore.open(host.store.path, { dailyBackup: false });
    try {
      expect(other.getProjectRecord(created.filing.id)).toMatchObject({ filing: saved.filing, revision: 2 });
    } finally {
      other.close();
    }
  });
});

describe('close', () => {
  it('stops listening and closes the store it opened', async () => {
    const h = await startWebHost({ dbPath: path.join(dir, 'db', 'second.sqlite'), staticDir: null, log: () => {} });
    expect((await fetch(`${h.origin}/`)).status).toBe(200); // placeholder page without a renderer build
    await h.close();
    await expect(fetch(`${h.origin}/`)).rejects.toThrow();
    expect(() => h.store.listUnits()).toThrow(/已关闭/);
  });
});
