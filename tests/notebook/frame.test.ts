import { afterEach, describe, expect, it, vi } from "vitest";
import {
  notebookProgress,
  resultsFrame,
  showTable,
  tableHtml,
  toTable,
  type ResultRow,
} from "../../src/notebook/index.js";
import type { RunProgress } from "../../src/types.js";

const rows: ResultRow[] = [
  {
    key: "q1",
    row: 1,
    status: "succeeded",
    text: "Four",
    input_tokens: 12,
    output_tokens: 3,
    error: null,
    fields: { question: "2+2?", status: "draft", score: 1, tags: ["math"] },
  },
  {
    key: "q2",
    row: 2,
    status: "failed",
    text: null,
    input_tokens: 0,
    output_tokens: 0,
    error: { code: "invalid_request", message: "max_tokens too large" },
    fields: { question: "<b>Capital</b> of France?", score: 2.5 },
  },
];

function progress(done: number, phase: RunProgress["phase"] = "waiting"): RunProgress {
  return {
    runId: "run-7",
    phase,
    total: 10,
    done,
    failed: 1,
    elapsedMs: done * 1000,
    chunks: [{ id: "chunk-0", state: "running", remoteId: "batch_1", rows: 10, done, failed: 1 }],
  };
}

function captureStream() {
  const lines: string[] = [];
  return { lines, stream: { write: (text: string) => lines.push(text) } };
}

describe("resultsFrame", () => {
  it("has one row per result and the result columns first, then the input fields", () => {
    const frame = resultsFrame(rows);

    expect(frame.shape).toEqual([2, 11]);
    expect(frame.columns).toEqual([
      "key", "status", "text", "input_tokens", "output_tokens", "error_code", "error_message",
      "question", "field_status", "score", "tags",
    ]);
  });

  it("fills error columns, keeps nulls for missing text and fields, and stores nested fields as JSON", () => {
    const frame = resultsFrame(rows);
    const [first, second] = frame.values as unknown[][];

    expect(first).toEqual(["q1", "succeeded", "Four", 12, 3, null, null, "2+2?", "draft", 1, '["math"]']);
    expect(second.slice(0, 7)).toEqual(["q2", "failed", null, 0, 0, "invalid_request", "max_tokens too large"]);
    expect(second[8]).toBeNull();
    expect(frame.column("score").dtype).toBe("float32");
    expect(frame.column("text").dtype).toBe("string");
  });

  it("puts all fields in one JSON column when flattenFields is false", () => {
    const frame = resultsFrame(rows, { flattenFields: false });

    expect(frame.columns.at(-1)).toBe("fields");
    expect(JSON.parse((frame.values as unknown[][])[1][7] as string)).toEqual(rows[1].fields);
  });

  it("adds a texts column only when a row has several choices", () => {
    const several = [{ ...rows[0], texts: ["Four", "4"] }, rows[1]];

    expect(resultsFrame(rows).columns).not.toContain("texts");
    const frame = resultsFrame(several);
    expect(frame.columns.slice(0, 4)).toEqual(["key", "status", "text", "texts"]);
    expect(JSON.parse((frame.values as unknown[][])[0][3] as string)).toEqual(["Four", "4"]);
  });

  it("makes an empty frame with the result columns when there are no results", () => {
    const frame = resultsFrame([]);

    expect(frame.shape[0]).toBe(0);
    expect(frame.columns).toContain("error_message");
  });
});

describe("tables", () => {
  it("escapes every header and cell in the HTML table", () => {
    const html = tableHtml(toTable([{ "<col>": "<img src=x onerror=alert(1)>", note: `"quoted" & 'single'` }]));

    expect(html).toContain("<th>&lt;col&gt;</th>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&quot;quoted&quot; &amp; &#39;single&#39;");
    expect(html).not.toContain("<img");
  });

  it("shows at most maxRows rows of a DataFrame and counts the rest", () => {
    const table = toTable(resultsFrame(rows), 1);

    expect(table.rows).toHaveLength(1);
    expect(table.totalRows).toBe(2);
    expect(tableHtml(table)).toContain("1 of 2 rows");
  });

  it("prints result rows as a text table outside tslab", () => {
    const { lines, stream } = captureStream();

    showTable(rows, { stream, maxRows: 5 });

    const text = lines.join("");
    expect(text.split("\n")[0]).toMatch(/^key\s+status\s+text\s+input_tokens/);
    expect(text).toContain("max_tokens too large");
    expect(text).toContain("(2 of 2 rows)");
  });
});

describe("notebookProgress outside tslab", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("prints the first update at once, then at most one line per interval, and always the final line with the summary's counts", () => {
    vi.useFakeTimers();
    const { lines, stream } = captureStream();
    const display = notebookProgress({ stream, textIntervalMs: 5000 });

    display.update(progress(1));
    vi.advanceTimersByTime(1000);
    display.update(progress(2));
    display.update(progress(3));
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    display.update(progress(8));
    display.done({ runId: "run-7", total: 10, succeeded: 9, failed: 1, wallMs: 65_000 });
    display.update(progress(10));

    expect(lines).toEqual([
      "[batchlab] run run-7 waiting: 1/10 done, 1 failed, chunks: 1 running, 1s\n",
      "[batchlab] run run-7 waiting: 8/10 done, 1 failed, chunks: 1 running, 8s\n",
      "[batchlab] run run-7 done: 10/10 done, 1 failed, chunks: 1 running, 1m 05s — total=10 succeeded=9 failed=1 wallMs=1m 05s\n",
    ]);
  });

  it("does not throw when done() comes without any update", () => {
    const { lines, stream } = captureStream();

    notebookProgress({ stream }).done({ runId: "run-8", total: 3, failed: 0, wallMs: 10 });

    expect(lines.join("")).toContain("run run-8 done: 3/3 done, 0 failed");
  });
});
