/**
 * `batchlab/emulator`: a local server the official provider SDKs talk to unchanged.
 * OpenAI lives under `${url}/openai/v1`; the Gemini API under `${url}/gemini` (v1 and v1beta),
 * Vertex AI under `${url}/vertex`, Cloud Storage under `${url}/gcs`; the control API under
 * `${url}/_emulator/`.
 */
export { startEmulator } from "./server.js";
export { parseFaultSpec } from "./faults.js";
export type { FaultSpec, FaultRule, FaultKind, ScriptedFault, RequestFaultKind, BatchFaultKind } from "./faults.js";
export type { EmulatorOptions, EmulatorHandle, EmulatorStats } from "./options.js";
export type { SurfaceStats } from "./surface.js";
export type { ChatRequest, ChatResponse, ChatChoice, ChatMessage, Responder } from "./responders/types.js";
export { echoResponder } from "./responders/echo.js";
export { oracleResponder, responderNamed, SIMULATED_ACCURACY } from "./responders/oracle.js";
export { parseRateLimitSpec, resolveRateLimits } from "./rate-limits/settings.js";
export type { RateLimitOptions, ModelRateLimits, ResolvedRateLimits } from "./rate-limits/settings.js";
export type { UsageReport, ModelUsage } from "./rate-limits/usage-log.js";
