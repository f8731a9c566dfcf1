// While a hostile package is being parsed (a small zip holding thousands of projects that checks
// out member by member), the web host keeps answering: app.info comes back before the parse
// finishes, for a direct call (handover.inspect) and for a job (handover.import); the same
// while a hostile Word file is read (import.preview: a small .docx whose document.xml holds
// ten million empty paragraphs). Ordering, not timing, is asserted; the pauses themselves are
// measured in `npm run bench -- safety`.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { createHttpClient } from '../../shared/api/http-client.ts';
import type { ApiClient, JobStatus } from '../../shared/api/contract.ts';
import { buildPackage, readUnitYear } from '../../electron/handover/pack.ts';
import { inflatedPackage, rawZip, snapshot, storeWith } from '../handover/helpers.ts';

let dir: string;
let host: WebHost;
let client: ApiClient;
let hostile: { name: string; bytes: Uint8Array };
let dbPath: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-live-'));
  const s = await storeWith(dir, ['382201'], 'sender.sqlite');
  const valid = (await buildPackage(readUnitYear(s.store, '382201', 2024), { book: null })).bytes;
  s.store.close();
  // ~6 MB of JSON (3,000 projects) in a small zip: seconds of validation.
  hostile = { name: 'hostile.jxmb', bytes: inflatedPackage(valid, 3000) };
  dbPath = path.join(dir, 'db', 'filings.sqlite');
  host = await startWebHost({ dbPath, staticDir: null, log: () => {} });
  client = createHttpClient({ baseUrl: host.origin, token: host.token });
  await client.call('app.info', {}); // the host is up before anything is timed by order
}, 60_000);

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Calls app.info three times in a row while `pending()` holds; each answer must come first. */
async function answersWhile(pending: () => boolean): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const info = await client.call('app.info', {});
    expect(info.mode).toBe('browser');
    expect(pending()).toBe(true);
  }
}

describe('liveness while a hostile file is parsed', () => {
  it('handover.inspect: app.info is answered before the parse finishes; the package is refused', { timeout: 120_000 }, async () => {
    let settled = false;
    const inspect = client.call('handover.inspect', { file: hostile }).finally(() => {
      settled = true;
    });
    inspect.catch(() => undefined);
    await answersWhile(() => !settled);
    await expect(inspect).rejects.toThrow(/项目数 3000 与清单（\d+）不符/);
  });

  it('handover.import: the job parses off the main thread; nothing is stored', { timeout: 120_000 }, async () => {
    const before = snapshot(dbPath).projects;
    const { jobId } = await client.call('handover.import', { files: [hostile] });
    let status: JobStatus = await client.call('jobs.get', { jobId });
    const running = () => status.state === 'running';
    for (let i = 0; i < 3 && running(); i++) {
      await client.call('app.info', {});
      status = await client.call('jobs.get', { jobId });
    }
    // The job was still at its first file while the host answered (at least once).
    expect(status.done).toBe(0);
    while (running()) {
      await new Promise((r) => setTimeout(r, 50));
      status = await client.call('jobs.get', { jobId });
    }
    expect(status.state).toBe('done');
    expect(status.report?.join('\n')).toMatch(/hostile\.jxmb：未导入——.*项目数 3000/);
    expect(snapshot(dbPath).projects).toEqual(before);
  });

  it('import.preview of a hostile Word file: app.info is answered before the read finishes; the file is refused', { timeout: 120_000 }, async () => {
    const xml = `<w:document xmlns:w="w"><w:body>${'<w:p/>'.repeat(10 * 1024 * 1024)}</w:body></w:document>`;
    const docx = rawZip([{ name: 'word/document.xml', data: new TextEncoder().encode(xml) }]);
    await client.call('units.save', { unit: { code: '100001', name: '某县医疗保障局' } });
    const before = snapshot(dbPath);
    let settled = false;
    const preview = client
      .call('import.preview', { kind: 'docx', file: { name: '去年.docx', bytes: docx }, unitCode: '100001', year: 2024 })
      .finally(() => {
        settled = true;
      });
    preview.catch(() => undefined);
    await answersWhile(() => !settled);
    await expect(preview).rejects.toThrow(/段落和表格超过 \d+ 个/);
    expect(snapshot(dbPath)).toEqual(before);
  });
});
