import { describe, expect, it } from "vitest";
import { contentKey, keyOf } from "../../src/data/keys.js";

describe("row keys", () => {
  it("gives the same content key whatever the key order, at every depth", () => {
    const a = contentKey({ prompt: "hi", meta: { x: 1, y: [1, { b: 2, a: 1 }] } });
    const b = contentKey({ meta: { y: [1, { a: 1, b: 2 }], x: 1 }, prompt: "hi" });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });

  it("gives different content keys for different content", () => {
    expect(contentKey({ prompt: "hi" })).not.toBe(contentKey({ prompt: "hi!" }));
    expect(contentKey({ prompt: "1" })).not.toBe(contentKey({ prompt: 1 }));
  });

  it("is a fixed value for fixed content, so keys survive restarts and releases", () => {
    // sha256('{"prompt":"hello"}') starts with these 16 hex characters.
    expect(contentKey({ prompt: "hello" })).toBe("8a44725210b9dcd4");
  });

  it("reads the data key as a string, converting numbers and rejecting empty or odd values", () => {
    expect(keyOf({ id: "a1" }, "id")).toBe("a1");
    expect(keyOf({ id: 7 }, "id")).toBe("7");
    expect(keyOf({ meta: { id: "n" } }, "meta.id")).toBe("n");
    expect(keyOf({ id: "" }, "id")).toBeUndefined();
    expect(keyOf({ id: "  " }, "id")).toBeUndefined();
    expect(keyOf({ id: null }, "id")).toBeUndefined();
    expect(keyOf({ id: true }, "id")).toBeUndefined();
    expect(keyOf({ id: { x: 1 } }, "id")).toBeUndefined();
    expect(keyOf({}, "id")).toBeUndefined();
    expect(keyOf({ id: "a" }, undefined)).toBeUndefined();
  });
});
