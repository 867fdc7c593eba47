/**
 * Object listing as Cloud Storage does it: names in lexicographic order, `prefix`,
 * `delimiter` (names rolled up into `prefixes`), `startOffset`/`endOffset`, `maxResults`
 * counting objects and prefixes together, and a page token naming the last entry shown.
 */
import { RequestError } from "../http.js";

export interface ListQuery {
  prefix?: string;
  delimiter?: string;
  startOffset?: string;
  endOffset?: string;
  /** Default 1000, as GCS. */
  maxResults: number;
  pageToken?: string;
}

export interface ObjectPage<T> {
  items: T[];
  prefixes: string[];
  nextPageToken?: string;
}

export function listObjects<T>(objects: Map<string, T>, query: ListQuery): ObjectPage<T> {
  const prefix = query.prefix ?? "";
  const after = query.pageToken === undefined ? undefined : decodeToken(query.pageToken);
  const names = [...objects.keys()].filter((name) => name.startsWith(prefix) && inRange(name, query)).sort(compare);
  const page: ObjectPage<T> = { items: [], prefixes: [] };
  let shown = 0;
  let lastKey: string | undefined;
  for (const name of names) {
    const key = rollUp(name, prefix, query.delimiter);
    if (key === lastKey) continue; // more names under a prefix already listed
    if (after !== undefined && compare(key, after) <= 0) continue;
    if (shown === query.maxResults) {
      page.nextPageToken = encodeToken(lastKey ?? "");
      break;
    }
    if (key === name) page.items.push(objects.get(name) as T);
    else page.prefixes.push(key);
    lastKey = key;
    shown++;
  }
  return page;
}

/** The name, or the prefix it rolls up into when the delimiter follows `prefix` in it. */
function rollUp(name: string, prefix: string, delimiter: string | undefined): string {
  if (!delimiter) return name;
  const at = name.indexOf(delimiter, prefix.length);
  return at < 0 ? name : name.slice(0, at + delimiter.length);
}

function inRange(name: string, query: ListQuery): boolean {
  if (query.startOffset !== undefined && compare(name, query.startOffset) < 0) return false;
  if (query.endOffset !== undefined && query.endOffset !== "" && compare(name, query.endOffset) >= 0) return false;
  return true;
}

/** Code-unit order, like GCS's byte order for the ASCII names people use. */
function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function encodeToken(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

function decodeToken(token: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(token)) throw new RequestError(400, `Invalid pageToken "${token}". Pass the nextPageToken of the previous page unchanged.`, null, "invalid");
  return Buffer.from(token, "base64url").toString("utf8");
}
