/**
 * Batch routes (spec §2.3), under `v1` and `v1beta`: `models/{m}:batchGenerateContent`,
 * `batches/{id}` get and delete, `batches/{id}:cancel`, and the list `{operations, nextPageToken}`.
 */
import type { Clock } from "../clock.js";
import { pageSizeParam, readGoogleJson } from "../google/body.js";
import type { JobTable } from "../google/job-table.js";
import { googleRoute, type GoogleRoute } from "../google/router.js";
import type { GeminiBatch } from "./batch-record.js";
import { batchOperation } from "./batch-wire.js";

const VERSION = "(?<version>v1|v1beta)";

export function batchRoutes(table: JobTable<GeminiBatch>, create: (model: string, body: Record<string, unknown>) => Promise<GeminiBatch>, clock: Clock): GoogleRoute[] {
  return [
    googleRoute("POST", new RegExp(`^/${VERSION}/models/(?<model>[^/:]+):batchGenerateContent$`), async ({ req }, { version, model }) => ({
      status: 200,
      json: batchOperation(await create(model, await readGoogleJson(req)), version, clock.now()),
    })),
    googleRoute("GET", new RegExp(`^/${VERSION}/batches/?$`), async ({ url }, { version }) => {
      const page = await table.page(pageSizeParam(url, "pageSize", 50, 1000), url.searchParams.get("pageToken"));
      const now = clock.now();
      const json: Record<string, unknown> = { operations: page.records.map((record) => batchOperation(record, version, now)) };
      if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
      return { status: 200, json };
    }),
    googleRoute("GET", new RegExp(`^/${VERSION}/batches/(?<id>[^/:]+)$`), async (_, { version, id }) => ({
      status: 200,
      json: batchOperation(await table.read(id), version, clock.now()),
    })),
    googleRoute("POST", new RegExp(`^/${VERSION}/batches/(?<id>[^/:]+):cancel$`), async ({ req }, { id }) => {
      req.resume(); // the SDK sends {}
      await table.cancel(id);
      return { status: 200, json: {} };
    }),
    googleRoute("DELETE", new RegExp(`^/${VERSION}/batches/(?<id>[^/:]+)$`), async ({ req }, { id }) => {
      req.resume();
      table.delete(id); // like the real API: the client is no longer interested; nothing is cancelled
      return { status: 200, json: {} };
    }),
  ];
}
