import { BatchlabError, ConfigError } from "../errors.js";
import { fieldReader, type FieldReader } from "./field-path.js";

/**
 * A compiled prompt template. `{field}` inserts a field of the row, `{meta.topic}` a nested
 * one; `{{` and `}}` are literal braces. Strings are inserted as they are, numbers and
 * booleans as text, objects and arrays as JSON.
 */
export interface Template {
  /** The template text as written. */
  source: string;
  /** The field names it uses, each once, in order of first use. */
  fields: string[];
  /**
   * The text for one row. Throws a BatchlabError when a field is missing or null: call
   * {@link missingFields} first to report such rows instead.
   */
  render(fields: Record<string, unknown>): string;
}

/** Allowed placeholder names: letters, digits, `_`, `-`, spaces and dots (for nested fields). */
const NAME = /^[\p{L}\p{N}_\- .]+$/u;

/**
 * Parse a template once, so rendering is a loop over precomputed pieces.
 * Throws ConfigError for a lone brace or an empty / invalid placeholder, with its column.
 */
export function compileTemplate(source: string): Template {
  const literals: string[] = [];
  const names: string[] = [];
  let literal = "";
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (char === "{" && source[index + 1] === "{") {
      literal += "{";
      index += 2;
    } else if (char === "}" && source[index + 1] === "}") {
      literal += "}";
      index += 2;
    } else if (char === "}") {
      throw syntaxError(source, index, 'a lone "}"');
    } else if (char === "{") {
      const end = source.indexOf("}", index + 1);
      const inner = end === -1 ? "" : source.slice(index + 1, end);
      if (end === -1 || inner.includes("{")) throw syntaxError(source, index, 'a "{" that is never closed');
      const name = inner.trim();
      if (!NAME.test(name) || name.startsWith(".") || name.endsWith(".")) {
        throw syntaxError(source, index, `an invalid placeholder "{${inner}}"`);
      }
      literals.push(literal);
      names.push(name);
      literal = "";
      index = end + 1;
    } else {
      literal += char;
      index++;
    }
  }
  literals.push(literal);
  return new CompiledTemplate(source, literals, names);
}

/** The template's fields that are missing or null in this row (empty when it can render). */
export function missingFields(template: Template, fields: Record<string, unknown>): string[] {
  const readers = template instanceof CompiledTemplate ? template.readers : template.fields.map(fieldReader);
  const missing: string[] = [];
  for (let index = 0; index < readers.length; index++) {
    if (readers[index](fields) == null) missing.push(template.fields[index]);
  }
  return missing;
}

class CompiledTemplate implements Template {
  readonly fields: string[];
  /** One reader per distinct field, parallel to `fields`. */
  readonly readers: FieldReader[];
  /** One reader per placeholder occurrence, between the literals. */
  private readonly slots: FieldReader[];

  constructor(
    readonly source: string,
    private readonly literals: string[],
    private readonly slotNames: string[],
  ) {
    this.fields = [...new Set(slotNames)];
    this.readers = this.fields.map(fieldReader);
    const byName = new Map(this.fields.map((name, index) => [name, this.readers[index]]));
    this.slots = slotNames.map((name) => byName.get(name)!);
  }

  render(fields: Record<string, unknown>): string {
    const { literals, slots } = this;
    let text = literals[0];
    for (let index = 0; index < slots.length; index++) {
      const value = slots[index](fields);
      text += (typeof value === "string" ? value : this.toText(value, index)) + literals[index + 1];
    }
    return text;
  }

  private toText(value: unknown, slot: number): string {
    if (value == null) {
      const name = this.slotNames[slot];
      throw new BatchlabError(
        `the template uses {${name}} but the row has no "${name}" value — add the field or change the template`,
      );
    }
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

function syntaxError(source: string, index: number, what: string): ConfigError {
  return new ConfigError(
    `template "${shorten(source)}" has ${what} at column ${index + 1} — write {{ and }} for literal braces`,
  );
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
