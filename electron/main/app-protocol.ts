// The `app://jxmb/` protocol: serves the built renderer (dist/renderer) read-only, and
// print views from memory. Requests are mapped to files with path-traversal protection:
// anything that would leave the root, encoded separators, NUL bytes, dot segments,
// hidden files and directories are refused.
import path from 'node:path';
import { APP_HOST, APP_SCHEME, PRINT_PATH_PREFIX, isAppUrl, parseUrl } from './app-origin.ts';
import { contentTypeOf } from '../files/content-types.ts';

/** For `protocol.registerSchemesAsPrivileged`, before the app is ready. */
export const PRIVILEGED_SCHEME = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    // No bypassCSP, no corsEnabled extras, no service workers, no streaming needed.
  },
} as const;

export function contentType(file: string): string | null {
  return contentTypeOf(file);
}

export type AppRequest =
  | { kind: 'file'; file: string; contentType: string }
  | { kind: 'print'; id: string }
  | { kind: 'refused'; status: 403 | 404 | 405; reason: string };

/**
 * Maps a request of the app protocol to what to serve. `root` is the absolute folder
 * of the built renderer. Pure: never touches the file system.
 */
export function resolveAppRequest(root: string, url: string, method = 'GET'): AppRequest {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refused', status: 405, reason: 'method' };
  const u = parseUrl(url);
  if (!u || !isAppUrl(url) || u.hostname !== APP_HOST) return { kind: 'refused', status: 403, reason: 'origin' };
  const raw = u.pathname;
  if (raw.startsWith(PRINT_PATH_PREFIX)) {
    const id = raw.slice(PRINT_PATH_PREFIX.length);
    return /^[A-Za-z0-9_-]{16,64}$/.test(id) ? { kind: 'print', id } : { kind: 'refused', status: 404, reason: 'print id' };
  }
  // Encoded separators or dots could bypass the checks below after decoding.
  if (/%2f|%5c|%00|%2e/i.test(raw) || raw.includes('\\') || raw.includes('\0')) {
    return { kind: 'refused', status: 403, reason: 'encoded' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { kind: 'refused', status: 403, reason: 'encoding' };
  }
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const segments = rel.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.') || /[:*?"<>|\0]/.test(s))) {
    return { kind: 'refused', status: 403, reason: 'segment' };
  }
  const absRoot = path.resolve(root);
  const file = path.resolve(absRoot, ...segments);
  const relCheck = path.relative(absRoot, file);
  if (relCheck === '' || relCheck.startsWith('..') || path.isAbsolute(relCheck)) {
    return { kind: 'refused', status: 403, reason: 'outside root' };
  }
  const type = contentType(file);
  if (!type) return { kind: 'refused', status: 404, reason: 'type' };
  return { kind: 'file', file, contentType: type };
}

/** In-memory print views, each served once by its random id and dropped after a while. */
export class PrintPages {
  private readonly pages = new Map<string, { html: string; at: number }>();
  constructor(
    private readonly newId: () => string,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  add(html: string): string {
    this.sweep();
    const id = this.newId();
    this.pages.set(id, { html, at: this.now() });
    return id;
  }

  take(id: string): string | null {
    this.sweep();
    const p = this.pages.get(id);
    if (!p) return null;
    this.pages.delete(id);
    return p.html;
  }

  get size(): number {
    return this.pages.size;
  }

  private sweep(): void {
    const limit = this.now() - this.ttlMs;
    for (const [id, p] of this.pages) if (p.at < limit) this.pages.delete(id);
  }
}
