import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../src/emulator/index.js";
import { Journal } from "../../src/run/journal.js";
import { submitChunks } from "../../src/run/submit-chunks.js";
import { TERMINAL_STATES, type BatchProvider, type ChunkFile, type ItemResult, type RemoteBatch, type Request } from "../../src/types.js";

/** How a provider under test is made: against an emulator it starts (port 0). */
export interface ProviderFixture {
  emulator: EmulatorHandle;
  provider: BatchProvider;
  model: string;
  /** Emulator faults that make some rows fail inside a batch (default "partial:0.3"). */
  partialFaults?: string;
  /** Whether `list` shows the run tag (false where batches carry no metadata). */
  listsTags?: boolean;
  /** The path of the batch-create call, for a scripted lost response (`*` matches anything). */
  createPath: string;
}

/**
 * The one contract every batch provider passes, in the style of unstorage's driver tests:
 * the same sentences, run against each provider talking to the emulator over real HTTP.
 */
export function testProvider(name: string, setup: () => Promise<ProviderFixture>): void {
  describe(`${name} provider contract`, () => {
    let fixture: ProviderFixture;
    let dir: string;
    beforeAll(async () => {
      fixture = await setup();
      dir = mkdtempSync(join(tmpdir(), `batchlab-contract-${name}-`));
    });
    afterAll(async () => {
      await fixture?.emulator.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const chunk = (id: string, keys: string[]): ChunkFile => {
      const provider = fixture.provider;
      const lines = keys.map((key) => provider.encode(request(key, fixture.model), provider.wireId(key)));
      const text = lines.join("\n") + "\n";
      const path = join(dir, `${id}.jsonl`);
      writeFileSync(path, text);
      return { id, path, rows: keys.length, bytes: Buffer.byteLength(text), sha256: createHash("sha256").update(text).digest("hex"), model: fixture.model };
    };
    const keys = (count: number, prefix = "row") => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

    it("runs a batch to the end and returns one result per row, keyed by wire id", async () => {
      const rows = keys(12);
      const remote = await fixture.provider.submit(chunk("c-basic", rows), { runId: "contract", chunkId: "c-basic" });
      const status = await waitForEnd(fixture, remote);
      expect(status.state).toBe("succeeded");
      const results = await collect(fixture.provider, remote, dir);
      expect(results.map((result) => result.key).sort()).toEqual(rows.map((key) => fixture.provider.wireId(key)).sort());
      for (const result of results) {
        expect(result.status).toBe("succeeded");
        expect(result.texts[0]).toContain(`question ${result.key}`);
        expect(result.usage?.input_tokens).toBeGreaterThan(0);
      }
    });

    it("finds the batch a chunk made by its tag, and nothing for another tag", async () => {
      const tag = { runId: "contract-find", chunkId: "c-find", rows: 3, since: Date.now() };
      const remote = await fixture.provider.submit(chunk("c-find", keys(3, "find")), tag);
      expect((await fixture.provider.find(tag))?.id).toBe(remote.id);
      expect(await fixture.provider.find({ runId: "contract-find", chunkId: "other", rows: 99, since: Date.now() + 3_600_000 })).toBeUndefined();
    });

    it("lists recent batches", async () => {
      const listed = await fixture.provider.list(50);
      expect(listed.length).toBeGreaterThan(0);
      if (fixture.listsTags !== false) expect(listed.some((batch) => batch.tag?.runId === "contract-find")).toBe(true);
    });

    it("marks rows that failed inside a batch as failed with their error, the rest succeeded", async () => {
      fixture.emulator.setFaults(fixture.partialFaults ?? "partial:0.3");
      try {
        const rows = keys(30, "partial");
        const remote = await fixture.provider.submit(chunk("c-partial", rows), { runId: "contract", chunkId: "c-partial" });
        await waitForEnd(fixture, remote);
        const results = await collect(fixture.provider, remote, dir);
        expect(new Set(results.map((result) => result.key)).size).toBe(30);
        const failed = results.filter((result) => result.status === "failed");
        expect(failed.length).toBeGreaterThan(0);
        expect(failed.length).toBeLessThan(30);
        for (const result of failed) expect(result.error?.message).toBeTruthy();
      } finally {
        fixture.emulator.setFaults("");
      }
    });

    it("cancels a running batch, which ends cancelled", async () => {
      const remote = await fixture.provider.submit(chunk("c-cancel", keys(5, "cancel")), { runId: "contract", chunkId: "c-cancel" });
      await fixture.provider.cancel(remote);
      const status = await waitForEnd(fixture, remote);
      expect(["cancelled", "partial", "succeeded"]).toContain(status.state);
      const results = await collect(fixture.provider, remote, dir);
      for (const result of results) expect(["succeeded", "cancelled", "failed"]).toContain(result.status);
    });

    it("creates one batch although the create's response was lost, and records it", async () => {
      const journal = Journal.open(join(dir, `journal-${Date.now()}.sqlite`));
      const file = chunk("c-lost", keys(4, "lost"));
      journal.addChunk({ ...file, attempt: 0 });
      const before = (await fixture.provider.list(100)).length;
      fixture.emulator.setFaults(JSON.stringify({ script: [{ method: "POST", path: fixture.createPath, fault: "drop_after", times: 1 }] }));
      try {
        await submitChunks({ journal, provider: fixture.provider, runId: "contract-lost", model: fixture.model });
      } finally {
        fixture.emulator.setFaults("");
      }
      const recorded = journal.chunks()[0];
      expect(recorded.state).toBe("submitted");
      expect((await fixture.provider.list(100)).length).toBe(before + 1);
      journal.close();
    });
  });
}

function request(key: string, model: string): Request {
  return { key, model, system: "Be brief.", parts: [{ type: "text", text: `Answer question ${key}` }], params: { max_tokens: 50 } };
}

async function waitForEnd(fixture: ProviderFixture, remote: RemoteBatch) {
  for (let poll = 0; poll < 200; poll++) {
    const status = await fixture.provider.status(remote);
    if (TERMINAL_STATES.has(status.state)) return status;
    fixture.emulator.advanceClock(1_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`batch ${remote.id} did not end`);
}

async function collect(provider: BatchProvider, remote: RemoteBatch, dir: string): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  const rawDir = mkdtempSync(join(dir, "raw-"));
  for await (const result of provider.results(remote, rawDir)) results.push(result);
  return results;
}
