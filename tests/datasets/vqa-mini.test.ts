import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadConfig, resolveStep } from "../../src/data/config.js";
import { inspectDataset, readDataset } from "../../src/data/read-dataset.js";
import type { InputProblem } from "../../src/errors.js";
import { MCQ_PROMPT } from "../../src/eval/tasks/mcq-task.js";
import { createRequestBuilder } from "../../src/requests/build-request.js";
import { useTempDirs } from "../support/temp-dir.js";

const folder = fileURLToPath(new URL("../../datasets/vqa-mini/", import.meta.url));
const questionsFile = join(folder, "questions.json");
const LETTERS = ["A", "B", "C", "D"];
// The palette, written out again here so the pixels are checked against the names, not against the generator.
const COLORS: Record<string, number[]> = {
  red: [220, 38, 38],
  green: [22, 163, 74],
  blue: [37, 99, 235],
  yellow: [234, 179, 8],
  purple: [147, 51, 234],
  orange: [249, 115, 22],
};

type Box = [number, number, number, number];
interface Row {
  question_id: string;
  category: string;
  images: string[];
  question: string;
  options: Record<string, string>;
  answer: string;
  box?: Box;
}
interface SceneObject {
  shape: string;
  color: string;
  size: string;
  center: [number, number];
  box: Box;
  area: number;
}
interface Scene {
  image: string;
  width: number;
  height: number;
  objects: SceneObject[];
}

const rows: Row[] = JSON.parse(readFileSync(questionsFile, "utf8"));
const scenes: Scene[] = JSON.parse(readFileSync(join(folder, "scenes.json"), "utf8"));
const sceneOf = new Map(scenes.map((scene) => [scene.image, scene]));
const newTempDir = useTempDirs();

