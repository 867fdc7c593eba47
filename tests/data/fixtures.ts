import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import type { InputProblem } from "../../src/errors.js";
import { readDataset, type DatasetRow } from "../../src/data/read-dataset.js";

/** A temp folder for this test file, removed after its tests. */
export function tempFolder(): { write(name: string, content: string | Buffer): Promise<string> } {
  let folder: Promise<string> | undefined;
  afterAll(async () => {
    if (folder) await rm(await folder, { recursive: true, force: true });
  });
  return {
    async write(name, content) {
      folder ??= mkdtemp(join(tmpdir(), "batchlab-data-"));
      const path = join(await folder, name);
      await writeFile(path, content);
      return path;
    },
  };
}

/** Read a whole dataset, collecting its rows and problems. */
export async function readAll(file: string): Promise<{ rows: DatasetRow[]; problems: InputProblem[] }> {
  const rows: DatasetRow[] = [];
  const problems: InputProblem[] = [];
  for await (const row of readDataset(file, (problem) => problems.push(problem))) rows.push(row);
  return { rows, problems };
}
