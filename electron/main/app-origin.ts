// The app's own origin: the renderer is served from `app://jxmb/` by a protocol handler
// (never from file://), and every security check compares against these constants.
export const APP_SCHEME = 'app';
export const APP_HOST = 'jxmb';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
/** Windows AppUserModelID: the `appId` of build/electron-builder.config.cjs (taskbar, shortcuts). */
export const APP_USER_MODEL_ID = 'cn.jxmb.jixiao-mubiao';
/** Print views are served from memory under this path, one random id each. */
export const PRINT_PATH_PREFIX = '/__print/';

/** Parses a URL, or null. */
export function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for `app://jxmb/…` exactly (not `app://jxmb.evil/`, not another scheme, no credentials or port). */
export function isAppUrl(url: unknown): boolean {
  const u = parseUrl(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** Our own page: `app://jxmb/` or `app://jxmb/index.html` (any query or hash). */
export function isAppIndex(url: unknown): boolean {
  const u = parseUrl(url);
  if (!u || !isAppUrl(url)) return false;
  return u.pathname === '/' || u.pathname === new URL(APP_INDEX_URL).pathname;
}
