// Files from outside (import sources, export targets) are touched only if the user chose
// them in a dialog of this session: the dialog handlers grant, the file handlers check.
// A path from the page that was not chosen (or chosen for the other purpose) is refused.
import path from 'node:path';

export type GrantMode = 'read' | 'write';

export const MAX_PATH_LENGTH = 4096;

/** Normalised key of a path, or null when it is not an acceptable absolute path. */
export function pathKey(p: unknown, platform: NodeJS.Platform = process.platform): string | null {
  if (typeof p !== 'string' || p.length === 0 || p.length > MAX_PATH_LENGTH || p.includes('\0')) return null;
  const lib = platform === 'win32' ? path.win32 : path.posix;
  if (!lib.isAbsolute(p)) return null;
  // UNC device paths (\\?\, \\.\) are never offered by a dialog.
  if (platform === 'win32' && /^[\\/]{2}[?.][\\/]/.test(p)) return null;
  const norm = lib.resolve(p);
  // Windows and macOS file systems are case-insensitive by default.
  return platform === 'linux' ? norm : norm.toLowerCase();
}

export class PathGrants {
  private readonly sets: Record<GrantMode, Set<string>> = { read: new Set(), write: new Set() };

  constructor(
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly max = 1000,
  ) {}

  /** Records a path the user chose in a dialog. */
  grant(p: string, mode: GrantMode): void {
    const key = pathKey(p, this.platform);
    if (key === null) throw new Error(`not an absolute path: ${String(p).slice(0, 200)}`);
    const set = this.sets[mode];
    if (set.size >= this.max) {
      const oldest = set.values().next().value;
      if (oldest !== undefined) set.delete(oldest);
    }
    set.delete(key);
    set.add(key);
  }

  has(p: unknown, mode: GrantMode): boolean {
    const key = pathKey(p, this.platform);
    return key !== null && this.sets[mode].has(key);
  }

  clear(): void {
    this.sets.read.clear();
    this.sets.write.clear();
  }
}
