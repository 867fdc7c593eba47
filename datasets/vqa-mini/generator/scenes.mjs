/**
 * Scenes: a few filled shapes on a white background, placed so that they never touch.
 * A scene is pure data; `renderScene` draws it and measures each object's painted pixels
 * (its box and area), so every answer is read from what is actually in the image.
 */
import { integer, pick } from "./random.mjs";

export const WIDTH = 128;
export const HEIGHT = 128;

/** Fill colours (RGB). No anti-aliasing: every pixel is exactly one of these or the background. */
export const COLORS = {
  red: [220, 38, 38],
  green: [22, 163, 74],
  blue: [37, 99, 235],
  yellow: [234, 179, 8],
  purple: [147, 51, 234],
  orange: [249, 115, 22],
};
export const COLOR_NAMES = Object.keys(COLORS);
export const SHAPES = ["circle", "square", "triangle", "diamond"];
export const BACKGROUND = [255, 255, 255];

const SMALL = [7, 10]; // half-extent in pixels
const LARGE = [15, 19];
const GAP = 6; // empty pixels kept between the boxes of two objects

/**
 * Scene `index` (0-based) holds 1 + index % 6 objects, so every count from 1 to 6 appears
 * equally often; no two objects share both colour and shape, so "the red circle" names one.
 */
export function makeScene(random, index) {
  const count = 1 + (index % 6);
  const dominant = count >= 3 && random() < 0.4 ? pick(random, SHAPES) : undefined;
  for (;;) {
    const objects = placeObjects(random, count, dominant);
    if (objects) return { image: `images/scene-${String(index + 1).padStart(3, "0")}.png`, width: WIDTH, height: HEIGHT, objects };
  }
}

/** Draw a scene. Returns the RGB pixels; fills in each object's `box` [x1, y1, x2, y2] (x2, y2 exclusive) and `area`. */
export function renderScene(scene) {
  const rgb = Buffer.alloc(scene.width * scene.height * 3);
  for (let offset = 0; offset < rgb.length; offset += 3) rgb.set(BACKGROUND, offset);
  for (const object of scene.objects) {
    const [cx, cy] = object.center;
    const h = object.half;
    let [x1, y1, x2, y2, area] = [Infinity, Infinity, -Infinity, -Infinity, 0];
    for (let y = cy - h; y <= cy + h; y++) {
      for (let x = cx - h; x <= cx + h; x++) {
        if (!inside(object.shape, x - cx, y - cy, h)) continue;
        rgb.set(COLORS[object.color], (y * scene.width + x) * 3);
        [x1, y1, x2, y2] = [Math.min(x1, x), Math.min(y1, y), Math.max(x2, x + 1), Math.max(y2, y + 1)];
        area++;
      }
    }
    object.box = [x1, y1, x2, y2];
    object.area = area;
  }
  return rgb;
}

/** "the red circle" without the article: how questions and options name an object. */
export function nameOf(object) {
  return `${object.color} ${object.shape}`;
}

/** Whether pixel offset (dx, dy) from the centre is painted for a shape of half-extent h. */
function inside(shape, dx, dy, h) {
  if (shape === "circle") return dx * dx + dy * dy <= h * h + h; // + h rounds the outline
  if (shape === "square") return Math.abs(dx) <= h && Math.abs(dy) <= h;
  if (shape === "diamond") return Math.abs(dx) + Math.abs(dy) <= h;
  return 2 * Math.abs(dx) <= dy + h; // triangle, apex up, base on the bottom edge
}

function placeObjects(random, count, dominant) {
  const objects = [];
  let large = 0;
  while (objects.length < count) {
    const shape = dominant && random() < 0.6 ? dominant : pick(random, SHAPES);
    const color = pick(random, COLOR_NAMES);
    if (objects.some((object) => object.shape === shape && object.color === color)) continue;
    const isLarge = large < 2 && random() < 0.4;
    const half = isLarge ? integer(random, ...LARGE) : integer(random, ...SMALL);
    const center = findRoom(random, objects, half);
    if (!center) return undefined; // crowded: start the scene again
    if (isLarge) large++;
    objects.push({ shape, color, size: isLarge ? "large" : "small", half, center });
  }
  return objects;
}

function findRoom(random, objects, half) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const center = [integer(random, half + 2, WIDTH - half - 3), integer(random, half + 2, HEIGHT - half - 3)];
    if (objects.every((other) => apart(center, half, other.center, other.half))) return center;
  }
  return undefined;
}

function apart([ax, ay], aHalf, [bx, by], bHalf) {
  const reach = aHalf + bHalf + GAP;
  return Math.abs(ax - bx) > reach || Math.abs(ay - by) > reach;
}
