import type { ModelParams, Request } from "../types.js";

/**
 * Batch input lines serialised from a frame: what the rows of a step share (model, system,
 * params) is serialised once, and per row only its id and its prompt text, which are then
 * spliced in. The line is byte for byte `JSON.stringify` of the whole object: strings are
 * serialised the same wherever they stand, and the object's shape does not depend on them.
 *
 * The frame is the line of a stand-in row whose id and text are NUL-bracketed markers, cut
 * at every place a marker's JSON appears. Markers can appear nowhere else, because a frame
 * is only made when the model and system have no NUL (else every row is serialised whole).
 */
export function framedEncoder(
  build: (request: Request, wireId: string) => unknown,
  /** The row's prompt as one string, when the line holds it as one (undefined: serialise whole). */
  textOf: (request: Request) => string | undefined,
): (request: Request, wireId: string) => string {
  let frame: Frame | undefined;
  return (request, wireId) => {
    const text = textOf(request);
    if (text === undefined) return JSON.stringify(build(request, wireId));
    if (!frame || !frame.fits(request)) frame = Frame.of(build, request);
    return frame ? frame.line(JSON.stringify(wireId), JSON.stringify(text)) : JSON.stringify(build(request, wireId));
  };
}

// A frame fits a row when every field a line is built from is the same: a field added to
// Request or ModelParams must be added to `fits` (these fail to compile until it is).
const COMPARED_REQUEST = ["key", "model", "system", "parts", "params"] as const;
const COMPARED_PARAMS = ["temperature", "top_p", "max_tokens", "n"] as const;
const everyRequestField: Exclude<keyof Request, (typeof COMPARED_REQUEST)[number]> extends never ? true : never = true;
const everyParam: Exclude<keyof ModelParams, (typeof COMPARED_PARAMS)[number]> extends never ? true : never = true;
void everyRequestField;
void everyParam;

const ID = "\u0000id\u0000";
const TEXT = "\u0000text\u0000";
const QUOTED_ID = JSON.stringify(ID);
const QUOTED_TEXT = JSON.stringify(TEXT);

class Frame {
  private constructor(
    private readonly request: Request,
    /** The line's pieces between the slots. */
    private readonly pieces: string[],
    /** Per slot: whether it holds the id (else the text). */
    private readonly ids: boolean[],
  ) {}

  /** The frame for rows like `request`, or undefined when its model or system holds a NUL. */
  static of(build: (request: Request, wireId: string) => unknown, request: Request): Frame | undefined {
    if (request.model.includes("\u0000") || request.system?.includes("\u0000")) return undefined;
    const line = JSON.stringify(build({ ...request, parts: [{ type: "text", text: TEXT }] }, ID));
    const pieces: string[] = [];
    const ids: boolean[] = [];
    let from = 0;
    for (;;) {
      const id = line.indexOf(QUOTED_ID, from);
      const text = line.indexOf(QUOTED_TEXT, from);
      if (id === -1 && text === -1) break;
      const isId = id !== -1 && (text === -1 || id < text);
      const at = isId ? id : text;
      pieces.push(line.slice(from, at));
      ids.push(isId);
      from = at + (isId ? QUOTED_ID : QUOTED_TEXT).length;
    }
    pieces.push(line.slice(from));
    return new Frame({ ...request, parts: [], params: { ...request.params } }, pieces, ids);
  }

  /** Whether rows like `request` share this frame (its key and parts are the row's own: id and text). */
  fits(request: Request): boolean {
    const mine = this.request;
    const { params } = request;
    return (
      mine.model === request.model &&
      mine.system === request.system &&
      mine.params.temperature === params.temperature &&
      mine.params.top_p === params.top_p &&
      mine.params.max_tokens === params.max_tokens &&
      mine.params.n === params.n
    );
  }

  /** The line with the id's and the text's JSON in their slots. */
  line(quotedId: string, quotedText: string): string {
    const { pieces, ids } = this;
    let line = pieces[0];
    for (let slot = 0; slot < ids.length; slot++) line += (ids[slot] ? quotedId : quotedText) + pieces[slot + 1];
    return line;
  }
}

/** The prompt of a request made of one text part (undefined otherwise). */
export function soleText(request: Request): string | undefined {
  const parts = request.parts;
  return parts.length === 1 && parts[0].type === "text" ? parts[0].text : undefined;
}
