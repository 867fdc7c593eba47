/**
 * Multiple-choice result rows for the evaluation benchmark, in the shape `readResults`
 * returns (`ResultRow`, src/run/result-row.ts): 5 categories, four options, a balanced answer
 * key, and replies written the many ways models answer ("Answer: B", "(b)", "The answer is
 * C.", the option's text, JSON...). About 70% are right, 3% unreadable and 0.5% failed.
 * Seeded, so every run scores the same rows.
 */
import { seededRandom, sentence } from "./random.js";

export const CATEGORIES = ["geography", "science", "math", "history", "language"];
const LETTERS = ["A", "B", "C", "D"];

/** Ways a reply names a letter; `option` is that letter's text. */
const REPLIES = [
  (letter) => `Answer: ${letter}`,
  (letter) => letter,
  (letter) => `(${letter.toLowerCase()})`,
  (letter) => `The answer is ${letter}.`,
  (letter, option) => `${letter}) ${option}`,
  (letter, option) => `I think it is ${letter}, ${option}, because the other options do not fit the question.`,
  (letter) => `{"answer": "${letter}"}`,
  (letter) => `Final answer: ${letter}`,
  (_letter, option) => option,
];
const UNREADABLE = ["I am not sure.", "It could be A or C.", "None of these options is right.", ""];

/** `count` rows over `count / 5` distinct questions per category (one row per question). */
export function generateMcqRows(count, seed = 11) {
  const random = seededRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const rows = new Array(count);
  for (let index = 0; index < count; index++) {
    const options = {};
    for (const letter of LETTERS) options[letter] = sentence(random, 6 + Math.floor(random() * 18));
    const answer = LETTERS[index % 4];
    const category = CATEGORIES[Math.floor(index / 4) % CATEGORIES.length];
    const key = `q-${String(index + 1).padStart(6, "0")}`;
    const fields = { question_id: key, category, question: `${sentence(random, 40 + Math.floor(random() * 60))}?`, options, answer };
    const dice = random();
    if (dice < 0.005) {
      rows[index] = failedRow(key, index, fields);
      continue;
    }
    let text;
    if (dice < 0.035) text = pick(UNREADABLE);
    else {
      const letter = dice < 0.735 ? answer : pick(LETTERS.filter((other) => other !== answer));
      text = pick(REPLIES)(letter, options[letter]);
    }
    rows[index] = {
      key,
      row: index + 1,
      status: "succeeded",
      text,
      input_tokens: 60 + Math.floor(random() * 40),
      output_tokens: 2 + Math.floor(random() * 20),
      cost_usd: 0.00001,
      error: null,
      fields,
    };
  }
  return rows;
}

function failedRow(key, index, fields) {
  return {
    key,
    row: index + 1,
    status: "failed",
    text: null,
    input_tokens: 0,
    output_tokens: 0,
    cost_usd: null,
    error: { code: "server_error", message: "The server had an error while processing your request." },
    fields,
  };
}
