/**
 * The report page: every piece of data escaped, long text cut with a visible marker, Plotly
 * inlined once (and only when there are charts), nothing loaded from the network, and an
 * atomic write.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { accuracyByCategoryChart, statusChart } from "../../src/notebook/charts/index.js";
import { reportHtml, writeReport } from "../../src/report/index.js";
import { useTempDirs } from "../support/temp-dir.js";
import { fixtureReport, runSummaries } from "./report-fixture.js";

const LOADER_MARKER = "batchlab: plotly.js";
const tempDir = useTempDirs();

/** The page without the inlined Plotly source (whose licence comments name web sites). */
function withoutPlotly(html: string): string {
  const start = html.indexOf(`<script type="text/javascript">/* ${LOADER_MARKER}`);
  if (start === -1) return html;
  return html.slice(0, start) + html.slice(html.indexOf("</script>", start) + "</script>".length);
}

describe("report HTML", () => {
  it("inlines Plotly once for several charts, and not at all without charts", () => {
    const withCharts = reportHtml(fixtureReport("unused"));
    expect(withCharts.split(LOADER_MARKER)).toHaveLength(2);
    expect(withCharts.match(/class="batchlab-chart"/g)).toHaveLength(7);
    const plain = reportHtml({ title: "no charts", summary: runSummaries[0] });
    expect(plain).not.toContain(LOADER_MARKER);
    expect(plain).not.toContain("<script");
  });

  it("loads nothing from the network: no external scripts, styles, fonts or links", () => {
    const html = withoutPlotly(reportHtml(fixtureReport("unused")));
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/@import|@font-face/i);
  });

  it("escapes the title, notes, table cells and failure text", () => {
    const html = reportHtml({
      title: "<img src=x onerror=alert(1)>",
      notes: ["a & b <i>"],
      metricsTables: [{ title: "<t>", rows: [{ "<col>": "<script>x</script>", n: 3 }] }],
      failures: { rows: [{ input: { question: "<q>" }, output: "</td><script>bad()</script>" }] },
    });
    const body = withoutPlotly(html);
    expect(body).not.toContain("<img");
    expect(body).not.toContain("<script");
    expect(body).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(body).toContain("a &amp; b &lt;i&gt;");
    expect(body).toContain("<th>&lt;col&gt;</th>");
    expect(body).toContain("{&quot;question&quot;:&quot;&lt;q&gt;&quot;}");
    expect(body).toContain("&lt;/td&gt;&lt;script&gt;bad()&lt;/script&gt;");
  });

  it("cuts long failure text with a marker saying how much was left out", () => {
    const html = reportHtml({ title: "t", failures: { rows: [{ output: "x".repeat(1234) }], maxChars: 100 } });
    expect(html).toContain(`${"x".repeat(100)}<span class="cut">… [1,134 more characters]</span>`);
    expect(html).not.toContain("x".repeat(101));
  });

  it("shows the first N failures and says how many there were", () => {
    const rows = Array.from({ length: 30 }, (_, index) => ({ row: index + 1, status: "failed", error: { code: "server_error", message: `boom ${index + 1}` } }));
    const html = reportHtml({ title: "t", failures: { rows, limit: 5 } });
    expect(html).toContain("Showing 5 of 30 rows");
    expect(html).toContain("server_error: boom 5");
    expect(html).not.toContain("boom 6<");
  });

  it("summarises one run as cards with formatted numbers", () => {
    const html = reportHtml({ title: "t", summary: runSummaries[0] });
    for (const text of ["24,310", "3,120", "$0.0123", "1 min 23 s", "98.0%", "3 failed · 1 expired", "run-small", "openai (emulator)"]) {
      expect(html).toContain(text);
    }
  });

  it("summarises several runs as a table, one row each", () => {
    const html = reportHtml({ title: "t", summary: runSummaries });
    expect(html.match(/<tr><td>sim-/g)).toHaveLength(2);
    expect(html).toContain("$0.0411");
  });

  it("formats metrics per column and takes a dataframe-like table", () => {
    const html = reportHtml({
      title: "t",
      metricsTables: [
        { rows: [{ model: "a", accuracy: 0.8534, n: 1200 }], format: { accuracy: "percent" } },
        { title: "frame", rows: { columns: ["group", "value"], values: [["math", 0.5], ["art", 0.25]] } },
      ],
    });
    expect(html).toContain('<td class="num">85.3%</td>');
    expect(html).toContain('<td class="num">1,200</td>');
    expect(html).toContain("<td>math</td><td class=\"num\">0.500</td>");
  });
});

describe("writeReport", () => {
  const charts = [statusChart({ succeeded: 1, failed: 0 }), accuracyByCategoryChart([{ group: "a", value: 1 }])];

  it("writes report.html into a folder and leaves no temp file", async () => {
    const dir = path.join(tempDir(), "new", "folder");
    const file = await writeReport({ title: "r", charts, output: dir });
    expect(file).toBe(path.join(dir, "report.html"));
    expect(readdirSync(dir)).toEqual(["report.html"]);
    expect(readFileSync(file, "utf8")).toContain("<title>r</title>");
  });

  it("replaces an existing report in place", async () => {
    const file = path.join(tempDir(), "out.html");
    writeFileSync(file, "old");
    await writeReport({ title: "new report", output: file });
    expect(readFileSync(file, "utf8")).toContain("new report");
    expect(readdirSync(path.dirname(file))).toEqual(["out.html"]);
  });

  it("refuses to write over a file that is not HTML", async () => {
    const file = path.join(tempDir(), "results.jsonl");
    writeFileSync(file, "{}\n");
    await expect(writeReport({ title: "r", output: file })).rejects.toThrow(/results\.jsonl is a file that does not end in \.html/);
    expect(readFileSync(file, "utf8")).toBe("{}\n");
    expect(existsSync(path.join(file, "report.html"))).toBe(false);
  });
});
