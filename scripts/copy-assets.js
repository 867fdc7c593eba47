// Non-TypeScript files that src/ reads at run time (tsc copies only .ts output).
import { cpSync } from "node:fs";

for (const file of ["cost/prices.json"]) {
  cpSync(new URL(`../src/${file}`, import.meta.url), new URL(`../dist/${file}`, import.meta.url));
}
