/**
 * `showChart` and the chart HTML. Under tslab, a recording stand-in plays the kernel: its
 * `tslab` module and the `jupyter.js` beside it sit in Node's module cache the way the real
 * kernel's do (the real kernel is exercised in charts-notebook.test.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chartHtml, PLOTLY_MIME_TYPE, plotlyScriptHtml, showChart, statusChart, type PlotlyFigure } from "../../src/notebook/charts/index.js";
import { useTempDirs } from "../support/temp-dir.js";

const LOADER_MARKER = "batchlab: plotly.js";
const cache = createRequire(import.meta.url).cache;
const fakeDir = path.join(path.sep, "fake-kernel", "node_modules", "tslab", "dist");
const figure = statusChart({ label: "run-1", succeeded: 3, failed: 1 });

interface Sent {
  content: { data: Record<string, unknown>; metadata: object; transient: object };
  update: boolean;
}

let sent: Sent[];
let htmlShown: string[];
let tslab: object;

function installKernel(options: { withJupyterModule: boolean }): void {
  sent = [];
  htmlShown = [];
  tslab = { display: { html: (html: string) => htmlShown.push(html), text: () => {} }, newDisplay: () => ({}) };
  (globalThis as { __tslab__?: unknown }).__tslab__ = { require: (id: string) => (id === "tslab" ? tslab : undefined) };
  cache[path.join(fakeDir, "public.js")] = { exports: tslab } as NodeJS.Module;
  if (options.withJupyterModule) {
    const jupyter = { lastWriteDisplayData: (content: Sent["content"], update: boolean) => sent.push({ content, update }) };
    cache[path.join(fakeDir, "jupyter.js")] = { exports: jupyter } as NodeJS.Module;
  }
}

function resetPlotlySent(): void {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("batchlab.charts.plotlySent")];
}

afterEach(() => {
  delete (globalThis as { __tslab__?: unknown }).__tslab__;
  delete cache[path.join(fakeDir, "public.js")];
  delete cache[path.join(fakeDir, "jupyter.js")];
  resetPlotlySent();
});

describe("showChart under tslab", () => {
  beforeEach(() => {
    resetPlotlySent();
    installKernel({ withJupyterModule: true });
  });

  it("sends one display_data with the Plotly MIME type, HTML and text", () => {
    expect(showChart(figure)).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(sent[0].update).toBe(false);
    const data = sent[0].content.data;
    expect(Object.keys(data).sort()).toEqual([PLOTLY_MIME_TYPE, "text/html", "text/plain"].sort());
    expect(data[PLOTLY_MIME_TYPE]).toMatchObject({ data: figure.data, layout: figure.layout, config: { responsive: true } });
    expect(data["text/plain"]).toBe("[chart] Rows by status");
    expect(htmlShown).toEqual([]);
  });

  it("carries Plotly's source in the first chart only, unless asked again", () => {
    showChart(figure);
    showChart(figure);
    showChart(figure, { includePlotly: true });
    const html = sent.map((message) => String(message.content.data["text/html"]));
    expect(html.map((text) => text.includes(LOADER_MARKER))).toEqual([true, false, true]);
    expect(html[1].length).toBeLessThan(10_000);
    expect(html[1]).toContain("Plotly.newPlot");
  });

  it("falls back to HTML alone when tslab's internals are not where they are expected", () => {
    delete cache[path.join(fakeDir, "jupyter.js")];
    installKernel({ withJupyterModule: false });
    showChart(figure);
    expect(sent).toEqual([]);
    expect(htmlShown).toHaveLength(1);
    expect(htmlShown[0]).toContain(LOADER_MARKER);
  });
});

describe("showChart in plain Node", () => {
  const tempDir = useTempDirs();

  it("writes a standalone page with Plotly inlined and prints its path", () => {
    const dir = tempDir();
    const printed: string[] = [];
    const file = showChart(figure, { outputDir: dir, stream: { write: (text: string) => printed.push(text) } });
    expect(file).toBeDefined();
    expect(path.dirname(file!)).toBe(dir);
    expect(path.basename(file!)).toMatch(/^rows-by-status-.*\.html$/);
    const page = readFileSync(file!, "utf8");
    expect(page.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(page.split(LOADER_MARKER)).toHaveLength(2);
    expect(page).toContain("Plotly.newPlot");
    expect(printed.join("")).toContain(file!);
    expect(existsSync(`${file}.tmp-${process.pid}`)).toBe(false);
  });
});

describe("chart HTML", () => {
  it("keeps figure text from closing the script it sits in", () => {
    const hostile: PlotlyFigure = { data: [{ type: "bar", x: ["</script><script>alert(1)</script>"], y: [1] }], layout: { title: { text: "<b>&'\"" } } };
    const html = chartHtml(hostile, { id: "chart-x" });
    expect(html).not.toContain("</script><script>alert(1)");
    expect(html).toContain("\\u003c/script\\u003e");
    expect(html).toContain("Chart “&lt;b&gt;&amp;&#39;&quot;”");
    // The figure survives the escaping intact.
    const json = /var figure = (.*);\n/.exec(html)![1];
    expect(JSON.parse(json).data[0].x[0]).toBe("</script><script>alert(1)</script>");
  });

  it("waits for Plotly when it is not on the page yet", () => {
    const html = chartHtml(figure, { id: "chart-y" });
    expect(html).toContain('id="chart-y"');
    expect(html).toContain("window.__batchlabCharts");
    expect(html).not.toContain(LOADER_MARKER);
  });

  it("defines Plotly once per page and then draws the charts that waited", () => {
    const loader = plotlyScriptHtml();
    expect(loader).toContain('if (typeof window.Plotly === "undefined")');
    expect(loader.indexOf("window.__batchlabCharts")).toBeGreaterThan(loader.indexOf("window.Plotly = Plotly"));
    // Nothing inside may end the script element early.
    expect(loader.match(/<\/script/gi)).toHaveLength(1);
  });
});
