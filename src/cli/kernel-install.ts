/**
 * Writes a Jupyter kernelspec for tslab without Python's IPython (which `tslab install`
 * needs only to copy one JSON file). The kernel runs this install's Node and tslab, so a
 * notebook sees the same Node version and the same `batchlab` as the command line.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import path from "node:path";
import { ConfigError } from "../errors.js";

/** Where and under which name to write the kernelspec. */
export interface KernelInstallOptions {
  /**
   * Write into the user's Jupyter data dir (`$JUPYTER_DATA_DIR`, else
   * `~/.local/share/jupyter` on Linux, `~/Library/Jupyter` on macOS,
   * `%APPDATA%\jupyter` on Windows). This is the default when `prefix` is not set.
   */
  user?: boolean;
  /** Write into `<prefix>/share/jupyter/kernels/<name>/` (like `jupyter kernelspec install --prefix`). */
  prefix?: string;
  /** Kernel name, the folder name and what `--ExecutePreprocessor.kernel_name` takes. Default `"tslab"`. */
  name?: string;
  /** Name shown in Jupyter's kernel picker. Default `"TypeScript (tslab)"`. */
  displayName?: string;
}

/** The `kernel.json` contents Jupyter reads. */
export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "signal";
  metadata: Record<string, unknown>;
}

/** Writes `kernel.json` and returns the folder it went into and the kernel's command line. */
export async function installKernel(
  options: KernelInstallOptions = {},
): Promise<{ dir: string; argv: string[] }> {
  const name = options.name ?? "tslab";
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) {
    throw new ConfigError(
      `kernel name "${name}" is not valid: use letters, digits, ".", "_" or "-" (Jupyter's rule).`,
    );
  }
  if (options.user && options.prefix !== undefined) {
    throw new ConfigError("kernel install: give either --user or --prefix, not both.");
  }
  const kernelsDir =
    options.prefix !== undefined
      ? path.join(path.resolve(options.prefix), "share", "jupyter", "kernels")
      : path.join(jupyterDataDir(), "kernels");
  const dir = path.join(kernelsDir, name);
  const spec = kernelSpec(options.displayName ?? "TypeScript (tslab)");
  await mkdir(dir, { recursive: true });
  // Temp name + rename: a Jupyter starting meanwhile never reads a half-written file.
  const file = path.join(dir, "kernel.json");
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(spec, null, 2)}\n`);
  await rename(temporary, file);
  return { dir, argv: spec.argv };
}

/**
 * The kernelspec for this install: tslab's own installer writes
 * `[<tslab bin>, "kernel", "--config-path", "{connection_file}"]` (the path and the
 * placeholder are separate words on purpose, tslab#36); we put this Node in front so the
 * kernel does not depend on which `node` is first on the PATH when Jupyter starts it.
 */
export function kernelSpec(displayName = "TypeScript (tslab)"): KernelSpec {
  return {
    argv: [process.execPath, tslabBin(), "kernel", "--config-path", "{connection_file}"],
    display_name: displayName,
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { batchlab: { node: process.version } },
  };
}

/** The user's Jupyter data dir, resolved the way jupyter_core's `jupyter_data_dir()` does. */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return path.resolve(env.JUPYTER_DATA_DIR);
  const home = env.HOME || homedir();
  if (process.platform === "darwin") return path.join(home, "Library", "Jupyter");
  if (process.platform === "win32") {
    const appData = env.APPDATA || path.join(home, "AppData", "Roaming");
    return path.join(appData, "jupyter");
  }
  const xdgData = env.XDG_DATA_HOME || path.join(home, ".local", "share");
  return path.join(xdgData, "jupyter");
}

/** The absolute path of tslab's `bin/tslab` script (a Node script, run with `node`). */
function tslabBin(): string {
  const require = createRequire(import.meta.url);
  let packageJsonPath: string;
  try {
    packageJsonPath = require.resolve("tslab/package.json");
  } catch (error) {
    throw new ConfigError(
      "kernel install: the tslab package is not installed. Run `npm install tslab` in this project, then try again.",
      { cause: error },
    );
  }
  const packageJson = require(packageJsonPath) as { bin?: string | Record<string, string> };
  const bin = typeof packageJson.bin === "string" ? packageJson.bin : packageJson.bin?.tslab;
  if (!bin) {
    throw new ConfigError(`kernel install: ${packageJsonPath} names no "tslab" bin; reinstall tslab.`);
  }
  return path.join(path.dirname(packageJsonPath), bin);
}
