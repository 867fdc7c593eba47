/** The one GCS store of an emulator, shared by the `/gcs` surface and the surfaces that read and write objects. */
import { join } from "node:path";
import type { EmulatorContext } from "../surface.js";
import { GcsStore } from "./store.js";

const KEY = "gcs-store";

/** The emulator's GCS store (created by whichever surface asks first, in `<root>/gcs`). */
export function sharedGcsStore(context: EmulatorContext): Promise<GcsStore> {
  const existing = context.shared.get(KEY) as Promise<GcsStore> | undefined;
  if (existing) return existing;
  const created = GcsStore.create(join(context.rootDir, "gcs"), context.clock, context.buckets);
  context.shared.set(KEY, created);
  return created;
}
