/** A short free-text answer: the `answer` of a JSON reply, else the first line without "Answer:". */
import type { Extracted } from "../task.js";
import { cleanText } from "./clean-text.js";
import { findJson } from "./json-in-text.js";

const PREFIX = /^(?:(?:the\s+)?(?:final\s+)?answer\s*(?:is|:|-)\s*|a:\s*)/i;

/** The answer text, or unparseable when the reply is empty. */
export function extractShortAnswer(text: string): Extracted<string> {
  const json = findJson(text, "object") as Record<string, unknown> | undefined;
  const value = json?.answer ?? json?.Answer;
  if (typeof value === "string" || typeof value === "number") return { answer: String(value).trim(), method: "json" };
  const firstLine = cleanText(text).split("\n").find((line) => line.trim() !== "") ?? "";
  const answer = firstLine.replace(PREFIX, "").replace(/[.。]\s*$/, "").trim();
  return answer === "" ? { answer: null, reason: "empty response" } : { answer, method: "first-line" };
}
