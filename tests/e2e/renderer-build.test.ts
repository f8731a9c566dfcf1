// The renderer the tests, the benchmark and `npm start` serve is React's production build,
// even when built from a process whose NODE_ENV is "test" (as here, under vitest).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from './helpers.ts';

describe('renderer build', () => {
  it('is a production build whatever NODE_ENV the builder has', async () => {
    expect(process.env.NODE_ENV).toBe('test');
    const dir = await ensureRendererBuilt();
    const assets = path.join(dir, 'assets');
    const js = fs
      .readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(assets, f), 'utf8'))
      .join('\n');
    expect(js).not.toContain('jsxDEV');
    expect(js).not.toContain('react-devtools');
    expect(js).toContain('Minified React error');
  }, 120_000);
});
