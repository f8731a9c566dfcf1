// Browser mode: the API over HTTP and the renderer's static files, on 127.0.0.1 only.
//
// Security (each property has a test in tests/web-host/):
// - binds 127.0.0.1 on a random free port; nothing else can connect;
// - every /api/ call needs the session token (24 random bytes) in the x-jxmb-token header
//   (missing 401, wrong 403); the page gets it once from its URL (`/?token=…`);
// - the Host header must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding), an
//   Origin header, when present, the page's own origin, and Sec-Fetch-Site, when present,
//   same-origin (or none, for a typed URL) — all 403 otherwise;
// - /api/<name> is POST with a JSON body, or the binary body of a call with files
//   (shared/api/upload.ts), only (405, 415), at most API_HTTP.maxBodyBytes (413); unknown
//   names 404; the arguments are validated by dispatch (400, Chinese);
// - static files come from staticDir only: no directory listing, no dot files, no path
//   traversal or symlink escape (404), GET/HEAD only, correct content types;
// - every response: Content-Security-Policy, X-Content-Type-Options: nosniff,
//   Referrer-Policy: no-referrer (the token is in the page URL), X-Frame-Options: DENY,
//   COOP/CORP same-origin; /api/ responses are Cache-Control: no-store.
// The print preview shows HTML from print.* in an iframe (srcdoc or a blob: URL): the CSP
// allows frame-src 'self' blob: and inline styles; a srcdoc document inherits this policy.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { API_HTTP, type ApiErrorBody, type Handlers } from '../../shared/api/contract.ts';
import { FilingStore } from '../store/store.ts';
import { JobRunner } from '../jobs/job-runner.ts';
import { createHandlers } from '../api/handlers.ts';
import { dispatch, isApiName } from '../api/dispatch.ts';
import { argsFromParts, nextTurn, partSizes } from '../api/upload.ts';
import { UPLOAD_WIRE } from '../../shared/api/upload.ts';
import { UserError } from '../../shared/errors.ts';
import { readBody } from './read-body.ts';
import { contentTypeOf } from '../files/content-types.ts';

export const CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
  "frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const COMMON_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** HTTP status of an API error code (the body always carries code and message). */
export function httpStatusFor(code: string): number {
  switch (code) {
    case 'UNKNOWN_CALL':
    case 'NOT_FOUND':
      return 404;
    case 'INVALID_ARGS':
    case 'BAD_REQUEST':
      return 400;
    case 'INVALID':
    case 'EXPORT':
    case 'LAYOUT':
      return 422;
    case 'CONFLICT':
    case 'HAS_ERRORS':
    case 'HAS_WARNINGS':
    case 'HAS_CARRIED':
    case 'NEEDS_CONFIRM':
    case 'BAD_TRANSITION':
    case 'STALE_FIX':
      return 409;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'METHOD':
      return 405;
    case 'TOO_LARGE':
      return 413;
    case 'MEDIA_TYPE':
      return 415;
    case 'BUSY':
    case 'CLOSED':
      return 503;
    case 'INTERNAL':
    case 'IO':
    case 'CORRUPT':
    case 'TOO_NEW':
    case 'NOT_SQLITE':
      return 500;
    default:
      return 400;
  }
}

export interface WebHostOptions {
  /** The database file (opened here unless `store` is given). */
  dbPath: string;
  /** An already open store for dbPath (the caller keeps it and closes it). */
  store?: FilingStore;
  /** The built renderer (dist/renderer); null serves the API only. */
  staticDir: string | null;
  port?: number;
  /** 127.0.0.1 (default) or localhost; any other address is refused. */
  host?: string;
  /** Default: 24 random bytes, base64url. */
  token?: string;
  log?: (msg: string, err?: unknown) => void;
}

