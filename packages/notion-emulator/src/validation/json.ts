import { type NotionApiError, validationError } from "../api-error.js";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Renders a value the way Notion's validation messages do: JSON inside backticks, shortened. */
export function shown(value: unknown): string {
  let text: string;
  if (value === undefined) text = "undefined";
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  if (text.length > 120) text = `${text.slice(0, 117)}...`;
  return `\`${text}\``;
}

/** `body`, `query` or `path`: which part of the request a validation path points into. */
function part(path: string): string {
  const head = path.split(/[.[]/, 1)[0];
  return head === "query" || head === "path" ? head : "body";
}

/** `body failed validation: <path> <expectation>, instead was <value>.` */
export function invalid(path: string, expectation: string, actual: unknown): NotionApiError {
  return validationError(
    `${part(path)} failed validation: ${path} ${expectation}, instead was ${shown(actual)}.`,
  );
}

/** A validation failure with a free-form explanation that still names the path. */
export function invalidAt(path: string, explanation: string): NotionApiError {
  return validationError(`${part(path)} failed validation: ${path} ${explanation}`);
}

export function tooLong(path: string, max: number, actual: number): NotionApiError {
  return validationError(
    `${part(path)} failed validation: ${path}.length should be ≤ \`${max}\`, instead was \`${actual}\`.`,
  );
}

export function requireObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw invalid(path, "should be an object", value);
  return value;
}

export function requireArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(path, "should be an array", value);
  return value;
}

export function requireEnum<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw invalid(path, `should be one of ${allowed.map((a) => `\`"${a}"\``).join(", ")}`, value);
  }
  return value as T;
}

/** Rejects keys outside `allowed`, so typos in a configuration fail loudly. */
export function rejectUnknownKeys(value: JsonObject, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw invalidAt(`${path}.${key}`, "is not a recognized field here.");
  }
}
