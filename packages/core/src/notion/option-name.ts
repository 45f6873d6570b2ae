import { chunkText } from "./rich-text.js";

/** Notion's reported limit on a select / multi-select / status option name. */
export const OPTION_NAME_MAX_CHARS = 100;

export interface CleanOptionName {
  /** The name to send; "" when nothing usable is left. */
  name: string;
  /** What was changed, for a warning (empty when the name was already valid). */
  changes: string[];
}

/**
 * Makes a select / multi-select / status option name acceptable to Notion: commas are not allowed
 * (each comma and the space around it becomes one space), surrounding whitespace is trimmed, and
 * names are cut to 100 characters.
 */
export function cleanOptionName(raw: string): CleanOptionName {
  const changes: string[] = [];
  let name = raw.toWellFormed().trim();
  if (name.includes(",")) {
    name = name.replace(/\s*,\s*/g, " ").trim();
    changes.push("commas are not allowed in option names, so they were replaced with spaces");
  }
  if (name.length > OPTION_NAME_MAX_CHARS) {
    name = chunkText(name, OPTION_NAME_MAX_CHARS)[0] ?? "";
    changes.push(`cut to ${OPTION_NAME_MAX_CHARS} characters`);
  }
  return { name, changes };
}
