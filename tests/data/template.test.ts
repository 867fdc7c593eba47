import { describe, expect, it } from "vitest";
import { compileTemplate, missingFields } from "../../src/data/template.js";
import { BatchlabError, ConfigError } from "../../src/errors.js";

describe("templates", () => {
  it("fills {field} placeholders and lists each field once", () => {
    const template = compileTemplate("Q: {prompt}\nTopic: {topic}\nAgain: {prompt}");
    expect(template.fields).toEqual(["prompt", "topic"]);
    expect(template.render({ prompt: "Why?", topic: "sky" })).toBe("Q: Why?\nTopic: sky\nAgain: Why?");
  });

  it("writes {{ and }} as literal braces", () => {
    const template = compileTemplate('Reply as JSON: {{"answer": "{prompt}"}} {{}}');
    expect(template.fields).toEqual(["prompt"]);
    expect(template.render({ prompt: "hi" })).toBe('Reply as JSON: {"answer": "hi"} {}');
  });

  it("reads nested fields with dotted paths, preferring a field with the dotted name itself", () => {
    const template = compileTemplate("{meta.topic} / {meta.tags.0} / {a.b}");
    expect(template.render({ meta: { topic: "math", tags: ["easy"] }, "a.b": "flat", a: { b: "nested" } })).toBe(
      "math / easy / flat",
    );
  });

  it("renders numbers and booleans as text and objects or lists as JSON", () => {
    const template = compileTemplate("{n} {zero} {flag} {list} {object}");
    expect(template.render({ n: 3.5, zero: 0, flag: false, list: [1, "a"], object: { x: 1 } })).toBe(
      '3.5 0 false [1,"a"] {"x":1}',
    );
  });

  it("lists missing and null fields, and refuses to render them as 'undefined'", () => {
    const template = compileTemplate("{prompt} {context} {meta.topic} {empty}");
    const fields = { prompt: "p", context: null, meta: {}, empty: "" };
    expect(missingFields(template, fields)).toEqual(["context", "meta.topic"]);
    expect(missingFields(template, { prompt: "p", context: "c", meta: { topic: "t" }, empty: "" })).toEqual([]);
    expect(() => template.render(fields)).toThrow(BatchlabError);
    expect(() => template.render(fields)).toThrow(/uses \{context\} but the row has no "context" value/);
  });

  it("rejects lone braces and invalid placeholders with the column and the escape hint", () => {
    expect(() => compileTemplate("Answer {prompt")).toThrow(ConfigError);
    expect(() => compileTemplate("Answer {prompt")).toThrow(/"\{" that is never closed at column 8 — write \{\{ and \}\}/);
    expect(() => compileTemplate("oops } here")).toThrow(/lone "\}" at column 6/);
    expect(() => compileTemplate('JSON {"a": 1}')).toThrow(/invalid placeholder/);
    expect(() => compileTemplate("empty {}")).toThrow(/invalid placeholder/);
  });

  it("accepts spaces around names and a template without placeholders", () => {
    expect(compileTemplate("{ prompt }").render({ prompt: "x" })).toBe("x");
    const plain = compileTemplate("no fields here");
    expect(plain.fields).toEqual([]);
    expect(plain.render({})).toBe("no fields here");
  });
});
