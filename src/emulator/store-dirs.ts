import { mkdir } from "node:fs/promises";
import { join } from "node:path";

/** Where an emulated file store keeps uploads in progress and finished files. */
export interface StoreDirs {
  uploadDir: string;
  fileDir: string;
}

/** The `uploads` and `files` folders under `directory`, made if missing. */
export async function storeDirs(directory: string): Promise<StoreDirs> {
  const dirs = { uploadDir: join(directory, "uploads"), fileDir: join(directory, "files") };
  await mkdir(dirs.uploadDir, { recursive: true });
  await mkdir(dirs.fileDir, { recursive: true });
  return dirs;
}
