/**
 * Read named entities from a model's text, leniently: a JSON list of `{text, type}` (or of
 * pairs, or `{entities: [...]}`, or `{"PER": [...]}`), or lines like `PER: Angela Merkel`,
 * `Angela Merkel (PER)`, `- Siemens - ORG`, `| Paris | LOC |`. Type names are mapped to
 * PER / ORG / LOC / MISC ("person" → PER, "GPE" → LOC, ...); other types are kept uppercased.
 */
import type { EntitySpan } from "../metrics/entity-f1.js";
import type { Extracted } from "../task.js";
import { cleanText } from "./clean-text.js";
import { findJson } from "./json-in-text.js";

/** The CoNLL-2003 entity types used by ner-mini. */
export const ENTITY_TYPES = ["PER", "ORG", "LOC", "MISC"] as const;

const TYPE_ALIASES: Record<string, string> = {
  per: "PER", pers: "PER", person: "PER", persons: "PER", people: "PER",
  org: "ORG", orgs: "ORG", organization: "ORG", organisation: "ORG", organizations: "ORG", organisations: "ORG", company: "ORG",
  loc: "LOC", location: "LOC", locations: "LOC", place: "LOC", gpe: "LOC", geo: "LOC",
  misc: "MISC", miscellaneous: "MISC", other: "MISC", norp: "MISC", event: "MISC", nationality: "MISC",
};

const TEXT_KEYS = ["text", "entity", "name", "span", "mention", "word", "value"];
const TYPE_KEYS = ["type", "label", "entity_type", "entitytype", "category", "tag", "class", "entity"];
const NONE = /^(?:none|no(?: named)? entities(?: (?:found|mentioned|in (?:this|the) sentence))?|n\/a|\[\]|\{\})\.?$/i;

/** Map a type name to PER / ORG / LOC / MISC; unknown names uppercased; null if not a type-like word. */
export function normalizeEntityType(type: string): string | null {
  const key = type.trim().toLowerCase().replace(/[\s-]+/g, "_");
  if (TYPE_ALIASES[key]) return TYPE_ALIASES[key];
  return /^[a-z_]{2,20}$/.test(key) ? key.toUpperCase() : null;
}

/** The entities in the text; `{answer: null, reason}` when no list could be read. "None" gives []. */
export function extractEntities(text: string): Extracted<EntitySpan[]> {
  const json = findJson(text);
  if (json !== undefined) {
    const spans = spansFromJson(json);
    if (spans) return { answer: spans, method: "json" };
  }
  const clean = cleanText(text);
  if (clean === "") return { answer: null, reason: "empty response" };
  if (NONE.test(clean)) return { answer: [], method: "none" };
  const spans = clean.split("\n").flatMap(spansFromLine);
  if (spans.length > 0) return { answer: spans, method: "lines" };
  return { answer: null, reason: "no entity list found (expected JSON or lines like `PER: Name`)" };
}

function spansFromJson(value: unknown): EntitySpan[] | undefined {
  if (Array.isArray(value)) {
    const spans = value.flatMap(spanFromEntry);
    return spans.length > 0 || value.length === 0 ? spans : undefined;
  }
  const object = value as Record<string, unknown>;
  const list = object.entities ?? object.named_entities ?? object.ner;
  if (Array.isArray(list)) return spansFromJson(list);
  // {"PER": ["Angela Merkel"], "LOC": []} or {"Angela Merkel": "PER"}
  const spans: EntitySpan[] = [];
  for (const [key, entry] of Object.entries(object)) {
    const keyType = knownType(key);
    if (keyType) for (const text of [entry].flat()) if (typeof text === "string" && text.trim()) spans.push({ type: keyType, text: text.trim() });
    const valueType = typeof entry === "string" ? knownType(entry) : null;
    if (!keyType && valueType) spans.push({ type: valueType, text: key.trim() });
  }
  return spans.length > 0 || Object.keys(object).every((key) => knownType(key)) ? spans : undefined;
}

function spanFromEntry(entry: unknown): EntitySpan[] {
  if (typeof entry === "string") return spansFromLine(entry);
  if (Array.isArray(entry) && entry.length === 2 && entry.every((part) => typeof part === "string")) {
    const [first, second] = entry as string[];
    if (knownType(second)) return [{ type: knownType(second)!, text: first.trim() }];
    if (knownType(first)) return [{ type: knownType(first)!, text: second.trim() }];
    return [];
  }
  if (entry === null || typeof entry !== "object") return [];
  const fields = new Map(Object.entries(entry).map(([key, value]) => [key.toLowerCase(), value]));
  const typeKey = TYPE_KEYS.find((key) => typeof fields.get(key) === "string" && normalizeEntityType(fields.get(key) as string));
  const textKey = TEXT_KEYS.find((key) => key !== typeKey && typeof fields.get(key) === "string");
  if (!typeKey || !textKey) return [];
  const text = (fields.get(textKey) as string).trim();
  return text ? [{ type: normalizeEntityType(fields.get(typeKey) as string)!, text }] : [];
}

/** `PER: A, B` / `[PER] A` / `A (PER)` / `A - PER` / `| A | PER |` → spans; [] when the line is none of these. */
function spansFromLine(line: string): EntitySpan[] {
  const stripped = line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, "").replace(/^\|\s*|\s*\|$/g, "").trim();
  const typeFirst = /^\[?([A-Za-z_ ]{2,20}?)\]?\s*(?::|\||->|→|=|\s[-–—]\s|\])\s*(.+)$/.exec(stripped);
  if (typeFirst && knownType(typeFirst[1])) {
    return typeFirst[2].split(/\s*[;,]\s*/).map(unquote).filter(Boolean).map((text) => ({ type: knownType(typeFirst[1])!, text }));
  }
  const typeLast = /^(.+?)\s*(?:[([]\s*([A-Za-z_ ]{2,20})\s*[)\]]|(?::|\||->|→|=|\s[-–—]\s)\s*([A-Za-z_ ]{2,20}))\.?$/.exec(stripped);
  const type = typeLast && knownType(typeLast[2] ?? typeLast[3]);
  if (typeLast && type) {
    const text = unquote(typeLast[1]);
    return text ? [{ type, text }] : [];
  }
  return [];
}

/** The type a label names, only for the known aliases (so ordinary words are not read as types). */
function knownType(label: string): string | null {
  const key = label.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return TYPE_ALIASES[key] ?? null;
}

function unquote(text: string): string {
  return text.trim().replace(/^["'“‘`]+|["'”’`]+$/g, "").trim();
}
