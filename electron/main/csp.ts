// Content-Security-Policy of the app's pages, sent as a response header by the app
// protocol handler (renderer/index.html carries the same policy as a meta tag; both apply).
// Nothing remote anywhere: every source is the app's own origin, data: or blob:.

export type CspDirectives = Record<string, readonly string[]>;

/** The editor (dist/renderer). Inline styles stay allowed: the print preview iframe uses a <style> element. */
export const APP_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'frame-src': ["'self'", 'blob:', 'data:'],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'none'"],
  'media-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** A print view: static HTML and inline styles, no script at all. */
export const PRINT_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  'img-src': ['data:'],
  'font-src': ['data:'],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function formatCsp(d: CspDirectives): string {
  return Object.entries(d)
    .map(([k, v]) => [k, ...v].join(' '))
    .join('; ');
}

export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), values);
  }
  return out;
}

export const APP_CSP = formatCsp(APP_CSP_DIRECTIVES);
export const PRINT_CSP = formatCsp(PRINT_CSP_DIRECTIVES);

/** Headers of every response of the app protocol. */
export function responseHeaders(contentType: string, csp: string = APP_CSP): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/**
 * Problems of a policy for a page of this app: anything that would let script run from
 * elsewhere or load remote content. Empty when the policy is strict enough.
 */
export function cspProblems(policy: string): string[] {
  const d = parseCsp(policy);
  const problems: string[] = [];
  const def = d.get('default-src');
  if (!def) problems.push('default-src missing');
  const script = d.get('script-src') ?? def ?? [];
  if (!d.get('script-src') && !def) problems.push('script-src missing');
  for (const [name, values] of d) {
    for (const v of values) {
      const lv = v.toLowerCase();
      if (lv === '*' || /^(https?|wss?|ftp|file):/.test(lv) || lv.includes('://') || lv.startsWith('*.')) {
        problems.push(`${name} allows remote or file source ${v}`);
      }
      if (lv === "'unsafe-eval'" || lv === "'wasm-unsafe-eval'") problems.push(`${name} allows eval (${v})`);
    }
  }
  for (const v of script) {
    const lv = v.toLowerCase();
    if (lv === "'unsafe-inline'" || lv === 'data:' || lv === 'blob:') problems.push(`script-src allows ${v}`);
  }
  const obj = d.get('object-src') ?? def ?? [];
  if (!(obj.length === 1 && obj[0] === "'none'")) problems.push("object-src is not 'none'");
  const base = d.get('base-uri');
  if (!base || !(base.length === 1 && (base[0] === "'none'" || base[0] === "'self'"))) problems.push('base-uri not restricted');
  return problems;
}
