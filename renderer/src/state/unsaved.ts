// Edits not yet stored, kept in this browser's localStorage (written synchronously with
// every committed edit, so a reload or a closed window cannot lose them) and sent again
// when the table is opened next.
import type { ProjectFiling } from '../../../shared/model/filing.ts';

export interface UnsavedCopy {
  /** The stored revision the edits were made on; -1 when that is not known (a conflict). */
  revision: number;
  filing: ProjectFiling;
}

const key = (id: string) => `jxmb-unsaved:${id}`;

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

export function keepUnsaved(id: string, copy: UnsavedCopy | null): void {
  const s = storage();
  if (!s) return;
  try {
    if (copy) s.setItem(key(id), JSON.stringify(copy));
    else s.removeItem(key(id));
  } catch {
    /* storage full or refused: the save queue still runs */
  }
}

export function readUnsaved(id: string): UnsavedCopy | null {
  try {
    const raw = storage()?.getItem(key(id));
    if (!raw) return null;
    const v = JSON.parse(raw) as UnsavedCopy;
    return v && typeof v.revision === 'number' && v.filing && v.filing.id === id ? v : null;
  } catch {
    return null;
  }
}
