import { load } from "js-yaml";

/** Anchors, aliases, tags and merge keys are left to the full reader (see parseConfig). */
const BEYOND_PLAIN = /(^|[\s,[{])[&*!?:]|<</;

/**
 * A YAML mapping of plain mappings, sequences and scalars, read straight to data (YAML 1.2 core
 * schema, as the full reader uses), or undefined for anything else: other YAML features, a
 * syntax error, duplicate keys, a document that is not a mapping.
 */
export function readPlainYaml(text: string): Record<string, unknown> | undefined {
  if (BEYOND_PLAIN.test(text)) return undefined;
  try {
    const data = load(text);
    return data !== null && typeof data === "object" && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
