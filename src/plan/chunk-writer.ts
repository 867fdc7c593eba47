import { createHash, type Hash } from "node:crypto";
import { join } from "node:path";
import { AtomicFileWriter } from "../util/atomic-write.js";
import type { ChunkFile } from "../types.js";

export interface ChunkLimits {
  /** Most requests in one chunk (OpenAI: 50,000). */
  maxRequests: number;
  /** Most bytes in one chunk file (OpenAI: 200 MB). */
  maxBytes: number;
}

const FLUSH_BYTES = 1 << 20;

/**
 * Lines already encoded as UTF-8, each ending in "\n": `bytes[i]` bytes at `starts[i]` of
 * `data[i]`. Lines that sit back to back in one buffer are written with one call.
 */
export class EncodedLines {
  readonly data: Uint8Array[] = [];
  readonly starts: number[] = [];
  readonly bytes: number[] = [];

  push(data: Uint8Array, start: number, bytes: number): void {
    this.data.push(data);
    this.starts.push(start);
    this.bytes.push(bytes);
  }

  get length(): number {
    return this.bytes.length;
  }
}

/**
 * Streams encoded lines into chunk files, starting a new file before a limit would be
 * crossed. Lines are buffered into ~1 MiB writes; each file appears under its final name
 * only when complete. Each file is hashed as it is written, or, with `hashFile` (another
 * thread), once it is complete while writing goes on; `onChunk` follows in chunk order.
 */
export class ChunkWriter {
  private current?: OpenChunk;
  private sequence = 0;
  /** Chunks complete and hashed, in order. */
  readonly chunks: ChunkFile[] = [];
  /** Every file put in place, hashed yet or not (for clean-up). */
  readonly committed: string[] = [];
  /** Hashing and `onChunk` of completed chunks, in order. */
  private settled: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly limits: ChunkLimits,
    private readonly onChunk?: (chunk: ChunkFile) => void | Promise<void>,
    private readonly hashFile?: (path: string) => Promise<string>,
  ) {}

  /** The id of the chunk the next line of `bytes` bytes will go to. */
  async place(bytes: number): Promise<string> {
    if (!this.fits(bytes)) await this.close();
    if (!this.current) this.current = this.open();
    return this.current.id;
  }

  /** Append one line (without newline) to the chunk chosen by `place`. */
  async append(line: string, bytes: number): Promise<void> {
    const chunk = this.current!;
    if (chunk.segment) endSegment(chunk);
    chunk.text.push(line);
    chunk.pendingBytes += bytes;
    chunk.rows++;
    chunk.bytes += bytes;
    if (chunk.pendingBytes >= FLUSH_BYTES) await flush(chunk);
  }

  /**
   * Append encoded lines, placing each as `place` would. Returns the chunk id of each line.
   * The buffers are written as they are (not copied) and are free for reuse once this
   * resolves: every line has been handed to the OS by then.
   */
  async appendEncoded(lines: EncodedLines): Promise<string[]> {
    const ids: string[] = new Array(lines.length);
    for (let index = 0; index < lines.length; index++) {
      const bytes = lines.bytes[index];
      if (!this.fits(bytes)) await this.close();
      const chunk = (this.current ??= this.open());
      const data = lines.data[index];
      const start = lines.starts[index];
      if (chunk.segment?.data === data && chunk.segment.end === start) chunk.segment.end += bytes;
      else {
        endSegment(chunk);
        chunk.segment = { data, start, end: start + bytes };
      }
      chunk.rows++;
      chunk.bytes += bytes;
      chunk.pendingBytes += bytes;
      ids[index] = chunk.id;
    }
    if (this.current) await flush(this.current);
    return ids;
  }

  /** Finish the last chunk. Returns every chunk written. */
  async finish(): Promise<ChunkFile[]> {
    await this.close();
    await this.settled;
    return this.chunks;
  }

  /** Remove partial output (after a validation failure). */
  async abort(): Promise<void> {
    await this.current?.writer.abort();
    this.current = undefined;
  }

  private fits(bytes: number): boolean {
    const current = this.current;
    return !current || (current.rows < this.limits.maxRequests && current.bytes + bytes <= this.limits.maxBytes);
  }

  private open(): OpenChunk {
    const id = `${this.prefix}-${String(this.sequence++).padStart(4, "0")}`;
    const path = join(this.dir, `${id}.jsonl`);
    const hash = this.hashFile ? undefined : createHash("sha256");
    return { id, path, writer: new AtomicFileWriter(path), hash, pieces: [], text: [], pendingBytes: 0, rows: 0, bytes: 0 };
  }

  private async close(): Promise<void> {
    const chunk = this.current;
    if (!chunk) return;
    this.current = undefined;
    await flush(chunk);
    await chunk.writer.commit();
    this.committed.push(chunk.path);
    const sha256 = chunk.hash ? Promise.resolve(chunk.hash.digest("hex")) : this.hashFile!(chunk.path);
    sha256.catch(() => {}); // awaited in order below
    const settled = this.settled.then(async () => {
      const file: ChunkFile = { id: chunk.id, path: chunk.path, rows: chunk.rows, bytes: chunk.bytes, sha256: await sha256 };
      this.chunks.push(file);
      await this.onChunk?.(file);
    });
    settled.catch(() => {}); // surfaces in finish()
    this.settled = settled;
    if (chunk.hash) await settled;
  }
}

interface OpenChunk {
  id: string;
  path: string;
  writer: AtomicFileWriter;
  /** Hashed as written, unless another thread hashes the finished file. */
  hash?: Hash;
  /** Written in order at the next flush. */
  pieces: (string | Uint8Array)[];
  /** Lines appended as text since the last piece. */
  text: string[];
  /** Encoded lines being gathered into one piece. */
  segment?: { data: Uint8Array; start: number; end: number };
  pendingBytes: number;
  rows: number;
  bytes: number;
}

/** Close the text run or the encoded segment being gathered into a piece. */
function endSegment(chunk: OpenChunk): void {
  if (chunk.text.length > 0) {
    chunk.pieces.push(chunk.text.join("\n") + "\n");
    chunk.text = [];
  }
  const segment = chunk.segment;
  if (segment) {
    chunk.pieces.push(segment.data.subarray(segment.start, segment.end));
    chunk.segment = undefined;
  }
}

async function flush(chunk: OpenChunk): Promise<void> {
  endSegment(chunk);
  const pieces = chunk.pieces;
  chunk.pieces = [];
  chunk.pendingBytes = 0;
  for (const piece of pieces) {
    chunk.hash?.update(piece);
    if (typeof piece === "string") await chunk.writer.write(piece);
    else await chunk.writer.writeThrough(piece);
  }
}
