/**
 * Every notebook in notebooks/ runs top to bottom under the tslab kernel, against the
 * built package (dist/) and the in-process emulator (provider keys are removed from the
 * environment unless BATCHLAB_NOTEBOOKS_REAL_API=1).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describeFailures, executeNotebook, failedCells } from "./execute-notebook.js";
import { assertBuilt, ensurePackageLink, prepareJupyter, projectRoot, tmpRoot } from "./jupyter-env.js";

const notebooks = readdirSync(path.join(projectRoot, "notebooks"))
  .filter((name) => name.endsWith(".ipynb"))
  .sort();

describe.skipIf(process.env.BATCHLAB_SKIP_NOTEBOOKS === "1")("notebooks", () => {
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    assertBuilt();
    ensurePackageLink();
    env = await prepareJupyter();
  });

  it("has at least one notebook to run", () => {
    expect(notebooks.length).toBeGreaterThan(0);
  });

  for (const name of notebooks) {
    it(`notebook ${name} runs top to bottom under tslab`, { timeout: 15 * 60_000 }, async () => {
      const executed = await executeNotebook(path.join("notebooks", name), {
        outputDir: path.join(tmpRoot, "notebooks"),
        env,
      });
      if (executed.exitCode !== 0) throw new Error(`nbconvert failed on ${name}:\n${executed.log}`);
      expect(executed.cells.length).toBeGreaterThan(0);
      const failed = failedCells(executed.cells);
      if (failed.length > 0) throw new Error(describeFailures(name, failed));
      expect(failed).toEqual([]);
    });
  }
});
