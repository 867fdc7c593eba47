/**
 * The report opened in headless Chromium with no network: every chart draws (Plotly's SVG
 * is there), nothing is fetched, the console stays clean, and a screenshot is saved to
 * tests/.tmp/report-screenshot.png for a person to look at. Without Chromium every test
 * here fails (never skips), saying how to install it.
 */
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "../../src/report/index.js";
import { chartsDrawn, openOffline, type OfflinePage } from "./offline-chromium.js";
import { fixtureReport } from "./report-fixture.js";

const tmpRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", ".tmp");
const screenshot = path.join(tmpRoot, "report-screenshot.png");

describe("report.html in headless Chromium, offline", () => {
  let opened: OfflinePage | undefined;
  let setupError: unknown;
  let chartCount = 0;

  /** The open page, or the reason it could not be opened (a missing Chromium fails each test). */
  const page = (): OfflinePage => {
    if (!opened) throw setupError;
    return opened;
  };

  beforeAll(async () => {
    try {
      mkdirSync(tmpRoot, { recursive: true });
      const options = fixtureReport(path.join(tmpRoot, "report-check", "report.html"));
      chartCount = options.charts!.length;
      opened = await openOffline(await writeReport(options));
    } catch (error) {
      setupError = error;
    }
  }, 90_000);

  afterAll(async () => {
    await opened?.close();
  });

  it("draws every chart as Plotly SVG", async () => {
    const charts = await chartsDrawn(page().page);
    expect(charts).toHaveLength(chartCount);
    expect(charts.filter((chart) => !chart.drawn)).toEqual([]);
  });

  it("makes no network request at all", () => {
    expect(page().blocked).toEqual([]);
  });

  it("logs no console errors, throws no page errors and opens no dialog", async () => {
    await chartsDrawn(page().page);
    expect(page().errors).toEqual([]);
  });

  it("shows escaped failure text, never running it", async () => {
    const { page: browserPage } = page();
    expect(await browserPage.locator("table.failures script").count()).toBe(0);
    expect(await browserPage.textContent("table.failures")).toContain('<script>alert("x")</script>');
    expect(await browserPage.textContent("table.failures")).toContain("more characters]");
  });

  it("saves a full-page screenshot", async () => {
    await chartsDrawn(page().page);
    await page().page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(50_000);
  });
});
