/**
 * Read a bounding box `[x1, y1, x2, y2]` from a model's text: JSON (`{"box": [...]}`,
 * `{"bbox": ...}`, `{"x1": .., "y1": .., "x2": .., "y2": ..}`, a bare list) or the first
 * bracketed or parenthesised group of four numbers in prose.
 */
import type { Box } from "../metrics/iou.js";
import type { Extracted } from "../task.js";
import { findJson } from "./json-in-text.js";

const BOX_KEYS = ["box", "bbox", "bounding_box", "boundingbox", "box_2d", "coordinates", "answer"];
const NUMBER = String.raw`(-?\d+(?:\.\d+)?(?:e-?\d+)?)`;
const GROUP = new RegExp(String.raw`[[(]\s*${NUMBER}\s*,\s*${NUMBER}\s*,\s*${NUMBER}\s*,\s*${NUMBER}\s*[\])]`, "i");

/** The box in the text, corners put in order (x1 <= x2, y1 <= y2); unparseable when there is none. */
export function extractBox(text: string): Extracted<Box> {
  const json = findJson(text);
  const fromJson = json === undefined ? undefined : boxFromJson(json);
  if (fromJson) return { answer: fromJson, method: "json" };
  const match = GROUP.exec(text);
  if (match) return { answer: orderedBox(match.slice(1, 5).map(Number)), method: "numbers" };
  return { answer: null, reason: "no box [x1, y1, x2, y2] found" };
}

/** A value as a box when it is four finite numbers (or numeric strings), else null. */
export function toBox(value: unknown): Box | null {
  if (typeof value === "string") return extractBox(value).answer;
  if (!Array.isArray(value) || value.length !== 4) return null;
  const numbers = value.map((entry) => (typeof entry === "string" && entry.trim() !== "" ? Number(entry) : entry));
  return numbers.every((entry) => typeof entry === "number" && Number.isFinite(entry)) ? orderedBox(numbers as number[]) : null;
}

function boxFromJson(value: unknown): Box | null {
  if (Array.isArray(value)) return toBox(value) ?? (value.length === 1 ? boxFromJson(value[0]) : null);
  if (value === null || typeof value !== "object") return null;
  const fields = new Map(Object.entries(value).map(([key, entry]) => [key.toLowerCase(), entry]));
  for (const key of BOX_KEYS) {
    const entry = fields.get(key);
    if (entry === undefined) continue;
    const box = Array.isArray(entry) ? toBox(entry) : entry !== null && typeof entry === "object" ? boxFromJson(entry) : null;
    if (box) return box;
  }
  return toBox(["x1", "y1", "x2", "y2"].map((key) => fields.get(key)));
}

function orderedBox([x1, y1, x2, y2]: number[]): Box {
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}
