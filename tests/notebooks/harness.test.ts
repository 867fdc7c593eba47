/**
 * The notebook harness itself: a cell that fails is reported with its source and error
 * output, and the cells tslab aborts after it are reported too.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describeFailures, executeNotebook, failedCells } from "./execute-notebook.js";
import { prepareJupyter, tmpRoot } from "./jupyter-env.js";
import { writeScratchNotebook } from "./scratch-notebook.js";

const scratchDir = path.join(tmpRoot, "notebook-scratch");

describe.skipIf(process.env.BATCHLAB_SKIP_NOTEBOOKS === "1")("notebook harness", () => {
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = await prepareJupyter();
  });

  it("reports a cell that throws, with its source and error text, and the aborted cells after it", { timeout: 120_000 }, async () => {
    const notebook = writeScratchNotebook(path.join(scratchDir, "harness-failing.ipynb"), [
      "const answer: number = 6 * 7;\nanswer",
      'throw new Error("boom from cell two");',
      "answer + 1",
    ]);
    const executed = await executeNotebook(notebook, { outputDir: path.join(scratchDir, "out"), env });

    expect(executed.exitCode, executed.log).toBe(0);
    expect(executed.cells.map((cell) => cell.status)).toEqual(["ok", "error", "abort"]);
    const failed = failedCells(executed.cells);
    expect(failed.map((cell) => cell.index)).toEqual([1, 2]);
    const report = describeFailures("harness-failing.ipynb", failed);
    expect(report).toContain('cell 2 ended with status "error"');
    expect(report).toContain('throw new Error("boom from cell two");');
    expect(report).toContain("Error: boom from cell two");
  });

  it("reports a TypeScript compile error in a cell as a failure", { timeout: 120_000 }, async () => {
    const notebook = writeScratchNotebook(path.join(scratchDir, "harness-type-error.ipynb"), [
      'const count: number = "not a number";',
    ]);
    const executed = await executeNotebook(notebook, { outputDir: path.join(scratchDir, "out"), env });

    const failed = failedCells(executed.cells);
    expect(failed).toHaveLength(1);
    expect(describeFailures("harness-type-error.ipynb", failed)).toContain("is not assignable to type 'number'");
  });

  it("passes a notebook whose cells all run cleanly and keeps their output", { timeout: 120_000 }, async () => {
    const notebook = writeScratchNotebook(path.join(scratchDir, "harness-clean.ipynb"), [
      "const words = ['batch', 'lab'];",
      "await new Promise((resolve) => setTimeout(resolve, 50));\nconsole.log(words.join(''));",
    ]);
    const executed = await executeNotebook(notebook, { outputDir: path.join(scratchDir, "out"), env });

    expect(failedCells(executed.cells)).toEqual([]);
    expect(executed.cells[1].outputs.map((output) => output.text).join("")).toContain("batchlab");
  });
});
