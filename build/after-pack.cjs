// electron-builder afterPack hook: refuses to ship a package whose SQLite addon is missing
// or built for another OS, CPU or Node ABI than the Electron it runs in.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { checkNativeBinary, electronAbi } = require('./native-check.cjs');

const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

function resourcesDir(context) {
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') {
    return path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources');
  }
  return path.join(context.appOutDir, 'resources');
}

/** @param {any} context */
async function afterPack(context) {
  const file = path.join(resourcesDir(context), 'native', 'better_sqlite3.node');
  const arch = ARCH_NAMES[context.arch] || String(context.arch);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${file} is missing: build it first with \`npx tsx build/build-native-electron.ts --platform ${context.electronPlatformName} --arch ${arch}\``,
    );
  }
  const version = context.packager.config.electronVersion || require('electron/package.json').version;
  const problem = checkNativeBinary(fs.readFileSync(file), context.electronPlatformName, arch, electronAbi(version));
  if (problem) throw new Error(`${file}: ${problem}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.resourcesDir = resourcesDir;
