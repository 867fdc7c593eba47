/**
 * The display helpers when a tslab kernel is present. tslab exposes itself to cells as
 * `globalThis.__tslab__.require("tslab")`; here a recording stand-in plays that host, the
 * real kernel is exercised in tests/notebooks/notebook-display.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { notebookProgress, showTable } from "../../src/notebook/index.js";
import type { RunProgress } from "../../src/types.js";

interface Shown {
  display: number;
  html: string;
}

let shown: Shown[];
let displaysCreated: number;
let ready: boolean;

function recordingDisplay(id: number) {
  return {
    html(html: string) {
      if (!ready) throw new Error("Not ready");
      shown.push({ display: id, html });
    },
    text(text: string) {
      shown.push({ display: id, html: text });
    },
  };
}

beforeEach(() => {
  shown = [];
  displaysCreated = 0;
  ready = true;
  const tslab = {
    display: recordingDisplay(0),
    newDisplay: () => recordingDisplay(++displaysCreated),
  };
  (globalThis as { __tslab__?: unknown }).__tslab__ = {
    require: (id: string) => (id === "tslab" ? tslab : undefined),
  };
});

afterEach(() => {
  delete (globalThis as { __tslab__?: unknown }).__tslab__;
  vi.useRealTimers();
});

function progress(done: number, phase: RunProgress["phase"] = "waiting"): RunProgress {
  return { runId: "run-3", phase, total: 50, done, failed: 0, elapsedMs: done * 100, chunks: [{ id: "chunk-0", state: "running", rows: 50, done, failed: 0 }] };
}

describe("notebookProgress under tslab", () => {
  it("draws every update into one display created by newDisplay()", () => {
    vi.useFakeTimers();
    const display = notebookProgress({ displayIntervalMs: 250 });

    for (let done = 0; done <= 50; done += 10) {
      display.update(progress(done));
      vi.advanceTimersByTime(300);
    }
    display.done({ runId: "run-3", total: 50, succeeded: 50, failed: 0, wallMs: 1800 });

    expect(displaysCreated).toBe(1);
    expect(new Set(shown.map((entry) => entry.display))).toEqual(new Set([1]));
    expect(shown).toHaveLength(7);
    expect(shown.at(-1)?.html).toContain("run run-3 done: 50/50 done, 0 failed");
  });

  it("throttles rapid updates but still shows the newest state when the interval is up", () => {
    vi.useFakeTimers();
    const display = notebookProgress({ displayIntervalMs: 250 });

    for (let done = 1; done <= 20; done++) display.update(progress(done));
    expect(shown).toHaveLength(1);
    vi.advanceTimersByTime(250);

    expect(shown).toHaveLength(2);
    expect(shown[1].html).toContain("20/50 done");
  });

  it("shows a phase change at once, without waiting for the interval", () => {
    vi.useFakeTimers();
    const display = notebookProgress({ displayIntervalMs: 10_000 });

    display.update(progress(10, "waiting"));
    display.update(progress(50, "collecting"));

    expect(shown.map((entry) => entry.html.includes("collecting"))).toEqual([false, true]);
  });

  it("creates no display before the first update, so it appears in the cell that waits", () => {
    notebookProgress();

    expect(displaysCreated).toBe(0);
    expect(shown).toEqual([]);
  });
});

describe("showTable under tslab", () => {
  it("sends an escaped HTML table to tslab's display", () => {
    showTable([{ name: "<b>bold</b>", count: 2 }]);

    expect(shown).toHaveLength(1);
    expect(shown[0].html).toContain("<td>&lt;b&gt;bold&lt;/b&gt;</td>");
  });

  it("falls back to text when tslab cannot display yet", () => {
    ready = false;
    const lines: string[] = [];

    showTable([{ name: "plain" }], { stream: { write: (text: string) => lines.push(text) } });

    expect(shown).toEqual([]);
    expect(lines.join("")).toContain("plain");
  });
});
