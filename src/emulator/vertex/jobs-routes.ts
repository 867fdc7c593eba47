/**
 * Batch prediction job routes (spec §3.2) under `/{v1|v1beta1}/projects/{p}/locations/{l}`
 * (the prefix is optional: express mode leaves it out): create, get (by number), list
 * (`pageSize`, `pageToken`, `filter`), `:cancel` and delete.
 */
import type { Clock } from "../clock.js";
import { notFound, failedPrecondition } from "../google/errors.js";
import { pageSizeParam, readGoogleJson } from "../google/body.js";
import { TERMINAL_PHASES } from "../google/job-record.js";
import { googleRoute, type GoogleRoute } from "../google/router.js";
import type { VertexJob } from "./job-record.js";
import type { VertexJobs } from "./job-store.js";
import { deleteOperation, jobResource } from "./job-wire.js";
import { parseJobFilter } from "./list-filter.js";

/** `/v1beta1/projects/p/locations/l`, or just `/v1beta1` in express mode. */
export const PARENT = "^/(?<version>v1|v1beta1)(?:/projects/(?<project>[^/]+)/locations/(?<location>[^/]+))?";

/** Where express-mode jobs (no project in the path) live. */
const EXPRESS_PARENT = "projects/express/locations/global";

export function jobRoutes(jobs: VertexJobs, clock: Clock): GoogleRoute[] {
  const { table } = jobs;
  /** The job, if it exists under this parent. */
  const find = async (params: Record<string, string>): Promise<VertexJob> => {
    const parent = parentOf(params);
    if (!table.has(params.id)) throw notFound(`${parent}/batchPredictionJobs/${params.id}`);
    const record = await table.read(params.id);
    if (record.parent !== parent) throw notFound(`${parent}/batchPredictionJobs/${params.id}`);
    return record;
  };

  return [
    googleRoute("POST", new RegExp(`${PARENT}/batchPredictionJobs/?$`), async ({ req }, params) => ({
      status: 200,
      json: jobResource(jobs.create(parentOf(params), await readGoogleJson(req)), clock.now()),
    })),
    googleRoute("GET", new RegExp(`${PARENT}/batchPredictionJobs/?$`), async ({ url }, params) => {
      const parent = parentOf(params);
      const filter = parseJobFilter(url.searchParams.get("filter"));
      const page = await table.page(pageSizeParam(url, "pageSize", 100, 1000), url.searchParams.get("pageToken"), (record) => record.parent === parent && filter(record));
      const now = clock.now();
      const json: Record<string, unknown> = { batchPredictionJobs: page.records.map((record) => jobResource(record, now)) };
      if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
      return { status: 200, json };
    }),
    googleRoute("GET", new RegExp(`${PARENT}/batchPredictionJobs/(?<id>[^/:]+)$`), async (_, params) => ({ status: 200, json: jobResource(await find(params), clock.now()) })),
    googleRoute("POST", new RegExp(`${PARENT}/batchPredictionJobs/(?<id>[^/:]+):cancel$`), async ({ req }, params) => {
      req.resume(); // the SDK sends {}
      await find(params);
      await table.cancel(params.id);
      return { status: 200, json: {} };
    }),
    googleRoute("DELETE", new RegExp(`${PARENT}/batchPredictionJobs/(?<id>[^/:]+)$`), async ({ req }, params) => {
      req.resume();
      const record = await find(params);
      if (!TERMINAL_PHASES.has(record.phase)) {
        throw failedPrecondition(`Cannot delete ${params.id}: the job is ${record.phase}. Cancel it and wait for JOB_STATE_CANCELLED first; only finished jobs can be deleted.`);
      }
      table.delete(params.id);
      return { status: 200, json: deleteOperation(record, params.version, clock.now()) };
    }),
  ];
}

export function parentOf(params: Record<string, string>): string {
  return params.project ? `projects/${params.project}/locations/${params.location}` : EXPRESS_PARENT;
}
