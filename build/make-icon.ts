// Draws the application icon (build/icon.png, 512×512): a red rounded square with a white
// form sheet, its ruled lines and a check mark. Pure Node (zlib), no image libraries;
// electron-builder derives the Windows .ico and the Linux icon sizes from it.
// Usage: npx tsx build/make-icon.ts
import { isScript } from './run-as-script.ts';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
type Shape = (x: number, y: number) => boolean;

const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };

/** A thick line segment with round ends. */
const stroke =
  (ax: number, ay: number, bx: number, by: number, w: number): Shape =>
  (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
  };

export function drawIcon(size = 512): Buffer {
  const s = size / 512;
  const layers: Array<[Shape, RGBA]> = [
    [roundRect(16 * s, 16 * s, 496 * s, 496 * s, 96 * s), [183, 28, 28, 255]],
    [roundRect(128 * s, 84 * s, 384 * s, 428 * s, 18 * s), [255, 255, 255, 255]],
    [roundRect(168 * s, 136 * s, 344 * s, 156 * s, 8 * s), [183, 28, 28, 255]],
    [roundRect(168 * s, 192 * s, 344 * s, 206 * s, 7 * s), [189, 189, 189, 255]],
    [roundRect(168 * s, 236 * s, 344 * s, 250 * s, 7 * s), [189, 189, 189, 255]],
    [roundRect(168 * s, 280 * s, 272 * s, 294 * s, 7 * s), [189, 189, 189, 255]],
    [stroke(236 * s, 350 * s, 276 * s, 388 * s, 30 * s), [255, 179, 0, 255]],
    [stroke(276 * s, 388 * s, 352 * s, 300 * s, 30 * s), [255, 179, 0, 255]],
  ];
  const SS = 4; // supersampling per axis
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const px = x + (sx + 0.5) / SS;
          const py = y + (sy + 0.5) / SS;
          let c: RGBA = [0, 0, 0, 0];
          for (const [shape, color] of layers) if (shape(px, py)) c = color;
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round(a / (SS * SS));
    }
  }
  return png(size, size, raw);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(w: number, h: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const isMain = isScript(import.meta.url);
if (isMain) {
  const out = fileURLToPath(new URL('./icon.png', import.meta.url));
  writeFileSync(out, drawIcon(512));
  console.log(`已生成 ${out}`);
}
