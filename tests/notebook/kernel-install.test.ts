import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { installKernel, jupyterDataDir } from "../../src/cli/kernel-install.js";
import { ConfigError } from "../../src/errors.js";

const tmpParent = path.resolve(import.meta.dirname, "..", ".tmp");

describe("installKernel", () => {
  let dir: string;

  beforeEach(async () => {
    await mkdir(tmpParent, { recursive: true });
    dir = await mkdtemp(path.join(tmpParent, "kernel-install-"));
  });

  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes kernel.json under <prefix>/share/jupyter/kernels/tslab with this Node and tslab's bin", async () => {
    const result = await installKernel({ prefix: dir });

    expect(result.dir).toBe(path.join(dir, "share", "jupyter", "kernels", "tslab"));
    const spec = JSON.parse(await readFile(path.join(result.dir, "kernel.json"), "utf8"));
    expect(spec.argv).toEqual([process.execPath, expect.stringMatching(/tslab[\\/]bin[\\/]tslab$/), "kernel", "--config-path", "{connection_file}"]);
    expect(existsSync(spec.argv[1])).toBe(true);
    expect(spec.language).toBe("typescript");
    expect(spec.display_name).toBe("TypeScript (tslab)");
    expect(result.argv).toEqual(spec.argv);
  });

  it("uses the given kernel name and display name", async () => {
    const result = await installKernel({ prefix: dir, name: "batchlab-ts", displayName: "batchlab TS" });

    expect(path.basename(result.dir)).toBe("batchlab-ts");
    const spec = JSON.parse(await readFile(path.join(result.dir, "kernel.json"), "utf8"));
    expect(spec.display_name).toBe("batchlab TS");
  });

  it("writes into $JUPYTER_DATA_DIR/kernels with --user", async () => {
    const dataDir = path.join(dir, "data");
    vi.stubEnv("JUPYTER_DATA_DIR", dataDir);

    const result = await installKernel({ user: true });

    expect(result.dir).toBe(path.join(dataDir, "kernels", "tslab"));
    expect(existsSync(path.join(result.dir, "kernel.json"))).toBe(true);
  });

  it("finds the user's Jupyter data dir the way jupyter_core does", () => {
    expect(jupyterDataDir({ JUPYTER_DATA_DIR: "/x/jupyter-data" })).toBe(path.resolve("/x/jupyter-data"));
    if (process.platform === "linux") {
      expect(jupyterDataDir({ HOME: "/home/ada" })).toBe("/home/ada/.local/share/jupyter");
      expect(jupyterDataDir({ HOME: "/home/ada", XDG_DATA_HOME: "/data" })).toBe("/data/jupyter");
    }
  });

  it("refuses --user together with --prefix, and a kernel name Jupyter would reject", async () => {
    await expect(installKernel({ user: true, prefix: dir })).rejects.toThrow(ConfigError);
    await expect(installKernel({ prefix: dir, name: "bad name/with slash" })).rejects.toThrow(/not valid/);
  });

  it("writes a kernelspec that Jupyter lists from a project-local JUPYTER_PATH", async () => {
    const result = await installKernel({ prefix: dir });
    const env = {
      ...process.env,
      JUPYTER_PATH: path.join(dir, "share", "jupyter"),
      JUPYTER_DATA_DIR: path.join(dir, "data"),
      JUPYTER_CONFIG_DIR: path.join(dir, "config"),
      JUPYTER_RUNTIME_DIR: path.join(dir, "runtime"),
    };
    const { stdout } = await promisify(execFile)(process.env.BATCHLAB_JUPYTER ?? "jupyter", ["kernelspec", "list", "--json"], { env });

    const listed = JSON.parse(stdout).kernelspecs.tslab;
    expect(listed.resource_dir).toBe(result.dir);
    expect(listed.spec.argv).toEqual(result.argv);
  });
});