describe("vqa-mini dataset", () => {
  it("the generator reproduces the committed images, scenes.json and questions.json byte for byte", () => {
    const out = newTempDir();
    execFileSync(process.execPath, [join(folder, "generate.mjs"), out], { stdio: "pipe" });
    expect(readdirSync(join(out, "images")).sort()).toEqual(readdirSync(join(folder, "images")).sort());
    for (const name of ["questions.json", "scenes.json", ...readdirSync(join(out, "images")).map((file) => `images/${file}`)]) {
      expect(readFileSync(join(out, name)).equals(readFileSync(join(folder, name))), name).toBe(true);
    }
  });

  it("has 60 pictures, ten for each count of 1 to 6 objects, every one used by a question", () => {
    expect(scenes).toHaveLength(60);
    for (let count = 1; count <= 6; count++) expect(scenes.filter((scene) => scene.objects.length === count)).toHaveLength(10);
    const used = new Set(rows.flatMap((row) => row.images));
    expect([...used].sort()).toEqual(scenes.map((scene) => scene.image).sort());
  });

  it("every referenced image is a valid 128×128 RGB PNG whose pixels decode", () => {
    for (const path of new Set(rows.flatMap((row) => row.images))) {
      const image = decodePng(readFileSync(join(folder, path)));
      expect([image.width, image.height], path).toEqual([128, 128]);
    }
  });

  it("every object's box and area in scenes.json are those of its painted pixels", () => {
    for (const scene of scenes) {
      const image = decodePng(readFileSync(join(folder, scene.image)));
      for (const object of scene.objects) {
        const [x1, y1, x2, y2] = object.box;
        const painted = (x: number, y: number) => x >= 0 && y >= 0 && x < 128 && y < 128 && image.isColor(x, y, COLORS[object.color]);
        let area = 0;
        for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) if (painted(x, y)) area++;
        expect(area, `${scene.image} ${object.color} ${object.shape}`).toBe(object.area);
        // Tight: each side of the box touches the shape, and the ring just outside it is empty.
        expect([range(x1, x2).some((x) => painted(x, y1)), range(x1, x2).some((x) => painted(x, y2 - 1))]).toEqual([true, true]);
        expect([range(y1, y2).some((y) => painted(x1, y)), range(y1, y2).some((y) => painted(x2 - 1, y))]).toEqual([true, true]);
        const ring = [...range(x1 - 1, x2 + 1).flatMap((x) => [[x, y1 - 1], [x, y2]]), ...range(y1, y2).flatMap((y) => [[x1 - 1, y], [x2, y]])];
        expect(ring.some(([x, y]) => painted(x, y))).toBe(false);
      }
    }
  });

  it("every row has a unique id, four different options, an answer among them, and one image (two for compare)", () => {
    expect(new Set(rows.map((row) => row.question_id)).size).toBe(rows.length);
    for (const row of rows) {
      expect(Object.keys(row.options), row.question_id).toEqual(LETTERS);
      expect(new Set(Object.values(row.options)).size).toBe(4);
      expect(LETTERS).toContain(row.answer);
      expect(row.images).toHaveLength(row.category === "compare" ? 2 : 1);
      expect(row.images.every((path) => sceneOf.has(path))).toBe(true);
      expect(row.box !== undefined).toBe(row.category === "locate");
    }
  });

  it("locate boxes lie inside the image and are the right option", () => {
    for (const row of rows.filter((candidate) => candidate.category === "locate")) {
      const [x1, y1, x2, y2] = row.box!;
      expect(0 <= x1 && x1 < x2 && x2 <= 128 && 0 <= y1 && y1 < y2 && y2 <= 128, row.question_id).toBe(true);
      expect(row.options[row.answer]).toBe(`[${row.box!.join(", ")}]`);
    }
  });

  it("every answer agrees with scenes.json, worked out again here from the question", () => {
    for (const row of rows) expect(row.options[row.answer], `${row.question_id}: ${row.question}`).toBe(expectedOption(row));
  });

  it("the counts per category match the README table", () => {
    const readme = readFileSync(join(folder, "README.md"), "utf8");
    const table = Object.fromEntries([...readme.matchAll(/^\| `(\w+)` \| (\d+) \|/gm)].map((match) => [match[1], Number(match[2])]));
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.category] = (counts[row.category] ?? 0) + 1;
    expect(counts).toEqual(table);
    expect(readme).toMatch(new RegExp(`\\| total \\| ${rows.length} \\|`));
  });

  it("spreads the answers over the letters: evenly within each category except compare, as the README says", () => {
    for (const category of new Set(rows.map((row) => row.category))) {
      const letters = LETTERS.map((letter) => rows.filter((row) => row.category === category && row.answer === letter).length);
      if (category === "compare") expect(letters).toEqual([6, 4, 3, 1]);
      else expect(Math.max(...letters) - Math.min(...letters), category).toBeLessThanOrEqual(1);
    }
  });

  it("loads with readDataset without problems, keyed by question_id", async () => {
    const info = await inspectDataset(questionsFile);
    expect([info.format, info.shape]).toEqual(["json", "records"]);
    const problems: InputProblem[] = [];
    const loaded = [];
    for await (const row of readDataset(questionsFile, (problem) => problems.push(problem))) loaded.push(row);
    expect(problems).toEqual([]);
    expect(loaded.map((row) => row.fields)).toEqual(rows);
  });

  it("the config loads without warnings, and its Vertex step needs no environment variables", async () => {
    const { config, warnings } = await loadConfig(join(folder, "config.yaml"));
    expect(warnings).toEqual([]);
    const vertex = resolveStep(config, "answer_vertex", {});
    expect(vertex).toMatchObject({ provider: "vertex", model: "gemini-2.5-flash", images: "images", dataKey: "question_id" });
    expect(vertex.options).toEqual({
      project_id: "batchlab-demo",
      location: "us-central1",
      gcs_bucket: "batchlab-demo-bucket",
      upload_images: true,
      gcs_image_prefix: "batchlab/images",
      output_prefix: "batchlab/output",
      wait_for_completion: true,
      poll_interval: 30,
    });
    expect(resolveStep(config, "answer_gemini", {})).toMatchObject({ provider: "gemini", model: "gemini-2.5-flash", apiKeyVariable: "GEMINI_API_KEY" });
    expect(resolveStep(config, "answer", {})).toMatchObject({ provider: "openai", model: "gpt-4o-mini", params: { temperature: 0, max_tokens: 16 } });
    // The built-in multiple-choice task can score a run of this config.
    expect([config.steps.answer.system, config.steps.answer.user]).toEqual([
      "You answer questions about images. Reply with the letter of the correct option.",
      MCQ_PROMPT.user,
    ]);
  });

  for (const stepName of ["answer", "answer_gemini", "answer_vertex"]) {
    it(`the ${stepName} step builds a request for every row, with its question, options and images`, async () => {
      const { config } = await loadConfig(join(folder, "config.yaml"));
      const builder = createRequestBuilder(resolveStep(config, stepName, {}), dirname(questionsFile), questionsFile);
      const problems: InputProblem[] = [];
      rows.forEach((fields, index) => {
        const request = builder.build({ key: fields.question_id, row: index + 1, fields: { ...fields } }, (problem) => problems.push(problem));
        expect(request, fields.question_id).toBeDefined();
        const [text, ...images] = request!.parts;
        expect(text.type === "text" && text.text.startsWith(fields.question) && text.text.includes(`D) ${fields.options.D}`)).toBe(true);
        expect(images).toEqual(
          fields.images.map((path) => ({ type: "image", url: new URL(path, `file://${folder}`).href, mimeType: "image/png" })),
        );
      });
      expect(problems).toEqual([]);
    });
  }
});

