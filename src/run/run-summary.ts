/** `summary.json`: what a finished run did, for people and for scripts. */
export interface RunSummary {
  runId: string;
  provider: string;
  model: string;
  step: string;
  total: number;
  succeeded: number;
  failed: number;
  expired: number;
  cancelled: number;
  /** succeeded / total, 0..1. */
  successRate: number;
  inputTokens: number;
  outputTokens: number;
  /** What the run cost, from each row's usage at the dated prices (batch discount applied). */
  cost: { usd: number; unpricedRows: number; pricesAsOf: string; simulated: boolean };
  /** From run creation to the last result. */
  wallMs: number;
  startedAt: string;
  finishedAt: string;
  batches: { chunk: string; remoteId?: string; state?: string; rows: number }[];
  /** Local images put where the batch reads them (Vertex: uploaded to the bucket, or already there). */
  images?: { uploaded: number; skipped: number };
  runDir: string;
  resultsPath: string;
  csvPath: string;
}
