/** Where a JSON text stops being valid, for messages like `data.json:14:7: Unexpected token ]`. */
export interface JsonSyntaxProblem {
  /** 1-based line of the error. */
  line: number;
  /** 1-based column of the error (in UTF-16 code units, as editors count). */
  column: number;
  /** JSON.parse's message without its position and text excerpt. */
  message: string;
}

/**
 * Locate the syntax error JSON.parse threw for `text`. V8 gives a position for most errors
 * but not for "Unexpected token" ones, so a small scanner finds the first invalid character.
 */
export function locateJsonError(text: string, error: unknown): JsonSyntaxProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const given = /at position (\d+)/.exec(raw);
  const position = given ? Number(given[1]) : firstInvalidPosition(text);
  const message = raw
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, "")
    .replace(/^Unexpected token '(.)'$/, "Unexpected token $1");
  return { ...lineAndColumn(text, position), message };
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < position; index = text.indexOf("\n", index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: position - lineStart + 1 };
}

/**
 * Offset of the first character that makes `text` invalid JSON (text.length when it ends
 * too early). Iterative, so deep nesting cannot overflow the stack. Only runs after
 * JSON.parse has failed, so it favours being short over being fast.
 */
export function firstInvalidPosition(text: string): number {
  const closers: string[] = [];
  let index = 0;
  for (;;) {
    // Expect a value.
    index = skipSpace(text, index);
    const char = text[index];
    if (char === "{" || char === "[") {
      closers.push(char === "{" ? "}" : "]");
      index = skipSpace(text, index + 1);
      if (text[index] === closers.at(-1)) {
        closers.pop();
        index++;
      } else if (char === "{") {
        index = scanMemberName(text, index);
        if (index < 0) return -index - 1;
        continue;
      } else continue;
    } else {
      index = scanScalar(text, index);
      if (index < 0) return -index - 1;
    }
    // After a value: a comma, a closer, or the end.
    for (;;) {
      index = skipSpace(text, index);
      if (closers.length === 0) return index < text.length ? index : text.length;
      if (text[index] === ",") {
        index++;
        if (closers.at(-1) === "}") {
          index = scanMemberName(text, skipSpace(text, index));
          if (index < 0) return -index - 1;
        }
        break;
      }
      if (text[index] !== closers.at(-1)) return index;
      closers.pop();
      index++;
    }
  }
}

// The scanners return the index after what they read, or -(error index) - 1.

function scanMemberName(text: string, index: number): number {
  if (text[index] !== '"') return -index - 1;
  const end = scanString(text, index);
  if (end < 0) return end;
  const colon = skipSpace(text, end);
  return text[colon] === ":" ? colon + 1 : -colon - 1;
}

function scanScalar(text: string, index: number): number {
  const char = text[index];
  if (char === '"') return scanString(text, index);
  if (char === "-" || (char >= "0" && char <= "9")) return scanNumber(text, index);
  for (const word of ["true", "false", "null"]) {
    if (char === word[0]) {
      for (let offset = 1; offset < word.length; offset++) {
        if (text[index + offset] !== word[offset]) return -(index + offset) - 1;
      }
      return index + word.length;
    }
  }
  return -index - 1;
}

function scanString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) return index + 1;
    if (code < 0x20) return -index - 1;
    if (code === 0x5c) {
      index++;
      const escape = text[index];
      if (escape === "u") {
        for (let offset = 1; offset <= 4; offset++) {
          if (!/[0-9a-fA-F]/.test(text[index + offset] ?? "")) return -(index + offset) - 1;
        }
        index += 4;
      } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) return -index - 1;
    }
  }
  return -text.length - 1;
}

function scanNumber(text: string, start: number): number {
  const match = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  match.lastIndex = start;
  const found = match.exec(text);
  if (!found) return -(start + (text[start] === "-" ? 1 : 0)) - 1;
  const end = start + found[0].length;
  // A dangling "." or "e" means the number stopped early: point at the character after it.
  if (text[end] === "." || text[end] === "e" || text[end] === "E") return -(end + 1) - 1;
  return end;
}

function skipSpace(text: string, index: number): number {
  while (index < text.length) {
    const char = text[index];
    if (char !== " " && char !== "\n" && char !== "\r" && char !== "\t") break;
    index++;
  }
  return index;
}
