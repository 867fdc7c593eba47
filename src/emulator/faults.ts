/**
 * Fault spec parsing. Grammar (whitespace around parts is ignored):
 *
 *   spec   := "" | "none" | rule ("," rule)* | json
 *   rule   := kind ":" rate [ "@" ms ]          rate in [0, 1]; "@ms" only for slow (default 500)
 *   kind   := 429 | 500 | 503 | drop | drop_after | slow      (per surface request)
 *           | quota                                           (per request: non-retryable quota 429)
 *           | partial | expire | malformed                    (per batch row / batch / output line)
 *   json   := {"spec"?: "<rules>", "script"?: [{"method"?, "path", "fault", "times"?, "delayMs"?}]}
 *
 * A script entry fires on the next `times` (default 1) requests whose method matches (any when
 * omitted) and whose full path (e.g. `/openai/v1/batches`, `*` matches any characters) matches;
 * its `fault` is a request kind, `slow@ms` allowed. Scripts win over rates.
 */
import { ConfigError } from "../errors.js";

/** Faults decided per surface HTTP request. */
export const REQUEST_FAULT_KINDS = ["429", "500", "503", "drop", "drop_after", "slow", "quota"] as const;
/** Faults decided inside a batch: per row (partial), per batch (expire), per output line (malformed). */
export const BATCH_FAULT_KINDS = ["partial", "expire", "malformed"] as const;

export type RequestFaultKind = (typeof REQUEST_FAULT_KINDS)[number];
export type BatchFaultKind = (typeof BATCH_FAULT_KINDS)[number];
export type FaultKind = RequestFaultKind | BatchFaultKind;

/** `kind` fires with probability `rate`; `delayMs` is the delay of `slow`. */
export interface FaultRule {
  kind: FaultKind;
  rate: number;
  delayMs?: number;
}

/** One scripted fault: hits exactly the matching calls, `times` times. */
export interface ScriptedFault {
  method?: string;
  path: string;
  fault: RequestFaultKind;
  times: number;
  delayMs?: number;
}

export interface FaultSpec {
  rules: FaultRule[];
  script: ScriptedFault[];
}

/** Default delay of `slow` when the rule has no `@ms`. */
export const DEFAULT_SLOW_MS = 500;

const ALL_KINDS: readonly string[] = [...REQUEST_FAULT_KINDS, ...BATCH_FAULT_KINDS];
const EXAMPLE = `e.g. "429:0.1,500:0.05,slow:0.1@500,partial:0.05"`;

/** Parses a fault spec (see the grammar above). Throws a ConfigError naming the bad part. */
export function parseFaultSpec(spec: string): FaultSpec {
  const trimmed = spec.trim();
  if (trimmed.startsWith("{")) return parseJsonSpec(trimmed);
  return { rules: parseRules(trimmed), script: [] };
}

/** Parses the body of `POST /_emulator/faults`: `{"spec"?: string, "script"?: [...]}`. */
export function parseFaultObject(value: unknown): FaultSpec {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`Invalid fault settings: expected an object like {"spec": "429:0.1"} or {"script": [...]}`);
  }
  const { spec, script, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new ConfigError(`Invalid fault settings: unknown key "${unknown[0]}"; use "spec" and/or "script"`);
  }
  if (spec !== undefined && typeof spec !== "string") {
    throw new ConfigError(`Invalid fault settings: "spec" must be a string, ${EXAMPLE}`);
  }
  if (script !== undefined && !Array.isArray(script)) {
    throw new ConfigError(`Invalid fault settings: "script" must be an array of {method, path, fault, times}`);
  }
  return {
    rules: parseRules((spec ?? "").trim()),
    script: (script ?? []).map((entry, index) => parseScriptEntry(entry, index)),
  };
}

/** Renders a spec back to its string form (for `GET /_emulator/faults`). */
export function formatRules(rules: FaultRule[]): string {
  return rules.map((rule) => `${rule.kind}:${rule.rate}${rule.kind === "slow" ? `@${rule.delayMs}` : ""}`).join(",");
}

function parseJsonSpec(text: string): FaultSpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Invalid fault spec: it starts with "{" but is not JSON (${(error as Error).message})`);
  }
  return parseFaultObject(value);
}

function parseRules(text: string): FaultRule[] {
  if (text === "" || text === "none") return [];
  const rules: FaultRule[] = [];
  for (const rawPart of text.split(",")) {
    const part = rawPart.trim();
    const rule = parseRule(part);
    if (rules.some((existing) => existing.kind === rule.kind)) {
      throw new ConfigError(`Invalid fault spec part "${part}": "${rule.kind}" is given twice; give each kind once`);
    }
    rules.push(rule);
  }
  return rules;
}

function parseRule(part: string): FaultRule {
  const match = /^([a-z0-9_]+):([^@]+)(?:@(.*))?$/.exec(part);
  if (!match) throw new ConfigError(`Invalid fault spec part "${part}": expected kind:rate, ${EXAMPLE}`);
  const [, kind, rateText, delayText] = match;
  if (!ALL_KINDS.includes(kind)) {
    throw new ConfigError(`Invalid fault spec part "${part}": unknown kind "${kind}"; use one of ${ALL_KINDS.join(", ")}`);
  }
  const rate = Number(rateText);
  if (rateText.trim() === "" || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new ConfigError(`Invalid fault spec part "${part}": rate "${rateText}" must be a number from 0 to 1`);
  }
  if (delayText !== undefined && kind !== "slow") {
    throw new ConfigError(`Invalid fault spec part "${part}": only slow takes "@ms"`);
  }
  const rule: FaultRule = { kind: kind as FaultKind, rate };
  if (kind === "slow") rule.delayMs = delayText === undefined ? DEFAULT_SLOW_MS : parseDelay(delayText, part);
  return rule;
}

function parseScriptEntry(entry: unknown, index: number): ScriptedFault {
  const where = `script[${index}]`;
  if (typeof entry !== "object" || entry === null) {
    throw new ConfigError(`Invalid fault ${where}: expected {"method", "path", "fault", "times"}`);
  }
  const { method, path, fault, times, delayMs } = entry as Record<string, unknown>;
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new ConfigError(`Invalid fault ${where}.path: expected a full path like "/openai/v1/batches"`);
  }
  if (method !== undefined && typeof method !== "string") {
    throw new ConfigError(`Invalid fault ${where}.method: expected a string like "POST"`);
  }
  if (typeof fault !== "string") throw new ConfigError(`Invalid fault ${where}.fault: expected one of ${REQUEST_FAULT_KINDS.join(", ")}`);
  const [kind, delayText] = fault.split("@");
  if (!(REQUEST_FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new ConfigError(`Invalid fault ${where}.fault "${fault}": scripts take a request fault: ${REQUEST_FAULT_KINDS.join(", ")}`);
  }
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) {
    throw new ConfigError(`Invalid fault ${where}.times: expected an integer >= 1`);
  }
  const scripted: ScriptedFault = { path, fault: kind as RequestFaultKind, times: (times as number | undefined) ?? 1 };
  if (method !== undefined) scripted.method = method.toUpperCase();
  if (kind === "slow") {
    scripted.delayMs = delayText !== undefined ? parseDelay(delayText, fault) : typeof delayMs === "number" ? delayMs : DEFAULT_SLOW_MS;
  }
  return scripted;
}

function parseDelay(text: string, part: string): number {
  const delay = Number(text);
  if (text.trim() === "" || !Number.isInteger(delay) || delay < 0) {
    throw new ConfigError(`Invalid fault spec part "${part}": delay "@${text}" must be whole milliseconds >= 0`);
  }
  return delay;
}
