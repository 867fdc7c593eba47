import { describe, expect, it } from "vitest";
import {
  configHash,
  defaultConfig,
  expandEnv,
  loadConfig,
  parseConfig,
  resolveStep,
  validateConfig,
} from "../../src/data/config.js";
import { ConfigError, ValidationError, type InputProblem } from "../../src/errors.js";
import { tempFolder } from "./fixtures.js";

const folder = tempFolder();

const VALID = `
models:
  small:
    provider: openai
    model_name: gpt-4o-mini
    api_key: \${TEST_OPENAI_KEY}
    base_url: \${TEST_BASE}/v1
    temperature: 0.7
    top_p: 0.9
    max_tokens: 100
steps:
  answer:
    model: small
    system: "You are concise."
    user: "Answer briefly: {prompt}"
    response_key: answer
    data_key: prompt_id
    temperature: 0.2
    n: 2
`;

function problemsOf(text: string): InputProblem[] {
  try {
    parseConfig(text, "config.yaml");
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("config", () => {
  it("parses a valid config without warnings", () => {
    const loaded = parseConfig(VALID, "config.yaml");
    expect(loaded.warnings).toEqual([]);
    expect(loaded.file).toBe("config.yaml");
    expect(loaded.config.steps.answer.user).toBe("Answer briefly: {prompt}");
    expect(loaded.config.models.small.provider).toBe("openai");
  });

  it("names an unknown key with its YAML path and line, and suggests the likely one", () => {
    const problems = problemsOf(VALID.replace("    temperature: 0.2", "    tempreature: 0.2"));
    expect(problems).toEqual([
      {
        file: "config.yaml",
        row: 18,
        column: 5,
        field: "steps.answer.tempreature",
        message: expect.stringContaining('is not a known setting; did you mean "temperature"?'),
      },
    ]);
  });

  it("lists every problem at once with its field path", () => {
    const text = `
models:
  small:
    provider: opnai
    model_name: gpt-4o-mini
    temperature: hot
steps:
  answer:
    model: big
    system: "{unclosed"
  other:
    user: "ok {prompt}"
    max_tokens: -5
colour: blue
`;
    const problems = problemsOf(text);
    const byField = Object.fromEntries(problems.map((problem) => [problem.field, problem.message]));
    expect(byField).toEqual({
      "models.small.provider": expect.stringContaining('must be one of "openai", "gemini", "vertex", "anthropic"'),
      "models.small.temperature": 'must be a number (got "hot")',
      "steps.answer.user": "is required",
      "steps.other.max_tokens": "must be greater than 0 (got -5)",
      colour: expect.stringContaining("is not a known setting"),
    });
  });

  it("checks model references and template syntax after the shape is valid", () => {
    const text = VALID.replace("    model: small", "    model: big").replace('user: "Answer briefly: {prompt}"', 'user: "Answer {prompt"');
    const problems = problemsOf(text);
    expect(problems.map((problem) => [problem.field, problem.row])).toEqual([
      ["steps.answer.model", 13],
      ["steps.answer.user", 15],
    ]);
    expect(problems[0].message).toContain('names model "big", which is not defined; models: small');
    expect(problems[1].message).toContain('a "{" that is never closed at column 8');
  });

  it("reports YAML syntax errors with line and column", () => {
    const problems = problemsOf("models:\n  small: [unclosed\nsteps: {}\n");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].row).toBeGreaterThanOrEqual(2);
    expect(problems[0].message).toContain("fix the YAML");
  });

  it("warns about a literal API key without repeating it", () => {
    const loaded = parseConfig(VALID.replace("${TEST_OPENAI_KEY}", "sk-literal-secret-123"), "config.yaml");
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toContain("models.small.api_key holds a literal key; write api_key: ${OPENAI_API_KEY}");
    expect(loaded.warnings[0]).not.toContain("sk-literal");
  });

  it("expands ${VAR} from the environment in resolveStep", () => {
    const { config } = parseConfig(VALID, "config.yaml");
    const step = resolveStep(config, "answer", { TEST_OPENAI_KEY: "sk-test", TEST_BASE: "http://127.0.0.1:9" });
    expect(step.apiKey).toBe("sk-test");
    expect(step.baseUrl).toBe("http://127.0.0.1:9/v1");
  });

  it("fails on an unset variable naming the variable and the config field", () => {
    const { config } = parseConfig(VALID, "config.yaml");
    const resolve = () => resolveStep(config, "answer", { TEST_OPENAI_KEY: "k" });
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow(/config field models\.small\.base_url uses \$\{TEST_BASE\}.*TEST_BASE is not set/);
    expect(() => expandEnv("${NOPE_NOT_SET}", {})).toThrow(/NOPE_NOT_SET is not set/);
    expect(expandEnv("a ${X} b ${Y}", { X: "1", Y: "2" })).toBe("a 1 b 2");
  });

  it("leaves an unset api_key variable for the connection to report, by name, only when a key is needed", () => {
    const { config } = parseConfig(VALID, "config.yaml");
    const step = resolveStep(config, "answer", { TEST_BASE: "http://x" });
    expect(step.apiKey).toBeUndefined();
    expect(step.apiKeyVariable).toBe("TEST_OPENAI_KEY");
  });

  it("merges a step with its model, the step's params overriding the model's", () => {
    const { config } = parseConfig(VALID, "config.yaml");
    const step = resolveStep(config, undefined, { TEST_OPENAI_KEY: "k", TEST_BASE: "b" });
    expect(step).toEqual({
      name: "answer",
      modelKey: "small",
      provider: "openai",
      model: "gpt-4o-mini",
      system: "You are concise.",
      user: "Answer briefly: {prompt}",
      responseKey: "answer",
      dataKey: "prompt_id",
      params: { temperature: 0.2, top_p: 0.9, max_tokens: 100, n: 2 },
      apiKey: "k",
      apiKeyVariable: "TEST_OPENAI_KEY",
      baseUrl: "b/v1",
      mode: "batch",
    });
  });

  it("uses the first model and default response key when a step names neither", () => {
    const { config } = parseConfig(
      "models:\n  m1: {provider: anthropic, model_name: claude-haiku-4-5, mode: realtime}\n  m2: {provider: openai, model_name: x}\nsteps:\n  s: {user: '{prompt}'}\n",
      "c.yaml",
    );
    const step = resolveStep(config, "s", {});
    expect([step.modelKey, step.provider, step.responseKey, step.mode, step.params]).toEqual([
      "m1",
      "anthropic",
      "response",
      "realtime",
      {},
    ]);
    expect(() => resolveStep(config, "missing", {})).toThrow(/no step "missing" in the config; steps: s/);
  });

  it("builds a default config that validates and resolves", () => {
    const config = defaultConfig();
    expect(config).toEqual({
      models: { default: { provider: "openai", model_name: "gpt-4o-mini" } },
      steps: { default: { model: "default", user: "{prompt}" } },
    });
    expect(validateConfig(config).warnings).toEqual([]);
    expect(resolveStep(defaultConfig({ provider: "gemini", model: "gemini-2.5-flash" }), undefined, {}).model).toBe(
      "gemini-2.5-flash",
    );
    expect(() => defaultConfig({ provider: "nope" })).toThrow(ConfigError);
  });

  it("hashes configs the same whatever their key order, and differently when a value changes", () => {
    const a = defaultConfig();
    const b = { steps: { default: { user: "{prompt}", model: "default" } }, models: a.models };
    expect(configHash(b)).toBe(configHash(a));
    expect(configHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(configHash(defaultConfig({ model: "gpt-4o" }))).not.toBe(configHash(a));
  });

  it("loads a config file, and names a missing one", async () => {
    const file = await folder.write("config.yaml", VALID);
    expect((await loadConfig(file)).config.steps.answer.data_key).toBe("prompt_id");
    await expect(loadConfig("nowhere/config.yaml")).rejects.toThrow(/config file nowhere\/config\.yaml: not found/);
  });
});
