/**
 * Helpers every benchmark uses: where inputs live, how many rows, and the one JSON line a
 * benchmark prints for run-all.js.
 */
import { spawnSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** Generated inputs and scratch run folders (gitignored). */
export const OUT_DIR = fileURLToPath(new URL("../.out/", import.meta.url));
mkdirSync(OUT_DIR, { recursive: true });

/** Rows per benchmark: 1,000,000 unless BENCH_ROWS says otherwise (quick checks). */
export const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

/** `1m` for a million, else the number: input file names and figure names use it. */
export const SIZE = ROWS === 1_000_000 ? "1m" : String(ROWS);

/**
 * Make an input once (in a child process, so its memory never counts toward the
 * benchmark's peak RSS) and reuse it on later runs. `script` is run as `node script ...args`
 * and must create `path` atomically (temp name + rename). The name gets a hash of the
 * generator scripts, so changing a generator makes a new input instead of reusing a stale one.
 */
export function ensureInput(name, script, ...args) {
  const dot = name.lastIndexOf(".");
  const stem = dot > name.lastIndexOf("/") ? name.slice(0, dot) : name;
  const path = `${stem}-${generatorHash(script)}${name.slice(stem.length)}`;
  if (existsSync(path)) return path;
  process.stderr.write(`[bench] generating ${path}\n`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), path, ...args], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) throw new Error(`generating ${path} failed (${script} exited with ${result.status})`);
  process.stderr.write(`[bench] generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return path;
}

/** A short hash of the generator script and the seeded text it draws from. */
function generatorHash(script) {
  const hash = createHash("sha256");
  for (const file of [script, "./random.js"]) hash.update(readFileSync(fileURLToPath(new URL(file, import.meta.url))));
  return hash.digest("hex").slice(0, 8);
}

export function outPath(name) {
  return join(OUT_DIR, name);
}

/** Peak resident memory of this process so far (all threads), in MB. */
export function peakRssMb() {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** Wall and CPU time (all threads of this process) since the call. */
export function stopwatch() {
  const started = performance.now();
  const cpu = process.cpuUsage();
  return {
    seconds: () => (performance.now() - started) / 1000,
    cpuSeconds: () => {
      const used = process.cpuUsage(cpu);
      return (used.user + used.system) / 1e6;
    },
  };
}

/**
 * The figures of a throughput benchmark. `unit` names the rate (`rows`, `lines`); the load
 * average says how busy the machine was (other processes slow the wall time down).
 * Printed by {@link printFigures} as the last stdout line.
 */
export function throughput({ unit, count, seconds, cpuSeconds, targetRate, targetRssMb }) {
  const rate = Math.round(count / seconds);
  const rss = peakRssMb();
  return {
    [`${unit}_per_s`]: rate,
    peak_rss_mb: rss,
    seconds: Math.round(seconds * 100) / 100,
    // CPU time of all threads: less sensitive than wall time to other load on the machine.
    cpu_seconds: Math.round(cpuSeconds * 100) / 100,
    [unit]: count,
    [`target_${unit}_per_s`]: targetRate,
    target_rss_mb: targetRssMb,
    meets_target: rate >= targetRate && rss < targetRssMb,
    cores: availableParallelism(),
    load_average_1m: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function printFigures(figures) {
  process.stdout.write(JSON.stringify(figures) + "\n");
}
