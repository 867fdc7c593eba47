/** Writes `report.html` atomically (a temp file beside it, then a rename). */
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { BatchlabError } from "../errors.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { reportHtml } from "./report-html.js";
import type { ReportOptions } from "./report-types.js";

/**
 * Writes the report and returns its absolute path. `output` is the file (ending in `.html`)
 * or a folder, which gets `report.html`. Missing folders are made.
 */
export async function writeReport(options: ReportOptions): Promise<string> {
  if (!options.output) throw new BatchlabError("writeReport: `output` is empty; give a file such as `report.html` or a folder.");
  const file = await reportPath(options.output);
  const html = reportHtml(options);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFileAtomic(file, html);
  } catch (error) {
    throw new BatchlabError(`could not write the report to ${file}: ${(error as Error).message}; check that the folder is writable.`, { cause: error });
  }
  return file;
}

async function reportPath(output: string): Promise<string> {
  const resolved = path.resolve(output);
  if (/\.html?$/i.test(resolved)) return resolved;
  const existing = await stat(resolved).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new BatchlabError(`writeReport: ${resolved} is a file that does not end in .html; give a .html file or a folder.`);
  }
  return path.join(resolved, "report.html");
}
