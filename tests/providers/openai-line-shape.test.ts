import { describe, expect, it } from "vitest";
import { lineResult, lineShapeOf, readSuccessLine, successTextsJson, textResult } from "../../src/providers/openai-output.js";

/** An OpenAI batch output line as the service writes it. */
const line = (
  options: { id?: string; content?: string; prompt?: string; status?: string; created?: string; extra?: string; model?: string; finish?: string; cached?: string } = {},
) =>
  `{"id":"batch_req_1","custom_id":"${options.id ?? "k1"}","response":{"status_code":${options.status ?? "200"},"request_id":"req_1","body":{"id":"chatcmpl-1","object":"chat.completion","created":${options.created ?? "1763700000"},"model":${options.model ?? '"gpt-4o-mini"'},"choices":[{"index":0,"message":{"role":"assistant","content":${options.content ?? '"an answer"'},"refusal":null,"annotations":[]},"logprobs":null,"finish_reason":${options.finish ?? '"stop"'}}],"usage":{"prompt_tokens":${options.prompt ?? "120"},"completion_tokens":80,"total_tokens":200,"prompt_tokens_details":{"cached_tokens":${options.cached ?? "0"},"audio_tokens":0}},"service_tier":"default"${options.extra ?? ""}}},"error":null}`;

/** Lines like the base one that differ in a value, in their shape, or are not JSON at all. */
const VARIANTS = [
  line({ id: "other-id", content: '"another answer, longer — with a dash"', prompt: "7", created: "1763700999" }),
  line({ content: '"quotes \\" and \\\\ and \\n newlines"' }),
  line({ content: '"\\u00e9 and \\/ slash"' }), // valid, but not as JSON.stringify writes it
  line({ content: '""' }),
  line({ content: "null" }), // another shape: the full reader reads it
  line({ content: '"raw \u0001 control"' }), // not JSON
  line({ content: '"bad \\x escape"' }), // not JSON
  line({ content: '"unterminated' }),
  line({ prompt: "1.5" }), // a fraction: JSON.parse's way
  line({ prompt: "1e3" }),
  line({ prompt: "-0" }),
  line({ prompt: "0123" }), // not JSON
  line({ prompt: "1234567890123456" }), // too long to be exact here: JSON.parse's way
  line({ status: "500" }),
  line({ status: "200.0" }),
  line({ created: "-" }), // not JSON
  line({ id: "k\\u0031" }),
  line({ extra: ',"x":1' }), // another shape
  line().replace('"error":null', '"error":{"code":"x","message":"y"}'),
  line().replace('"content"', '"contents"'),
  line().slice(0, -1), // cut short
  `${line()} `,
  ` ${line()}`,
  line().replace('"refusal":null', '"refusal":"no"'),
];

