import { stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { BatchlabError } from "../errors.js";

/** The dataset formats batchlab reads. */
export type DatasetFormat = "json" | "jsonl" | "csv";

const EXTENSIONS: Record<string, DatasetFormat> = {
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".csv": "csv",
};

/** Text for messages: `.json, .jsonl, .ndjson or .csv`. */
export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS).join(", ").replace(/, ([^,]*)$/, " or $1");

/** The format for a file name, from its extension (case-insensitive); undefined when unknown. */
export function formatOf(file: string): DatasetFormat | undefined {
  return EXTENSIONS[extname(file).toLowerCase()];
}

/** The message for a file whose extension is not a dataset format. */
export function unsupportedMessage(file: string): string {
  const extension = extname(file) || "no extension";
  return `unsupported dataset format (${extension}); use a ${SUPPORTED_EXTENSIONS} file`;
}

/**
 * Throw a BatchlabError naming the path (and where it was looked for) when the file is
 * missing, is a folder, or cannot be read. Content problems are never thrown.
 */
export async function assertReadableFile(file: string, what = "dataset"): Promise<void> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw fileError(file, what, error);
  }
  if (!info.isFile()) {
    throw new BatchlabError(`${what} ${file} is not a file (it is a folder or a device) — pass the path of a file`);
  }
}

/** A BatchlabError for a file that could not be opened or read. */
export function fileError(file: string, what: string, error: unknown): BatchlabError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") {
    return new BatchlabError(
      `${what} file not found: ${file} (looked at ${resolve(file)}) — check the path; relative paths start from the current folder`,
      { cause: error },
    );
  }
  if (code === "EACCES" || code === "EPERM") {
    return new BatchlabError(`cannot read ${what} file ${file}: permission denied — check the file's permissions`, {
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new BatchlabError(`cannot read ${what} file ${file}: ${reason}`, { cause: error });
}
