import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { openOffline, type OfflinePage } from "../report/offline-chromium.js";
import { projectRoot } from "./jupyter-env.js";

/** Export an executed notebook to HTML with nbconvert; resolves with the HTML file's path. */
export function exportHtml(notebook: string, outputDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const jupyter = process.env.BATCHLAB_JUPYTER ?? "jupyter";
  return new Promise((resolve, reject) => {
    const child = spawn(jupyter, ["nbconvert", "--to", "html", "--output-dir", outputDir, notebook], { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(path.join(outputDir, `${path.basename(notebook, ".ipynb")}.html`))
        : reject(new Error(`jupyter nbconvert --to html failed (${code}):\n${log}`)),
    );
  });
}

/**
 * Inside a describe: export the executed notebook to HTML and open it offline in Chromium
 * once for its tests; the function returned gives the page. A setup failure (a missing
 * Chromium, an export error) fails each test with its message, never skips them.
 */
export function useExportedPage(source: () => { notebook: string; outputDir: string; env: NodeJS.ProcessEnv }): () => OfflinePage {
  let opened: OfflinePage | undefined;
  let setupError: unknown;
  beforeAll(async () => {
    try {
      const { notebook, outputDir, env } = source();
      opened = await openOffline(await exportHtml(notebook, outputDir, env));
    } catch (error) {
      setupError = error;
    }
  }, 120_000);
  afterAll(async () => {
    await opened?.close();
  });
  return () => {
    if (!opened) throw setupError;
    return opened;
  };
}
