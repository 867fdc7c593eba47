/**
 * A live progress display for a waiting run. Under tslab it is ONE output that is replaced
 * in place: tslab's `newDisplay()` sends a `display_data` message with a
 * `transient.display_id` the first time and `update_display_data` with the same id after
 * that, so Jupyter (and nbconvert) keep only the latest state. In plain Node it writes a
 * compact line to stderr at most every few seconds.
 */
import type { RunProgress } from "../types.js";
import { progressHtml, progressLine } from "./progress-render.js";
import { tslabModule, tryShowHtml, type TslabDisplay } from "./tslab-host.js";

/** What {@link notebookProgress} returns; pass `update` as a run's `onProgress`. */
export interface NotebookProgress {
  /** Shows the latest progress (throttled; the latest state always gets shown). */
  update(progress: RunProgress): void;
  /** Shows the final state, with the run's summary if given. Later updates are ignored. */
  done(summary?: unknown): void;
}

/** Options for {@link notebookProgress}. */
export interface NotebookProgressOptions {
  /** Least time between two redraws of the notebook display. Default 250 ms. */
  displayIntervalMs?: number;
  /** Least time between two text lines outside a notebook. Default 5000 ms. */
  textIntervalMs?: number;
  /** Chunks listed one per row in the notebook display. Default 20. */
  maxChunkRows?: number;
  /** Where text lines go outside a notebook. Default `process.stderr`. */
  stream?: { write(text: string): unknown };
}

/** Creates a progress display; under tslab it appears in the cell that sends the first update. */
export function notebookProgress(options: NotebookProgressOptions = {}): NotebookProgress {
  const tslab = tslabModule();
  const stream = options.stream ?? process.stderr;
  const interval = tslab ? (options.displayIntervalMs ?? 250) : (options.textIntervalMs ?? 5000);
  let display: TslabDisplay | undefined;
  let latest: RunProgress | undefined;
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let lastPhase: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let finished = false;

  const draw = (summary?: unknown, final = false): void => {
    if (!latest) return;
    lastDrawAt = Date.now();
    lastPhase = latest.phase;
    if (tslab) {
      display ??= tslab.newDisplay();
      const html = progressHtml(latest, { maxChunkRows: options.maxChunkRows, summary });
      if (tryShowHtml(display, html)) return;
    }
    // Plain Node (or a tslab that cannot display yet): the same state as one line.
    if (!tslab || final) stream.write(`${progressLine(latest, summary)}\n`);
  };

  return {
    update(progress) {
      if (finished) return;
      latest = progress;
      const due = Date.now() - lastDrawAt >= interval;
      // In a notebook a phase change shows at once; text stays at one line per interval.
      if (due || (tslab && progress.phase !== lastPhase)) {
        clearTimeout(timer);
        timer = undefined;
        draw();
      } else if (tslab && !timer) {
        // Redraw the newest state when the interval is up, even if no update follows.
        timer = setTimeout(() => {
          timer = undefined;
          if (!finished) draw();
        }, interval - (Date.now() - lastDrawAt));
        timer.unref();
      }
    },
    done(summary) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      // The summary has the final counts; the last update may be a poll older.
      const final: Partial<RunProgress> = { ...latest, ...finalCounts(summary), phase: "done" };
      latest = final.total === undefined ? undefined : ({ ...EMPTY_PROGRESS, ...final } as RunProgress);
      draw(summary, true);
    },
  };
}

const EMPTY_PROGRESS: RunProgress = { runId: "?", phase: "done", chunks: [], total: 0, done: 0, failed: 0, elapsedMs: 0 };

/** The final counts a run summary carries (`total`, `failed` + `expired` + `cancelled`, `wallMs`). */
function finalCounts(summary: unknown): Partial<RunProgress> {
  if (summary === null || typeof summary !== "object") return {};
  const value = summary as Record<string, unknown>;
  const number = (name: string) => (typeof value[name] === "number" ? (value[name] as number) : 0);
  const counts: Partial<RunProgress> = {};
  if (typeof value.runId === "string") counts.runId = value.runId;
  if (typeof value.total === "number") {
    counts.total = value.total;
    counts.done = value.total;
    counts.failed = number("failed") + number("expired") + number("cancelled");
  }
  if (typeof value.wallMs === "number") counts.elapsedMs = value.wallMs;
  return counts;
}
