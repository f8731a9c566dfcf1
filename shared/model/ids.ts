// Ids of new project tables and indicator rows; random, the same in Node and the browser
// (both have globalThis.crypto.getRandomValues).
function randomHex(bytes: number): string {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** `r` + 12 hex digits: an indicator row's id (unique within its filing). */
export function newRowId(): string {
  return `r${randomHex(6)}`;
}

/** `p-` + a random (version 4) UUID: a project table's id. */
export function newProjectId(): string {
  const h = randomHex(16).split('');
  h[12] = '4';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `p-${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
