/**
 * Plotly's minified bundle (`plotly.js-dist-min`), read from disk so charts never need a
 * CDN. Read once per process, only when a chart is first turned into HTML.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { BatchlabError } from "../../errors.js";

const PACKAGE = "plotly.js-dist-min";
let cached: string | undefined;

/** The text of `plotly.min.js`. */
export function plotlySource(): string {
  if (cached === undefined) {
    let file: string;
    try {
      file = createRequire(import.meta.url).resolve(PACKAGE);
    } catch (error) {
      throw new BatchlabError(`charts need the "${PACKAGE}" package, which was not found; it is a dependency of batchlab, so run \`npm install\` in your project.`, { cause: error });
    }
    cached = readFileSync(file, "utf8");
  }
  return cached;
}

/** The bundled Plotly version, e.g. `3.7.0`. */
export function plotlyVersion(): string {
  return /plotly\.js v(\d+\.\d+\.\d+)/.exec(plotlySource().slice(0, 500))?.[1] ?? "unknown";
}

/**
 * A `<script>` that defines `window.Plotly` from the inlined bundle unless the page already
 * has it, then draws the charts that were waiting for it (see `chartHtml`).
 */
export function plotlyScriptHtml(): string {
  return (
    `<script type="text/javascript">/* batchlab: plotly.js ${plotlyVersion()} inlined (no network); defines window.Plotly once per page */\n` +
    `if (typeof window.Plotly === "undefined") {\n${scriptSafe(plotlySource())}\n}\n` +
    `(function () { var waiting = window.__batchlabCharts || []; window.__batchlabCharts = []; for (var i = 0; i < waiting.length; i++) waiting[i](); })();\n` +
    `</script>`
  );
}

/** Marks the loader's script so tests and callers can count it in a page. */
export const PLOTLY_SCRIPT_MARKER = "batchlab: plotly.js";

/** Text that cannot end its `<script>` element early. */
export function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
