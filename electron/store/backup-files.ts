// Backup files on disk: their names (`<dbname>-YYYYMMDD-HHMMSS[-n]-<reason>.sqlite`),
// listing, retention and the daily schedule.
import fs from 'node:fs';
import path from 'node:path';
import { rmIfExists } from './fs-sync.ts';

export interface BackupInfo {
  path: string;
  fileName: string;
  reason: string;
  /** Time encoded in the file name (local time of the clock that took it). */
  createdAt: Date;
  size: number;
}

export const DEFAULT_MAX_BACKUPS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

export function defaultBackupDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

function dbBaseName(dbPath: string): string {
  const b = path.basename(dbPath);
  const ext = path.extname(b);
  return ext ? b.slice(0, -ext.length) : b;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function stamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Backups of `dbPath` in `backupDir`, newest first. */
export function listBackups(dbPath: string, backupDir = defaultBackupDir(dbPath)): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir);
  } catch {
    return [];
  }
  const re = new RegExp(`^${escapeRe(dbBaseName(dbPath))}-(\\d{8})-(\\d{6})(?:-(\\d+))?-([a-z][a-z-]*)\\.sqlite$`);
  const out: (BackupInfo & { n: number })[] = [];
  for (const fileName of names) {
    const m = re.exec(fileName);
    if (!m) continue;
    const [, ymd = '', hms = '', n, reason = ''] = m;
    const createdAt = new Date(
      Number(ymd.slice(0, 4)),
      Number(ymd.slice(4, 6)) - 1,
      Number(ymd.slice(6, 8)),
      Number(hms.slice(0, 2)),
      Number(hms.slice(2, 4)),
      Number(hms.slice(4, 6)),
    );
    const p = path.join(backupDir, fileName);
    let size = 0;
    try {
      size = fs.statSync(p).size;
    } catch {
      continue;
    }
    out.push({ path: p, fileName, reason, createdAt, size, n: n ? Number(n) : 1 });
  }
  out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.n - a.n);
  return out.map(({ n: _n, ...info }) => info);
}

export function newBackupPath(dbPath: string, backupDir: string, at: Date, reason: string): string {
  const base = `${dbBaseName(dbPath)}-${stamp(at)}`;
  let p = path.join(backupDir, `${base}-${reason}.sqlite`);
  for (let n = 2; fs.existsSync(p); n++) p = path.join(backupDir, `${base}-${n}-${reason}.sqlite`);
  return p;
}

/** Deletes the oldest backups beyond `max` (at least 1 kept, `keep` never deleted). */
export function pruneBackups(dbPath: string, backupDir: string, max: number, keep?: string): string[] {
  const limit = Math.max(1, Math.floor(max));
  const all = listBackups(dbPath, backupDir); // newest first
  const deleted: string[] = [];
  for (let i = all.length - 1; i >= 0 && all.length - deleted.length > limit; i--) {
    const b = all[i];
    if (!b || b.path === keep) continue;
    rmIfExists(b.path);
    rmIfExists(`${b.path}-wal`); // raw pre-restore copies may carry one
    deleted.push(b.path);
  }
  return deleted;
}

/** True when there is no backup, or the newest is at least 24 h old by `now`. */
export function dailyBackupDue(dbPath: string, backupDir: string, now: Date): boolean {
  const newest = listBackups(dbPath, backupDir)[0];
  return !newest || now.getTime() - newest.createdAt.getTime() >= DAY_MS;
}

