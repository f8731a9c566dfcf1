// The folder holding package.json: the repository when developing, app.asar when packed.
// (In the bundle, build/build-electron.ts rewrites import.meta.url to each source file's
// place under the app root, so this stays right in dist/electron/main.cjs.)
import { fileURLToPath } from 'node:url';

export const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));
