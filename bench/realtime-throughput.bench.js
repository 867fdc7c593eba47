/**
 * realtime_throughput: a 2,000-row `runBatch({ mode: "realtime" })` against the in-process
 * emulator at 600 RPM, 60,000 TPM, 200 ms latency, 3% injected 429s and 2% injected 500s
 * (issue 4's acceptance). Two datasets, so each limit binds once:
 *   rpm — short prompts, max_tokens 16: about 42 tokens a request, 600 RPM ≈ 25,000 TPM;
 *   tpm — longer prompts, max_tokens 50: about 150 tokens a request, 60,000 TPM ≈ 400 RPM.
 * Checks exactly one result per row, then reports the sustained rate against the binding
 * limit (our own clock and the emulator's usage report) and the emulator's 429s from
 * over-sending (`rate_limited`) next to the injected faults.
 *
 * Environment: BENCH_REALTIME_ROWS (default 2000), BENCH_REALTIME_CASES (default "rpm,tpm").
 */
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runBatch } from "../dist/api/run-batch.js";
import { readResults } from "../dist/api/read-results.js";
import { startEmulator } from "../dist/emulator/index.js";
import { estimateLineTokens } from "../dist/realtime/realtime-client.js";
import { ensureInput, outPath, peakRssMb, printFigures } from "./lib/report.js";
import { sampleUsage, summariseSamples } from "./lib/realtime-sampler.js";

const ROWS = Number(process.env.BENCH_REALTIME_ROWS ?? 2000);
const LIMITS = { rpm: 600, tpm: 60_000 };
const EMULATOR_LIMITS = `rpm=${LIMITS.rpm},tpm=${LIMITS.tpm},latency=200`;
const FAULTS = "429:0.03,500:0.02";
const MODEL = "gpt-4o-mini";
const TARGET_SHARE = 0.9;
/** "Near zero": at most this share of rows refused for over-sending. */
const MOST_RATE_LIMITED = 0.005;
const CASES = {
  rpm: { words: 16, maxTokens: 16 },
  tpm: { words: 90, maxTokens: 50 },
};
const chosen = (process.env.BENCH_REALTIME_CASES ?? "rpm,tpm").split(",").map((name) => name.trim());

const figures = { limits: { ...LIMITS, latency_ms: 200, faults: FAULTS }, rows: ROWS, target_share: TARGET_SHARE };
for (const name of chosen) {
  if (!CASES[name]) throw new Error(`unknown case "${name}" in BENCH_REALTIME_CASES; use rpm and/or tpm`);
  process.stderr.write(`[bench] realtime ${name}-bound: ${ROWS} rows\n`);
  figures[`${name}_bound`] = await runCase(name, CASES[name]);
}
figures.meets_target = chosen.every((name) => figures[`${name}_bound`].meets_target);
figures.peak_rss_mb = peakRssMb();
printFigures({ realtime_throughput: figures });

