// Draws Tapin's app icons (a PIN pad on teal) as PNG files in public/icons. The icons are
// committed; run this only to change them: `node client/scripts/make-icons.mjs`.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) row.set(pixel(x + 0.5, y + 0.5), 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 3×3 grid of keys inside a box `scale` of the icon wide (maskable safe zone). */
function pinPad(size, scale) {
  const box = size * scale;
  const origin = (size - box) / 2;
  const step = box / 3;
  const r = step * 0.3;
  const keys = [];
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) keys.push([origin + step * (col + 0.5), origin + step * (row + 0.5)]);
  }
  return (x, y) => (keys.some(([cx, cy]) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r) ? WHITE : TEAL);
}

for (const [name, size, scale] of [
  ['icon-192.png', 192, 0.7],
  ['icon-512.png', 512, 0.7],
  ['icon-maskable-512.png', 512, 0.5],
  ['apple-touch-icon-180.png', 180, 0.62],
]) {
  writeFileSync(new URL(`../public/icons/${name}`, import.meta.url), png(size, pinPad(size, scale)));
}
