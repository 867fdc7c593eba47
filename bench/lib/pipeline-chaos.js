/**
 * The pipeline chaos drill (tests/pipeline/chaos.test.ts runs it small, bench/pipeline-chaos.bench.js
 * large): a 3-step pipeline (caption → label filter → 3 dialogue rounds answered as JSON) run
 * twice against two `batchlab emulator` processes:
 *
 * - the reference: one uninterrupted `batchlab pipeline` on a fault-free emulator;
 * - the chaos run: the same command on an emulator with request and row faults, killed with
 *   SIGKILL again and again — at a seeded random delay, or sooner at a named crash point
 *   (`BATCHLAB_CRASH_AT`) — and rerun each time, then run once more to the end.
 *
 * The two outputs are compared canonically, and the chaos emulator's batches are checked
 * against the stage runs' journals (see pipeline-audit.js). The two emulators are separate on
 * purpose: both pipelines use the same stage run ids, which are the batches' tags.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { auditBatches, canonicalJson } from "./pipeline-audit.js";
import { finished, lastStageLine, runCli, startCli, startEmulatorProcess } from "./pipeline-processes.js";
import { seededRandom } from "./random.js";

/** caption → keep/drop label (the echo repeats the hint) → 3 rounds whose answers are JSON. */
export const CHAOS_CONFIG = `models:
  mini:
    provider: openai
    model_name: gpt-4o-mini
    temperature: 0
steps:
  caption:
    system: "You describe things in one line."
    user: "Describe {name}."
    response_key: caption
    data_key: id
  triage:
    user: "Is it worth a dialogue? {caption} Verdict: {hint}"
    response_key: decision
    parse: { type: label, labels: [keep, drop] }
  qa:
    when: { field: decision, equals: keep }
    user: 'Round {dialog_round} on {name}. Reply as JSON: {{"question": "Q{dialog_round} on {name}?", "answer": "A{dialog_round} for {id}"}} So far: {dialog_history}'
    response_key: turn
    parse: { type: json, schema: { question: string, answer: string } }
    rounds: 3
`;

/** Stages of CHAOS_CONFIG: caption, triage and three rounds of qa. */
export const CHAOS_STAGES = 5;

/** Request faults (retried by the SDK or reconciled by the runner) and row faults (retried by the pipeline). */
export const CHAOS_FAULTS = "429:0.04,500:0.03,drop:0.02,drop_after:0.02,partial:0.02,malformed:0.01,expire:0.04";

/** Where a kill can be aimed, and how many times a process may pass the point before it fires. */
const CRASH_POINTS = [
  ["after-upload", 4],
  ["after-create", 4],
  ["after-record", 4],
  ["while-polling", 20],
  ["after-download", 4],
  ["while-collecting", 4],
  ["pipeline-stage-input", 2],
  ["pipeline-merged", 2],
  ["pipeline-writing-output", 50],
];
/** Points every process passes at the end of the last stage (each process, once). */
const LAST_STAGE_POINTS = [
  ["pipeline-merged", 1],
  ["pipeline-writing-output", 300],
];

/**
 * Rows named `item <n>`; about two in three get the hint `keep` (seeded), so the filter
 * really filters.
 * @param {string} path
 * @param {number} rows
 * @param {number} seed
 */
export function writeChaosInput(path, rows, seed = 7) {
  const random = seededRandom(seed);
  const data = Array.from({ length: rows }, (_, index) => ({ id: `r${index}`, name: `item ${index}`, hint: random() < 0.67 ? "keep" : "drop" }));
  writeFileSync(path, JSON.stringify(data));
  return data;
}

/**
 * @typedef {object} ChaosOptions
 * @property {string} dir          scratch folder (config, input, both state folders and outputs)
 * @property {number} rows
 * @property {number} kills        SIGKILLs to survive before the final uninterrupted run
 * @property {number} [seed]       seed of the kill schedule (default 1)
 * @property {number} [maxRequests] rows per batch (default 50: several chunks per stage)
 * @property {number} [batchMs]    how long an emulated batch takes (default 1200)
 * @property {string} [faults]     the chaos emulator's faults (default CHAOS_FAULTS)
 * @property {number} [retries]    pipeline retries of failed rows per stage (default 4)
 * @property {[number, number]} [delayMs] range of the random kill delay, from the process's first
 *   progress line (default from 0 to 1.2 × the reference's length / kills)
 * @property {number} [crashPointShare] share of kills also aimed at a crash point (default 0.5)
 * @property {(line: string) => void} [log]
 */

/**
 * Run the drill; resolves with its figures (throws when a run ends in an unexpected way).
 * @param {ChaosOptions} options
 */
