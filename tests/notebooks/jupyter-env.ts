/**
 * A project-local Jupyter for the notebook tests: the tslab kernelspec under
 * tests/.tmp/jupyter, and data/config/runtime dirs under tests/.tmp, so the user's own
 * Jupyter folders are never read or written.
 */
import { existsSync, lstatSync, mkdirSync, realpathSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { installKernel } from "../../src/cli/kernel-install.js";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const tmpRoot = path.join(projectRoot, "tests", ".tmp");
export const kernelName = "tslab";

/** Provider credentials are dropped so tests never leave loopback (see `useRealKeys`). */
const CREDENTIAL_VARIABLES = [
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "OPENAI_ORG_ID",
  "OPENAI_PROJECT_ID",
  "GEMINI_API_KEY",
  "GOOGLE_API_KEY",
  "GOOGLE_APPLICATION_CREDENTIALS",
  "GOOGLE_CLOUD_PROJECT",
  "ANTHROPIC_API_KEY",
  "BATCHLAB_EMULATOR_URL",
];

/**
 * Writes the kernelspec and returns the environment nbconvert runs with. Set
 * `BATCHLAB_NOTEBOOKS_REAL_API=1` to keep provider keys (then notebooks call the real APIs).
 */
export async function prepareJupyter(): Promise<NodeJS.ProcessEnv> {
  const prefix = path.join(tmpRoot, "jupyter");
  await installKernel({ prefix, name: kernelName });
  const dirs = {
    JUPYTER_PATH: path.join(prefix, "share", "jupyter"),
    JUPYTER_DATA_DIR: path.join(tmpRoot, "jupyter-data"),
    JUPYTER_CONFIG_DIR: path.join(tmpRoot, "jupyter-config"),
    JUPYTER_RUNTIME_DIR: path.join(tmpRoot, "jupyter-runtime"),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ...dirs, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
  env.IPYTHONDIR = path.join(tmpRoot, "ipython");
  if (process.env.BATCHLAB_NOTEBOOKS_REAL_API !== "1") {
    for (const name of CREDENTIAL_VARIABLES) delete env[name];
  }
  return env;
}

/**
 * Makes `node_modules/batchlab` point at this project. tslab type-checks cells with
 * TypeScript 5.0 and `moduleResolution: node10`, which does not follow package
 * self-references, so inside this repo `import ... from "batchlab"` needs the link (in a
 * user's project, `npm install batchlab` puts the package there). At run time Node resolves
 * the self-reference through package.json "exports" either way.
 */
export function ensurePackageLink(): void {
  const link = path.join(projectRoot, "node_modules", "batchlab");
  if (existsSync(link)) {
    if (realpathSync(link) !== realpathSync(projectRoot)) {
      throw new Error(`${link} exists but is not this project; remove it so notebooks import this checkout.`);
    }
    return;
  }
  if (isSymbolicLink(link)) throw new Error(`${link} is a dangling link; remove it and run again.`);
  symlinkSync("..", link, "dir");
}

/** Fails with a clear message when `dist/` is missing: notebooks import the built package. */
export function assertBuilt(
  entries = ["dist/index.js", "dist/notebook/index.js", "dist/emulator/index.js"],
): void {
  for (const entry of entries) {
    if (!existsSync(path.join(projectRoot, entry))) {
      throw new Error(`${entry} is missing: notebooks import the built package. Run \`npm run build\` (npm test does) first.`);
    }
  }
}

function isSymbolicLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
