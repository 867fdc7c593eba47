/**
 * Text gathered as UTF-8 bytes, a piece at a time, for writing in large blocks. Each piece is
 * encoded on its own: joining many strings first makes one huge string, and one character
 * beyond Latin-1 anywhere turns all of it into two-byte text that is slow to encode.
 */
export class Utf8Batch {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  get bytes(): number {
    return this.used;
  }

  append(text: string): void {
    if (this.buffer.length - this.used < text.length * 3) {
      const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + text.length * 3));
      this.buffer.copy(larger, 0, 0, this.used);
      this.buffer = larger;
    }
    this.used += this.buffer.write(text, this.used, "utf8");
  }

  /** The bytes so far (a copy, so the batch can be refilled while they are written), and empty again. */
  take(): Buffer {
    const bytes = Buffer.from(this.buffer.subarray(0, this.used));
    this.used = 0;
    return bytes;
  }
}
