/**
 * Notebook 03 (benchmark evaluation) executed under tslab, exported with
 * `jupyter nbconvert --to html`, and opened in headless Chromium with the network cut off:
 * every chart draws, nothing but nbconvert's own template assets is fetched, the console
 * stays clean, and a full-page screenshot is saved to tests/.tmp/notebook-03-screenshot.png
 * for a person to look at. It also checks what the notebook promises to write (metrics.json,
 * the scored CSV, report.html) and that the simulated models say they are simulated.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { chartsDrawn } from "../report/offline-chromium.js";
import { cellText, describeFailures, executeNotebook, failedCells, type ExecutedNotebook } from "./execute-notebook.js";
import { assertBuilt, ensurePackageLink, prepareJupyter, projectRoot, tmpRoot } from "./jupyter-env.js";
import { useExportedPage } from "./export-html.js";

const NOTEBOOK = "notebooks/03-benchmark-eval.ipynb";
const workDir = path.join(tmpRoot, "notebook-03");
const screenshot = path.join(tmpRoot, "notebook-03-screenshot.png");
/** The charts the notebook shows: overall, by category, paired difference, confusion matrix. */
const CHART_COUNT = 4;
/** Assets nbconvert's own HTML template may ask for (MathJax, require.js); never Plotly. */
const TEMPLATE_HOSTS = ["cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com"];

describe.skipIf(process.env.BATCHLAB_SKIP_NOTEBOOKS === "1")("notebook 03 (benchmark evaluation)", () => {
  let executed: ExecutedNotebook;
  let env: NodeJS.ProcessEnv;
  let allText = "";

  beforeAll(async () => {
    assertBuilt();
    ensurePackageLink();
    env = await prepareJupyter();
    executed = await executeNotebook(NOTEBOOK, { outputDir: path.join(workDir, "executed"), env });
    if (executed.exitCode !== 0) throw new Error(`nbconvert failed on ${NOTEBOOK}:\n${executed.log}`);
    const failed = failedCells(executed.cells);
    if (failed.length > 0) throw new Error(describeFailures(NOTEBOOK, failed));
    allText = executed.cells.map(cellText).join("\n");
  }, 300_000);

  it("says in its output that the two models are simulated, with their set accuracies", () => {
    expect(allText).toContain("SIMULATED models sim-small and sim-large");
    expect(allText).toContain("[simulated sim-large: an emulator oracle right 85% of the time]");
    expect(allText).toContain("sim-small is simulated with its accuracy set to 55.0%: inside its interval");
    expect(allText).toContain("sim-large is simulated with its accuracy set to 85.0%: inside its interval");
  });

  it("reports the paired difference with its interval and McNemar's p", () => {
    expect(allText).toMatch(/sim-large − sim-small on 200 questions: \+\d+\.\d points \(95% interval \+\d+\.\d to \+\d+\.\d\), McNemar p = /);
  });

  it("writes metrics.json for both runs, the scored-records CSV and report.html at the paths it prints", () => {
    const printed = [...streamText(executed).matchAll(/(?:metrics|answers of both models|Report for sim-large): (\S+)/g)].map((match) => match[1]);
    expect(printed).toHaveLength(4);
    const files = printed.map((file) => path.resolve(projectRoot, "notebooks", file));
    for (const file of files) expect(existsSync(file), file).toBe(true);
    const metrics = JSON.parse(readFileSync(files[0], "utf8")) as { task: string; model: string; bootstrap: { seed: number } };
    expect(metrics).toMatchObject({ task: "mcq", model: "sim-small", bootstrap: { seed: 42 } });
    const csv = readFileSync(files[2], "utf8").trim().split("\n");
    expect(csv).toHaveLength(1 + 2 * 200);
    expect(csv[0]).toMatch(/^label,key,row,status,outcome,category,answer,expected,correct,/);
    expect(readFileSync(files[3], "utf8")).toContain("Simulated model: sim-large is an emulator oracle");
  });

  describe("its HTML export, offline in Chromium", () => {
    // A missing Chromium fails each test here with the install hint, never skips them.
    const page = useExportedPage(() => ({ notebook: executed.outputPath, outputDir: path.join(workDir, "html"), env }));

    it("draws every chart as Plotly SVG", async () => {
      const charts = await chartsDrawn(page().page);
      expect(charts).toHaveLength(CHART_COUNT);
      expect(charts.filter((chart) => !chart.drawn)).toEqual([]);
    });

    it("fetches nothing for the charts and logs no errors beyond the blocked template assets", async () => {
      await chartsDrawn(page().page);
      const unexpected = page().blocked.filter((url) => !TEMPLATE_HOSTS.includes(new URL(url).hostname));
      expect(unexpected).toEqual([]);
      // Blocked template assets log "Failed to load resource"; anything else is a real error.
      expect(page().errors.filter((error) => !error.includes("Failed to load resource"))).toEqual([]);
    });

    it("shows the tables as HTML, with the failures table listing question, expected and answer", async () => {
      const { page: browserPage } = page();
      const headers = await browserPage.$$eval("table.batchlab-table th", (cells) => cells.map((cell) => cell.textContent));
      expect(headers).toEqual(expect.arrayContaining(["question", "expected", "answer", "95% interval", "McNemar p"]));
    });

    it("saves a full-page screenshot", async () => {
      await chartsDrawn(page().page);
      await page().page.screenshot({ path: screenshot, fullPage: true });
      expect(statSync(screenshot).size).toBeGreaterThan(100_000);
    });
  });
});

/** What the cells printed (stream output only, not the HTML of tables and charts). */
function streamText(notebook: ExecutedNotebook): string {
  return notebook.cells
    .flatMap((cell) => cell.outputs)
    .filter((output) => output.output_type === "stream")
    .map((output) => (Array.isArray(output.text) ? output.text.join("") : (output.text ?? "")))
    .join("");
}

/** `jupyter nbconvert --to html` of the executed notebook; resolves to the HTML file. */
