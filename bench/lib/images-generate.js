/**
 * Writes a folder of small distinct images: `node images-generate.js <folder> <count>`.
 * Each file is `img-<index>.png`: the PNG signature and an IHDR chunk, then 2–4 KB of
 * seeded bytes, so every content hash differs. Not decodable pictures (the emulator only
 * stores bytes). Deterministic; written to a temp folder and renamed.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "./random.js";

const [folder, countText] = process.argv.slice(2);
const count = Number(countText);
const random = seededRandom(7);
const temp = `${folder}.tmp`;
rmSync(temp, { recursive: true, force: true });
mkdirSync(temp, { recursive: true });

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
for (let index = 0; index < count; index++) {
  const body = Buffer.alloc(2048 + Math.floor(random() * 2048));
  for (let offset = 0; offset < body.length; offset++) body[offset] = Math.floor(random() * 256);
  body.writeUInt32BE(index, 0); // distinct even if the generator ever repeated itself
  writeFileSync(join(temp, `img-${String(index).padStart(5, "0")}.png`), Buffer.concat([SIGNATURE, header(index), body]));
}
rmSync(folder, { recursive: true, force: true });
renameSync(temp, folder);

/** An IHDR-like chunk: length, type, width and height (so sizes look like small images). */
function header(index) {
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(13, 0);
  chunk.write("IHDR", 4, "latin1");
  chunk.writeUInt32BE(32 + (index % 64), 8);
  chunk.writeUInt32BE(32 + ((index * 7) % 64), 12);
  chunk[16] = 8; // bit depth
  chunk[17] = 2; // colour type: RGB
  return chunk;
}
