// Checks a better-sqlite3 native addon before it is shipped: executable format (ELF, PE,
// Mach-O), CPU, and the Node ABI it registers for (`node_register_module_v<ABI>`; Electron 39
// is ABI 140, Node 20 is 115). Used by build/build-native-electron.ts after building and by
// the electron-builder afterPack hook (build/after-pack.cjs) on every packed app.
'use strict';

const ELF_MACHINES = { 0x03: 'ia32', 0x28: 'armv7l', 0x3e: 'x64', 0xb7: 'arm64', 0x102: 'loong64' };
const PE_MACHINES = { 0x014c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64', 0x6264: 'loong64' };
const MACHO_CPUS = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const FORMAT_OF = { linux: 'elf', win32: 'pe', darwin: 'macho' };

/** @param {Buffer} buf */
function describeBinary(buf) {
  /** @type {{format: string, arch: string, abi: number | null}} */
  const out = { format: 'unknown', arch: 'unknown', abi: null };
  if (buf.length >= 20 && buf[0] === 0x7f && buf.toString('latin1', 1, 4) === 'ELF') {
    out.format = 'elf';
    const m = buf[5] === 2 ? buf.readUInt16BE(18) : buf.readUInt16LE(18);
    out.arch = ELF_MACHINES[m] || `elf-machine-${m}`;
  } else if (buf.length >= 0x40 && buf.toString('latin1', 0, 2) === 'MZ') {
    const pe = buf.readUInt32LE(0x3c);
    if (pe + 6 <= buf.length && buf.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      out.format = 'pe';
      const m = buf.readUInt16LE(pe + 4);
      out.arch = PE_MACHINES[m] || `pe-machine-${m}`;
    }
  } else if (buf.length >= 8 && buf.readUInt32LE(0) === 0xfeedfacf) {
    out.format = 'macho';
    const cpu = buf.readUInt32LE(4);
    out.arch = MACHO_CPUS[cpu] || `macho-cpu-${cpu}`;
  }
  const m = /node_register_module_v(\d+)/.exec(buf.toString('latin1'));
  if (m) out.abi = Number(m[1]);
  return out;
}

/**
 * Null when `buf` is an addon for this platform, CPU and ABI; else what is wrong.
 * @param {Buffer} buf @param {string} platform @param {string} arch @param {number} [abi]
 */
function checkNativeBinary(buf, platform, arch, abi) {
  const d = describeBinary(buf);
  const want = FORMAT_OF[platform];
  if (!want) return `unsupported platform ${platform}`;
  if (d.format !== want) return `expected a ${want} binary for ${platform}, found ${d.format}`;
  if (d.arch !== arch) return `expected CPU ${arch}, found ${d.arch}`;
  if (abi !== undefined && d.abi !== abi) return `expected Node ABI ${abi}, found ${d.abi === null ? 'none' : d.abi}`;
  return null;
}

/** The Node ABI (NODE_MODULE_VERSION) of an Electron version, from node-abi. */
function electronAbi(version) {
  return Number(require('node-abi').getAbi(version, 'electron'));
}

module.exports = { describeBinary, checkNativeBinary, electronAbi, FORMAT_OF };
