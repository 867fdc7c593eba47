/**
 * A `fetch` for the OpenAI SDK that answers GET /v1/batches/<id> with a completed batch whose
 * files are already downloaded in the run's raw/ folder: the collect benchmarks' one lookup
 * per chunk, in process (no server, no network).
 */
export async function completedBatchLookup(url) {
  const id = new URL(String(url)).pathname.split("/").at(-1);
  const batch = {
    id,
    object: "batch",
    endpoint: "/v1/chat/completions",
    input_file_id: `file-in-${id}`,
    completion_window: "24h",
    status: "completed",
    output_file_id: `file-out-${id}`,
    error_file_id: `file-err-${id}`,
    created_at: 1_763_700_000,
    request_counts: { total: 50_000, completed: 49_700, failed: 300 },
    metadata: null,
  };
  return new Response(JSON.stringify(batch), { status: 200, headers: { "content-type": "application/json" } });
}
