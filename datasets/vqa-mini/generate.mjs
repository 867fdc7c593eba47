#!/usr/bin/env node
/**
 * Regenerate the vqa-mini dataset: 60 scene images, scenes.json (what each image shows)
 * and questions.json. Deterministic: the same bytes on every run, machine and Node version.
 *
 *   node datasets/vqa-mini/generate.mjs            # rewrite the files in this folder
 *   node datasets/vqa-mini/generate.mjs <folder>   # write them into another folder
 *
 * Plain Node (>= 18), no dependencies.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePng } from "./generator/png.mjs";
import { makeQuestions } from "./generator/questions.mjs";
import { seededRandom } from "./generator/random.mjs";
import { makeScene, renderScene } from "./generator/scenes.mjs";

const SEED = 20250607;
const SCENE_COUNT = 60;

const folder = resolve(process.argv[2] ?? dirname(fileURLToPath(import.meta.url)));
const random = seededRandom(SEED);
const scenes = Array.from({ length: SCENE_COUNT }, (_, index) => makeScene(random, index));

mkdirSync(join(folder, "images"), { recursive: true });
for (const scene of scenes) {
  const pixels = renderScene(scene); // also measures each object's box and area
  writeFileSync(join(folder, scene.image), encodePng(scene.width, scene.height, pixels));
}
const described = scenes.map(({ image, width, height, objects }) => ({
  image,
  width,
  height,
  objects: objects.map(({ shape, color, size, center, box, area }) => ({ shape, color, size, center, box, area })),
}));
writeFileSync(join(folder, "scenes.json"), formatJson(described));
const questions = makeQuestions(random, scenes);
writeFileSync(join(folder, "questions.json"), formatJson(questions));
console.log(`wrote ${scenes.length} images, scenes.json and ${questions.length} questions to ${folder}`);

/** Two-space JSON with short lists (boxes, centres, image paths) kept on one line. */
function formatJson(value) {
  const text = JSON.stringify(value, null, 2);
  return `${text.replace(/\[\n\s+([^[\]{}]*?)\n\s+\]/g, (_, inner) => `[${inner.split(/,\n\s+/).join(", ")}]`)}\n`;
}
