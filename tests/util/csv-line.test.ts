import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvLine } from "../../src/util/csv-line.js";

describe("csv lines", () => {
  it("are what csv-stringify writes with its defaults, for every kind of value a results row holds", () => {
    const values: unknown[] = [
      "plain", "", "a,b", 'say "hi"', '"', "line\nbreak", "cr\rhere", "crlf\r\n", " lead", "trail ", "tab\there", "#hash", "=formula",
      "é 東京 “quoted” 😀", "\u2028", 0, -0, 1.5, -3, 1e21, 0.1 + 0.2, Number.NaN, true, false, null, undefined,
    ];
    for (const value of values) expect(csvLine([value, "x"]), JSON.stringify(value)).toBe(stringify([[value, "x"]]));
    expect(csvLine(values)).toBe(stringify([values]));
    expect(csvLine([])).toBe(stringify([[]]));
  });
});
