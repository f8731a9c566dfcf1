// The renderer's only way to the backend: `window.api` (Electron preload) or, in browser
// mode, POST /api/<name> to the local web host with the session token in a header.
import { API_HTTP, ApiError } from '../../../shared/api/contract.ts';
import type { ApiArgs, ApiClient, ApiName, ApiResults } from '../../../shared/api/contract.ts';
import { encodeCallBody } from '../../../shared/api/upload.ts';

declare global {
  interface Window {
    api?: ApiClient;
  }
}

const TOKEN_KEY = 'jxmb-token';

/**
 * Reads `?token=` once, keeps it in sessionStorage (survives reloads of this tab only)
 * and removes it from the address bar so it is not bookmarked or shown.
 */
function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string {
  const params = new URLSearchParams(loc.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(window.history.state, '', loc.pathname + (rest ? `?${rest}` : '') + loc.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

function errorFromBody(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object') {
    const b = body as { code?: unknown; message?: unknown; error?: { code?: unknown; message?: unknown } };
    const e = typeof b.message === 'string' ? b : b.error && typeof b.error.message === 'string' ? b.error : null;
    if (e) return new ApiError(typeof e.code === 'string' ? e.code : `HTTP_${status}`, String(e.message));
  }
  if (status === 401 || status === 403) return new ApiError('AUTH', '访问凭证无效，请从程序重新打开本页面');
  return new ApiError(`HTTP_${status}`, `本机服务返回错误（${status}）`);
}

export function createHttpClient(token: string, base = ''): ApiClient {
  return {
    async call<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResults[N]> {
      const req = encodeCallBody(args); // JSON, or bytes when the call carries files
      let res: Response;
      try {
        res = await fetch(`${base}${API_HTTP.prefix}${name}`, {
          method: 'POST',
          headers: { ...req.headers, [API_HTTP.tokenHeader]: token },
          body: req.body,
        });
      } catch {
        throw new ApiError('NETWORK', '无法连接到本机服务，请确认程序仍在运行');
      }
      let body: unknown = null;
      const text = await res.text();
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          throw new ApiError('BAD_RESPONSE', '本机服务返回了无法识别的内容');
        }
      }
      // Envelope: { ok: true, result } | { ok: false, error: { code, message } }, whatever the status.
      if (body && typeof body === 'object' && 'ok' in body) {
        const env = body as { ok: boolean; result?: unknown; error?: unknown };
        if (env.ok) return env.result as ApiResults[N];
        throw errorFromBody(res.status, env.error);
      }
      if (!res.ok) throw errorFromBody(res.status, body);
      return body as ApiResults[N];
    },
  };
}

let client: ApiClient | null = null;

export function getApi(): ApiClient {
  if (client) return client;
  client = window.api && typeof window.api.call === 'function' ? window.api : createHttpClient(takeToken());
  return client;
}

/** The Chinese text to show for any failure. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e && typeof e === 'object' && 'message' in e && typeof e.message === 'string') {
    // Errors crossing Electron IPC lose their class; keep their message when it is Chinese.
    return /[\u4e00-\u9fff]/.test(e.message) ? e.message : '操作失败，请重试';
  }
  return '操作失败，请重试';
}

export function errorCode(e: unknown): string {
  return e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : '';
}
