import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { contentKey } from "../../src/data/keys.js";
import { ROOT } from "./cli.js";

export const PROMPTS_DIR = join(ROOT, "datasets", "prompts");
export const SHAPES = ["prompt-objects.json", "batch-object.json", "strings.json"] as const;

/** The keys a shipped prompts file should produce, worked out independently of the loader. */
export function expectedKeys(file: string): string[] {
  const data = JSON.parse(readFileSync(join(PROMPTS_DIR, file), "utf8"));
  const prompts: unknown[] = Array.isArray(data) ? data : data.prompts;
  return prompts.map((prompt) =>
    typeof prompt === "string" ? contentKey({ prompt }) : String((prompt as { prompt_id: unknown }).prompt_id),
  );
}

/** A JSON dataset of `count` prompts `{prompt_id: "p<i>", prompt: "question <i>"}` in `dir`. */
export function writePromptFile(dir: string, count: number, name = "prompts.json"): string {
  const rows = Array.from({ length: count }, (_, index) => ({ prompt_id: `p${index}`, prompt: `Question number ${index}: what is ${index} + ${index}?` }));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(rows, null, 1));
  return path;
}