describe("reading OpenAI output lines by the shape of the last one", () => {
  it("gives exactly what JSON.parse gives for every line after a line of the common shape", () => {
    let shaped = 0;
    for (const variant of VARIANTS) {
      // Prime the shape with the base line, then read the variant.
      const base = Buffer.from(line());
      readSuccessLine(base, 0, base.length);
      const bytes = Buffer.from(variant);
      const expected = textResult(variant);
      expect(lineResult(bytes, 0, bytes.length), variant).toEqual(expected);
      const read = readSuccessLine(bytes, 0, bytes.length);
      if (read) expect(successTextsJson(bytes, read), variant).toBe(JSON.stringify(expected.texts));
      if (lineShapeOf(base, 0, base.length)!.read(bytes, 0, bytes.length)) shaped++;
    }
    // Lines differing only in values take the shape's way (else it measures nothing).
    expect(shaped).toBeGreaterThanOrEqual(6);
  });

  it("matches no line of another shape, and no line whose values are not JSON", () => {
    const base = Buffer.from(line());
    const shape = lineShapeOf(base, 0, base.length)!;
    for (const variant of [line({ content: "null" }), line({ content: '"raw \u0001 control"' }), line({ prompt: "1.5" }), line({ status: "500" }), line({ extra: ',"x":1' }), line().slice(0, -1)]) {
      const bytes = Buffer.from(variant);
      expect(shape.read(bytes, 0, bytes.length), variant).toBeUndefined();
    }
  });

  it("reads the id, texts and token counts from the holes they are in", () => {
    const base = Buffer.from(line());
    const shape = lineShapeOf(base, 0, base.length)!;
    const text = `xx${line({ id: "abc", content: '"hello"', prompt: "42" })}yy`;
    const bytes = Buffer.from(text);
    const read = shape.read(bytes, 2, bytes.length - 2)!;
    expect(bytes.toString("utf8", read.idStart, read.idEnd)).toBe('"abc"');
    expect(bytes.toString("utf8", read.textStarts[0], read.textEnds[0])).toBe('"hello"');
    expect([read.promptTokens, read.completionTokens, read.cachedTokens, read.hasUsage]).toEqual([42, 80, 0, true]);
  });

  it("keeps its own copy of the line it was learned from, so reusing the read buffer does not change it", () => {
    // Output files are read into one buffer, refilled read after read.
    const buffer = Buffer.from(line());
    const shape = lineShapeOf(buffer, 0, buffer.length)!;
    buffer.fill(0x20);
    const next = Buffer.from(line({ id: "k2", content: '"the next answer"' }));
    expect(shape.read(next, 0, next.length)).toBeDefined();
    buffer.write(line({ extra: ',"x":1' }).slice(0, buffer.length));
    const other = Buffer.from(line({ extra: ',"x":1' }).slice(0, buffer.length));
    expect(shape.read(other, 0, other.length)).toBeUndefined();
  });

  it("reads a value that was the same in every line before when it changes, and declines one that is not JSON", () => {
    const base = Buffer.from(line());
    const shape = lineShapeOf(base, 0, base.length)!;
    // The shape learns that ids and times vary; the model and the finish reason have not yet.
    for (const [id, created] of [["k2", "1763700001"], ["k3", "1763700002"]]) {
      const bytes = Buffer.from(line({ id, created }));
      expect(shape.read(bytes, 0, bytes.length)).toBeDefined();
    }
    const other = Buffer.from(line({ id: "k4", model: '"gpt-4o"', finish: '"length"' }));
    expect(shape.read(other, 0, other.length)).toBeDefined();
    for (const bad of [line({ model: '"gpt\\u004"' }), line({ finish: '"st\u0001op"' }), line({ model: "4o" }), line({ finish: "07" })]) {
      const bytes = Buffer.from(bad);
      expect(shape.read(bytes, 0, bytes.length), bad).toBeUndefined();
    }
  });

  it("gives what JSON.parse gives for a long run of lines whose values change at random", () => {
    const values: Record<string, string[]> = {
      content: ['"an answer"', '"line\\nbreak"', '""', "null", '"\\/ slash"', '"raw \u0001"'],
      prompt: ["120", "7", "1.5", "0123"],
      created: ["1763700000", "1763700001", "-"],
      model: ['"gpt-4o-mini"', '"gpt-4o"', '"gpt\\u0034"', "4"],
      finish: ['"stop"', '"length"', '"st\u0001op"', "null"],
      cached: ["0", "64", "1e2"],
    };
    let seed = 7;
    // A small LCG; its high bits (the low ones of a power-of-two modulus cycle quickly).
    const next = (count: number): number => Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * count);
    let shaped = 0;
    for (let index = 0; index < 400; index++) {
      // Mostly the common values, so the shape learns which holes vary and then meets changes.
      const options = Object.fromEntries(Object.entries(values).map(([name, list]) => [name, next(5) === 0 ? list[next(list.length)] : list[0]]));
      const id = [`row-${index}`, "key with \\\\", "k\\u0031"][next(8) === 0 ? 1 + next(2) : 0];
      const variant = line({ ...options, id });
      const bytes = Buffer.from(variant);
      expect(lineResult(bytes, 0, bytes.length), variant).toEqual(textResult(variant));
      if (readSuccessLine(bytes, 0, bytes.length)) shaped++;
    }
    expect(shaped).toBeGreaterThan(100);
  });
});
