import type { IdGenerator } from "../id-generator.js";
import type { SelectOption } from "../state.js";
import { invalid, invalidAt, requireArray, requireObject, tooLong } from "../validation/json.js";
import { OPTION_COLORS } from "./option-colors.js";

export const MAX_OPTION_NAME = 100;

/** Checks an option name as Notion does: non-empty, no commas, at most 100 characters. */
export function checkOptionName(name: unknown, path: string): string {
  if (typeof name !== "string" || name.trim().length === 0)
    throw invalid(path, "should be a non-empty string", name);
  if (name.includes(",")) throw invalid(path, "should not contain commas", name);
  if (name.length > MAX_OPTION_NAME) throw tooLong(path, MAX_OPTION_NAME, name.length);
  return name;
}

export function checkOptionColor(color: unknown, path: string): string | undefined {
  if (color === undefined) return undefined;
  if (typeof color !== "string" || !(OPTION_COLORS as readonly string[]).includes(color)) {
    throw invalid(path, `should be one of ${OPTION_COLORS.map((c) => `\`"${c}"\``).join(", ")}`, color);
  }
  return color;
}

/**
 * Parses an `options` array of a select / multi_select / status configuration. Options given by id
 * or by name (case-insensitive) keep the id and unspecified attributes of a matching existing
 * option; names must be unique, case-insensitively.
 */
export function parseOptions(
  value: unknown,
  path: string,
  existing: readonly SelectOption[],
  ids: IdGenerator,
): SelectOption[] {
  const items = requireArray(value, path);
  const result: SelectOption[] = [];
  const seen = new Set<string>();
  items.forEach((raw, index) => {
    const itemPath = `${path}[${index}]`;
    const item = requireObject(raw, itemPath);
    let match: SelectOption | undefined;
    if (item.id !== undefined) {
      match = existing.find((o) => o.id === item.id);
      if (!match)
        throw invalidAt(`${itemPath}.id`, `does not match an existing option: ${JSON.stringify(item.id)}.`);
    }
    const name =
      item.name === undefined && match ? match.name : checkOptionName(item.name, `${itemPath}.name`);
    match ??= existing.find((o) => o.name.toLowerCase() === name.toLowerCase());
    const key = name.toLowerCase();
    if (seen.has(key))
      throw invalidAt(`${itemPath}.name`, `duplicates another option name: ${JSON.stringify(name)}.`);
    seen.add(key);
    const color = checkOptionColor(item.color, `${itemPath}.color`) ?? match?.color ?? "default";
    let description: string | null = match?.description ?? null;
    if (item.description !== undefined) {
      if (item.description !== null && typeof item.description !== "string") {
        throw invalid(`${itemPath}.description`, "should be a string or `null`", item.description);
      }
      description = item.description;
    }
    result.push({ id: match?.id ?? ids.uuid(), name, color, description });
  });
  return result;
}