async function runCase(name, { words, maxTokens }) {
  const dataset = ensureInput(outPath(`realtime-${name}-${ROWS}.jsonl`), "./realtime-dataset.js", String(ROWS), String(words));
  // One folder per process: run-all.js and a hand-started run may overlap.
  const runDir = outPath(`realtime-runs-${name}-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  const config = {
    models: { bench: { provider: "openai", model_name: MODEL, temperature: 0, max_tokens: maxTokens } },
    steps: { answer: { model: "bench", user: "{prompt}" } },
  };
  const emulator = await startEmulator({ rateLimits: EMULATOR_LIMITS, faults: FAULTS, seed: 4 });
  try {
    const sampler = sampleUsage(emulator, MODEL);
    const started = performance.now();
    const summary = await runBatch({ dataset, config, runDir, runId: `bench-${name}`, emulatorUrl: emulator.url, mode: "realtime", rateLimits: LIMITS });
    const wallSeconds = (performance.now() - started) / 1000;
    const samples = sampler.stop();
    const usage = emulator.usage().openai[MODEL];
    const stats = emulator.stats().openai;

    const results = await readResults(summary.runId, { runDir });
    const perRow = checkOnePerRow(dataset, results);
    const clientEstimate = meanClientEstimate(join(runDir, summary.runId, "chunks"));
    const tokensPerRequest = (summary.inputTokens + summary.outputTokens) / summary.total;
    const binding = tokensPerRequest * LIMITS.rpm > LIMITS.tpm ? "tpm" : "rpm";
    const limit = LIMITS[binding];
    const unit = binding === "rpm" ? "requests" : "tokens";
    const ownPerMinute = { requests: (summary.total * 60) / wallSeconds, tokens: ((summary.inputTokens + summary.outputTokens) * 60) / wallSeconds };
    const spanPerMinute = { requests: usage.requests_per_minute, tokens: usage.tokens_per_minute };
    const steady = summariseSamples(samples);
    const steadyPerMinute = { requests: steady.steady_requests_per_minute, tokens: steady.steady_tokens_per_minute };
    const share = {
      wall_clock: round(ownPerMinute[unit] / limit, 3),
      emulator_span: round(spanPerMinute[unit] / limit, 3),
      steady_middle: steadyPerMinute[unit] === null ? null : round(steadyPerMinute[unit] / limit, 3),
      emulator_share_with_initial_bucket: binding === "rpm" ? usage.share_of_rpm : usage.share_of_tpm,
    };
    return {
      binding_limit: binding,
      prompt_words: words,
      max_tokens: maxTokens,
      tokens_per_request: {
        client_estimate: round(clientEstimate, 1),
        actual: round(tokensPerRequest, 1),
        input: round(summary.inputTokens / summary.total, 1),
        output: round(summary.outputTokens / summary.total, 1),
      },
      expected_requests_per_minute: Math.round(Math.min(LIMITS.rpm, LIMITS.tpm / tokensPerRequest)),
      wall_seconds: round(wallSeconds, 1),
      first_answer_after_seconds: steady.first_answer_after_seconds,
      results: { rows: perRow.rows, results: perRow.results, one_per_row: perRow.onePerRow, succeeded: summary.succeeded, failed: summary.failed },
      requests_per_minute: { wall_clock: Math.round(ownPerMinute.requests), emulator_span: spanPerMinute.requests, steady_middle: steadyPerMinute.requests, max_in_any_60s: steady.max_requests_in_60s },
      tokens_per_minute: { wall_clock: Math.round(ownPerMinute.tokens), emulator_span: spanPerMinute.tokens, steady_middle: steadyPerMinute.tokens, max_in_any_60s: steady.max_tokens_in_60s },
      attempts_per_minute: { steady_middle: steady.steady_attempts_per_minute, max_in_any_60s: steady.max_attempts_in_60s },
      share_of_binding_limit: share,
      emulator: { attempts: stats.requests, answered: stats.chat_completions, faults_injected: stats.faults_injected, rate_limited: usage.rate_limited },
      meets_target: perRow.onePerRow && share.emulator_span >= TARGET_SHARE && usage.rate_limited <= ROWS * MOST_RATE_LIMITED,
    };
  } finally {
    await emulator.close();
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** Every input row has exactly one result, with the input's key, in input order. */
function checkOnePerRow(dataset, results) {
  const keys = readFileSync(dataset, "utf8").trim().split("\n").map((line) => JSON.parse(line).prompt_id);
  const seen = new Map();
  for (const row of results) seen.set(row.key, (seen.get(row.key) ?? 0) + 1);
  const onePerRow = results.length === keys.length && keys.every((key, index) => seen.get(key) === 1 && results[index].key === key);
  if (!onePerRow) process.stderr.write(`[bench] ${results.length} results for ${keys.length} rows, ${[...seen.values()].filter((count) => count > 1).length} keys repeated\n`);
  return { rows: keys.length, results: results.length, onePerRow };
}

/** What the client's limiter charges a request at admission (prompt + max_tokens), averaged. */
function meanClientEstimate(chunkDir) {
  let sum = 0;
  let count = 0;
  for (const name of readdirSync(chunkDir).filter((file) => file.endsWith(".jsonl"))) {
    for (const line of readFileSync(join(chunkDir, name), "utf8").split("\n")) {
      if (!line) continue;
      sum += estimateLineTokens(line);
      count++;
    }
  }
  return sum / count;
}

function round(value, digits) {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
