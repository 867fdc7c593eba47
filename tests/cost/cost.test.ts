import { describe, expect, it } from "vitest";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { costOf } from "../../src/cost/cost.js";
import { estimateCost } from "../../src/cost/estimate.js";
import { loadPriceTable, priceOf } from "../../src/cost/price-table.js";

const table = loadPriceTable(undefined);

describe("cost", () => {
  it("prices input, cached input and output per million tokens, halved for batches", () => {
    // gpt-4o-mini: $0.15 in, $0.075 cached, $0.60 out per 1M tokens
    const tokens = { input: 1_000_000, cachedInput: 200_000, output: 500_000 };
    expect(costOf(table, "openai", "gpt-4o-mini", tokens, "realtime").usd).toBeCloseTo(0.8 * 0.15 + 0.2 * 0.075 + 0.5 * 0.6, 9);
    expect(costOf(table, "openai", "gpt-4o-mini", tokens, "batch").usd).toBeCloseTo((0.12 + 0.015 + 0.3) / 2, 9);
  });

  it("finds a dated model snapshot by its base name, and never guesses a missing model", () => {
    expect(priceOf(table, "openai", "gpt-4o-mini-2024-07-18")).toEqual(priceOf(table, "openai", "gpt-4o-mini"));
    expect(priceOf(table, "gemini", "models/gemini-2.5-flash")?.input).toBe(0.3);
    const unknown = costOf(table, "openai", "my-finetune", { input: 10, output: 10 }, "batch");
    expect(unknown).toMatchObject({ usd: undefined, priced: false });
  });

  it("lets a user's price file override single models", () => {
    const dir = mkdtempSync(join(tmpdir(), "prices-"));
    const file = join(dir, "prices.json");
    writeFileSync(file, JSON.stringify({ as_of: "2026-11-01", models: { "openai/my-finetune": { input: 1, output: 2 } } }));
    const custom = loadPriceTable(file);
    expect(custom.as_of).toBe("2026-11-01");
    expect(costOf(custom, "openai", "my-finetune", { input: 1_000_000, output: 1_000_000 }, "realtime").usd).toBe(3);
    expect(priceOf(custom, "openai", "gpt-4o")).toEqual(priceOf(table, "openai", "gpt-4o"));
  });

  it("estimates batch against realtime with output bounded by max_tokens", () => {
    const estimate = estimateCost(table, "openai", "gpt-4o-mini", { rows: 100, inputTokens: 100_000, maxOutputTokens: 20_000 });
    expect(estimate.realtime.input.usd).toBeCloseTo(0.015, 9);
    expect(estimate.realtime.atMost).toBeCloseTo(0.015 + 0.012, 9);
    expect(estimate.batch.atMost).toBeCloseTo((0.015 + 0.012) / 2, 9);
  });

  it("marks simulated models as costing nothing", () => {
    expect(costOf(table, "openai", "sim-large", { input: 1e6, output: 1e6 }, "batch")).toMatchObject({ usd: 0, simulated: true });
  });
});
