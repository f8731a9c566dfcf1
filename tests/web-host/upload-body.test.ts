// The web host's binary body (a call with files, shared/api/upload.ts) on a real port: files
// arrive intact through the browser-mode client; a body that lies about its parts (missing,
// malformed, over the limit, longer or shorter than it says, placeholders that name no file, a
// file over 20 MB) is refused with a Chinese message before anything runs, the database
// unchanged, and the host answers the next call. Memory follows the bytes received.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { API_HTTP, type ApiClient, type JobStatus } from '../../shared/api/contract.ts';
import { createHttpClient } from '../../shared/api/http-client.ts';
import { UPLOAD_WIRE } from '../../shared/api/upload.ts';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { integrity, snapshot, storeWith } from '../handover/helpers.ts';

let dir: string;
let host: WebHost;
let client: ApiClient;
let dbPath: string;
let pkg: Uint8Array;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-web-upload-'));
  const s = await storeWith(dir, ['382201'], 'sender.sqlite');
  pkg = (await buildPackage(readUnitYear(s.store, '382201', 2024), { book: null })).bytes;
  s.store.close();
  dbPath = path.join(dir, 'db', 'filings.sqlite');
  host = await startWebHost({ dbPath, staticDir: null, log: () => {} });
  client = createHttpClient({ baseUrl: host.origin, token: host.token });
}, 60_000);

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function finished(jobId: string): Promise<JobStatus> {
  for (;;) {
    const s = await client.call('jobs.get', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 30));
  }
}

interface Answer {
  status: number;
  code?: string;
  message?: string;
}

/** A binary request exactly as given: `parts` header, body pieces (chunked when no length is declared). */
function send(opts: { parts?: string; length?: number; pieces: Buffer[]; call?: string; contentType?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${host.port}`, 'content-type': opts.contentType ?? UPLOAD_WIRE.contentType, [API_HTTP.tokenHeader]: host.token };
    if (opts.parts !== undefined) headers[UPLOAD_WIRE.partsHeader] = opts.parts;
    if (opts.length !== undefined) headers['content-length'] = String(opts.length);
    else headers['transfer-encoding'] = 'chunked';
    const req = http.request({ host: '127.0.0.1', port: host.port, method: 'POST', path: `${API_HTTP.prefix}${opts.call ?? 'handover.import'}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code: string; message: string } };
        resolve({ status: res.statusCode ?? 0, code: body.error?.code, message: body.error?.message });
      });
    });
    req.on('error', reject);
    for (const p of opts.pieces) req.write(p);
    req.end();
  });
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');
const importArgs = (n: number) => json({ files: Array.from({ length: n }, (_, i) => ({ name: `${i}.jxmb`, bytes: { $bytes: i } })) });

