import { UsageError, parseCommand, text } from "../args.js";
import { installKernel } from "../kernel-install.js";

export const KERNEL_USAGE = "batchlab kernel install [--user | --prefix DIR] [--name tslab]";

/** `kernel install`: write a tslab kernelspec running this install's Node and tslab. */
export async function kernelCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== "install") throw new UsageError(`unknown kernel action "${action ?? ""}"; use: ${KERNEL_USAGE}`);
  const { values } = parseCommand(rest, { user: { type: "boolean" }, prefix: { type: "string" }, name: { type: "string" } }, []);
  if (values.user && values.prefix) throw new UsageError("use either --user or --prefix, not both");
  const installed = await installKernel({ user: Boolean(values.user) || !values.prefix, prefix: text(values.prefix), name: text(values.name) });
  process.stdout.write(`installed kernelspec in ${installed.dir}\n`);
  return 0;
}
