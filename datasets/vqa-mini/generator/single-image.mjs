/**
 * The questions one scene can answer, by category, each built from the scene's data (the
 * painted boxes and areas from renderScene), so every answer is right by construction.
 */
import { integer, shuffled } from "./random.mjs";
import { COLOR_NAMES, HEIGHT, SHAPES, WIDTH, nameOf } from "./scenes.mjs";

export const LETTERS = ["A", "B", "C", "D"];
/** Marks rows whose options have no natural order, so the answer may be moved to any letter. */
const MOVABLE = { movable: true };

/** Every candidate question of one scene: `{color: [...], shape: [...], ...}`, each list shuffled. */
export function sceneQuestions(random, scene) {
  const ask = (category, question, list, correct, extra = {}) => choice(category, [scene.image], question, list, correct, extra);
  const { objects } = scene;
  const pools = { color: [], shape: [], count: [], size: [], position: [], locate: [] };

  for (const shape of SHAPES) {
    const matches = objects.filter((object) => object.shape === shape);
    if (matches.length !== 1) continue;
    const color = matches[0].color;
    const others = shuffled(random, COLOR_NAMES.filter((name) => name !== color)).slice(0, 3);
    pools.color.push(ask("color", `What color is the ${shape}?`, shuffled(random, [color, ...others]), color, MOVABLE));
  }
  for (const color of COLOR_NAMES) {
    const matches = objects.filter((object) => object.color === color);
    if (matches.length !== 1) continue;
    pools.shape.push(ask("shape", `What shape is the ${color} object?`, shuffled(random, SHAPES), matches[0].shape, MOVABLE));
  }

  const counts = [[`How many objects are in the image?`, objects.length]];
  const absent = SHAPES.filter((shape) => !objects.some((object) => object.shape === shape));
  for (const shape of SHAPES) {
    const count = objects.filter((object) => object.shape === shape).length;
    if (count > 0 || shape === absent[0]) counts.push([`How many ${shape}s are in the image?`, count]);
  }
  for (const color of COLOR_NAMES) {
    const count = objects.filter((object) => object.color === color).length;
    if (count > 0) counts.push([`How many ${color} objects are in the image?`, count]);
  }
  for (const [question, count] of counts) {
    // Four consecutive numbers around the answer (near misses are the plausible mistakes).
    const start = Math.max(0, count - integer(random, 0, 3));
    const list = [0, 1, 2, 3].map((step) => String(start + step));
    pools.count.push(ask("count", question, list, String(count), MOVABLE));
  }

  const byArea = [...objects].sort((a, b) => b.area - a.area);
  if (objects.length >= 2 && byArea[0].area >= 2 * byArea[1].area) {
    pools.size.push(ask("size", "Which object is the largest?", objectOptions(random, scene, byArea[0]), nameOf(byArea[0]), MOVABLE));
  }
  const [smallest, nextSmallest] = [byArea.at(-1), byArea.at(-2)];
  if (objects.length >= 2 && 2 * smallest.area <= nextSmallest.area) {
    pools.size.push(ask("size", "Which object is the smallest?", objectOptions(random, scene, smallest), nameOf(smallest), MOVABLE));
  }

  pools.position.push(...relativeQuestions(random, scene, ask).slice(0, 2));
  pools.position.push(...edgeQuestions(random, scene, ask).slice(0, 1));

  for (const object of objects) {
    const correct = boxText(object.box);
    const list = shuffled(random, [correct, ...distractorBoxes(random, scene, object).map(boxText)]);
    const question =
      `Which box is around the ${nameOf(object)}? Boxes are [x1, y1, x2, y2] in pixels from the top-left corner ` +
      `of the ${WIDTH}×${HEIGHT} image; x2 and y2 are one past the last pixel.`;
    pools.locate.push(ask("locate", question, list, correct, { box: object.box, ...MOVABLE }));
  }

  for (const category of Object.keys(pools)) pools[category] = shuffled(random, pools[category]);
  return pools;
}

/** A multiple-choice row (without its id): options A–D from `list`, the answer as a letter. */
export function choice(category, images, question, list, correct, extra = {}) {
  if (list.length !== 4 || new Set(list).size !== 4 || !list.includes(correct)) {
    throw new Error(`bad options for "${question}": ${JSON.stringify(list)} (answer ${correct})`);
  }
  const options = Object.fromEntries(list.map((text, index) => [LETTERS[index], text]));
  return { category, images, question, options, answer: LETTERS[list.indexOf(correct)], ...extra };
}

