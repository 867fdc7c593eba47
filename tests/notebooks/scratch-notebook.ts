/** Writes small generated notebooks for the harness and display tests. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Writes an nbformat 4.5 notebook with one code cell per source, for the tslab kernel. */
export function writeScratchNotebook(file: string, sources: string[]): string {
  const notebook = {
    cells: sources.map((source, index) => ({
      cell_type: "code",
      id: `cell-${index}`,
      metadata: {},
      source,
      outputs: [],
      execution_count: null,
    })),
    metadata: {
      kernelspec: { name: "tslab", display_name: "TypeScript (tslab)", language: "typescript" },
      language_info: { name: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(notebook, null, 1)}\n`);
  return file;
}
