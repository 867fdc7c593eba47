/** Match an answer against the options' own texts ("Paris" → the option that says Paris). */
import { normalizeAnswer } from "../metrics/text-match.js";
import type { Extracted } from "../task.js";
import type { ChoiceOptions } from "./choice-options.js";
import { ambiguous, escapeRegExp } from "./choice-patterns.js";
import { isNegated } from "./negation.js";

/** The option whose text the answer is, or contains (the longest wins over one it contains). */
export function fromOptionText(text: string, choices: ChoiceOptions): Extracted<string> {
  // Verbatim first: options may differ only in punctuation ("don't" / "do'nt").
  const verbatim = [...choices].filter(([, option]) => option && looseText(option) === looseText(text));
  if (verbatim.length === 1) return { answer: verbatim[0][0], method: "option-text" };
  const quoted = widestOf([...choices].filter(([, option]) => option && containsPhrase(text, option)).map(([letter, option]) => ({ letter, option: looseText(option) })));
  if (quoted.length === 1) return { answer: quoted[0].letter, method: "option-text" };
  const answer = normalizeAnswer(text);
  const normalized = [...choices].map(([letter, option]) => ({ letter, option: normalizeAnswer(option) })).filter((entry) => entry.option);
  const exact = normalized.filter((entry) => entry.option === answer);
  if (exact.length === 1) return { answer: exact[0].letter, method: "option-text" };
  const padded = ` ${answer} `;
  const contained = normalized.filter((entry) => padded.includes(` ${entry.option} `) && !allNegated(text, entry.option));
  const widest = widestOf(contained);
  if (widest.length === 1) return { answer: widest[0].letter, method: "option-text" };
  if (widest.length > 1) return ambiguous(widest.map((entry) => entry.letter));
  return { answer: null, reason: "no option letter or option text found" };
}

/** True when every occurrence of the option's words in the raw text is negated. */
function allNegated(text: string, option: string): boolean {
  const words = option.split(" ").map(escapeRegExp).join("[^\\p{L}\\p{N}]+");
  const matches = [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, "dgiu"))];
  return matches.length > 0 && matches.every((match) => isNegated(text, match.index, match.index + match[0].length));
}

/**
 * The option whose text starts at `start` and begins with a lone capital ("A positive" read
 * as the letter A would be wrong); undefined when none does.
 */
export function optionStartingAt(text: string, start: number, choices: ChoiceOptions): string | undefined {
  for (const [letter, option] of choices) {
    if (!/^\p{Lu}\s/u.test(option)) continue;
    const found = text.slice(start, start + option.length);
    if (found.toLowerCase() === option.toLowerCase() && !/^[\p{L}\p{N}]/u.test(text.slice(start + option.length))) return letter;
  }
  return undefined;
}

/** Drop entries whose text is part of a longer entry's text ("York" when "New York" matched too). */
function widestOf<T extends { option: string }>(entries: T[]): T[] {
  return entries.filter((entry) => !entries.some((other) => other !== entry && other.option.length > entry.option.length && ` ${other.option} `.includes(` ${entry.option} `)));
}

/** The phrase as it is (case aside) in the text, not inside a longer word, and not negated. */
function containsPhrase(text: string, phrase: string): boolean {
  const trimmed = phrase.trim();
  // A cheap test first: most options are not in most answers (this runs per option per row).
  if (!text.toLowerCase().includes(trimmed.toLowerCase())) return false;
  let pattern = PHRASE_PATTERNS.get(trimmed);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}\\p{N}'’])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}'’])`, "giu");
    if (PHRASE_PATTERNS.size > 10_000) PHRASE_PATTERNS.clear();
    PHRASE_PATTERNS.set(trimmed, pattern);
  }
  return [...text.matchAll(pattern)].some((match) => !isNegated(text, match.index, match.index + match[0].length));
}

/** Compiled option patterns, reused across rows (the same options recur in every run). */
const PHRASE_PATTERNS = new Map<string, RegExp>();

function looseText(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ").replace(/[.!]+$/, "");
}
