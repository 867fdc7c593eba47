/**
 * `batchlab/notebook` inside a real tslab kernel: the progress display is one output that
 * is updated in place, tables are escaped HTML, and results load into a Danfo frame.
 * Uses the built package (dist/), like the tutorial notebooks.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cellText, describeFailures, executeNotebook, failedCells, type ExecutedNotebook } from "./execute-notebook.js";
import { assertBuilt, ensurePackageLink, prepareJupyter, tmpRoot } from "./jupyter-env.js";
import { writeScratchNotebook } from "./scratch-notebook.js";

const scratchDir = path.join(tmpRoot, "notebook-scratch");

const cells = [
  'import { notebookProgress, resultsFrame, showTable, type ResultRow } from "batchlab/notebook";',
  `const progress = notebookProgress({ displayIntervalMs: 20 });
for (let step = 0; step <= 20; step++) {
  progress.update({
    runId: "run-1", phase: "waiting", total: 40, done: step * 2, failed: step === 20 ? 3 : 0, elapsedMs: step * 1000,
    chunks: [
      { id: "chunk-0", state: step < 20 ? "running" : "succeeded", remoteId: "batch_abc", rows: 20, done: step, failed: 0 },
      { id: "chunk-1", state: step < 20 ? "pending" : "partial", rows: 20, done: step, failed: step === 20 ? 3 : 0 },
    ],
  });
  await new Promise((resolve) => setTimeout(resolve, 30));
}
progress.done({ runId: "run-1", total: 40, succeeded: 37, failed: 3, wallMs: 20000 });`,
  `const rows: ResultRow[] = [
  { key: "q1", row: 1, status: "succeeded", text: "<script>alert('x')</script>", input_tokens: 12, output_tokens: 5, error: null, fields: { question: "What is 2+2?", status: "draft" } },
  { key: "q2", row: 2, status: "failed", text: null, input_tokens: 0, output_tokens: 0, error: { code: "rate_limit", message: "429 & retry" }, fields: { question: "Capital of France?" } },
];
showTable(rows);`,
  "const frame = resultsFrame(rows);\nconsole.log(frame.shape.join('x'), frame.columns.join(','));",
];

describe.skipIf(process.env.BATCHLAB_SKIP_NOTEBOOKS === "1")("batchlab/notebook under tslab", () => {
  let executed: ExecutedNotebook;

  beforeAll(async () => {
    assertBuilt(["dist/notebook/index.js"]);
    ensurePackageLink();
    const env = await prepareJupyter();
    const notebook = writeScratchNotebook(path.join(scratchDir, "notebook-display.ipynb"), cells);
    executed = await executeNotebook(notebook, { outputDir: path.join(scratchDir, "out"), env });
    if (executed.exitCode !== 0) throw new Error(`nbconvert failed:\n${executed.log}`);
    const failed = failedCells(executed.cells);
    if (failed.length > 0) throw new Error(describeFailures("notebook-display.ipynb", failed));
  }, 180_000);

  it("shows run progress as one display that ends in its final state", () => {
    const outputs = executed.cells[1].outputs;
    // 21 updates and a done(): still one output, because later ones replace it by display id.
    expect(outputs).toHaveLength(1);
    expect(outputs[0].output_type).toBe("display_data");
    const html = cellText(executed.cells[1]);
    expect(html).toContain("run run-1 done: 40/40 done, 3 failed");
    expect(html).toContain("succeeded: <b>37</b>");
    expect(html).toContain("<td>batch_abc</td>");
  });

  it("shows result rows as an HTML table with every value escaped", () => {
    const html = cellText(executed.cells[2]);
    expect(html).toContain("<table");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("429 &amp; retry");
    expect(html).toContain("<th>field_status</th>");
  });

  it("loads result rows into a Danfo DataFrame inside the kernel", () => {
    expect(cellText(executed.cells[3])).toContain(
      "2x9 key,status,text,input_tokens,output_tokens,error_code,error_message,question,field_status",
    );
  });
});
