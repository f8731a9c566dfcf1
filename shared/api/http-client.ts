// The browser-mode client of the API: POST /api/<name> with the token header; the body is
// an ApiResponse whatever the status. Failures become ApiError (code + Chinese message).
import { API_HTTP, ApiError, type ApiClient, type ApiResponse } from './contract.ts';
import { encodeCallBody } from './upload.ts';

export interface HttpClientOptions {
  /** Default '' (the page's own origin). */
  baseUrl?: string;
  token: string;
  fetch?: typeof fetch;
}

export function createHttpClient(opts: HttpClientOptions): ApiClient {
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const base = opts.baseUrl ?? '';
  return {
    async call(name, args) {
      const req = encodeCallBody(args); // JSON, or bytes when the call carries files
      let res: Response;
      try {
        res = await doFetch(`${base}${API_HTTP.prefix}${name}`, {
          method: 'POST',
          headers: { ...req.headers, [API_HTTP.tokenHeader]: opts.token },
          body: req.body,
        });
      } catch {
        throw new ApiError('NETWORK', '无法连接到本程序的服务：请确认程序仍在运行，然后刷新页面');
      }
      let body: ApiResponse<typeof name>;
      try {
        body = (await res.json()) as ApiResponse<typeof name>;
      } catch {
        throw new ApiError('NETWORK', `服务返回了无法识别的内容（HTTP ${res.status}），请刷新页面后重试`);
      }
      if (body && body.ok === true) return body.result;
      if (body && body.ok === false && body.error) throw new ApiError(body.error.code, body.error.message);
      throw new ApiError('NETWORK', `服务返回了无法识别的内容（HTTP ${res.status}），请刷新页面后重试`);
    },
  };
}
