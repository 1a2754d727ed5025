/**
 * Draws the toolbar icons (a beacon: a white tower with a light and two rays on a blue rounded
 * square) as PNGs without any image library, so `npx tsx scripts/make-icons.ts` reproduces them.
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

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
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

type RGBA = [number, number, number, number];
/** Shape at unit coordinates (0..1): returns a colour or null (transparent). */
function shade(x: number, y: number): RGBA | null {
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null; // rounded corners
  const white: RGBA = [255, 255, 255, 255];
  const amber: RGBA = [255, 196, 0, 255];
  // light at the top
  if ((x - 0.5) ** 2 + (y - 0.3) ** 2 < 0.085 ** 2) return amber;
  // rays
  const ray = (ax: number) =>
    Math.abs(y - 0.3 + (x - 0.5) * ax) < 0.03 && Math.abs(x - 0.5) > 0.14 && Math.abs(x - 0.5) < 0.34;
  if (ray(0.35) || ray(-0.35)) return amber;
  // tower: trapezoid from y=0.42 to 0.84
  if (y > 0.42 && y < 0.84) {
    const half = 0.07 + (y - 0.42) * 0.3;
    if (Math.abs(x - 0.5) < half) return white;
  }
  if (y >= 0.84 && y < 0.88 && Math.abs(x - 0.5) < 0.3) return white;
  return [10, 91, 211, 255];
}

function png(size: number): Buffer {
  const ss = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!c) continue;
          for (let i = 0; i < 3; i++) acc[i]! += c[i]! * c[3];
          acc[3]! += c[3];
        }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const a = acc[3]!;
      raw[o] = a ? Math.round(acc[0]! / a) : 0;
      raw[o + 1] = a ? Math.round(acc[1]! / a) : 0;
      raw[o + 2] = a ? Math.round(acc[2]! / a) : 0;
      raw[o + 3] = Math.round(a / (ss * ss));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const out = new URL("../public/icon/", import.meta.url);
for (const s of [16, 32, 48, 128]) writeFileSync(new URL(`${s}.png`, out), png(s));
console.log("icons written");
