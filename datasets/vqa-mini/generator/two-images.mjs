/**
 * Comparison questions over two scenes. The images are attached in order, and the options
 * name them "the first image" and "the second image".
 */
import { integer, pick } from "./random.mjs";
import { COLOR_NAMES, SHAPES, nameOf } from "./scenes.mjs";
import { LETTERS, choice } from "./single-image.mjs";

const PREFIX = "Two images are attached: the first, then the second.";
const MORE = ["the first image", "the second image", "both have the same number", "neither image has any"];
const CONTAINS = ["the first image", "the second image", "both images", "neither image"];
const VARIANTS = ["more-shape", "contains", "more-objects"];

/**
 * `count` comparison questions on distinct pairs of scenes. Variants take turns, and each
 * aims at an answer letter in turn (A, B, C, and D where it can be right), so the answers
 * are spread over the letters.
 */
export function compareQuestions(random, scenes, count) {
  const questions = [];
  const usedPairs = new Set();
  for (let index = 0; index < count; index++) {
    const variant = VARIANTS[index % VARIANTS.length];
    const round = Math.floor(index / VARIANTS.length);
    const wanted = LETTERS[round % (variant === "contains" ? 4 : 3)];
    let fallback;
    for (let attempt = 0; attempt < 1000; attempt++) {
      const [first, second] = [integer(random, 0, scenes.length - 1), integer(random, 0, scenes.length - 1)];
      const pair = `${first}-${second}`;
      if (first === second || usedPairs.has(pair)) continue;
      const question = build(random, variant, scenes[first], scenes[second]);
      if (!question) continue;
      fallback ??= { question, pair };
      if (question.answer === wanted) {
        fallback = { question, pair };
        break;
      }
    }
    usedPairs.add(fallback.pair);
    questions.push(fallback.question);
  }
  return questions;
}

function build(random, variant, first, second) {
  const images = [first.image, second.image];
  if (variant === "contains") {
    const name = `${pick(random, COLOR_NAMES)} ${pick(random, SHAPES)}`;
    const [inFirst, inSecond] = [first, second].map((scene) => scene.objects.some((object) => nameOf(object) === name));
    const correct = CONTAINS[inFirst && inSecond ? 2 : inFirst ? 0 : inSecond ? 1 : 3];
    return choice("compare", images, `${PREFIX} Which image contains ${article(name)} ${name}?`, CONTAINS, correct);
  }
  const shape = variant === "more-shape" ? pick(random, SHAPES) : undefined;
  const [a, b] = [first, second].map((scene) => scene.objects.filter((object) => !shape || object.shape === shape).length);
  if (a === 0 && b === 0) return undefined; // "the same number" and "neither has any" would both be right
  const correct = MORE[a > b ? 0 : b > a ? 1 : 2];
  return choice("compare", images, `${PREFIX} Which image has more ${shape ? `${shape}s` : "objects"}?`, MORE, correct);
}

function article(word) {
  return /^[aeiou]/.test(word) ? "an" : "a";
}