/** The text of the right option, worked out from scenes.json. */
function expectedOption(row: Row): string {
  const [first, second] = row.images.map((path) => sceneOf.get(path)!);
  const objects = first.objects;
  const named = (name: string) => objects.find((object) => `${object.color} ${object.shape}` === name)!;
  const only = (test: (object: SceneObject) => boolean) => {
    const matches = objects.filter(test);
    expect(matches, row.question_id).toHaveLength(1);
    return matches[0];
  };
  let match: RegExpMatchArray | null;
  if ((match = row.question.match(/^What color is the (\w+)\?$/))) return only((object) => object.shape === match![1]).color;
  if ((match = row.question.match(/^What shape is the (\w+) object\?$/))) return only((object) => object.color === match![1]).shape;
  if (row.question === "How many objects are in the image?") return String(objects.length);
  if ((match = row.question.match(/^How many (\w+)s are in the image\?$/))) return String(objects.filter((object) => object.shape === match![1]).length);
  if ((match = row.question.match(/^How many (\w+) objects are in the image\?$/))) return String(objects.filter((object) => object.color === match![1]).length);
  if ((match = row.question.match(/^Which object is the (largest|smallest)\?$/))) {
    const sorted = [...objects].sort((a, b) => b.area - a.area);
    const [answer, runnerUp] = match[1] === "largest" ? [sorted[0], sorted[1]] : [sorted.at(-1)!, sorted.at(-2)!];
    expect(Math.max(answer.area, runnerUp.area)).toBeGreaterThanOrEqual(2 * Math.min(answer.area, runnerUp.area));
    return `${answer.color} ${answer.shape}`;
  }
  if ((match = row.question.match(/^Which object is closest to the (\w+) edge of the image\?$/))) {
    const gap = { left: (b: Box) => b[0], right: (b: Box) => 128 - b[2], top: (b: Box) => b[1], bottom: (b: Box) => 128 - b[3] }[match[1]]!;
    const sorted = [...objects].sort((a, b) => gap(a.box) - gap(b.box));
    expect(gap(sorted[1].box) - gap(sorted[0].box)).toBeGreaterThanOrEqual(10);
    return `${sorted[0].color} ${sorted[0].shape}`;
  }
  if ((match = row.question.match(/^Where is the (\w+ \w+) relative to the (\w+ \w+)\?$/))) {
    const [a, b] = [named(match[1]).box, named(match[2]).box];
    const relation = a[2] <= b[0] ? "left of" : a[0] >= b[2] ? "right of" : a[3] <= b[1] ? "above" : "below";
    const xApart = a[2] <= b[0] || a[0] >= b[2];
    const yApart = a[3] <= b[1] || a[1] >= b[3];
    expect(xApart !== yApart, `${row.question_id} is diagonal or overlapping`).toBe(true);
    return `${relation} the ${match[2]}`;
  }
  if ((match = row.question.match(/^Which box is around the (\w+ \w+)\?/))) return `[${named(match[1]).box.join(", ")}]`;
  if ((match = row.question.match(/Which image has more (\w+)s\?$/))) {
    const count = (scene: Scene) => scene.objects.filter((object) => match![1] === "object" || object.shape === match![1]).length;
    const [a, b] = [count(first), count(second)];
    return a > b ? "the first image" : b > a ? "the second image" : "both have the same number";
  }
  if ((match = row.question.match(/Which image contains an? (\w+ \w+)\?$/))) {
    const has = (scene: Scene) => scene.objects.some((object) => `${object.color} ${object.shape}` === match![1]);
    return has(first) && has(second) ? "both images" : has(first) ? "the first image" : has(second) ? "the second image" : "neither image";
  }
  throw new Error(`${row.question_id}: no rule for "${row.question}"`);
}

/** Decode an 8-bit RGB, non-interlaced PNG, checking the signature, every chunk's CRC and the IHDR. */
function decodePng(bytes: Buffer) {
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  const chunks: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const typed = bytes.subarray(offset + 4, offset + 8 + length);
    expect(bytes.readUInt32BE(offset + 8 + length)).toBe(crc32(typed));
    chunks.push({ type: typed.subarray(0, 4).toString("latin1"), data: typed.subarray(4) });
    offset += 12 + length;
  }
  expect(chunks.map((chunk) => chunk.type)).toEqual(["IHDR", "IDAT", "IEND"]);
  const header = chunks[0].data;
  const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
  expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]); // 8-bit, RGB, deflate, filter method 0, no interlace
  const raw = inflateSync(chunks[1].data);
  const stride = width * 3 + 1;
  expect(raw.length).toBe(stride * height);
  for (let y = 0; y < height; y++) expect(raw[y * stride]).toBe(0); // filter type None on every row
  return {
    width,
    height,
    isColor(x: number, y: number, rgb: number[]) {
      const at = y * stride + 1 + x * 3;
      return raw[at] === rgb[0] && raw[at + 1] === rgb[1] && raw[at + 2] === rgb[2];
    },
  };
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, index) => start + index);
}
