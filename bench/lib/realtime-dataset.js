/**
 * Writes a JSONL prompt dataset for the realtime benchmark:
 * `node realtime-dataset.js <path> <rows> <words>`. Each row is
 * `{"prompt_id": "r<index>", "prompt": "Row <index>: <words plain English words>"}`; plain
 * ASCII words keep the token count per row steady (about one token a word), so the
 * benchmark knows which limit binds. Deterministic; written to a temp name and renamed.
 */
import { renameSync, writeFileSync } from "node:fs";
import { seededRandom } from "./random.js";

const WORDS = (
  "the history energy market climate protein network language theorem river mountain engine circuit " +
  "economy planet molecule poem algorithm bridge harvest vaccine galaxy orbit museum treaty reform " +
  "explain describe compare summarise evaluate why how what when where whether briefly carefully " +
  "water light sound metal forest ocean city garden window paper music number table letter story"
).split(" ");

const [path, rowsText, wordsText] = process.argv.slice(2);
const rows = Number(rowsText);
const words = Number(wordsText);
const random = seededRandom(11);
const lines = [];
for (let index = 0; index < rows; index++) {
  const text = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ");
  lines.push(JSON.stringify({ prompt_id: `r${index}`, prompt: `Row ${index}: ${text}` }));
}
writeFileSync(`${path}.tmp`, lines.join("\n") + "\n");
renameSync(`${path}.tmp`, path);
