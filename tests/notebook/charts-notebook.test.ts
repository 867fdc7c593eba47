/**
 * Charts inside a real tslab kernel: `showChart` sends one output per chart carrying both the
 * Plotly MIME type and the HTML fallback, Plotly's source goes into the notebook once, and
 * the notebook's nbconvert HTML export draws every chart in Chromium with no network.
 * Uses the built package (dist/), like the tutorial notebooks.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describeFailures, executeNotebook, failedCells, type CellOutput, type ExecutedNotebook } from "../notebooks/execute-notebook.js";
import { assertBuilt, ensurePackageLink, prepareJupyter, projectRoot, tmpRoot } from "../notebooks/jupyter-env.js";
import { writeScratchNotebook } from "../notebooks/scratch-notebook.js";
import { chartsDrawn } from "../report/offline-chromium.js";
import { useExportedPage } from "../notebooks/export-html.js";

const scratchDir = path.join(tmpRoot, "charts-notebook");
const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const LOADER_MARKER = "batchlab: plotly.js";
/** Assets nbconvert's own HTML template may ask for (MathJax, require.js); never Plotly. */
const TEMPLATE_HOSTS = ["cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com"];

const cells = [
  'import { accuracyByCategoryChart, confusionMatrixChart, showChart, statusChart } from "batchlab/notebook";',
  `showChart(accuracyByCategoryChart([
  { group: "geography", value: 0.9, low: 0.78, high: 0.97, n: 40 },
  { group: "history", value: 0.8, low: 0.66, high: 0.9, n: 40 },
  { group: "math", value: 0.85, low: 0.72, high: 0.94, n: 40 },
]));`,
  `showChart(statusChart({ label: "run-1", succeeded: 37, failed: 2, expired: 1, cancelled: 0 }));
showChart(confusionMatrixChart({ expected: ["A", "B"], predicted: ["A", "B", "unparseable"], counts: [[9, 1, 0], [2, 7, 1]] }));`,
];

describe.skipIf(process.env.BATCHLAB_SKIP_NOTEBOOKS === "1")("charts under tslab", () => {
  let executed: ExecutedNotebook;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    assertBuilt(["dist/notebook/index.js"]);
    ensurePackageLink();
    env = await prepareJupyter();
    const notebook = writeScratchNotebook(path.join(scratchDir, "charts.ipynb"), cells);
    executed = await executeNotebook(notebook, { outputDir: path.join(scratchDir, "out"), env });
    if (executed.exitCode !== 0) throw new Error(`nbconvert failed:\n${executed.log}`);
    const failed = failedCells(executed.cells);
    if (failed.length > 0) throw new Error(describeFailures("charts.ipynb", failed));
  }, 240_000);

  it("shows each chart as one output with the Plotly MIME type and the HTML fallback", () => {
    const outputs = [...executed.cells[1].outputs, ...executed.cells[2].outputs];
    expect(outputs.map((output) => output.output_type)).toEqual(["display_data", "display_data", "display_data"]);
    for (const output of outputs) {
      expect(Object.keys(output.data ?? {})).toEqual(expect.arrayContaining([PLOTLY_MIME, "text/html", "text/plain"]));
      const figure = output.data![PLOTLY_MIME] as unknown as { data: { type: string }[]; layout: object };
      expect(figure.data.length).toBeGreaterThan(0);
      expect(html(output)).toContain("Plotly.newPlot");
    }
    const plotly = outputs.map((output) => output.data![PLOTLY_MIME] as unknown as { data: { type: string }[] });
    expect(plotly.map((figure) => figure.data[0].type)).toEqual(["bar", "bar", "heatmap"]);
  });

  it("puts Plotly's source in the notebook exactly once, in the first chart", () => {
    const outputs = executed.cells.flatMap((cell) => cell.outputs);
    const loaders = outputs.map((output) => html(output).split(LOADER_MARKER).length - 1);
    expect(loaders.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(html(executed.cells[1].outputs[0])).toContain(LOADER_MARKER);
    expect(html(executed.cells[1].outputs[0]).length).toBeGreaterThan(1_000_000);
    expect(html(executed.cells[2].outputs[0]).length).toBeLessThan(20_000);
  });

  describe("the notebook's HTML export, offline in Chromium", () => {
    // A missing Chromium fails each test here with the install hint, never skips them.
    const page = useExportedPage(() => ({ notebook: executed.outputPath, outputDir: path.join(scratchDir, "html"), env }));

    it("draws every chart as Plotly SVG", async () => {
      const charts = await chartsDrawn(page().page);
      expect(charts).toHaveLength(3);
      expect(charts.filter((chart) => !chart.drawn)).toEqual([]);
    });

    it("fetches nothing for the charts and logs no chart errors", async () => {
      await chartsDrawn(page().page);
      const unexpected = page().blocked.filter((url) => !TEMPLATE_HOSTS.includes(new URL(url).hostname));
      expect(unexpected).toEqual([]);
      // Blocked template assets log "Failed to load resource"; anything else is a real error.
      expect(page().errors.filter((error) => !error.includes("Failed to load resource"))).toEqual([]);
    });
  });
});

function html(output: CellOutput): string {
  const value = output.data?.["text/html"];
  return Array.isArray(value) ? value.join("") : (value ?? "");
}

