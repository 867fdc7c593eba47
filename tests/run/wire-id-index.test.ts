import { describe, expect, it } from "vitest";
import { WireIdIndex, type WireIdMemory } from "../../src/run/wire-id-index.js";

const IDS = ["k1", "k2", "h_AbC-_09", "é-not-ascii", "x".repeat(64), "k10"];

describe("wire id index", () => {
  it("finds every item by the bytes of its wire id, and nothing else", () => {
    for (const index of [WireIdIndex.fromStrings(IDS), WireIdIndex.fromJoined(Buffer.from(IDS.join(" ")), IDS.length)!]) {
      IDS.forEach((id, position) => {
        const bytes = Buffer.from(`"${id}"`);
        expect(index.find(bytes, 1, bytes.length - 1)).toBe(position);
        expect(index.findString(id)).toBe(position);
        expect(index.wireId(position)).toBe(id);
      });
      for (const other of ["k", "k11", "", "K1", "k1 "]) expect(index.findString(other)).toBe(-1);
    }
  });

  it("refuses joined ids that spaces do not split into the right number (an id with a space)", () => {
    expect(WireIdIndex.fromJoined(Buffer.from(["a b", "c"].join(" ")), 2)).toBeUndefined();
    expect(WireIdIndex.fromJoined(Buffer.from("a"), 2)).toBeUndefined();
    expect(WireIdIndex.fromJoined(new Uint8Array(0), 0)!.findString("a")).toBe(-1);
  });

  it("reuses the memory of the last index without mixing the two up", () => {
    const memory: WireIdMemory = {};
    WireIdIndex.fromStrings(Array.from({ length: 5000 }, (_, n) => `old-${n}`), memory);
    const reused = WireIdIndex.fromJoined(Buffer.from(IDS.join(" ")), IDS.length, memory)!;
    expect(reused.findString("old-1")).toBe(-1);
    expect(reused.findString("k10")).toBe(5);
  });
});
