/**
 * CRC32C (Castagnoli), as Cloud Storage reports it: the big-endian bytes of the checksum,
 * base64-encoded. Incremental, so uploads are hashed while they stream to disk.
 * Slicing-by-8 keeps it near memory speed for large objects.
 */
const TABLES = makeTables();

export class Crc32c {
  private crc = 0xffffffff;

  update(data: Uint8Array): this {
    const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES;
    let crc = this.crc;
    let index = 0;
    const end8 = data.length - (data.length % 8);
    for (; index < end8; index += 8) {
      const low = (crc ^ (data[index] | (data[index + 1] << 8) | (data[index + 2] << 16) | (data[index + 3] << 24))) >>> 0;
      crc =
        t7[low & 0xff] ^
        t6[(low >>> 8) & 0xff] ^
        t5[(low >>> 16) & 0xff] ^
        t4[low >>> 24] ^
        t3[data[index + 4]] ^
        t2[data[index + 5]] ^
        t1[data[index + 6]] ^
        t0[data[index + 7]];
    }
    for (; index < data.length; index++) crc = t0[(crc ^ data[index]) & 0xff] ^ (crc >>> 8);
    this.crc = crc >>> 0;
    return this;
  }

  /** The checksum as an unsigned 32-bit number. */
  value(): number {
    return (this.crc ^ 0xffffffff) >>> 0;
  }

  /** Base64 of the big-endian checksum, e.g. `yZRlqg==` for "hello world". */
  base64(): string {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(this.value());
    return bytes.toString("base64");
  }
}

function makeTables(): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
    tables[0][byte] = crc >>> 0;
  }
  for (let byte = 0; byte < 256; byte++) {
    for (let slice = 1; slice < 8; slice++) {
      const previous = tables[slice - 1][byte];
      tables[slice][byte] = (tables[0][previous & 0xff] ^ (previous >>> 8)) >>> 0;
    }
  }
  return tables;
}
