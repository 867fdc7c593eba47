/** Regular expressions and small rules shared by the multiple-choice extractor. */
import type { Extracted } from "../task.js";

/** The patterns for one set of option letters. All capture the letter as group 1. */
export interface LetterPatterns {
  lone: RegExp;
  final: RegExp;
  answerCues: RegExp[];
  optionCue: RegExp;
  leading: RegExp;
  decorated: RegExp;
  bare: RegExp;
  alternative: RegExp;
}

/** Where the captured letter starts (patterns use the `d` flag for group indices). */
export function letterAt(match: RegExpMatchArray): number {
  return match.indices![1][0];
}

/** A lowercase "a" is an article unless it is decorated or ends the line ("(a)", "a)", "a."). */
export function acceptLetter(match: RegExpMatchArray, text: string): boolean {
  if (match[1] !== "a") return true;
  const start = letterAt(match);
  return text[start - 1] === "(" || text[start - 1] === "[" || /^\s*(?:$|\n|[).:\]])/.test(text.slice(start + 1));
}

/** A bare capital "A" is an article unless punctuation or "is correct" follows it. */
export function acceptBare(match: RegExpMatchArray, text: string): boolean {
  if (match[1] !== "A") return true;
  const after = text.slice(letterAt(match) + 1);
  return (
    /^\s*(?:$|\n|[).:,])/.test(after) ||
    /^\s+(?:is|was|would be)\s+(?:the\s+)?(?:correct|right|answer|best)/i.test(after) ||
    /^\s*(?:or|and|\/)\s*[([]?\s*[A-Z](?![\p{L}\p{N}])/u.test(after)
  );
}

const cache = new Map<string, LetterPatterns>();

/** Regular expressions for one set of option letters (e.g. "ABCD"), built once. */
export function letterPatterns(letters: string): LetterPatterns {
  const cached = cache.get(letters);
  if (cached) return cached;
  const set = `[${escapeRegExp(letters)}${escapeRegExp(letters.toLowerCase())}]`;
  const upper = `[${escapeRegExp(letters)}]`;
  // A letter ends where no word goes on: not "Canberra", not "D.C.", not "C++".
  const end = String.raw`(?![\p{L}\p{N}'’+]|\.[\p{L}])`;
  // Cues stay on one line ([ \t], not \s): "Options:\nA) ..." is a list, not an answer.
  const open = String.raw`[([]?[ \t]*`;
  const filler = String.raw`(?:[ \t]*(?:is|was|would be|should be|must be|will be|=|:|-|–)[ \t]*)?(?:(?:probably|likely|clearly|definitely|therefore|thus)[ \t]+)?:?[ \t]*(?:option|choice|letter)?[ \t]*`;
  const patterns: LetterPatterns = {
    lone: new RegExp(String.raw`^[([]?\s*(${set})\s*[)\]]?[.:]?$`, "du"),
    final: new RegExp(String.raw`(?:final[ \t]+(?:answer|choice|option)${filler}|\\boxed\{[ \t]*)${open}(${set})${end}`, "dgiu"),
    answerCues: [
      new RegExp(String.raw`\b(?:(?:correct|right|best)[ \t]+(?:answer|option|choice|letter)|answer)${filler}${open}(${set})${end}`, "dgiu"),
      new RegExp(String.raw`\b(?:it['’]?s|it is|go with|going with|choose|chose|pick|select|opt for)[ \t]*:?[ \t]*(?:option|choice|answer)?[ \t]*${open}(${set})${end}`, "dgiu"),
    ],
    optionCue: new RegExp(String.raw`\b(?:option|choice|letter)[ \t]*${open}(${set})${end}`, "dgiu"),
    leading: new RegExp(String.raw`^[([]?\s*(${set})\s*(?:[)\].:,]|[-–—]\s|$|\n)`, "du"),
    decorated: new RegExp(String.raw`[([]\s*(${set})\s*[)\]]`, "dgu"),
    bare: new RegExp(String.raw`(?<![\p{L}\p{N}'’°.\-])(${upper})${end}`, "dgu"),
    alternative: new RegExp(String.raw`^\s*[)\]]?\s*(?:or|/|and|,|&)\s*(?:option|choice)?\s*${open}(${set})${end}`, "diu"),
  };
  cache.set(letters, patterns);
  return patterns;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "ambiguous: A and C" — two or more letters with equal standing. */
export function ambiguous(letters: string[]): Extracted<string> {
  const unique = [...new Set(letters)];
  return { answer: null, reason: `ambiguous: ${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1]}` };
}
