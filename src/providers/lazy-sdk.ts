import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The provider SDKs' client classes, loaded on first use instead of at import: a run talks
 * to one provider, and planning (prepare, estimate, validation) to none, so the others'
 * tens of MB of modules and their start-up time are never paid. Their CommonJS builds load
 * synchronously, so creating a provider stays synchronous.
 */
export const SDK = {
  openai: () => (require("openai") as typeof import("openai")).OpenAI,
  anthropic: () => (require("@anthropic-ai/sdk") as typeof import("@anthropic-ai/sdk")).Anthropic,
  genai: () => (require("@google/genai") as typeof import("@google/genai")).GoogleGenAI,
  storage: () => (require("@google-cloud/storage") as typeof import("@google-cloud/storage")).Storage,
};

/** An SDK client made at its first use: reading any property makes it (methods come bound to it). */
export function onFirstUse<T extends object>(make: () => T): T {
  let made: T | undefined;
  const client = () => (made ??= make());
  return new Proxy({} as T, {
    get(_, property) {
      const value: unknown = Reflect.get(client(), property);
      return typeof value === "function" ? value.bind(client()) : value;
    },
    has: (_, property) => Reflect.has(client(), property),
  });
}
