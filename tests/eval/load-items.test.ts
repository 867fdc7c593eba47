import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { loadDatasetItems } from "../../src/eval/load-items.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "batchlab-eval-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("loading a task's dataset", () => {
  it("keys rows by the key field, as strings", async () => {
    const file = join(folder, "ok.jsonl");
    await writeFile(file, '{"id": 7, "q": "a"}\n{"id": "x", "q": "b"}\n');
    const items = await loadDatasetItems({ file, key: "id" });
    expect(items).toEqual([
      { key: "7", row: 1, fields: { id: 7, q: "a" } },
      { key: "x", row: 2, fields: { id: "x", q: "b" } },
    ]);
  });

  it("keys rows by a content hash when no key field is named", async () => {
    const file = join(folder, "hash.jsonl");
    await writeFile(file, '{"q": "a"}\n');
    const [item] = await loadDatasetItems({ file });
    expect(item.key).toMatch(/^[0-9a-f]{16}$/);
  });

  it("reports every missing and duplicate key at once, by file, row and field", async () => {
    const file = join(folder, "bad.jsonl");
    await writeFile(file, '{"id": "a"}\n{"q": "no id"}\n{"id": "a"}\nnot json\n');
    const error = await loadDatasetItems({ file, key: "id" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems;
    expect(problems.map(({ row, field }) => [row, field])).toEqual([
      [2, "id"],
      [3, "id"],
      [4, undefined],
    ]);
    expect(problems[1].message).toBe('key "a" is already used by row 1 — keys must be unique');
  });
});
