import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter } from "yaml";
import type { z } from "zod";
import type { InputProblem } from "../errors.js";
import { KNOWN_KEYS } from "./config-schema.js";

/** Turns config issues into problems that name the YAML path (`steps.answer.user`) and its line. */
export class ConfigProblems {
  readonly problems: InputProblem[] = [];

  constructor(
    private readonly file: string,
    private readonly document?: Document,
    private readonly lines?: LineCounter,
  ) {}

  /** Add a problem at a YAML path. */
  add(path: readonly PropertyKey[], message: string): void {
    const field = path.length > 0 ? path.map(String).join(".") : undefined;
    this.problems.push(withoutUndefined({ file: this.file, ...this.position(path), field, message }));
  }

  /** Add one problem per zod issue, in words a config author understands. */
  addIssues(error: z.ZodError): void {
    for (const issue of error.issues) {
      if (issue.code === "unrecognized_keys") {
        const known = knownKeys(issue.path);
        for (const key of issue.keys) this.add([...issue.path, key], unknownKeyMessage(key, known));
      } else {
        this.add(issue.path, issueMessage(issue, isSecretPath(issue.path)));
      }
    }
  }

  private position(path: readonly PropertyKey[]): { row?: number; column?: number } {
    if (!this.document || !this.lines) return {};
    const offset = offsetOf(this.document, path);
    if (offset === undefined) return {};
    const { line, col } = this.lines.linePos(offset);
    return { row: line, column: col };
  }
}

/** Offset of the deepest node of `path` that exists: the key when there is one. */
function offsetOf(document: Document, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = document.contents;
  let offset = (node as { range?: [number] } | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as { range?: [number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      offset = (node as { range?: [number] } | undefined)?.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

function knownKeys(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return KNOWN_KEYS.config;
  if (path[0] === "models" && path[2] === "batch_config") return KNOWN_KEYS.batch_config;
  if (path[0] === "models") return KNOWN_KEYS.model;
  if (path[0] === "steps") return KNOWN_KEYS.step;
  return [];
}

function unknownKeyMessage(key: string, known: string[]): string {
  const guess = closest(key, known);
  const hint = guess ? `did you mean "${guess}"? ` : "";
  return `is not a known setting; ${hint}known settings here: ${known.join(", ")}`;
}

/** Issues carry their input (parse with `reportInput: true`); never echo a key's value. */
function issueMessage(issue: z.core.$ZodIssue, secret: boolean): string {
  const got = secret ? "" : ` (got ${describe(issue.input)})`;
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${article(issue.expected)}${got}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}${got}`;
    case "too_small":
      if (issue.origin === "string") return "must not be empty";
      return `must be ${issue.inclusive ? "at least" : "greater than"} ${issue.minimum}${got}`;
    case "too_big":
      return `must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}${got}`;
    case "invalid_key":
      return "is not a valid name; use letters, digits, _, - and . only";
    default:
      return issue.message;
  }
}

function isSecretPath(path: readonly PropertyKey[]): boolean {
  return path.some((segment) => /(^|_)(api_?key|key|secret|token|password|credentials?)$/i.test(String(segment)));
}

function article(expected: string): string {
  if (expected === "record" || expected === "object") return "a mapping (key: value lines)";
  if (expected === "int") return "a whole number";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describe(value: unknown): string {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}

/** The known key within edit distance 2 of `word`, if any. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
