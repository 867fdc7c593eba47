import { RequestError } from "../http.js";
import type { Reply, RequestContext } from "../surface.js";
import { fromRequestError, googleError } from "./errors.js";
import { findRoute, pathIsKnown, type GoogleRoute } from "./router.js";

/**
 * Answer a request on a Google surface: the matching route's reply, a request error as
 * Google words it, or 404/405 with `notServed` saying what the surface does serve.
 */
export async function dispatchGoogle(routes: GoogleRoute[], request: RequestContext, notServed: string): Promise<Reply> {
  const found = findRoute(routes, request.method, request.path);
  if (!found) {
    request.req.resume();
    const known = pathIsKnown(routes, request.path);
    return googleError(known ? 405 : 404, `${known ? "Method not allowed" : "Not found"}: ${notServed}`, known ? "UNIMPLEMENTED" : "NOT_FOUND");
  }
  try {
    return await found.handler(request, found.params);
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    return fromRequestError(error);
  }
}
