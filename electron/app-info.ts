// Name and version of the application, recorded in every exported file.
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string; productName?: string };

export const APP_INFO = { name: pkg.productName ?? '绩效目标填报', version: pkg.version } as const;
