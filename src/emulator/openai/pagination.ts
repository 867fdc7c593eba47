/** Cursor pagination as OpenAI lists do it: `limit` + `after=<id of the last item seen>`. */
import { RequestError } from "../http.js";

export function pageQuery(url: URL, maxLimit: number, defaultLimit = maxLimit): { limit: number; after?: string } {
  const limitText = url.searchParams.get("limit");
  const limit = limitText === null ? defaultLimit : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new RequestError(400, `Invalid 'limit': "${limitText}". Use an integer from 1 to ${maxLimit}.`, "limit");
  }
  const after = url.searchParams.get("after") ?? undefined;
  return after ? { limit, after } : { limit };
}

/** The list envelope: `{object:"list", data, first_id, last_id, has_more}`. */
export function listPage(data: Array<Record<string, unknown>>, hasMore: boolean): Record<string, unknown> {
  return {
    object: "list",
    data,
    first_id: data.length > 0 ? data[0].id : null,
    last_id: data.length > 0 ? data[data.length - 1].id : null,
    has_more: hasMore,
  };
}
