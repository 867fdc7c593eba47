/** `POST /chat/completions` (spec §1.5): the responder answers right away, with rate-limit headers. */
import type { Clock } from "../clock.js";
import { readJsonObject, route, type Route } from "../http.js";
import type { Responder } from "../responders/types.js";
import type { SurfaceStats } from "../surface.js";
import { toChatCompletion, toChatRequest } from "./chat-wire.js";
import { generousRateLimits, rateLimitHeaders } from "./rate-limit.js";

export function chatRoutes(responder: Responder, clock: Clock, stats: SurfaceStats): Route[] {
  return [
    route("POST", "/chat/completions", async ({ req }) => {
      const started = Date.now();
      const request = toChatRequest(await readJsonObject(req));
      const response = await responder(request);
      stats.chat_completions++;
      const tokens = response.usage.inputTokens + response.usage.outputTokens;
      return {
        status: 200,
        headers: { ...rateLimitHeaders(generousRateLimits(tokens)), "openai-processing-ms": String(Date.now() - started) },
        json: toChatCompletion(response, request.model, clock.now()),
      };
    }),
  ];
}
