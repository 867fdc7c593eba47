import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRun } from "../../src/run/create-run.js";
import { closeRun, openRun } from "../../src/run/open-run.js";
import { writeRunRecord } from "../../src/run/run-record.js";
import { useTempDirs } from "../support/temp-dir.js";

const tempDir = useTempDirs();

async function prepared(dir: string, runDir: string, prompt: string) {
  const dataset = join(dir, `${prompt}.jsonl`);
  writeFileSync(dataset, Array.from({ length: 12 }, (_, index) => JSON.stringify({ prompt_id: `p${index}`, prompt: `${prompt} ${index}` })).join("\n"));
  const run = await createRun({ dataset, runDir, runId: "r", maxRequests: 5 });
  closeRun(run);
}

/** Every file the run reads (its dataset copy and chunk files), as opened from `runDir`. */
function filesOf(runDir: string): string[] {
  const run = openRun("r", runDir);
  try {
    writeRunRecord(run.journal, run.record); // as finalize, retry and a new budget do
    return [run.record.dataset.inputFile, ...run.journal.chunks().map((chunk) => chunk.path)];
  } finally {
    closeRun(run);
  }
}

describe("opening a run", () => {
  it("reads its files where its folder is now, however often it was moved and its record saved", async () => {
    const dir = tempDir();
    await prepared(dir, join(dir, "a"), "question");
    for (const next of ["b", "c"]) {
      mkdirSync(join(dir, next));
      renameSync(join(dir, next === "b" ? "a" : "b", "r"), join(dir, next, "r"));
      const files = filesOf(join(dir, next));
      expect(files).toHaveLength(4);
      for (const file of files) {
        expect(file.startsWith(join(dir, next, "r"))).toBe(true);
        expect(existsSync(file)).toBe(true);
      }
    }
  });

  it("never reads another run's files from the place it was moved away from", async () => {
    const dir = tempDir();
    await prepared(dir, join(dir, "a"), "question");
    mkdirSync(join(dir, "b"));
    renameSync(join(dir, "a", "r"), join(dir, "b", "r"));
    // A new run with the same id where the first one was.
    await prepared(dir, join(dir, "a"), "other");
    for (const file of filesOf(join(dir, "b"))) {
      expect(file.startsWith(join(dir, "b", "r"))).toBe(true);
      expect(readFileSync(file, "utf8")).not.toContain("other");
    }
  });
});
