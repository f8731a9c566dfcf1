// Imported first: zod compiles fast parsers with `new Function` when it can, and its probe
// for that is reported by the page's CSP (no 'unsafe-eval') on every load. jitless: no probe.
import { z } from 'zod';

z.config({ jitless: true });
