/**
 * Helpers every benchmark uses: where inputs live, how many rows, and the one JSON line a
 * benchmark prints for run-all.js.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
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
 * and must create `path` atomically (temp name + rename).
 */
export function ensureInput(path, script, ...args) {
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

export function outPath(name) {
  return join(OUT_DIR, name);
}

/** Peak resident memory of this process so far (all threads), in MB. */
export function peakRssMb() {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/**
 * The figures of a throughput benchmark. `unit` names the rate (`rows`, `lines`).
 * Printed by {@link printFigures} as the last stdout line.
 */
export function throughput({ unit, count, seconds, targetRate, targetRssMb }) {
  const rate = Math.round(count / seconds);
  const rss = peakRssMb();
  return {
    [`${unit}_per_s`]: rate,
    peak_rss_mb: rss,
    seconds: Math.round(seconds * 100) / 100,
    [unit]: count,
    [`target_${unit}_per_s`]: targetRate,
    target_rss_mb: targetRssMb,
    meets_target: rate >= targetRate && rss < targetRssMb,
  };
}

export function printFigures(figures) {
  process.stdout.write(JSON.stringify(figures) + "\n");
}
