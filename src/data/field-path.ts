/**
 * Read a field by name. A name with dots (`meta.topic`) reads nested objects, unless the
 * row has a field with that exact name (CSV headers may contain dots).
 */
export type FieldReader = (fields: Record<string, unknown>) => unknown;

/** Compile a field name into a fast reader (done once per template or key field). */
export function fieldReader(name: string): FieldReader {
  if (!name.includes(".")) return (fields) => fields[name];
  const path = name.split(".");
  return (fields) => {
    if (name in fields) return fields[name];
    let value: unknown = fields;
    for (const part of path) {
      if (value === null || typeof value !== "object") return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  };
}

/** Read one field by name (see {@link fieldReader}). */
export function readField(fields: Record<string, unknown>, name: string): unknown {
  return fieldReader(name)(fields);
}
