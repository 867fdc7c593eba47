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
 * Streams encoded lines into chunk files, starting a new file before a limit would be
 * crossed. Lines are buffered into ~1 MiB writes; each file is hashed as it is written and
 * appears under its final name only when complete.
 */
export class ChunkWriter {
  private current?: OpenChunk;
  private sequence = 0;
  readonly chunks: ChunkFile[] = [];

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly limits: ChunkLimits,
    private readonly onChunk?: (chunk: ChunkFile) => void | Promise<void>,
  ) {}

  /** The id of the chunk the next line of `bytes` bytes will go to. */
  async place(bytes: number): Promise<string> {
    const current = this.current;
    if (current && (current.rows >= this.limits.maxRequests || current.bytes + bytes > this.limits.maxBytes)) {
      await this.close();
    }
    if (!this.current) this.current = this.open();
    return this.current.id;
  }

  /** Append one line (without newline) to the chunk chosen by `place`. */
  async append(line: string, bytes: number): Promise<void> {
    const chunk = this.current!;
    chunk.buffer.push(line);
    chunk.bufferBytes += bytes;
    chunk.rows++;
    chunk.bytes += bytes;
    if (chunk.bufferBytes >= FLUSH_BYTES) await flush(chunk);
  }

  /** Finish the last chunk. Returns every chunk written. */
  async finish(): Promise<ChunkFile[]> {
    await this.close();
    return this.chunks;
  }

  /** Remove partial output (after a validation failure). */
  async abort(): Promise<void> {
    await this.current?.writer.abort();
    this.current = undefined;
  }

  private open(): OpenChunk {
    const id = `${this.prefix}-${String(this.sequence++).padStart(4, "0")}`;
    const path = join(this.dir, `${id}.jsonl`);
    return { id, path, writer: new AtomicFileWriter(path), hash: createHash("sha256"), buffer: [], bufferBytes: 0, rows: 0, bytes: 0 };
  }

  private async close(): Promise<void> {
    const chunk = this.current;
    if (!chunk) return;
    this.current = undefined;
    await flush(chunk);
    await chunk.writer.commit();
    const file: ChunkFile = { id: chunk.id, path: chunk.path, rows: chunk.rows, bytes: chunk.bytes, sha256: chunk.hash.digest("hex") };
    this.chunks.push(file);
    await this.onChunk?.(file);
  }
}

interface OpenChunk {
  id: string;
  path: string;
  writer: AtomicFileWriter;
  hash: Hash;
  buffer: string[];
  bufferBytes: number;
  rows: number;
  bytes: number;
}

async function flush(chunk: OpenChunk): Promise<void> {
  if (chunk.buffer.length === 0) return;
  const text = chunk.buffer.join("\n") + "\n";
  chunk.buffer = [];
  chunk.bufferBytes = 0;
  chunk.hash.update(text);
  await chunk.writer.write(text);
}
