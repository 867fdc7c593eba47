import { CRC32C } from "@google-cloud/storage";
import { describe, expect, test } from "vitest";
import { Crc32c } from "../../src/emulator/gcs/crc32c.js";

describe("CRC32C (Castagnoli) as Cloud Storage reports it", () => {
  test("matches the standard check value 0xE3069283 for '123456789'", () => {
    expect(new Crc32c().update(Buffer.from("123456789")).value()).toBe(0xe3069283);
  });

  test("gives the same base64 as the storage SDK's own CRC32C, whole or fed in uneven pieces", () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, index) => String.fromCharCode(32 + (index % 90))).join(""));
    const expected = new CRC32C();
    expected.update(data);
    const pieces = new Crc32c();
    for (let at = 0; at < data.length; at += 37) pieces.update(data.subarray(at, at + 37));
    expect(new Crc32c().update(data).base64()).toBe(expected.toString());
    expect(pieces.base64()).toBe(expected.toString());
    expect(new Crc32c().base64()).toBe("AAAAAA==");
  });
});
