/** A success line as read: string fields as spans of the line (literals with their quotes). */
export interface SuccessLine {
  /** `custom_id` literal. */
  idStart: number;
  idEnd: number;
  /** The choices' `message.content` literals; -1 for a missing or null content (an empty text). */
  textStarts: number[];
  textEnds: number[];
  /** Whether `usage` was an object (otherwise the result has no usage). */
  hasUsage: boolean;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Whether every text literal is as JSON.stringify writes it (undefined: not known; see isCanonicalLiteral). */
  textsCanonical?: boolean;
  /** Where the status code's value starts, and each token count's (-1: absent or null). */
  statusAt: number;
  promptAt: number;
  completionAt: number;
  cachedAt: number;
}

/**
 * A SuccessLine with nothing read yet (room for `choices` texts). Every SuccessLine is made
 * here, with every field, so they all share one hidden class and the hot readers stay
 * monomorphic.
 */
export function emptySuccessLine(choices = 0): SuccessLine {
  return {
    idStart: -1,
    idEnd: -1,
    textStarts: Array.from({ length: choices }, () => -1),
    textEnds: Array.from({ length: choices }, () => -1),
    hasUsage: false,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: 0,
    textsCanonical: undefined,
    statusAt: -1,
    promptAt: -1,
    completionAt: -1,
    cachedAt: -1,
  };
}
