// The decisions behind the session and web-contents handlers main.ts installs. Pure
// functions, so each rule is unit-tested without Electron.
import { APP_ORIGIN, isAppIndex, isAppUrl, parseUrl } from './app-origin.ts';

export interface RequestPolicy {
  /** DevTools pages and their resources (development builds only). */
  allowDevtools: boolean;
}

/**
 * `session.webRequest.onBeforeRequest`: the app's own origin, and data:/blob: URLs the
 * page makes itself (images, the print preview). Everything else is cancelled: http(s),
 * ws(s), file:, ftp:, chrome-extension:, any other scheme or host.
 */
export function isAllowedRequest(url: string, policy: RequestPolicy = { allowDevtools: false }): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol === 'data:' || u.protocol === 'blob:') {
    // blob: URLs carry their creator's origin: only our own.
    return u.protocol === 'data:' || url.startsWith(`blob:${APP_ORIGIN}/`);
  }
  if (u.protocol === 'devtools:') return policy.allowDevtools;
  return isAppUrl(url);
}

/**
 * `will-navigate` / `will-redirect` / `will-frame-navigate` of the main frame: the app is
 * one page; only (re)loading its own index is allowed.
 */
export function isAllowedNavigation(url: string): boolean {
  return isAppIndex(url);
}

/**
 * `will-frame-navigate`: the main frame as above; a sub-frame (the print preview iframe)
 * may show our own pages or what the page made itself (blob:, data:).
 */
export function isAllowedFrameNavigation(url: string, isMainFrame: boolean): boolean {
  if (isMainFrame) return isAllowedNavigation(url);
  // about:srcdoc / about:blank: content the page wrote itself, under the page's own CSP.
  if (url === 'about:srcdoc' || url === 'about:blank') return true;
  return isAllowedRequest(url) && !url.startsWith('devtools:');
}

/**
 * `will-download`: only files the page made itself (blob: of our origin, data:) — the
 * browser-mode way of saving an export; each goes through a 另存为 dialog. Nothing is
 * downloaded from anywhere else.
 */
export function isAllowedDownload(url: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`) || /^data:[\w.+-]+\/[\w.+-]+(;[\w=.+-]+)*;base64,/i.test(url);
}

/** `setWindowOpenHandler`: no new windows, ever (links to elsewhere are not followed either). */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permissions granted to pages (notifications, camera, geolocation, clipboard-read …): none. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** `setPermissionRequestHandler` / `setPermissionCheckHandler`. */
export function permissionDecision(permission: string, requestingUrl?: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl ?? '');
}
