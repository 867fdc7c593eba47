/**
 * Read a multiple-choice answer (a letter) from free text. Rules go from the most committed
 * form to the least: JSON `{"answer": ...}`, a lone letter, "Final answer: D" / \boxed{D},
 * answer cues ("The answer is B", "Option B", "I think it's (C)"), a leading "B)" / "B.",
 * letters mentioned anywhere (negated ones like "not C" left out), then the option text itself.
 * Two different letters with equal standing are ambiguous: unparseable, never a guess.
 */
import type { Extracted } from "../task.js";
import { choiceOptions, type ChoiceOptions } from "./choice-options.js";
import { acceptBare, acceptLetter, ambiguous, letterAt, letterPatterns, type LetterPatterns } from "./choice-patterns.js";
import { cleanText } from "./clean-text.js";
import { findJson } from "./json-in-text.js";
import { isNegated } from "./negation.js";
import { fromOptionText, optionStartingAt } from "./option-text.js";

/** JSON keys that may hold the answer, in order of preference. */
const ANSWER_KEYS = ["answer", "final_answer", "finalanswer", "choice", "option", "letter", "label", "prediction", "selected"];

/**
 * The letter of the chosen option, or `{answer: null, reason}` when there is none or two.
 * `options` is the row's options (object, list or JSON text); default letters A–D.
 */
export function extractChoice(text: string, options?: unknown): Extracted<string> {
  const choices = options instanceof Map ? (options as ChoiceOptions) : choiceOptions(options);
  const letters = [...choices.keys()].join("");
  return fromJson(text, choices) ?? fromText(cleanText(text), choices, letterPatterns(letters));
}

function fromJson(text: string, choices: ChoiceOptions): Extracted<string> | undefined {
  if (!/[{[]/.test(text)) return undefined;
  const value = findJson(text, "object") as Record<string, unknown> | undefined;
  if (!value) return undefined;
  const lowered = new Map(Object.entries(value).map(([key, entry]) => [key.toLowerCase(), entry]));
  for (const key of ANSWER_KEYS) {
    const entry = lowered.get(key);
    if (typeof entry !== "string" && typeof entry !== "number") continue;
    const found = extractChoice(String(entry), choices);
    if (found.answer !== null) return { answer: found.answer, method: "json" };
    return found;
  }
  return undefined;
}

function fromText(text: string, choices: ChoiceOptions, patterns: LetterPatterns): Extracted<string> {
  if (text === "") return { answer: null, reason: "empty response" };
  const lone = patterns.lone.exec(text);
  if (lone) return { answer: lone[1].toUpperCase(), method: "letter-only" };

  const finals = [...text.matchAll(patterns.final)].filter((match) => acceptLetter(match, text));
  if (finals.length > 0) return { answer: finals[finals.length - 1][1].toUpperCase(), method: "final-answer" };

  const cue = firstCue(text, patterns.answerCues);
  if (cue) return committed(text, cue.letter, cue.end, "answer-cue", patterns, choices);

  // "Option B" is weaker: reasoning often walks through "Option A: ..., Option B: ...".
  const named = [...new Set(cueLetters(text, patterns.optionCue))];
  if (named.length === 1) return { answer: named[0], method: "option-cue" };
  if (named.length > 1) return ambiguous(named);

  const leading = patterns.leading.exec(text);
  if (leading && acceptLetter(leading, text) && !isOptionList(text, patterns)) {
    return committed(text, leading[1].toUpperCase(), letterAt(leading) + 1, "leading-letter", patterns, choices);
  }

  const mentioned = mentionedLetters(text, patterns);
  if (mentioned.length === 1) return { answer: mentioned[0], method: "letter-mention" };
  if (mentioned.length > 1) return ambiguous(mentioned);

  return fromOptionText(text, choices);
}

/**
 * The letter, unless another one follows as an alternative ("B or C", "B, C": ambiguous), or
 * the "letter" starts an option's text ("A positive" is the option, not the letter A).
 */
function committed(text: string, letter: string, end: number, method: string, patterns: LetterPatterns, choices: ChoiceOptions): Extracted<string> {
  const option = optionStartingAt(text, end - 1, choices);
  if (option) return { answer: option, method: "option-text" };
  const alternative = patterns.alternative.exec(text.slice(end));
  if (alternative && acceptLetter(alternative, text.slice(end))) {
    const other = alternative[1].toUpperCase();
    const start = end + letterAt(alternative);
    if (other !== letter && !isNegated(text, start, start + 1)) return ambiguous([letter, other]);
  }
  return { answer: letter, method };
}

/** The earliest answer cue that is not negated. */
function firstCue(text: string, patterns: readonly RegExp[]): { letter: string; end: number } | undefined {
  let best: RegExpMatchArray | undefined;
  for (const pattern of patterns) {
    const match = acceptedCues(text, pattern).next().value;
    if (match && (!best || match.index! < best.index!)) best = match;
  }
  return best && { letter: best[1].toUpperCase(), end: letterAt(best) + 1 };
}

/** Letters of every cue match that is not negated, in order. */
function cueLetters(text: string, pattern: RegExp): string[] {
  return [...acceptedCues(text, pattern)].map((match) => match[1].toUpperCase());
}

function* acceptedCues(text: string, pattern: RegExp): Generator<RegExpMatchArray> {
  for (const match of text.matchAll(pattern)) {
    const start = letterAt(match);
    if (acceptLetter(match, text) && !isNegated(text, start, start + 1)) yield match;
  }
}

/** True when several lines start with different letters ("A) London", "B) Paris"): an echoed option list. */
function isOptionList(text: string, patterns: LetterPatterns): boolean {
  const starts = new Set<string>();
  for (const line of text.split("\n")) {
    const match = patterns.leading.exec(line);
    if (match) starts.add(match[1].toUpperCase());
  }
  return starts.size > 1;
}

/** Distinct letters standing alone ("(C)", "B", "D.") that are not negated, in order of appearance. */
function mentionedLetters(text: string, patterns: LetterPatterns): string[] {
  const found = new Set<string>();
  for (const pattern of [patterns.decorated, patterns.bare]) {
    for (const match of text.matchAll(pattern)) {
      if (pattern === patterns.bare && !acceptBare(match, text)) continue;
      if (isNegated(text, match.index, letterAt(match) + 1)) continue;
      found.add(match[1].toUpperCase());
    }
  }
  return [...found];
}