/** "Where is A relative to B?" for pairs apart on one axis and overlapping on the other (never diagonal). */
function relativeQuestions(random, scene, ask) {
  const questions = [];
  const { objects } = scene;
  for (let first = 0; first < objects.length; first++) {
    for (let second = first + 1; second < objects.length; second++) {
      const [a, b] = random() < 0.5 ? [objects[first], objects[second]] : [objects[second], objects[first]];
      const relation = relationOf(a.box, b.box);
      if (!relation) continue;
      const other = nameOf(b);
      const list = [`left of the ${other}`, `right of the ${other}`, `above the ${other}`, `below the ${other}`];
      questions.push(ask("position", `Where is the ${nameOf(a)} relative to the ${other}?`, list, `${relation} the ${other}`, MOVABLE));
    }
  }
  return shuffled(random, questions);
}

function relationOf([ax1, ay1, ax2, ay2], [bx1, by1, bx2, by2]) {
  const xOverlap = ax1 < bx2 && bx1 < ax2;
  const yOverlap = ay1 < by2 && by1 < ay2;
  if (yOverlap && !xOverlap) return ax2 <= bx1 ? "left of" : "right of";
  if (xOverlap && !yOverlap) return ay2 <= by1 ? "above" : "below";
  return undefined;
}

/** "Which object is closest to the left edge?" when it is closer than every other by 10 pixels or more. */
function edgeQuestions(random, scene, ask) {
  if (scene.objects.length < 2) return [];
  const gaps = {
    left: (box) => box[0],
    right: (box) => WIDTH - box[2],
    top: (box) => box[1],
    bottom: (box) => HEIGHT - box[3],
  };
  const questions = [];
  for (const [edge, gap] of Object.entries(gaps)) {
    const sorted = [...scene.objects].sort((a, b) => gap(a.box) - gap(b.box));
    if (gap(sorted[1].box) - gap(sorted[0].box) < 10) continue;
    const question = `Which object is closest to the ${edge} edge of the image?`;
    questions.push(ask("position", question, objectOptions(random, scene, sorted[0]), nameOf(sorted[0]), MOVABLE));
  }
  return shuffled(random, questions);
}

/** The answer's name and three others: objects in the scene first, then ones it does not have. */
function objectOptions(random, scene, answer) {
  const present = scene.objects.filter((object) => object !== answer).map(nameOf);
  const absent = SHAPES.flatMap((shape) => COLOR_NAMES.map((color) => `${color} ${shape}`)).filter(
    (name) => !scene.objects.some((object) => nameOf(object) === name),
  );
  const others = [...shuffled(random, present), ...shuffled(random, absent)].slice(0, 3);
  return shuffled(random, [nameOf(answer), ...others]);
}

/** Three wrong boxes: other objects' boxes, the answer mirrored, then anywhere clearly elsewhere. */
function distractorBoxes(random, scene, object) {
  const [x1, y1, x2, y2] = object.box;
  const [w, h] = [x2 - x1, y2 - y1];
  const mirrored = [
    [WIDTH - x2, y1, WIDTH - x1, y2],
    [x1, HEIGHT - y2, x2, HEIGHT - y1],
    [WIDTH - x2, HEIGHT - y2, WIDTH - x1, HEIGHT - y1],
  ];
  const anywhere = [];
  for (let y = 0; y + h <= HEIGHT; y += 8) for (let x = 0; x + w <= WIDTH; x += 8) anywhere.push([x, y, x + w, y + h]);
  const others = scene.objects.filter((other) => other !== object).map((other) => other.box);
  const chosen = [];
  for (const box of [...shuffled(random, others), ...shuffled(random, mirrored), ...shuffled(random, anywhere)]) {
    if (chosen.length === 3) break;
    if (iou(box, object.box) < 0.1 && chosen.every((taken) => iou(box, taken) < 0.3)) chosen.push(box);
  }
  return chosen;
}

function iou(a, b) {
  const overlap = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const area = (box) => (box[2] - box[0]) * (box[3] - box[1]);
  return overlap / (area(a) + area(b) - overlap);
}

function boxText(box) {
  return `[${box.join(", ")}]`;
}
