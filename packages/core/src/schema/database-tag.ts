import { DATABASE_KEYS, type DatabaseKey } from "./database-keys.js";
import type { DatabaseDefinition } from "./definition.js";

/**
 * The line setup leaves in each database's description so it can find the database again even
 * when the ids in the config are lost and the database was renamed or moved:
 *
 *   notion-ops:customerSites
 *   notion-ops:dailyHealth · skipped on this plan: Sites below 60 per day
 *
 * It is found anywhere in the description (other lines, such as the sync's freshness line, may
 * change freely), and also records the views Notion refused for the workspace's plan, so doctor
 * does not count them as problems.
 */
export const TAG_PREFIX = "notion-ops:";
const SKIPPED = " · skipped on this plan: ";
const TAG_LINE = new RegExp(`${TAG_PREFIX}([A-Za-z]+)(?:${SKIPPED}(.*))?`);

export interface DatabaseTag {
  key: DatabaseKey;
  /** View names refused for the plan (widgets as `Dashboard/Widget`). */
  skippedViews: string[];
}

export function formatTag(tag: DatabaseTag): string {
  const skipped = [...new Set(tag.skippedViews)].sort();
  return skipped.length > 0
    ? `${TAG_PREFIX}${tag.key}${SKIPPED}${skipped.join("; ")}`
    : `${TAG_PREFIX}${tag.key}`;
}

/** The first notion-ops tag in a description's text, if any. */
export function readTag(description: string): DatabaseTag | undefined {
  for (const line of description.split("\n")) {
    const match = TAG_LINE.exec(line);
    const key = match?.[1] as DatabaseKey | undefined;
    if (!match || !key || !(DATABASE_KEYS as readonly string[]).includes(key)) continue;
    const skippedViews = (match[2] ?? "")
      .split(";")
      .map((name) => name.trim())
      .filter((name) => name.length > 0);
    return { key, skippedViews };
  }
  return undefined;
}

/** The description of a new database: its purpose, then the tag. */
export function initialDescription(definition: DatabaseDefinition): string {
  return `${definition.purpose}\n${formatTag({ key: definition.key, skippedViews: [] })}`;
}

/**
 * `description` with the line that starts with `marker` (or contains it, for the tag) replaced by
 * `line`, or with `line` appended when there is none. Every other line is kept as it is; the sync
 * uses the same function for its freshness line.
 */
export function replaceDescriptionLine(description: string, marker: string, line: string): string {
  const lines = description.length > 0 ? description.split("\n") : [];
  const index = lines.findIndex((l) => l.includes(marker));
  if (index >= 0) lines[index] = line;
  else lines.push(line);
  return lines.join("\n");
}

/** The description with the tag line rewritten (the tag's own line is found by its prefix). */
export function withTag(description: string, tag: DatabaseTag): string {
  return replaceDescriptionLine(description, `${TAG_PREFIX}${tag.key}`, formatTag(tag));
}