describe('files as bytes through the web host', () => {
  it('a package arrives intact: inspected, then imported beside a corrupt one in one call (each file its own part)', async () => {
    const summary = await client.call('handover.inspect', { file: { name: '甲.jxmb', bytes: pkg } });
    expect({ name: summary.fileName, unit: summary.unit.code, year: summary.year, imported: summary.alreadyImported }).toEqual({ name: '甲.jxmb', unit: '382201', year: 2024, imported: false });
    const corrupt = Uint8Array.from(pkg);
    corrupt[corrupt.length >> 1]! ^= 0xff;
    const { jobId } = await client.call('handover.import', { files: [{ name: '甲.jxmb', bytes: pkg }, { name: '坏.jxmb', bytes: corrupt }] });
    const s = await finished(jobId);
    expect(s.report?.[0]).toMatch(/^甲\.jxmb：/);
    expect(s.report?.[0]).not.toMatch(/未导入/);
    expect(s.report?.some((l) => l.startsWith('坏.jxmb：未导入——'))).toBe(true);
    expect((await client.call('handover.received', { year: 2024 })).map((r) => r.fileName)).toEqual(['甲.jxmb']);
  });

  it('a body that lies about its parts is refused in Chinese before anything runs; the database is unchanged and the host answers', async () => {
    const before = snapshot(dbPath);
    const args = importArgs(1);
    const file = Buffer.from(pkg);
    const parts = `${args.length},${file.length}`;
    const cases: Array<[string, Parameters<typeof send>[0], Answer]> = [
      ['no parts header', { length: args.length + file.length, pieces: [args, file] }, { status: 400, code: 'BAD_REQUEST', message: '请求内容有误：缺少或无法识别文件分段说明' }],
      ['a malformed parts header', { parts: `${args.length};${file.length}`, length: args.length + file.length, pieces: [args, file] }, { status: 400, code: 'BAD_REQUEST', message: '请求内容有误：缺少或无法识别文件分段说明' }],
      ['parts over the limit', { parts: `${args.length},${API_HTTP.maxBodyBytes}`, pieces: [args, file] }, { status: 413, code: 'TOO_LARGE', message: '请求内容过大（超过 32 MB）' }],
      ['a Content-Length other than the parts', { parts: `${args.length},${file.length + 1}`, length: args.length + file.length, pieces: [args, file] }, { status: 400, code: 'BAD_REQUEST', message: '请求内容有误：长度与文件分段说明不符' }],
      ['a body shorter than its parts', { parts: `${args.length},${file.length + 10}`, pieces: [args, file] }, { status: 400, code: 'BAD_REQUEST', message: '请求内容有误：内容不完整（比文件分段说明的短）' }],
      ['a body longer than its parts', { parts: `${args.length},${file.length - 10}`, pieces: [args, file] }, { status: 400, code: 'BAD_REQUEST', message: '请求内容有误：内容比文件分段说明的长' }],
      ['a placeholder that names no file', { parts, length: args.length + file.length, pieces: [Buffer.from(args.toString().replace('"$bytes":0', '"$bytes":1')), file] }, { status: 400, code: 'BAD_REQUEST', message: '请求内容有误：文件分段编号无效' }],
      ['a file no argument uses', { parts: `${args.length},${file.length},3`, length: args.length + file.length + 3, pieces: [args, file, Buffer.from('abc')] }, { status: 400, code: 'BAD_REQUEST', message: '请求内容有误：有文件分段未被参数使用' }],
      ['arguments that are not JSON', { parts: `5,${file.length}`, length: 5 + file.length, pieces: [Buffer.from('{"a":'), file] }, { status: 400, code: 'BAD_REQUEST', message: '请求内容有误：参数部分不是有效的 JSON' }],
      ['a placeholder in a JSON body (no bytes there)', { contentType: 'application/json', length: args.length, pieces: [args] }, { status: 400, code: 'INVALID_ARGS', message: '参数有误：files[1].bytes：文件内容必须是字节数据' }],
    ];
    for (const [why, req, want] of cases) {
      expect(await send(req), why).toEqual(want);
      expect((await client.call('app.info', {})).mode, why).toBe('browser');
    }
    expect(snapshot(dbPath)).toEqual(before);
    expect(integrity(dbPath)).toBe('ok');
  });

  it('a file over 20 MB in a body under the limit: refused by the call’s schema, not run', async () => {
    const before = snapshot(dbPath);
    const args = json({ file: { name: 'big.xlsx', bytes: { $bytes: 0 } }, kind: 'xlsx', unitCode: '382201', year: 2024 });
    const big = Buffer.alloc(20 * 1024 * 1024 + 1);
    const r = await send({ call: 'import.preview', parts: `${args.length},${big.length}`, length: args.length + big.length, pieces: [args, big] });
    expect(r).toEqual({ status: 400, code: 'INVALID_ARGS', message: '参数有误：file.bytes：文件过大（上限 20 MB）' });
    expect(snapshot(dbPath)).toEqual(before);
  });

  it('memory follows the bytes received: 8 connections declaring a 30 MB file and sending a byte of it hold far less than 240 MB; a file cut off mid-way leaves the host answering', async () => {
    const args = importArgs(1);
    const n = 30 * 1024 * 1024;
    const partial = (sent: Buffer) =>
      new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(host.port, '127.0.0.1', () => {
          const head = `POST ${API_HTTP.prefix}handover.import HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Type: ${UPLOAD_WIRE.contentType}\r\n${API_HTTP.tokenHeader}: ${host.token}\r\n${UPLOAD_WIRE.partsHeader}: ${args.length},${n}\r\nContent-Length: ${args.length + n}\r\n\r\n`;
          s.write(Buffer.concat([Buffer.from(head), args, sent]), () => resolve(s));
        });
        s.on('error', () => {});
        s.once('error', reject);
      });
    const before = process.memoryUsage().arrayBuffers;
    const sockets = await Promise.all(Array.from({ length: 8 }, () => partial(Buffer.from('P'))));
    await new Promise((r) => setTimeout(r, 150));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    for (const s of sockets) s.destroy();
    const cut = await partial(Buffer.from(pkg));
    await new Promise((r) => setTimeout(r, 150));
    cut.destroy();
    expect((await client.call('app.info', {})).mode).toBe('browser');
  });
});
