/** Paths of the datasets shipped in the package's `datasets/` folder. */
import { fileURLToPath } from "node:url";

/**
 * Absolute path of a shipped dataset file, e.g. `shippedDataset("mcq-mini", "questions.json")`.
 * Works from `src/eval/tasks` and from `dist/eval/tasks` (both three levels below the root).
 */
export function shippedDataset(folder: string, file: string): string {
  return fileURLToPath(new URL(`../../../datasets/${folder}/${file}`, import.meta.url));
}
