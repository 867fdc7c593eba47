import type { WhenCondition } from "../data/config.js";
import { readField } from "../data/field-path.js";

/** Whether a row meets a step's `when` condition (dotted field paths allowed). */
export function meetsCondition(fields: Record<string, unknown>, condition: WhenCondition | undefined): boolean {
  if (!condition) return true;
  const value = readField(fields, condition.field);
  const present = value !== undefined && value !== null && value !== "";
  if (condition.exists !== undefined && condition.exists !== present) return false;
  if (condition.equals !== undefined && !same(value, condition.equals)) return false;
  if (condition.not_equals !== undefined && same(value, condition.not_equals)) return false;
  if (condition.in !== undefined && !condition.in.some((candidate) => same(value, candidate))) return false;
  if (condition.matches !== undefined && !(typeof value === "string" && new RegExp(condition.matches, "i").test(value))) return false;
  return true;
}

/** Labels and numbers compare loosely: "Yes" equals "yes", "3" equals 3. */
function same(value: unknown, expected: string | number | boolean): boolean {
  if (value === undefined || value === null) return false;
  return String(value).trim().toLowerCase() === String(expected).trim().toLowerCase();
}
