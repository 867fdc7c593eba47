/** The lettered options of a multiple-choice row, however the dataset stores them. */

/** Option letter → option text (text may be empty when only letters are known). */
export type ChoiceOptions = ReadonlyMap<string, string>;

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * Read options from a row field: an object `{A: "Paris", ...}` (keys case-insensitive), a
 * list `["Paris", ...]` (lettered A, B, ... in order), or either as JSON text (CSV cells).
 * Falls back to letters A–D without texts when the field is missing or unreadable.
 */
export function choiceOptions(value: unknown): ChoiceOptions {
  const parsed = typeof value === "string" ? parseJson(value) : value;
  const options = new Map<string, string>();
  if (Array.isArray(parsed)) {
    parsed.slice(0, LETTERS.length).forEach((text, index) => options.set(LETTERS[index], String(text ?? "")));
  } else if (parsed !== null && typeof parsed === "object") {
    for (const [letter, text] of Object.entries(parsed)) {
      if (/^[a-z]$/i.test(letter)) options.set(letter.toUpperCase(), String(text ?? ""));
    }
  }
  if (options.size === 0) for (const letter of "ABCD") options.set(letter, "");
  return options;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
