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
});
