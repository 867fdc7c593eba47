/**
 * Builds the collect benchmark's input: `node generate-collect.js <dir> <rows>`.
 * 1. prepares a run from the prompts dataset with the real createRun (journal with <rows> items
 *    in 50,000-row chunks);
 * 2. writes, per chunk, an OpenAI batch output file and error file in shuffled order, as the
 *    service does: 99.4% answers (~400 characters), 0.5% HTTP 500 rows in the error file, 0.05%
 *    malformed (truncated) lines, 0.05% rows with no line at all;
 * 3. marks each chunk `ended` with a remote batch id, as the runner does before collecting.
 * The folder is written under a temp name and renamed when complete.
 */
import { createWriteStream, renameSync, rmSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createRun } from "../../dist/run/create-run.js";
import { BENCH_CONFIG } from "./bench-config.js";
import { ensureInput, outPath } from "./report.js";
import { seededRandom, sentence } from "./random.js";

const [dir, rowsText] = process.argv.slice(2);
const rows = Number(rowsText);
const size = rows === 1_000_000 ? "1m" : String(rows);
const dataset = ensureInput(outPath(`prompts-${size}.jsonl`), "./generate-prompts.js", String(rows));
const temp = `${dir}.tmp`;
rmSync(temp, { recursive: true, force: true });

const run = await createRun({ dataset, config: BENCH_CONFIG, runDir: temp, runId: "base" });
const random = seededRandom(7);
const database = new DatabaseSync(run.paths.journal);
const wireIdsOf = database.prepare("SELECT wire_id FROM items WHERE chunk_id = ? ORDER BY row");
let number = 0;
for (const chunk of run.journal.chunks()) {
  const batchId = `batch_bench${String(number++).padStart(4, "0")}`;
  const wireIds = wireIdsOf.all(chunk.id).map((row) => row.wire_id);
  shuffle(wireIds, random);
  const output = lineWriter(join(run.paths.raw, `${batchId}-output.jsonl`));
  const errors = lineWriter(join(run.paths.raw, `${batchId}-errors.jsonl`));
  for (const wireId of wireIds) {
    const dice = random();
    if (dice < 0.0005) continue; // no line at all
    if (dice < 0.0055) await errors.write(JSON.stringify(failedLine(wireId, random)));
    else if (dice < 0.006) await output.write(JSON.stringify(answerLine(wireId, random)).slice(0, 300));
    else await output.write(JSON.stringify(answerLine(wireId, random)));
  }
  await output.close();
  await errors.close();
  run.journal.setChunkState(chunk.id, "ended", {
    remote: { id: batchId, provider: "openai", handles: { inputFileId: `file-in-${batchId}` } },
    remoteState: "completed",
    batchState: "partial",
  });
}
database.close();
run.journal.close();
run.release();
renameSync(join(temp, "base"), dir);
rmSync(temp, { recursive: true, force: true });

function answerLine(customId, random) {
  // About 45% of answers have a character outside ASCII (a dash, quotes, a name), as LLM answers do.
  const dash = random() < 0.25 ? "—" : "-";
  const text = `${sentence(random, 200)}.\n\n"${sentence(random, 60)}" ${dash} ${sentence(random, 120)}.`;
  const promptTokens = 100 + Math.floor(random() * 60);
  const completionTokens = 60 + Math.floor(random() * 40);
  return {
    id: `batch_req_${hex(random, 24)}`,
    custom_id: customId,
    response: {
      status_code: 200,
      request_id: `req_${hex(random, 32)}`,
      body: {
        id: `chatcmpl-${hex(random, 24)}`,
        object: "chat.completion",
        created: 1_763_700_000,
        model: "gpt-4o-mini-2024-07-18",
        choices: [
          { index: 0, message: { role: "assistant", content: text, refusal: null, annotations: [] }, logprobs: null, finish_reason: "stop" },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
          prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
        },
        service_tier: "default",
        system_fingerprint: "fp_560af6e559",
      },
    },
    error: null,
  };
}

function failedLine(customId, random) {
  return {
    id: `batch_req_${hex(random, 24)}`,
    custom_id: customId,
    response: {
      status_code: 500,
      request_id: `req_${hex(random, 32)}`,
      body: { error: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null } },
    },
    error: null,
  };
}

function hex(random, length) {
  let text = "";
  while (text.length < length) text += Math.floor(random() * 0x100000000).toString(16).padStart(8, "0");
  return text.slice(0, length);
}

function shuffle(list, random) {
  for (let index = list.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [list[index], list[other]] = [list[other], list[index]];
  }
}

function lineWriter(path) {
  const stream = createWriteStream(path);
  let batch = [];
  return {
    async write(line) {
      batch.push(line);
      if (batch.length >= 5_000) {
        if (!stream.write(batch.join("\n") + "\n")) await once(stream, "drain");
        batch = [];
      }
    },
    async close() {
      if (batch.length) stream.write(batch.join("\n") + "\n");
      stream.end();
      await once(stream, "finish");
    },
  };
}
