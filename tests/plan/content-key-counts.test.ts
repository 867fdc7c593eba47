import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ContentKeyCounts } from "../../src/plan/content-key-counts.js";

describe("content key counts", () => {
  it("counts each 16-hex-digit key like a Map does, through growth and repeats", () => {
    const table = new ContentKeyCounts();
    const map = new Map<string, number>();
    const keys = Array.from({ length: 200_000 }, (_, index) => createHash("sha256").update(String(index % 150_000)).digest("hex").slice(0, 16));
    keys.push("0000000000000000", "0000000000000000", "0000000000000001", "ffffffffffffffff", "ffffffffffffffff");
    for (const key of keys) {
      const before = map.get(key) ?? 0;
      map.set(key, before + 1);
      expect(table.increment(key)).toBe(before);
    }
  });

  it("takes only 16 lowercase hex digits", () => {
    expect(ContentKeyCounts.fits("0123456789abcdef")).toBe(true);
    expect(ContentKeyCounts.fits("0123456789ABCDEF")).toBe(false);
    expect(ContentKeyCounts.fits("0123456789abcde")).toBe(false);
    expect(ContentKeyCounts.fits("0123456789abcdeg")).toBe(false);
  });
});
