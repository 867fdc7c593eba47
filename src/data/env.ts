import { ConfigError } from "../errors.js";

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const ONLY_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;

/**
 * Replace every `${NAME}` in `value` with the environment variable. An unset (or empty)
 * variable is a ConfigError naming the variable and, when given, the config field.
 * Default `env`: process.env.
 */
export function expandEnv(value: string, env: NodeJS.ProcessEnv = process.env, field?: string): string {
  return value.replace(REFERENCE, (_, name: string) => {
    const found = env[name];
    if (found === undefined || found === "") {
      const where = field ? `config field ${field} uses \${${name}}, but ` : "";
      throw new ConfigError(
        `${where}environment variable ${name} is not set — set it (export ${name}=...) before running, or change the config`,
      );
    }
    return found;
  });
}

/** True when the whole value is one `${ENV_VAR}` reference (the only form allowed for keys). */
export function isEnvReference(value: string): boolean {
  return ONLY_REFERENCE.test(value);
}
