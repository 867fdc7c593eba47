/**
 * `batchlab/emulator`: a local server the official provider SDKs talk to unchanged.
 * OpenAI lives under `${url}/openai/v1`; the control API under `${url}/_emulator/`.
 */
export { startEmulator } from "./server.js";
export { parseFaultSpec } from "./faults.js";
export type { FaultSpec, FaultRule, FaultKind, ScriptedFault, RequestFaultKind, BatchFaultKind } from "./faults.js";
export type { EmulatorOptions, EmulatorHandle, EmulatorStats } from "./options.js";
export type { SurfaceStats } from "./surface.js";
export type { ChatRequest, ChatResponse, ChatChoice, ChatMessage, Responder } from "./responders/types.js";
export { echoResponder } from "./responders/echo.js";
