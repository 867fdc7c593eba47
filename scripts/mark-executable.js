// The CLI entry must be executable for the `bin` link; tsc does not set modes.
import { chmodSync } from "node:fs";
chmodSync(new URL("../dist/cli/main.js", import.meta.url), 0o755);
