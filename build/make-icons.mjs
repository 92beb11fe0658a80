// Draws the Batch Deck icon (a stack of three cards on Azure blue) into build/icons/<size>x<size>.png for Linux and
// build/icon.png (1024 px) from which electron-builder derives the Windows .ico and the macOS .icns.
// Pure Node (zlib): no image tool is needed. Usage: node build/make-icons.mjs
import { Buffer } from 'node:buffer';
import console from 'node:console';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const linuxSizes = [16, 32, 48, 64, 128, 256, 512];
const azure = [0, 120, 212];
const white = [255, 255, 255];

/** Coverage (0..1) of the pixel at (x, y) by a rounded rectangle, sampled 4×4 for smooth edges. */
function roundedRectCoverage(x, y, rect) {
  let inside = 0;
  for (let sy = 0; sy < 4; sy += 1) {
    for (let sx = 0; sx < 4; sx += 1) {
      const px = x + (sx + 0.5) / 4;
      const py = y + (sy + 0.5) / 4;
      const cx = Math.min(Math.max(px, rect.x + rect.r), rect.x + rect.w - rect.r);
      const cy = Math.min(Math.max(py, rect.y + rect.r), rect.y + rect.h - rect.r);
      const within = px >= rect.x && px <= rect.x + rect.w && py >= rect.y && py <= rect.y + rect.h;
      if (within && (px - cx) ** 2 + (py - cy) ** 2 <= rect.r ** 2) inside += 1;
    }
  }
  return inside / 16;
}

/** RGBA pixels of the icon at one size: three cards fanned back to front, the front one with a prompt line. */
function drawIcon(size) {
  const u = size / 64;
  const background = { x: 2 * u, y: 2 * u, w: 60 * u, h: 60 * u, r: 12 * u };
  const cards = [0, 1, 2].map((i) => ({ x: (11 + i * 5) * u, y: (12 + i * 7) * u, w: 32 * u, h: 22 * u, r: 3 * u }));
  const shades = [0.45, 0.7, 1];
  const prompt = { x: 22 * u, y: 38 * u, w: 12 * u, h: 3 * u, r: 1.5 * u };
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let colour = azure;
      cards.forEach((rect, i) => {
        const cover = roundedRectCoverage(x, y, rect) * shades[i];
        colour = colour.map((c, k) => c * (1 - cover) + white[k] * cover);
      });
      const line = roundedRectCoverage(x, y, prompt);
      colour = colour.map((c, k) => c * (1 - line) + azure[k] * line);
      const offset = (y * size + x) * 4;
      for (let c = 0; c < 3; c += 1) pixels[offset + c] = Math.round(colour[c]);
      pixels[offset + 3] = Math.round(255 * roundedRectCoverage(x, y, background));
    }
  }
  return pixels;
}

/** CRC-32 as PNG chunks need it. */
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC. */
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels as an 8-bit truecolour-with-alpha PNG. */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync(join(here, 'icons'), { recursive: true });
for (const size of linuxSizes) writeFileSync(join(here, 'icons', `${size}x${size}.png`), encodePng(size, drawIcon(size)));
writeFileSync(join(here, 'icon.png'), encodePng(1024, drawIcon(1024)));
console.log(`Wrote build/icon.png and ${linuxSizes.length} Linux icons into build/icons/`);
