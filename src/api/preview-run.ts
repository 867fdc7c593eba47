import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { prepareChunks } from "../plan/prepare.js";
import { encoderFor } from "../providers/registry.js";
import { estimateInputTokens } from "../requests/token-estimate.js";
import { resolveRunPlan, type RunOptions } from "../run/create-run.js";
import type { Request } from "../types.js";

/** What a run would send, found without sending anything. */
export interface RunPreview {
  provider: string;
  model: string;
  rows: number;
  chunks: { rows: number; bytes: number }[];
  /** The first few requests, provider-neutral (local images as file:// URLs). */
  requests: Request[];
  /** The same requests as the provider's batch lines (images inlined or as gs:// URIs). */
  lines: string[];
  /** Input tokens of every request (exact tokenizer count for OpenAI models). */
  estimatedInputTokens: number;
  /** Output tokens if every row used its whole `max_tokens` (undefined when unset). */
  maxOutputTokens?: number;
  warnings: string[];
}

const PREVIEW_REQUESTS = 5;

/**
 * Validate the dataset and build every request exactly as a run would, into a scratch
 * folder that is removed after. Throws the same ValidationError a run would.
 */
export async function previewRun(options: RunOptions): Promise<RunPreview> {
  const plan = await resolveRunPlan(options);
  const scratch = await mkdtemp(join(tmpdir(), "batchlab-preview-"));
  const requests: Request[] = [];
  const encoder = encoderFor(plan.provider, plan.step.options);
  let estimatedInputTokens = 0;
  try {
    const result = await prepareChunks({
      datasetFile: resolve(options.dataset),
      displayFile: options.dataset,
      imageDir: dirname(resolve(options.dataset)),
      step: plan.step,
      provider: encoder,
      limits: plan.limits,
      chunksDir: scratch,
      prefix: "preview",
      onItem: () => {},
      onChunk: () => {},
      onRequest: (request) => {
        if (requests.length < PREVIEW_REQUESTS) requests.push(request);
        estimatedInputTokens += estimateInputTokens(request);
      },
    });
    const maxTokens = plan.step.params.max_tokens;
    return {
      provider: plan.provider,
      model: plan.step.model,
      rows: result.rows,
      chunks: result.chunks.map((chunk) => ({ rows: chunk.rows, bytes: chunk.bytes })),
      requests,
      lines: requests.map((request) => encoder.encode(request, encoder.wireId(request.key))),
      estimatedInputTokens,
      maxOutputTokens: maxTokens === undefined ? undefined : maxTokens * (plan.step.params.n ?? 1) * result.rows,
      warnings: plan.warnings,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
