/**
 * Find JSON inside free text: a fenced ```json block, or the first balanced {...} / [...]
 * that parses. Models often wrap JSON in prose or markdown.
 */

/** How many opening brackets to try before giving up (keeps long texts cheap). */
const MAX_ATTEMPTS = 50;

/** The first JSON object or array in the text, or undefined. `want` limits it to one kind. */
export function findJson(text: string, want?: "object" | "array"): unknown {
  for (const block of fencedBlocks(text)) {
    const value = parseJson(block.trim());
    if (isWanted(value, want)) return value;
  }
  let attempts = 0;
  for (let start = 0; start < text.length && attempts < MAX_ATTEMPTS; start++) {
    const char = text[start];
    if (char !== "{" && char !== "[") continue;
    if ((want === "object" && char !== "{") || (want === "array" && char !== "[")) continue;
    attempts++;
    const end = balancedEnd(text, start);
    if (end === -1) continue;
    const value = parseJson(text.slice(start, end + 1));
    if (isWanted(value, want)) return value;
  }
  return undefined;
}

function isWanted(value: unknown, want: "object" | "array" | undefined): boolean {
  if (value === null || typeof value !== "object") return false;
  if (want === "array") return Array.isArray(value);
  if (want === "object") return !Array.isArray(value);
  return true;
}

function* fencedBlocks(text: string): Generator<string> {
  const fence = /```[a-zA-Z]*[ \t]*\r?\n([\s\S]*?)```/g;
  for (const match of text.matchAll(fence)) yield match[1];
}

/** Index of the bracket closing the one at `start`, skipping brackets inside strings; -1 if none. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") {
      depth--;
      if (depth === 0) return index;
    }
  }
  return -1;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
