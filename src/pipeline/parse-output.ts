import { z } from "zod";
import type { OutputParser } from "../data/config.js";
import { findJson } from "../eval/extract/json-in-text.js";

/** A parsed output, or why it could not be read. */
export type ParsedOutput = { ok: true; value: unknown } | { ok: false; error: string };

const TYPES = {
  string: z.string(),
  number: z.number(),
  boolean: z.boolean(),
  "string[]": z.array(z.string()),
  "number[]": z.array(z.number()),
} as const;

/**
 * Turn a step's output text into the value written back into the row: the text, a JSON
 * object checked against the step's shape, or one label of a fixed set.
 */
export function parseOutput(text: string, parser: OutputParser | undefined): ParsedOutput {
  if (!parser || parser.type === "text") return { ok: true, value: text };
  if (parser.type === "label") return parseLabel(text, parser.labels);
  const json = findJson(text, "object");
  if (json === undefined) return { ok: false, error: "the output holds no JSON object" };
  if (!parser.schema) return { ok: true, value: json };
  const shape = z.looseObject(Object.fromEntries(Object.entries(parser.schema).map(([key, type]) => [key, TYPES[type]])));
  const checked = shape.safeParse(json);
  if (checked.success) return { ok: true, value: checked.data };
  const issue = checked.error.issues[0];
  return { ok: false, error: `the JSON does not have the expected shape: ${issue.path.join(".") || "(root)"}: ${issue.message}` };
}

/** The one label the text names (whole word, any case); none or several is an error. */
function parseLabel(text: string, labels: string[]): ParsedOutput {
  const found = labels.filter((label) => new RegExp(`(^|[^\\p{L}\\p{N}])${escape(label)}($|[^\\p{L}\\p{N}])`, "iu").test(text));
  if (found.length === 1) return { ok: true, value: found[0] };
  if (found.length === 0) return { ok: false, error: `none of the labels ${labels.join(", ")} is in the output` };
  return { ok: false, error: `the output names several labels (${found.join(", ")})` };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
