/**
 * A minimal PNG writer: 8-bit RGB, one IDAT chunk, compressed by a small deflate encoder
 * written here (fixed Huffman codes; matches only against the pixel to the left and the
 * row above). Why not node:zlib: its compressed bytes are not promised to be the same
 * across Node versions and CPUs (Node bundles Chromium's zlib, whose hashing differs from
 * stock zlib), and the committed images must be reproducible byte for byte anywhere.
 * The output is ordinary zlib data that every PNG decoder (and zlib.inflateSync) reads.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG bytes for a `width`×`height` image whose pixels are `rgb` (3 bytes each, rows top to bottom). */
export function encodePng(width, height, rgb) {
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height); // each row: filter byte 0 (none), then the pixels
  for (let y = 0; y < height; y++) rgb.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, filter 0, no interlace
  const deflated = deflateFixed(raw, [3, stride + 1]);
  const stream = Buffer.concat([Buffer.from([0x78, 0x01]), deflated, uint32(adler32(raw))]);
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", stream), chunk("IEND", Buffer.alloc(0))]);
}

/** CRC-32 (the PNG/zlib polynomial) of `bytes`. */
export function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const MAX_MATCH = 258;

/** One final deflate block with the fixed Huffman codes; greedy matches at the given distances. */
function deflateFixed(data, distances) {
  const out = new BitWriter();
  out.bits(1, 1); // BFINAL
  out.bits(1, 2); // BTYPE 01: fixed Huffman codes
  let position = 0;
  while (position < data.length) {
    let bestLength = 0;
    let bestDistance = 0;
    for (const distance of distances) {
      if (distance > position) continue;
      let length = 0;
      while (length < MAX_MATCH && position + length < data.length && data[position + length] === data[position + length - distance]) length++;
      if (length > bestLength) [bestLength, bestDistance] = [length, distance];
    }
    if (bestLength >= 3) {
      writeMatch(out, bestLength, bestDistance);
      position += bestLength;
    } else {
      writeSymbol(out, data[position]);
      position += 1;
    }
  }
  writeSymbol(out, 256); // end of block
  return out.finish();
}

function writeMatch(out, length, distance) {
  const lengthCode = lastAtMost(LENGTH_BASE, length);
  writeSymbol(out, 257 + lengthCode);
  out.bits(length - LENGTH_BASE[lengthCode], LENGTH_EXTRA[lengthCode]);
  const distanceCode = lastAtMost(DISTANCE_BASE, distance);
  out.huffman(distanceCode, 5);
  out.bits(distance - DISTANCE_BASE[distanceCode], DISTANCE_EXTRA[distanceCode]);
}

/** The fixed literal/length code of RFC 1951 section 3.2.6. */
function writeSymbol(out, symbol) {
  if (symbol < 144) out.huffman(0x30 + symbol, 8);
  else if (symbol < 256) out.huffman(0x190 + symbol - 144, 9);
  else if (symbol < 280) out.huffman(symbol - 256, 7);
  else out.huffman(0xc0 + symbol - 280, 8);
}

function lastAtMost(bases, value) {
  let index = bases.length - 1;
  while (bases[index] > value) index--;
  return index;
}

/** Deflate packs bits from the least significant end; Huffman codes go most significant bit first. */
class BitWriter {
  bytes = [];
  buffer = 0;
  count = 0;

  bits(value, length) {
    for (let bit = 0; bit < length; bit++) this.push((value >>> bit) & 1);
  }

  huffman(code, length) {
    for (let bit = length - 1; bit >= 0; bit--) this.push((code >>> bit) & 1);
  }

  push(bit) {
    this.buffer |= bit << this.count;
    if (++this.count === 8) {
      this.bytes.push(this.buffer);
      this.buffer = 0;
      this.count = 0;
    }
  }

  finish() {
    if (this.count > 0) this.bytes.push(this.buffer);
    return Buffer.from(this.bytes);
  }
}

function adler32(bytes) {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function chunk(type, data) {
  const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([uint32(data.length), typed, uint32(crc32(typed))]);
}

function uint32(value) {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0, 0);
  return bytes;
}
