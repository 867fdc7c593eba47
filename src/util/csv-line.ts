/**
 * One CSV record, as csv-stringify writes it with its defaults (which results.csv was written
 * with before): a field is quoted when it holds a comma, a quote or a line break, quotes are
 * doubled, `true` is `1`, `false`, null and undefined are empty, objects are JSON. Written by
 * hand because that library's per-field work was a large part of writing a million rows.
 */
export function csvLine(values: readonly unknown[]): string {
  let line = "";
  for (let index = 0; index < values.length; index++) {
    if (index > 0) line += ",";
    line += csvField(values[index]);
  }
  return line + "\n";
}

const NEEDS_QUOTES = /[",\n\r]/;

function csvField(value: unknown): string {
  if (value === null || value === undefined || value === false) return "";
  if (value === true) return "1";
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
