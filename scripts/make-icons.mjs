// Draws the extension icons (a white envelope on a teal square) as PNG files in public/icon/.
// Built-ins only (zlib for the PNG deflate stream), so anyone can regenerate them offline:
//   node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icon');
const TEAL = [15, 118, 110, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

// CRC-32 as the PNG spec defines it (https://www.w3.org/TR/png/#D-CRCAppendix).
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Colour of pixel (x, y) in a size×size icon, drawn in unit coordinates so all sizes match. */
function pixel(x, y, size) {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  const r = 0.18; // rounded corners
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return CLEAR;
  // Envelope body: 0.2..0.8 × 0.3..0.7, outline plus the flap's "V".
  const inBody = u >= 0.2 && u <= 0.8 && v >= 0.3 && v <= 0.7;
  if (!inBody) return TEAL;
  const stroke = Math.max(1.5 / size, 0.045);
  const edge = u - 0.2 < stroke || 0.8 - u < stroke || v - 0.3 < stroke || 0.7 - v < stroke;
  const flapV = 0.3 + (0.5 - Math.abs(u - 0.5)) * (0.22 / 0.3);
  const onFlap = Math.abs(v - flapV) < stroke && v <= 0.52;
  return edge || onFlap ? WHITE : TEAL;
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0]; // filter type 0 (none) for each scanline
    for (let x = 0; x < size; x++) row.push(...pixel(x, y, size));
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(join(outDir, `${size}.png`), png(size));
console.log(`icons written to ${outDir}`);
