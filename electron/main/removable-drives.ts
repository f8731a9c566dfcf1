// Where USB sticks are, so file dialogs can start there. No native modules:
// - Windows: PowerShell (CIM) lists logical disks of DriveType 2 (removable) plus those
//   on disks whose InterfaceType is USB (USB hard disks and some sticks report "fixed");
//   `wmic` is the fallback for machines where PowerShell is blocked (wmic is gone from
//   new Windows 11 builds, PowerShell 5.1 is on every Windows 10/11). We do not probe
//   D:–Z: blindly: that cannot tell a USB stick from a second hard disk, and touching
//   an empty card reader or optical drive can hang or raise "insert a disk" prompts.
// - Linux (统信 UOS, 麒麟, Debian…): mount points under /media/$USER, /run/media/$USER
//   and /media/<label>, read from /proc/self/mounts.
// - macOS: /Volumes/*, except the start-up volume.
import path from 'node:path';

export interface DriveProbe {
  platform: NodeJS.Platform;
  user: string;
  /** Runs a program, resolves its stdout; rejects on failure or timeout. */
  exec(file: string, args: string[], timeoutMs: number): Promise<string>;
  readText(file: string): Promise<string>;
  readDir(dir: string): Promise<string[]>;
  realPath(p: string): Promise<string>;
}

export const WINDOWS_PS_SCRIPT = [
  "$ErrorActionPreference='SilentlyContinue'",
  "$d=@(Get-CimInstance Win32_LogicalDisk -Filter 'DriveType=2' | ForEach-Object { $_.DeviceID })",
  "Get-CimInstance Win32_DiskDrive -Filter \"InterfaceType='USB'\" | ForEach-Object { Get-CimAssociatedInstance -InputObject $_ -ResultClassName Win32_DiskPartition } | ForEach-Object { Get-CimAssociatedInstance -InputObject $_ -ResultClassName Win32_LogicalDisk } | ForEach-Object { $d += $_.DeviceID }",
  '$d | Sort-Object -Unique',
].join('; ');

export const WINDOWS_PS_ARGS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WINDOWS_PS_SCRIPT];
export const WMIC_ARGS = ['logicaldisk', 'where', 'drivetype=2', 'get', 'deviceid'];

/** Drive letters (`E:\`) from the output of the PowerShell script or wmic; A:–C: never. */
export function parseWindowsDrives(out: string): string[] {
  const seen = new Set<string>();
  for (const line of out.split(/\r?\n/)) {
    const m = /^\s*([D-Zd-z]):\s*$/.exec(line);
    if (m) seen.add(`${m[1]!.toUpperCase()}:\\`);
  }
  return [...seen].sort();
}

/** `\040` etc. in /proc/mounts fields. */
function unescapeMountField(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** Mount points of removable media from /proc/self/mounts, the user's own first. */
export function parseLinuxMounts(mounts: string, user: string): string[] {
  const own = [`/media/${user}/`, `/run/media/${user}/`];
  const mine: string[] = [];
  const others: string[] = [];
  for (const line of mounts.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 3) continue;
    const mp = unescapeMountField(fields[1]!);
    if (!(mp.startsWith('/media/') || mp.startsWith('/run/media/'))) continue;
    if (own.some((p) => mp.startsWith(p))) mine.push(mp);
    else if (!mp.startsWith('/run/media/') && mp.split('/').length === 3) others.push(mp); // /media/<label>
  }
  return [...new Set([...mine, ...others])];
}

async function windowsDrives(p: DriveProbe): Promise<string[]> {
  try {
    return parseWindowsDrives(await p.exec('powershell.exe', WINDOWS_PS_ARGS, 6000));
  } catch {
    try {
      return parseWindowsDrives(await p.exec('wmic', WMIC_ARGS, 4000));
    } catch {
      return [];
    }
  }
}

async function linuxDrives(p: DriveProbe): Promise<string[]> {
  try {
    return parseLinuxMounts(await p.readText('/proc/self/mounts'), p.user);
  } catch {
    // No /proc: list the usual folders instead.
    const out: string[] = [];
    for (const base of [`/media/${p.user}`, `/run/media/${p.user}`]) {
      try {
        for (const n of (await p.readDir(base)).sort()) out.push(path.posix.join(base, n));
      } catch {
        // not there
      }
    }
    return out;
  }
}

async function macDrives(p: DriveProbe): Promise<string[]> {
  const out: string[] = [];
  try {
    for (const n of (await p.readDir('/Volumes')).sort()) {
      if (n.startsWith('.')) continue;
      const full = path.posix.join('/Volumes', n);
      try {
        if ((await p.realPath(full)) === '/') continue; // the start-up disk
      } catch {
        continue;
      }
      out.push(full);
    }
  } catch {
    // no /Volumes
  }
  return out;
}

/** Removable drives, most likely USB stick first; [] when none or when detection fails. */
export async function findRemovableDrives(p: DriveProbe): Promise<string[]> {
  if (p.platform === 'win32') return windowsDrives(p);
  if (p.platform === 'darwin') return macDrives(p);
  return linuxDrives(p);
}

/** Caches the (slow on Windows) detection for a few seconds; refreshes in the background. */
export class RemovableDrives {
  private cache: { at: number; drives: string[] } | null = null;
  private pending: Promise<string[]> | null = null;

  constructor(
    private readonly probe: DriveProbe,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 10_000,
  ) {}

  /** Starts a detection without waiting (at start-up, so the first dialog is quick). */
  prewarm(): void {
    void this.get().catch(() => undefined);
  }

  /** The drives found last (none before the first detection); starts a refresh when stale. */
  peek(): string[] {
    if (!this.cache || this.now() - this.cache.at >= this.ttlMs) this.prewarm();
    return this.cache?.drives ?? [];
  }

  async get(): Promise<string[]> {
    if (this.cache && this.now() - this.cache.at < this.ttlMs) return this.cache.drives;
    this.pending ??= findRemovableDrives(this.probe)
      .then((drives) => {
        this.cache = { at: this.now(), drives };
        return drives;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}

/**
 * The folder a dialog opens in: the last folder used when it is on a USB drive still
 * present, else the first USB drive, else the last folder used, else the fallback (文档).
 */
export function dialogStartDir(drives: readonly string[], lastDir: string | null, fallback: string, platform: NodeJS.Platform = process.platform): string {
  if (lastDir) {
    const lib = platform === 'win32' ? path.win32 : path.posix;
    const norm = (p: string) => (platform === 'linux' ? p : p.toLowerCase());
    const onDrive = drives.some((d) => {
      const rel = lib.relative(norm(d), norm(lastDir));
      return !rel.startsWith('..') && !lib.isAbsolute(rel);
    });
    if (onDrive) return lastDir;
  }
  return drives[0] ?? lastDir ?? fallback;
}
