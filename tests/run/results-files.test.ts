import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Journal } from "../../src/run/journal.js";
import { writeResultFiles } from "../../src/run/results-files.js";
import { useTempDirs } from "../support/temp-dir.js";

const tempDir = useTempDirs();

/** A dataset of `ids` (rows 1..n), and a journal whose items were added in `itemOrder` (rows), each answered with its id. */
async function written(ids: string[], itemOrder: number[], answered = ids) {
  const dir = tempDir();
  const inputFile = join(dir, "input.jsonl");
  writeFileSync(inputFile, ids.map((id) => JSON.stringify({ prompt_id: id, prompt: `question ${id}` })).join("\n") + "\n");
  const journal = Journal.open(join(dir, "journal.sqlite"));
  journal.transaction(() => {
    journal.addChunk({ id: "chunk-0000", attempt: 0, path: "x", rows: ids.length, bytes: 1, sha256: "s" });
    for (const row of itemOrder) journal.addItem(ids[row - 1], ids[row - 1], row, "chunk-0000");
  });
  for (const id of answered) journal.putResult({ key: id, status: "succeeded", texts: [`answer ${id}`] }, "chunk-0000");
  const paths = { jsonlPath: join(dir, "results.jsonl"), csvPath: join(dir, "results.csv") };
  const counts = await writeResultFiles({ journal, inputFile, dataKey: "prompt_id", choices: 1, ...paths });
  journal.close();
  const rows = readFileSync(paths.jsonlPath, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { key: string; row: number; text: string });
  return { counts, rows, csv: readFileSync(paths.csvPath, "utf8").trim().split("\n") };
}

describe("results files", () => {
  it("join every row to its own result, in input order, whatever order the items were stored in", async () => {
    const ids = ["a", "b", "c", "d", "e", "f"];
    for (const order of [[1, 2, 3, 4, 5, 6], [3, 1, 2, 6, 4, 5], [6, 5, 4, 3, 2, 1], [1, 2, 4, 3, 5, 6]]) {
      const { rows, csv } = await written(ids, order);
      expect(rows.map((row) => [row.row, row.key, row.text]), order.join()).toEqual(ids.map((id, index) => [index + 1, id, `answer ${id}`]));
      expect(csv).toHaveLength(ids.length + 1);
    }
  });

  it("never take a result by row number alone: a journal whose rows name other keys is joined by key", async () => {
    const dir = tempDir();
    const inputFile = join(dir, "input.jsonl");
    writeFileSync(inputFile, ["a", "b", "c"].map((id) => JSON.stringify({ prompt_id: id, prompt: `question ${id}` })).join("\n") + "\n");
    const journal = Journal.open(join(dir, "journal.sqlite"));
    journal.transaction(() => {
      journal.addChunk({ id: "chunk-0000", attempt: 0, path: "x", rows: 3, bytes: 1, sha256: "s" });
      // Rows 1 and 2 recorded against each other's keys.
      journal.addItem("b", "b", 1, "chunk-0000");
      journal.addItem("a", "a", 2, "chunk-0000");
      journal.addItem("c", "c", 3, "chunk-0000");
    });
    for (const id of ["a", "b", "c"]) journal.putResult({ key: id, status: "succeeded", texts: [`answer ${id}`] }, "chunk-0000");
    const jsonlPath = join(dir, "results.jsonl");
    await writeResultFiles({ journal, inputFile, dataKey: "prompt_id", choices: 1, jsonlPath, csvPath: join(dir, "results.csv") });
    journal.close();
    const rows = readFileSync(jsonlPath, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { key: string; text: string });
    expect(rows.map((row) => [row.key, row.text])).toEqual([["a", "answer a"], ["b", "answer b"], ["c", "answer c"]]);
  });

  it("leave out rows with no item or no result, and keep the rest in order", async () => {
    // Row 2 was never an item; row 4 has no result.
    const { counts, rows } = await written(["a", "b", "c", "d", "e"], [1, 3, 4, 5], ["a", "c", "e"]);
    expect(rows.map((row) => row.key)).toEqual(["a", "c", "e"]);
    expect(counts.rows).toBe(3);
  });
});
