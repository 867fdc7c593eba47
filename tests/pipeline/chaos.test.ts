import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// The drill is shared with bench/pipeline-chaos.bench.js (the long version): plain JS over dist/.
import { CHAOS_STAGES, runChaosDrill } from "../../bench/lib/pipeline-chaos.js";

/**
 * The pipeline chaos test: `batchlab emulator` in its own process with request faults (429,
 * 500, dropped connections before and after handling) and row faults (failed rows, cut output
 * lines, expired batches); a 3-step pipeline (caption → keep/drop label → 3 dialogue rounds
 * answered as JSON) over 300 rows, 50 rows per batch; the runner killed with SIGKILL 20
 * times — at a seeded random moment of each of the five stages, or sooner at a crash point —
 * and rerun with the same command each time; then run once more to the end.
 *
 * "Each planned chunk created once" with row faults on: failed rows are sent again by the
 * pipeline's retries as new chunks (`retry1-chunk-0000`...) of the same stage run, so the
 * planned chunks are every chunk the stage journals hold, and each (run, chunk) tag must name
 * exactly one batch on the emulator, the one the journal recorded.
 */
const ROWS = 300;
const KILLS = 20;
let dir: string;
let drill: Awaited<ReturnType<typeof runChaosDrill>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "batchlab-chaos-"));
  drill = await runChaosDrill({ dir, rows: ROWS, kills: KILLS, seed: 6, log: () => {} });
  console.log(`pipeline chaos: ${JSON.stringify(drill.figures)}`);
}, 300_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a pipeline killed with SIGKILL 20 times under faults", () => {
  it("was killed 20 times, in every part of the pipeline", () => {
    expect(drill.figures.kills).toBe(KILLS);
    // Kill i aims at stage ⌊i·5/20⌋+1; a crash point may fire a stage early.
    expect(drill.figures.kills_by_stage[String(CHAOS_STAGES)]).toBeGreaterThan(0);
    expect(Object.keys(drill.figures.kills_by_stage).length).toBeGreaterThanOrEqual(3);
  });

  it("writes exactly the output of an uninterrupted run", () => {
    expect(drill.figures.output_equal).toBe(true);
    expect(drill.chaosOutput).toEqual(drill.referenceOutput);
    const rows = drill.chaosOutput as Record<string, unknown>[];
    expect(rows).toHaveLength(ROWS);
    const kept = rows.filter((row) => row.decision === "keep");
    expect(kept.length).toBeGreaterThan(ROWS / 2);
    for (const row of kept) {
      expect(row.turn).toEqual({ question: `Q3 on ${row.name}?`, answer: `A3 for ${row.id}` });
      expect(String(row.dialog_history).split("\n")).toEqual([
        `Round 1: Q: Q1 on ${row.name}? A: A1 for ${row.id}`,
        `Round 2: Q: Q2 on ${row.name}? A: A2 for ${row.id}`,
        `Round 3: Q: Q3 on ${row.name}? A: A3 for ${row.id}`,
      ]);
    }
    for (const row of rows.filter((row) => row.decision !== "keep")) expect(row).not.toHaveProperty("turn");
  });

  it("created every planned chunk's batch exactly once, the one its journal recorded", () => {
    expect(drill.problems).toEqual([]);
    expect(drill.figures.batches_created).toBe(drill.figures.batches_planned);
    expect(drill.figures.batches_planned).toBeGreaterThanOrEqual(24); // 6 + 6 + 3 × 4 first-attempt chunks
  });

  it("sent each row once per stage, plus only the rows whose earlier attempt failed", () => {
    expect(drill.figures.requests_sent).toBe(drill.figures.requests_planned);
    // First attempts: exactly what the uninterrupted, fault-free reference sent.
    expect(drill.figures.requests_first).toBe(drill.figures.reference_requests_sent);
    expect(drill.figures.requests_retried).toBe(drill.figures.requests_planned - drill.figures.requests_first);
    // No row was answered (paid for) twice within a stage.
    expect(drill.figures.duplicate_successes).toBe(0);
  });
});
