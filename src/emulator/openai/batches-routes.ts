/** `/batches` endpoints (spec §1.3): create, retrieve, list (cursor pages), cancel. */
import type { Clock } from "../clock.js";
import { readJsonObject, route, type Route } from "../http.js";
import type { BatchStore } from "./batch-store.js";
import { batchObject } from "./batch-wire.js";
import { listPage, pageQuery } from "./pagination.js";

export function batchRoutes(batches: BatchStore, clock: Clock): Route[] {
  const reply = (record: Parameters<typeof batchObject>[0]) => ({ status: 200, json: batchObject(record, clock.now()) });
  return [
    route("POST", "/batches", async ({ req }) => reply(await batches.create(await readJsonObject(req)))),
    route("GET", "/batches", async ({ url }) => {
      const query = pageQuery(url, 100, 20);
      const page = await batches.page(query.limit, query.after);
      const now = clock.now();
      return { status: 200, json: listPage(page.data.map((record) => batchObject(record, now)), page.hasMore) };
    }),
    route("GET", "/batches/:id", async (_, params) => reply(await batches.read(params.id))),
    route("POST", "/batches/:id/cancel", async ({ req }, params) => {
      req.resume(); // the SDK sends an empty body
      return reply(await batches.cancel(params.id));
    }),
  ];
}
