/**
 * Choose the dataset's questions from every scene's candidates: a fixed number per
 * category, spread so that every image is asked about, then give them ids in category order.
 */
import { compareQuestions } from "./two-images.mjs";
import { shuffled } from "./random.mjs";
import { LETTERS, sceneQuestions } from "./single-image.mjs";

/** Questions per category (the README lists the same numbers; a test checks it). */
export const TARGETS = { color: 14, shape: 12, count: 16, size: 10, position: 14, locate: 14, compare: 14 };

/** The rows of questions.json. Throws when a target cannot be met or an image is never used. */
export function makeQuestions(random, scenes) {
  const pools = scenes.map((scene) => sceneQuestions(random, scene));
  const chosen = spreadOverScenes(pools);
  chosen.push(...compareQuestions(random, scenes, TARGETS.compare));
  const used = new Set(chosen.flatMap((question) => question.images));
  const unused = scenes.filter((scene) => !used.has(scene.image)).map((scene) => scene.image);
  if (unused.length > 0) throw new Error(`no question uses ${unused.join(", ")}`);
  const ordered = Object.keys(TARGETS).flatMap((category) => chosen.filter((question) => question.category === category));
  balanceLetters(random, ordered);
  return ordered.map(({ category, images, question, options, answer, box }, index) => ({
    question_id: `vqa-${String(index + 1).padStart(3, "0")}`,
    category,
    images,
    question,
    options,
    answer,
    ...(box ? { box } : {}),
  }));
}

/**
 * Round robin over the categories; each turn takes a question from the least-used scene
 * that still has one of that category (from a cursor that moves on, to vary the scenes).
 */
function spreadOverScenes(pools) {
  const categories = Object.keys(TARGETS).filter((category) => category !== "compare");
  const remaining = { ...TARGETS };
  const usage = pools.map(() => 0);
  const cursor = Object.fromEntries(categories.map((category, index) => [category, (index * 10) % pools.length]));
  const chosen = [];
  while (categories.some((category) => remaining[category] > 0)) {
    for (const category of categories) {
      if (remaining[category] === 0) continue;
      let best = -1;
      for (let step = 0; step < pools.length; step++) {
        const scene = (cursor[category] + step) % pools.length;
        if (pools[scene][category].length > 0 && (best < 0 || usage[scene] < usage[best])) best = scene;
      }
      if (best < 0) throw new Error(`not enough ${category} questions for the target of ${TARGETS[category]}`);
      chosen.push(pools[best][category].shift());
      usage[best]++;
      cursor[category] = (best + 1) % pools.length;
      remaining[category]--;
    }
  }
  return chosen;
}

/**
 * Move each answer to a letter from a shuffled, evenly filled list per category, so that no
 * letter is right more often than the others (by swapping two options). The comparison
 * questions keep their fixed option order; they aim at letters in turn instead.
 */
function balanceLetters(random, questions) {
  for (const category of Object.keys(TARGETS)) {
    const movable = questions.filter((question) => question.category === category && question.movable);
    const letters = shuffled(random, movable.map((_, index) => LETTERS[index % LETTERS.length]));
    movable.forEach((question, index) => {
      const target = letters[index];
      const { options, answer } = question;
      [options[answer], options[target]] = [options[target], options[answer]];
      question.answer = target;
    });
  }
}
