/**
 * Writes a JSONL prompt dataset: `node generate-prompts.js <path> <rows>`. Each row is
 * `{"topic": ..., "question": ...}` with about 500 bytes of text; every 50,000th row repeats
 * an earlier one (identical content gets a `~2` key). Deterministic; written to a temp name
 * and renamed.
 */
import { createWriteStream, renameSync } from "node:fs";
import { once } from "node:events";
import { TOPICS, seededRandom, sentence } from "./random.js";

const [path, rowsText] = process.argv.slice(2);
const rows = Number(rowsText);
const random = seededRandom(42);
const temp = `${path}.tmp`;
const out = createWriteStream(temp);
let batch = [];
let first;
for (let index = 0; index < rows; index++) {
  const row = { topic: TOPICS[index % TOPICS.length], question: `Q${index}: ${sentence(random, 470)}?` };
  if (index === 0) first = row;
  batch.push(JSON.stringify(index > 0 && index % 50_000 === 0 ? first : row));
  if (batch.length === 10_000) {
    if (!out.write(batch.join("\n") + "\n")) await once(out, "drain");
    batch = [];
  }
}
if (batch.length) out.write(batch.join("\n") + "\n");
out.end();
await once(out, "finish");
renameSync(temp, path);
