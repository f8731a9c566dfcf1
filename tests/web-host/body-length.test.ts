// The web host against a Content-Length that lies: many connections each declaring a body just
// under the limit and sending a byte (memory must follow the bytes received, not the declared
// length), and a body cut off mid-way (the host goes on answering).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { API_HTTP } from '../../shared/api/contract.ts';

let dir: string;
let host: WebHost;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-web-len-'));
  host = await startWebHost({ dbPath: path.join(dir, 'filings.sqlite'), staticDir: null, log: () => {} });
});
afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A socket that sent the headers of an API call declaring `length` bytes, then `sent`. */
function partial(length: number, sent: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(host.port, '127.0.0.1', () => {
      s.write(`POST ${API_HTTP.prefix}app.info HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Type: application/json\r\n${API_HTTP.tokenHeader}: ${host.token}\r\nContent-Length: ${length}\r\n\r\n${sent}`, () => resolve(s));
    });
    s.on('error', () => {});
    s.once('error', reject);
  });
}

const info = () => fetch(`${host.origin}${API_HTTP.prefix}app.info`, { method: 'POST', headers: { 'content-type': 'application/json', [API_HTTP.tokenHeader]: host.token }, body: '{}' });
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('a Content-Length that lies', () => {
  it('memory follows the bytes received: 8 connections declaring 30 MB and sending 1 byte hold far less than 240 MB', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const sockets = await Promise.all(Array.from({ length: 8 }, () => partial(30 * 1024 * 1024, '{')));
    await settle();
    const held = process.memoryUsage().arrayBuffers - before;
    expect(held).toBeLessThan(16 * 1024 * 1024);
    for (const s of sockets) s.destroy();
    expect((await info()).status).toBe(200);
  });

  it('a body cut off mid-way: the host answers the next call', async () => {
    const s = await partial(1000, '{"a":');
    await settle();
    s.destroy();
    await settle();
    const r = await info();
    expect(r.status).toBe(200);
    expect(((await r.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('a declared length smaller than the body: the rest is not read as part of it, and the host answers afterwards', async () => {
    const s = await partial(2, '{}garbage');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      s.on('data', (c: Buffer) => (text += c.toString('utf8')));
      s.on('close', () => resolve(text));
      setTimeout(() => s.destroy(), 500);
    });
    // Node answers the trailing bytes as a malformed next request.
    expect(answer).toMatch(/^HTTP\/1\.1 (200|400)/);
    expect((await info()).status).toBe(200);
  });
});
