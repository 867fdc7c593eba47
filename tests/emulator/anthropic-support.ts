/** Helpers for the Anthropic surface tests: an emulator with an `@anthropic-ai/sdk` client on it. */
import Anthropic from "@anthropic-ai/sdk";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../src/emulator/index.js";

export interface AnthropicTest {
  emulator: EmulatorHandle;
  client: Anthropic;
}

const started: AnthropicTest[] = [];

/** Starts an emulator (batchMs 200) and a client on `${url}/anthropic`; closed by `closeAll`. */
export async function startAnthropic(options: EmulatorOptions = {}, maxRetries = 0): Promise<AnthropicTest> {
  const emulator = await startEmulator({ batchMs: 200, ...options });
  const client = new Anthropic({ apiKey: "sk-ant-test", baseURL: `${emulator.url}/anthropic`, maxRetries });
  const test = { emulator, client };
  started.push(test);
  return test;
}

export async function closeAll(): Promise<void> {
  await Promise.all(started.splice(0).map((test) => test.emulator.close()));
}

/** One batch request asking `model` to answer `text`. */
export function batchRequest(customId: string, text = `question ${customId}`, model = "claude-sonnet-4-5") {
  return { custom_id: customId, params: { model, max_tokens: 64, messages: [{ role: "user" as const, content: text }] } };
}

export function batchRequests(count: number, prefix = "row-") {
  return Array.from({ length: count }, (_, index) => batchRequest(`${prefix}${index}`));
}

/** Reads every result through the SDK's async iterable. */
export async function collectResults(test: AnthropicTest, id: string): Promise<Anthropic.Messages.MessageBatchIndividualResponse[]> {
  const results: Anthropic.Messages.MessageBatchIndividualResponse[] = [];
  for await (const result of await test.client.messages.batches.results(id)) results.push(result);
  return results;
}

/** The `error.message` of the Anthropic error body a failed SDK call carries. */
export async function errorMessage(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (caught: unknown) => caught,
  )) as { error?: { error?: { message?: string } } };
  return error.error?.error?.message ?? "";
}

/** Raw POST to the surface with the given headers. */
export function post(test: AnthropicTest, path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(`${test.emulator.url}/anthropic${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", ...headers },
    body: JSON.stringify(body),
  });
}