export async function runChaosDrill(options) {
  const { dir, rows, kills } = options;
  const random = seededRandom(options.seed ?? 1);
  const log = options.log ?? (() => {});
  mkdirSync(dir, { recursive: true });
  const config = join(dir, "config.yaml");
  const input = join(dir, "input.json");
  writeFileSync(config, CHAOS_CONFIG);
  writeChaosInput(input, rows);
  const emulatorArgs = ["--batch-ms", String(options.batchMs ?? 1200)];
  const [reference, chaos] = await Promise.all([
    startEmulatorProcess(emulatorArgs),
    startEmulatorProcess([...emulatorArgs, "--faults", options.faults ?? CHAOS_FAULTS, "--seed", String(options.seed ?? 1)]),
  ]);
  try {
    const args = (name) => [
      "pipeline", config, "--input", input, "--output", join(dir, `${name}.json`), "--state-dir", join(dir, `${name}-state`),
      "--max-requests", String(options.maxRequests ?? 50), "--poll-ms", "100", "--retries", String(options.retries ?? 4),
    ];
    // The reference first: its length sets the kill delays, so the kills spread over every stage.
    const referenceStarted = performance.now();
    const referenceResult = await runCli(args("reference"), { BATCHLAB_EMULATOR_URL: reference.url });
    if (referenceResult.code !== 0) throw new Error(`the reference run failed (${referenceResult.code}):\n${referenceResult.stderr}`);
    const referenceSeconds = seconds(referenceStarted);
    // Kill i aims at stage ⌊i·stages/kills⌋+1: a random moment within its first half (timed
    // from the process's first progress line of that stage, so a slow start or a replayed
    // earlier stage does not eat the delay), or sooner at a crash point. Each attempt also
    // carries a crash point that fires at the latest while the output is written, so no
    // attempt can finish the pipeline: all `kills` happen.
    const [minDelay, maxDelay] = options.delayMs ?? [0, Math.max(300, Math.round((500 * referenceSeconds) / CHAOS_STAGES))];
    const started = performance.now();
    const killLog = [];
    while (killLog.length < kills) {
      const target = Math.floor((killLog.length * CHAOS_STAGES) / kills) + 1;
      const delay = Math.round(minDelay + random() * (maxDelay - minDelay));
      const points = target === CHAOS_STAGES ? LAST_STAGE_POINTS : CRASH_POINTS;
      const [point, most] = random() < (options.crashPointShare ?? 0.5) ? points[Math.floor(random() * points.length)] : ["pipeline-writing-output", rows];
      const crashAt = `${point}#${1 + Math.floor(random() * Math.min(most, rows))}`;
      const child = startCli(args("chaos"), { BATCHLAB_EMULATOR_URL: chaos.url, BATCHLAB_CRASH_AT: crashAt });
      let timer;
      let byTimer = false;
      child.stderr.on("data", (data) => {
        const stage = Math.max(0, ...[...String(data).matchAll(/\[batchlab\] stage (\d+)\//g)].map((match) => Number(match[1])));
        if (timer || stage < target) return;
        timer = setTimeout(() => {
          byTimer = true;
          child.kill("SIGKILL");
        }, delay);
      });
      const result = await finished(child);
      clearTimeout(timer);
      if (result.signal !== "SIGKILL") {
        throw new Error(`the chaos run exited with ${result.code} instead of being killed (${crashAt}, ${delay} ms):\n${result.stderr}`);
      }
      const how = byTimer ? `${delay} ms into stage ${target}` : crashAt;
      killLog.push({ how, atCrashPoint: !byTimer, at: lastStageLine(result.stderr) });
      log(`kill ${killLog.length}: ${how}, at ${lastStageLine(result.stderr)}`);
    }
    const last = await runCli(args("chaos"), { BATCHLAB_EMULATOR_URL: chaos.url });
    if (last.code !== 0) throw new Error(`the final chaos run failed (${last.code}):\n${last.stderr}`);
    const chaosSeconds = seconds(started);
    const referenceOutput = JSON.parse(readFileSync(join(dir, "reference.json"), "utf8"));
    const chaosOutput = JSON.parse(readFileSync(join(dir, "chaos.json"), "utf8"));
    const audit = await auditBatches({ emulatorUrl: chaos.url, runDir: join(dir, "chaos-state", "runs") });
    const referenceAudit = await auditBatches({ emulatorUrl: reference.url, runDir: join(dir, "reference-state", "runs") });
    const killedWhile = {};
    for (const kill of killLog) {
      const stage = /^stage (\d+)\//.exec(kill.at)?.[1] ?? "start";
      killedWhile[stage] = (killedWhile[stage] ?? 0) + 1;
    }
    return {
      figures: {
        rows,
        kills: killLog.length,
        kills_at_crash_points: killLog.filter((kill) => kill.atCrashPoint).length,
        kills_by_stage: killedWhile,
        stages: CHAOS_STAGES,
        requests_planned: audit.requests_planned,
        requests_sent: audit.requests_sent,
        requests_first: audit.requests_first,
        requests_retried: audit.requests_retried,
        reference_requests_sent: referenceAudit.requests_sent,
        batches_planned: audit.batches_planned,
        batches_created: audit.batches_created,
        duplicate_successes: audit.duplicate_successes,
        output_rows: chaosOutput.length,
        output_equal: canonicalJson(chaosOutput) === canonicalJson(referenceOutput),
        faults_injected: (await chaos.stats()).openai.faults_injected,
        reference_seconds: referenceSeconds,
        chaos_seconds: chaosSeconds,
      },
      problems: [...audit.problems, ...referenceAudit.problems.map((problem) => `reference: ${problem}`)],
      killLog,
      referenceOutput,
      chaosOutput,
    };
  } finally {
    await Promise.all([reference.stop(), chaos.stop()]);
  }
}

function seconds(since) {
  return Math.round((performance.now() - since) / 100) / 10;
}
