import { describe, expect, it } from "vitest";
import { firstInvalidPosition, locateJsonError } from "../../src/data/json-error-location.js";

function failure(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${text} to be invalid`);
}

describe("JSON syntax error location", () => {
  it("finds the same position as V8 wherever V8 gives one", () => {
    const samples = ['{"a":1,}', "[1 2]", '{"a" 1}', "{a:1}", '"abc', "01", "[-]", '{"a":1', '"\\u12"', '[\n  {"x": 1}\n]\n]', '{"a":"x\ty"}', "[1.]", "[1e]", "tx"];
    for (const text of samples) {
      const message = (failure(text) as Error).message;
      const given = /at position (\d+)/.exec(message);
      if (given) expect([text, firstInvalidPosition(text)]).toEqual([text, Number(given[1])]);
    }
  });

  it("locates Unexpected token errors that V8 reports without a position", () => {
    const text = '[\n  {"a": 1},\n      ]';
    expect(locateJsonError(text, failure(text))).toEqual({ line: 3, column: 7, message: "Unexpected token ]" });
  });

  it("puts unexpected end of input at the end of the text", () => {
    const text = '{\n  "a": [1, 2';
    expect(locateJsonError(text, failure(text))).toMatchObject({ line: 2, column: 13 });
  });

  it("accepts valid JSON with nesting, escapes and numbers", () => {
    const text = '{"a": [1, -2.5e3, {"b": "x\\n\\u00e9"}, true, false, null], "c": {}}';
    expect(firstInvalidPosition(text)).toBe(text.length);
    expect(firstInvalidPosition("[".repeat(10_000) + "]".repeat(10_000))).toBe(20_000);
  });
});
