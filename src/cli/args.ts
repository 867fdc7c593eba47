import { parseArgs, type ParseArgsConfig } from "node:util";
import { BatchlabError } from "../errors.js";

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends BatchlabError {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parse a command's arguments; unknown flags and missing positionals are UsageErrors. */
export function parseCommand<T extends Options>(
  argv: string[],
  options: T,
  positionals: string[],
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, allowNegative: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""));
  }
  if (parsed.positionals.length < positionals.length) {
    throw new UsageError(`missing ${positionals.slice(parsed.positionals.length).map((name) => `<${name}>`).join(" ")}`);
  }
  if (parsed.positionals.length > positionals.length) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals.length]}"`);
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

/** A flag that must be a positive whole number. */
export function positiveInteger(value: string | boolean | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(`${flag} takes a positive whole number, not "${String(value)}"`);
  return number;
}

export function text(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Flags every command that touches runs takes. */
export const RUN_DIR_OPTION = { "run-dir": { type: "string" } } as const;
export const EMULATOR_OPTION = { emulator: { type: "boolean" } } as const;
