/**
 * Opens a local HTML file in headless Chromium with the network cut off: every request that
 * is not `file:`, `data:`, `blob:` or `about:` is aborted and recorded, console errors and
 * page errors are collected. Chromium must be installed; a missing browser is a failure.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.BATCHLAB_CHROMIUM ?? "/usr/bin/chromium";

const LOCAL_SCHEMES = ["file:", "data:", "blob:", "about:"];

export interface OfflinePage {
  page: Page;
  /** Requests that tried to leave the machine (all were aborted). */
  blocked: string[];
  /** `console.error` messages, uncaught page errors and dialogs (alert...). */
  errors: string[];
  close(): Promise<void>;
}

/** Throws (never skips) when Chromium is missing, saying how to install it. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the report and chart checks need it. ` +
        "Install it with `apt-get install chromium` (Debian/Ubuntu) or set BATCHLAB_CHROMIUM to a Chromium binary.",
    );
  }
}

/** Opens `file` offline and waits for the load event. */
export async function openOffline(file: string, viewport = { width: 1280, height: 900 }): Promise<OfflinePage> {
  assertChromium();
  // launch() gives a fresh temporary profile each time.
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // A second lock on the door: even a request the route misses cannot resolve a host.
      "--host-resolver-rules=MAP * ~NOTFOUND",
    ],
  });
  const blocked: string[] = [];
  const errors: string[] = [];
  try {
    const context = await browser.newContext({ viewport });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      blocked.push(url);
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.on("request", (request) => {
      if (!isLocal(request.url()) && !blocked.includes(request.url())) blocked.push(request.url());
    });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    // A dialog means page data ran as script (e.g. an unescaped alert()).
    page.on("dialog", (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 60_000 });
    return { page, blocked, errors, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Waits until every `.batchlab-chart` div holds Plotly's `svg.main-svg`, then returns, per
 * chart, whether it drew (false entries mean the wait timed out).
 */
export async function chartsDrawn(page: Page, timeoutMs = 20_000): Promise<{ id: string; drawn: boolean }[]> {
  await page
    .waitForFunction(
      () => {
        const charts = Array.from(document.querySelectorAll(".batchlab-chart"));
        return charts.length > 0 && charts.every((chart) => chart.querySelector("svg.main-svg") !== null);
      },
      undefined,
      { timeout: timeoutMs },
    )
    .catch(() => undefined);
  return page.$$eval(".batchlab-chart", (charts) => charts.map((chart) => ({ id: chart.id, drawn: chart.querySelector("svg.main-svg") !== null })));
}

function isLocal(url: string): boolean {
  return LOCAL_SCHEMES.some((scheme) => url.startsWith(scheme));
}
