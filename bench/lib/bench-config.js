/** The config both benchmarks prepare with: a system and a user template over two fields. */
export const BENCH_CONFIG = {
  models: { mini: { provider: "openai", model_name: "gpt-4o-mini", temperature: 0, max_tokens: 256 } },
  steps: {
    answer: {
      system: "You are a careful assistant. Answer in one short paragraph.",
      user: "Topic: {topic}\n\nQuestion: {question}\n\nAnswer briefly.",
    },
  },
};
