/** Timestamp formats of the Google APIs. */

/** RFC 3339 in UTC with milliseconds, e.g. `2025-01-01T00:00:00.123Z` (what Google calls Timestamp). */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** Vertex's `processed_time` in prediction lines, e.g. `2024-11-05T15:45:17.583+00:00`. */
export function processedTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

/** The microsecond timestamp Vertex puts in output folder names, e.g. `2025-01-01T00:00:00.123000Z`. */
export function folderTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000Z");
}
