/**
 * The `oracle` responder: simulated models of known quality for tutorials. It finds which
 * question of an answer file the prompt asks (by its text), then answers right with the
 * model's accuracy (`sim-small` 55%, `sim-large` 85%), deterministically per model and
 * question, and a wrong option otherwise. Every answer says it is simulated.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConfigError } from "../../errors.js";
import { chatPromptTokens, countTokens } from "../tokens.js";
import type { ChatRequest, ChatResponse, Responder } from "./types.js";

/** Accuracy of each simulated model; other model names get `DEFAULT_ACCURACY`. */
export const SIMULATED_ACCURACY: Record<string, number> = { "sim-small": 0.55, "sim-large": 0.85 };
const DEFAULT_ACCURACY = 0.7;
const LETTERS = ["A", "B", "C", "D", "E", "F"];

interface OracleQuestion {
  id: string;
  question: string;
  answer: string;
  letters: string[];
}

/** `oracle:<file>` with optional `?model=accuracy&...`: a JSON list of {question_id, question, options, answer}. */
export function oracleResponder(spec: string): Responder {
  const [file, query = ""] = spec.replace(/^oracle:/, "").split("?");
  const accuracy = { ...SIMULATED_ACCURACY, ...Object.fromEntries([...new URLSearchParams(query).entries()].map(([model, value]) => [model, Number(value)])) };
  const questions = loadQuestions(file);
  return (request: ChatRequest): ChatResponse => {
    const prompt = request.messages.flatMap((message) => message.parts).map((part) => (part.type === "text" ? part.text : "")).join("\n");
    const question = questions.find((entry) => prompt.includes(entry.question));
    const rate = accuracy[request.model] ?? DEFAULT_ACCURACY;
    const choices = Array.from({ length: request.n }, (_, index) => {
      const text = question ? answerText(question, request.model, rate, index) : `I cannot tell. [simulated ${request.model}: question not in the oracle's answer file]`;
      return { text, finishReason: "stop" as const };
    });
    const outputTokens = choices.reduce((sum, choice) => sum + countTokens(choice.text), 0);
    return { choices, usage: { inputTokens: chatPromptTokens(request), outputTokens } };
  };
}

function answerText(question: OracleQuestion, model: string, rate: number, choice: number): string {
  const roll = unit(`${model}|${question.id}|${choice}`);
  let letter = question.answer;
  if (roll >= rate) {
    const wrong = question.letters.filter((candidate) => candidate !== question.answer);
    letter = wrong[Math.floor(unit(`${model}|${question.id}|${choice}|wrong`) * wrong.length)] ?? question.answer;
  }
  return `Answer: ${letter} [simulated ${model}: an emulator oracle right ${Math.round(rate * 100)}% of the time]`;
}

/** A number in [0, 1) from a string, the same on every machine. */
function unit(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0) / 2 ** 32;
}

function loadQuestions(file: string): OracleQuestion[] {
  let rows: unknown;
  try {
    rows = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`the oracle's answer file ${file} cannot be read as JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(rows) ? rows : ((rows as { questions?: unknown[] }).questions ?? []);
  return list.flatMap((row) => {
    const entry = row as { question_id?: string; id?: string; question?: string; answer?: string; options?: Record<string, string> | string[] };
    if (typeof entry.question !== "string" || typeof entry.answer !== "string") return [];
    const letters = Array.isArray(entry.options) ? LETTERS.slice(0, entry.options.length) : Object.keys(entry.options ?? {});
    return [{ id: String(entry.question_id ?? entry.id ?? entry.question), question: entry.question, answer: entry.answer, letters: letters.length ? letters : LETTERS.slice(0, 4) }];
  });
}

/** The responder a name stands for: `echo` or `oracle:<file>`. */
export function responderNamed(name: string): Responder | undefined {
  if (name === "echo") return undefined;
  if (name.startsWith("oracle:")) return oracleResponder(name);
  throw new ConfigError(`unknown responder "${name}"; use echo or oracle:<answers.json>`);
}
