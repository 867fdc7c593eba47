/**
 * Realtime model calls (spec §2.5), shared by the Gemini API and Vertex AI: `:generateContent`,
 * `:streamGenerateContent` (one chunk; SSE with `?alt=sse`, else a JSON array) and
 * `:countTokens`. The route pattern must capture `model` and `verb`.
 */
import type { Clock } from "../clock.js";
import { RequestError } from "../http.js";
import type { Responder } from "../responders/types.js";
import type { SurfaceStats } from "../surface.js";
import { countPartTokens, countTokens } from "../tokens.js";
import { answer } from "./answer.js";
import { readGoogleJson } from "./body.js";
import { toChatRequest, type SizeLookup } from "./generate-wire.js";
import { googleRoute, type GoogleRoute } from "./router.js";
import type { RateLimiter } from "../rate-limits/limiter.js";
import { runWithinLimits } from "../rate-limits/run-within-limits.js";
import { googleRateLimitReply } from "../rate-limits/google-replies.js";
import type { RateLimitDenial } from "../rate-limits/types.js";

export interface GenerateDependencies {
  responder: Responder;
  sizeOf?: SizeLookup;
  clock: Clock;
  stats: SurfaceStats;
  /** Realtime calls go through the emulator's RPM/TPM limits under this surface name. */
  limits?: { limiter: RateLimiter; surface: string };
}

/** The verbs the pattern's `verb` group may capture. */
export const GENERATE_VERBS = "generateContent|streamGenerateContent|countTokens";

export function generateRoutes(pattern: RegExp, deps: GenerateDependencies): GoogleRoute[] {
  return [
    googleRoute("POST", pattern, async ({ req, url }, { model, verb }) => {
      const body = await readGoogleJson(req);
      if (verb === "countTokens") return { status: 200, json: { totalTokens: promptTokens(body, model, deps.sizeOf) } };
      const limits = deps.limits;
      const limited: Responder = limits
        ? async (request) => {
            const outcome = await runWithinLimits(limits.limiter, { surface: limits.surface, stats: deps.stats, request, responder: deps.responder });
            if (!outcome.ok) throw new RateLimited(outcome.denial);
            return outcome.response;
          }
        : deps.responder;
      let answered;
      try {
        answered = await answer(body, model, { ...deps, responder: limited, rethrow: RateLimited }, deps.clock.now());
      } catch (error) {
        if (error instanceof RateLimited) return googleRateLimitReply(error.denial);
        throw error;
      }
      if (!answered.ok) throw new RequestError(answered.error.code === 3 ? 400 : 500, answered.error.message, null, null, answered.error.status);
      deps.stats.generate_content++;
      if (verb === "generateContent") return { status: 200, json: answered.response };
      if (url.searchParams.get("alt") === "sse") {
        return { status: 200, headers: { "content-type": "text/event-stream" }, body: `data: ${JSON.stringify(answered.response)}\r\n\r\n` };
      }
      return { status: 200, json: [answered.response] };
    }),
  ];
}

/** A refusal by the limits, carried out of the responder to become Google's 429. */
class RateLimited extends Error {
  constructor(readonly denial: RateLimitDenial) {
    super("rate limited");
  }
}

/** `countTokens` takes `{contents}` or `{generateContentRequest: {...}}`. */
function promptTokens(body: Record<string, unknown>, model: string, sizeOf?: SizeLookup): number {
  const request = toChatRequest(body.generateContentRequest ?? body, model, sizeOf);
  return request.messages.reduce((sum, message) => sum + countPartTokens(message.parts), request.system ? countTokens(request.system) : 0);
}
