// The main window's size, position and maximised state, kept in `window-state.json` in
// the data folder: validated when read (a damaged or hand-edited file is ignored, never
// fatal), fitted to the displays present now (a monitor may have been unplugged), and
// written atomically.
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { DEFAULT_BOUNDS, MIN_HEIGHT, MIN_WIDTH, type WindowBounds } from './window-options.ts';

const coord = z.number().int().min(-100_000).max(100_000);
const size = z.number().int().min(200).max(20_000);

export const windowStateSchema = z
  .object({
    version: z.literal(1),
    x: coord.optional(),
    y: coord.optional(),
    width: size,
    height: size,
    maximized: z.boolean(),
  })
  .strict();
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_STATE: WindowState = { version: 1, ...DEFAULT_BOUNDS, maximized: false };
const MAX_FILE_BYTES = 4096;

/** The stored state, or null when the text is not a valid state file. */
export function parseWindowState(text: string): WindowState | null {
  if (text.length > MAX_FILE_BYTES) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const r = windowStateSchema.safeParse(raw);
  return r.success ? r.data : null;
}

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  return {
    w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Bounds to open the window with: the stored size shrunk to fit the work area, and the
 * stored position only if enough of the title bar would be on a display present now
 * (else no position: the window is centred).
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): { bounds: WindowBounds; maximized: boolean } {
  const primary = workAreas[0];
  let width = Math.max(MIN_WIDTH, state.width);
  let height = Math.max(MIN_HEIGHT, state.height);
  if (state.x !== undefined && state.y !== undefined) {
    const titleBar: Rect = { x: state.x, y: state.y, width, height: 40 };
    const host = workAreas.find((a) => {
      const o = overlap(titleBar, a);
      return o.w >= 100 && o.h >= 20;
    });
    if (host) {
      width = Math.min(width, Math.max(MIN_WIDTH, host.width));
      height = Math.min(height, Math.max(MIN_HEIGHT, host.height));
      return { bounds: { x: state.x, y: state.y, width, height }, maximized: state.maximized };
    }
  }
  if (primary) {
    width = Math.min(width, Math.max(MIN_WIDTH, primary.width));
    height = Math.min(height, Math.max(MIN_HEIGHT, primary.height));
  }
  return { bounds: { width, height }, maximized: state.maximized };
}

export function stateFromWindow(normalBounds: Rect, maximized: boolean): WindowState {
  const clampInt = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n)));
  return {
    version: 1,
    x: clampInt(normalBounds.x, -100_000, 100_000),
    y: clampInt(normalBounds.y, -100_000, 100_000),
    width: clampInt(normalBounds.width, 200, 20_000),
    height: clampInt(normalBounds.height, 200, 20_000),
    maximized,
  };
}

export interface StateFs {
  readFile(p: string): Promise<string>;
  writeAtomic(p: string, text: string): Promise<void>;
}

const nodeStateFs = async (): Promise<StateFs> => {
  const { readFile } = await import('node:fs/promises');
  return { readFile: (p) => readFile(p, 'utf8'), writeAtomic: (p, t) => writeFileAtomic(p, t) };
};

/** The stored state, or the default when there is none or it is unreadable. */
export async function loadWindowState(file: string, fsImpl?: StateFs): Promise<WindowState> {
  const f = fsImpl ?? (await nodeStateFs());
  try {
    return parseWindowState(await f.readFile(file)) ?? DEFAULT_STATE;
  } catch {
    return DEFAULT_STATE;
  }
}

export async function saveWindowState(file: string, state: WindowState, fsImpl?: StateFs): Promise<void> {
  const checked = windowStateSchema.parse(state);
  const f = fsImpl ?? (await nodeStateFs());
  await f.writeAtomic(file, `${JSON.stringify(checked, null, 2)}\n`);
}
