#!/usr/bin/env node
/**
 * Runs every `bench/*.bench.js` in its own child process, so each one's peak RSS is its
 * own, and prints ONE JSON object merging what they report on stdout. Progress goes to
 * stderr.
 *
 * A benchmark is a file `bench/<name>.bench.js` whose last stdout line is a JSON object of
 * figures, e.g. `{"prepare_1m": {...}}` (see bench/lib/report.js). Adding a file is all it
 * takes to add a benchmark.
 *
 * Usage: node bench/run-all.js [name-filter...]   (e.g. `node bench/run-all.js collect`)
 * Environment: BENCH_ROWS scales the row count (default 1,000,000) for quick checks.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const dir = fileURLToPath(new URL(".", import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".bench.js"))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();

const figures = {};
let failed = false;
for (const file of files) {
  process.stderr.write(`[bench] ${file}\n`);
  try {
    Object.assign(figures, await runBench(join(dir, file)));
  } catch (error) {
    failed = true;
    figures[file.replace(/\.bench\.js$/, "").replaceAll("-", "_")] = { error: error.message };
    process.stderr.write(`[bench] ${file} failed: ${error.message}\n`);
  }
}
process.stdout.write(JSON.stringify(figures, null, 2) + "\n");
if (failed) process.exitCode = 1;

function runBench(path) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (data) => (stdout += data));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code !== 0) return reject(new Error(`exited with ${signal ?? code}`));
      const last = stdout.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`printed no JSON figures (last line: ${last.slice(0, 200)})`));
      }
    });
  });
}
