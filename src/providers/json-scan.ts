/**
 * Scanners for single JSON values in UTF-8 bytes, exact to JSON's grammar (what JSON.parse
 * accepts), for the readers that pick fields out of output lines without decoding them.
 * Each takes the value's first byte and the end of the line, and gives where the value ends,
 * or -1 when the bytes there are not such a value.
 */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;

/** 1 for the bytes that end a run of plain string characters: control characters, `"` and `\`. */
const STRING_STOP = Uint8Array.from({ length: 256 }, (_, byte) => (byte < 0x20 || byte === QUOTE || byte === BACKSLASH ? 1 : 0));

/**
 * About the last string `stringEnd` read: whether it is written as JSON.stringify writes its
 * value (no `\u` or `\/` escapes), so its bytes can be stored as they are.
 */
export const lastString = { canonical: true };

/** A string literal from its opening quote at `at`: the position after its closing quote. */
export function stringEnd(bytes: Uint8Array, at: number, end: number): number {
  if (bytes[at] !== QUOTE) return -1;
  lastString.canonical = true;
  let index = at + 1;
  for (;;) {
    // The common run: plain characters up to a quote, a backslash or a control character
    // (one table lookup a byte; the newline after the line, or the buffer's end, stops it).
    while (STRING_STOP[bytes[index]] === 0) index++;
    const byte = bytes[index];
    if (index >= end || byte < 0x20 || byte === undefined) return -1; // unterminated, or a raw control character
    if (byte === QUOTE) return index + 1;
    const escaped = bytes[index + 1];
    if (escaped === 0x75 /* u */) {
      for (let digit = index + 2; digit < index + 6; digit++) if (!isHexDigit(bytes[digit])) return -1;
      lastString.canonical = false;
      index += 6;
    } else if (isSimpleEscape(escaped)) {
      if (escaped === 0x2f) lastString.canonical = false;
      index += 2;
    }
    else return -1;
  }
}

/** A number literal at `at`: the position after it. */
export function numberEnd(bytes: Uint8Array, at: number, end: number): number {
  let index = at;
  if (bytes[index] === 0x2d) index++;
  if (bytes[index] === 0x30) index++;
  else if (isDigit(bytes[index])) while (isDigit(bytes[index])) index++;
  else return -1;
  if (bytes[index] === 0x2e) {
    index++;
    if (!isDigit(bytes[index])) return -1;
    while (isDigit(bytes[index])) index++;
  }
  if (bytes[index] === 0x65 || bytes[index] === 0x45) {
    index++;
    if (bytes[index] === 0x2b || bytes[index] === 0x2d) index++;
    if (!isDigit(bytes[index])) return -1;
    while (isDigit(bytes[index])) index++;
  }
  return index > end ? -1 : index;
}

/**
 * The value of the number literal `bytes[start, stop)` when it is a plain integer of at most
 * 15 digits (exact as a double), else NaN: fractions and exponents are left to JSON.parse.
 */
export function plainInteger(bytes: Uint8Array, start: number, stop: number): number {
  const negative = bytes[start] === 0x2d;
  const first = negative ? start + 1 : start;
  if (stop - first < 1 || stop - first > 15) return Number.NaN;
  let value = 0;
  for (let index = first; index < stop; index++) {
    const digit = bytes[index] - 0x30;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

export function hasByte(bytes: Uint8Array, byte: number, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (bytes[index] === byte) return true;
  return false;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

function isHexDigit(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`. */
function isSimpleEscape(byte: number): boolean {
  return byte === QUOTE || byte === BACKSLASH || byte === 0x2f || byte === 0x62 || byte === 0x66 || byte === 0x6e || byte === 0x72 || byte === 0x74;
}