export interface WebHost {
  /** The page with its token: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  token: string;
  port: number;
  store: FilingStore;
  handlers: Handlers;
  jobs: JobRunner;
  close(): Promise<void>;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

function sameSecret(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`web host binds to 127.0.0.1 only (got ${host})`);
  const token = opts.token ?? randomBytes(24).toString('base64url');
  if (token.length < 16 || !/^[\w-]+$/.test(token)) throw new Error('web host token: at least 16 URL-safe characters');
  const log = opts.log ?? ((msg: string, err?: unknown) => console.error(`[web-host] ${msg}`, err ?? ''));
  const staticRoot = opts.staticDir ? fs.realpathSync(path.resolve(opts.staticDir)) : null;

  const ownStore = !opts.store;
  const store = opts.store ?? (await FilingStore.open(opts.dbPath));
  const jobs = new JobRunner({ log });
  const handlers = createHandlers({ store, mode: 'browser', dataPath: store.path, jobs, log });
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log('请求处理失败', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '程序内部出错' } });
      else res.destroy();
    });
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;

  function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
    const json = JSON.stringify(body);
    res.writeHead(status, {
      ...COMMON_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(json)),
      'Cache-Control': 'no-store',
      ...extra,
    });
    res.end(json);
  }

  const fail = (res: http.ServerResponse, code: string, message: string, extra: Record<string, string> = {}) =>
    sendJson(res, httpStatusFor(code), { ok: false, error: { code, message } satisfies ApiErrorBody }, extra);

  function sendText(res: http.ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
    res.writeHead(status, {
      ...COMMON_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': 'no-store',
      ...extra,
    });
    res.end(text);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const isApi = rawUrl.startsWith(API_HTTP.prefix);
    const refuse = (status: 401 | 403 | 404 | 405, code: string, message: string, extra: Record<string, string> = {}) =>
      isApi ? fail(res, code, message, extra) : sendText(res, status, message, extra);

    // DNS rebinding: a foreign name that resolves to 127.0.0.1 still carries its own Host.
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      return refuse(403, 'FORBIDDEN', '拒绝访问：请求的主机名不正确');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${hostHeader}`) {
      return refuse(403, 'FORBIDDEN', '拒绝访问：请求来自其他网站');
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return refuse(403, 'FORBIDDEN', '拒绝访问：请求来自其他网站');
    }

    if (isApi) return handleApi(req, res, rawUrl);

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, '不支持的请求方法', { Allow: 'GET, HEAD' });
    }
    return serveStatic(req, res, rawUrl);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, rawUrl: string): Promise<void> {
    if (req.method !== 'POST') return fail(res, 'METHOD', '接口只接受 POST 请求', { Allow: 'POST' });
    const given = req.headers[API_HTTP.tokenHeader];
    if (given === undefined) return fail(res, 'UNAUTHORIZED', '缺少访问令牌：请用启动时显示的完整地址（含 ?token=…）打开本页面');
    if (typeof given !== 'string' || !sameSecret(given, token)) {
      return fail(res, 'FORBIDDEN', '访问令牌不正确：请用本次启动时显示的完整地址重新打开本页面');
    }
    const ctype = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    const binary = ctype === UPLOAD_WIRE.contentType;
    if (ctype !== 'application/json' && !binary) {
      return fail(res, 'MEDIA_TYPE', '请求内容必须是 JSON（Content-Type: application/json），带文件的调用为 application/octet-stream');
    }

    const name = rawUrl.slice(API_HTTP.prefix.length).split('?')[0] ?? '';
    if (!isApiName(name)) return fail(res, 'UNKNOWN_CALL', `未知的调用“${name.slice(0, 60)}”`);

    // Refused before the body is read: drained (not destroyed) so the client reads the answer instead of a reset connection.
    const refuseUnread = (code: string, message: string) => {
      req.resume();
      fail(res, code, message, { Connection: 'close' });
    };
    const limit = API_HTTP.maxBodyBytes;
    const tooLarge = `请求内容过大（超过 ${limit / 1024 / 1024} MB）`;
    const lengthHeader = Number(req.headers['content-length'] ?? NaN);
    const declared = Number.isFinite(lengthHeader) ? lengthHeader : null;
    const sizes = binary ? partSizes(req.headers[UPLOAD_WIRE.partsHeader]) : null;
    if (typeof sizes === 'string') return refuseUnread('BAD_REQUEST', `请求内容有误：${sizes}`);
    const total = sizes ? sizes.reduce((a, b) => a + b, 0) : declared;
    if (total !== null && total > limit) return refuseUnread('TOO_LARGE', tooLarge);
    if (sizes && declared !== null && declared !== total) return refuseUnread('BAD_REQUEST', '请求内容有误：长度与文件分段说明不符');
    const read = await readBody(req, limit, declared, sizes);
    if (!read.ok) {
      fail(res, read.code, read.message, { Connection: 'close' });
      res.on('finish', () => req.destroy());
      return;
    }
    let parts: Buffer[] | null = read.parts;
    let args: unknown = {};
    if (parts[0]!.length > 0) {
      // Megabytes of JSON take tens of ms to parse: a turn of the event loop before and after.
      const large = parts[0]!.length > 1024 * 1024;
      if (large) await nextTurn();
      try {
        args = sizes ? argsFromParts(parts[0]!, parts.slice(1)) : JSON.parse(parts[0]!.toString('utf8'));
      } catch (e) {
        return fail(res, 'BAD_REQUEST', e instanceof UserError ? e.message : '请求内容不是有效的 JSON');
      }
      parts = null; // up to 32 MB of JSON, not kept while the call runs (files are in args)
      if (large) await nextTurn();
    }
    const out = await dispatch(handlers, name, args, { log });
    if (out.ok) sendJson(res, 200, out);
    else sendJson(res, httpStatusFor(out.error.code), out);
  }

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, rawUrl: string): Promise<void> {
    const notFound = () => sendText(res, 404, '找不到该页面');
    if (!staticRoot) {
      if (rawUrl !== '/' && !rawUrl.startsWith('/?')) return notFound();
      return sendText(res, 200, '界面尚未构建（没有 dist/renderer）：请先运行 npm run build:renderer，再重新启动。接口可以使用。');
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(rawUrl, 'http://x').pathname);
    } catch {
      return notFound();
    }
    // Raw request target checked too: `..` or `\` anywhere is never a file of ours.
    if (pathname.includes('\0') || pathname.includes('\\') || /(^|\/)\.\.?(\/|$)/.test(rawUrl.split('?')[0] ?? '')) {
      return notFound();
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const segments = pathname.split('/').filter(Boolean);
    if (segments.some((s) => s.startsWith('.'))) return notFound();
    const full = path.resolve(staticRoot, ...segments);
    const rel = path.relative(staticRoot, full);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return notFound();
    let real: string;
    let st: fs.Stats;
    try {
      real = await fs.promises.realpath(full);
      st = await fs.promises.stat(real);
    } catch {
      return notFound();
    }
    const realRel = path.relative(staticRoot, real);
    if (realRel.startsWith('..') || path.isAbsolute(realRel) || !st.isFile()) return notFound();
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': contentTypeOf(real) ?? 'application/octet-stream',
      'Content-Length': String(st.size),
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((resolve) => {
      const stream = fs.createReadStream(real);
      stream.on('error', (err) => {
        log(`读取文件失败：${real}`, err);
        res.destroy();
        resolve();
      });
      stream.on('end', resolve);
      stream.pipe(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;

  let closed: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    store,
    handlers,
    jobs,
    close() {
      closed ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await jobs.close();
        if (ownStore) store.close();
      })();
      return closed;
    },
  };
}
