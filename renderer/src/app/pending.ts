// A focus request carried across a navigation (an 审核 item of another table; a new table).
let pending: { id: string; path: string } | null = null;

export function setPendingFocus(id: string, path: string): void {
  pending = { id, path };
}

/** The request for this project, once. `path` '' means: focus the first cell. */
export function takePendingFocus(id: string): string | null {
  if (!pending || pending.id !== id) return null;
  const p = pending.path;
  pending = null;
  return p;
}
