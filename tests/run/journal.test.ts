import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Journal } from "../../src/run/journal.js";
import { useTempDirs } from "../support/temp-dir.js";

const tempDir = useTempDirs();

function journalWithItems(keys: string[], chunkId = "chunk-0000") {
  const journal = Journal.open(join(tempDir(), "journal.sqlite"));
  journal.transaction(() => {
    journal.addChunk({ id: chunkId, attempt: 0, path: "x", rows: keys.length, bytes: 1, sha256: "s" });
    keys.forEach((key, index) => journal.addItem(key, key, index + 1, chunkId));
  });
  return journal;
}

describe("journal", () => {
  it("counts results again whenever they may have changed: a write, a rollback, or another connection's commit", async () => {
    const { DatabaseSync } = await import("node:sqlite");
    const journal = journalWithItems(["a", "b", "c"]);
    expect(journal.resultCounts()).toMatchObject({ succeeded: 0, failed: 0 });
    journal.putResult({ key: "a", status: "succeeded", texts: ["ok"], usage: { input_tokens: 3, output_tokens: 4 } }, "chunk-0000");
    expect(journal.resultCounts()).toMatchObject({ succeeded: 1, failed: 0, input_tokens: 3, output_tokens: 4 });
    // Counted inside a transaction that is then rolled back: the row is gone, and so is its count.
    expect(() =>
      journal.transaction(() => {
        journal.putResult({ key: "b", status: "failed", texts: [], error: { code: "x", message: "y" } }, "chunk-0000");
        expect(journal.resultCounts()).toMatchObject({ succeeded: 1, failed: 1 });
        throw new Error("abandoned");
      }),
    ).toThrow("abandoned");
    expect(journal.resultCounts()).toMatchObject({ succeeded: 1, failed: 0 });
    // Another process (a resume, say) stores a result in the same journal.
    const other = new DatabaseSync(journal.path);
    other.exec("INSERT INTO results (item_id, key, status, texts, input_tokens, output_tokens, chunk_id) SELECT id, key, 'expired', '[]', 0, 0, chunk_id FROM items WHERE key = 'c'");
    other.close();
    expect(journal.resultCounts()).toMatchObject({ succeeded: 1, failed: 0, expired: 1 });
    // The counts handed out are copies: changing one changes nothing in the journal.
    journal.resultCounts().succeeded = 99;
    expect(journal.resultCounts().succeeded).toBe(1);
    journal.close();
  });

  it("counts items again whenever they may have changed: an item added, a rollback, or another connection's commit", async () => {
    const { DatabaseSync } = await import("node:sqlite");
    const journal = journalWithItems(["a", "b"]);
    expect(journal.itemCount()).toBe(2);
    journal.addItem("c", "c", 3, "chunk-0000");
    expect(journal.itemCount()).toBe(3);
    expect(() =>
      journal.transaction(() => {
        journal.addItem("d", "d", 4, "chunk-0000");
        expect(journal.itemCount()).toBe(4);
        throw new Error("abandoned");
      }),
    ).toThrow("abandoned");
    expect(journal.itemCount()).toBe(3);
    const other = new DatabaseSync(journal.path);
    other.exec("INSERT INTO items (key, wire_id, row, chunk_id) VALUES ('e', 'e', 5, 'chunk-0000')");
    other.close();
    expect(journal.itemCount()).toBe(4);
    journal.close();
  });

  it("keeps its counts right through single-row writes, as a fresh count of the table gives them", () => {
    const keys = Array.from({ length: 12 }, (_, index) => `k${index}`);
    const journal = journalWithItems(keys);
    const chunks = ["chunk-0000", "retry1-0000", "retry2-0000"];
    const statuses = ["succeeded", "failed", "expired", "cancelled"] as const;
    let seed = 11;
    // A small LCG; its high bits (the low ones of a power-of-two modulus cycle quickly).
    const next = (count: number) => Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * count);
    for (let step = 0; step < 120; step++) {
      // Asked for every few steps, so some writes find counts kept and some do not.
      if (step % 3 === 0) {
        journal.resultCounts();
        journal.chunkResultCounts(chunks[next(3)]);
      }
      const status = statuses[next(4)];
      const key = next(10) === 0 ? "not-an-item" : keys[next(keys.length)];
      journal.putResult(
        { key, status, texts: status === "succeeded" ? ["ok"] : [], usage: { input_tokens: next(50), output_tokens: next(50) }, error: status === "succeeded" ? undefined : { code: "x", message: "y" } },
        chunks[next(3)],
      );
      const fresh = Journal.open(journal.path);
      expect(journal.resultCounts(), `step ${step}`).toEqual(fresh.resultCounts());
      for (const chunk of chunks) expect(journal.chunkResultCounts(chunk), `step ${step} ${chunk}`).toEqual(fresh.chunkResultCounts(chunk));
      fresh.close();
    }
    journal.close();
  });

  it("never lets a later line overwrite a succeeded result", () => {
    const journal = journalWithItems(["a"]);
    journal.putResult({ key: "a", status: "succeeded", texts: ["first"] }, "chunk-0000");
    journal.putResult({ key: "a", status: "failed", texts: [], error: { code: "x", message: "y" } }, "retry1-0000");
    expect(journal.getResult("a")).toMatchObject({ status: "succeeded", texts: ["first"] });
    journal.close();
  });

  it("replaces a failed result with the retry's outcome", () => {
    const journal = journalWithItems(["a"]);
    journal.putResult({ key: "a", status: "failed", texts: [], error: { code: "x", message: "y" } }, "chunk-0000");
    journal.putResult({ key: "a", status: "succeeded", texts: ["ok"] }, "retry1-0000");
    expect(journal.getResult("a")).toMatchObject({ status: "succeeded", texts: ["ok"], chunkId: "retry1-0000" });
    journal.close();
  });

  it("lists the rows of a chunk that got no result from it", () => {
    const journal = journalWithItems(["a", "b", "c"]);
    journal.putResult({ key: "b", status: "succeeded", texts: ["ok"] }, "chunk-0000");
    expect(journal.keysWithoutResultFrom("chunk-0000").sort()).toEqual(["a", "c"]);
    journal.close();
  });

  it("keeps chunk states and remote ids across reopening", () => {
    const path = join(tempDir(), "journal.sqlite");
    const journal = Journal.open(path);
    journal.addChunk({ id: "chunk-0000", attempt: 0, path: "x", rows: 1, bytes: 1, sha256: "s" });
    journal.setChunkState("chunk-0000", "submitting");
    journal.setChunkState("chunk-0000", "submitted", { remote: { id: "batch_1", provider: "openai" } });
    journal.close();
    const reopened = Journal.open(path);
    expect(reopened.chunks()[0]).toMatchObject({ state: "submitted", remote: { id: "batch_1" } });
    reopened.close();
  });

  it("refuses a damaged journal file with a message that says what to do", async () => {
    const { writeFileSync } = await import("node:fs");
    const path = join(tempDir(), "journal.sqlite");
    writeFileSync(path, "this is not a database, just text that is long enough to be read as a header".repeat(20));
    expect(() => Journal.open(path)).toThrow(/cannot be opened.*damaged/);
  });

  it("loads many items at once and builds the key index at the end, refusing a repeated key there", () => {
    const journal = Journal.open(join(tempDir(), "journal.sqlite"));
    journal.begin();
    journal.startItemLoad();
    const keys = Array.from({ length: 300 }, (_, index) => `k${index}`);
    journal.addItems({ keys, wireIds: keys, rows: keys.map((_, index) => index + 1), chunkIds: keys.map((_, index) => (index < 150 ? "c0" : "c1")) });
    journal.finishItemLoad();
    journal.commit();
    expect(journal.itemCount()).toBe(300);
    expect(journal.keyForWireId("k10", "c0")).toBe("k10");
    expect(journal.keyForWireId("k10", "c1")).toBeUndefined();
    expect(journal.chunkItems("c1").size).toBe(150);
    journal.close();
    const fresh = Journal.open(join(tempDir(), "journal.sqlite"));
    fresh.begin();
    fresh.startItemLoad();
    fresh.addItems({ keys: ["x", "y", "x"], wireIds: ["x", "y", "x"], rows: [1, 2, 3], chunkIds: ["c0", "c0", "c0"] });
    expect(() => fresh.finishItemLoad()).toThrow(/UNIQUE/);
    fresh.rollback();
    expect(fresh.itemCount()).toBe(0);
    fresh.addItem("x", "x", 1, "c0");
    expect(() => fresh.addItem("x", "x", 2, "c0")).toThrow(/UNIQUE/); // the index is back
    fresh.close();
  });

  it("stores results in batches with the same rule as one at a time: a success is never replaced", () => {
    const journal = journalWithItems(["a", "b"]);
    const items = journal.chunkItems("chunk-0000");
    const row = (key: string, status: "succeeded" | "failed", text: string) => ({ key, status, text });
    const lines = [row("a", "failed", "x"), row("a", "succeeded", "first"), row("a", "failed", "late"), row("b", "failed", "y")];
    journal.transaction(() =>
      journal.putResults(
        {
          itemIds: lines.map((line) => items.get(line.key)!.id),
          keys: lines.map((line) => line.key),
          statuses: lines.map((line) => line.status),
          texts: lines.map((line) => JSON.stringify([line.text])),
          inputTokens: lines.map(() => 1),
          outputTokens: lines.map(() => 2),
          errorCodes: lines.map(() => null),
          errorMessages: lines.map(() => null),
        },
        "chunk-0000",
      ),
    );
    expect(journal.getResult("a")).toMatchObject({ status: "succeeded", texts: ["first"] });
    expect(journal.getResult("b")).toMatchObject({ status: "failed", texts: ["y"] });
    expect(journal.resultCountOf("chunk-0000")).toBe(2);
    expect(journal.chunkResultCounts("chunk-0000")).toEqual({ total: 2, succeeded: 1 });
    journal.close();
  });

  it("finds a moved item under its new chunk, not its old one", () => {
    const journal = journalWithItems(["a", "b"]);
    expect(journal.keyForWireId("a", "chunk-0000")).toBe("a");
    journal.transaction(() => journal.moveItemToChunk("a", "retry1-0000"));
    expect(journal.keyForWireId("a", "chunk-0000")).toBeUndefined();
    expect(journal.keyForWireId("a", "retry1-0000")).toBe("a");
    journal.close();
  });
});
