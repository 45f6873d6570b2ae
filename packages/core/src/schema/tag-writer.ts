import type { Logger } from "../log/index.js";
import type { NotionClient } from "../notion/client.js";
import { splitRichText } from "../notion/rich-text.js";
import type { DatabaseKey } from "./database-keys.js";
import { readTag, withTag } from "./database-tag.js";
import { DATABASES } from "./databases.js";
import { type ViewOutcome, widgetLabel } from "./view-reconcile.js";

export interface TaggedDatabase {
  key: DatabaseKey;
  databaseId: string;
  /** The description's current plain text. */
  description: string;
}

/** The views of `key` refused for the plan in this run, as the tag lists them. */
export function skippedViewNames(key: DatabaseKey, outcomes: readonly ViewOutcome[]): string[] {
  return outcomes
    .filter((o) => o.database === key && o.status === "skipped_plan")
    .map((o) => (o.dashboard ? widgetLabel(o.dashboard, o.name) : o.name));
}

/**
 * Makes each database's description carry its tag with the views refused for the plan. Writes
 * only where the tag is absent or its list changed (one `databases.update` each); the rest of the
 * description is kept line for line. Returns the keys it updated.
 */
export async function writeTags(
  client: NotionClient,
  databases: readonly TaggedDatabase[],
  outcomes: readonly ViewOutcome[],
  logger: Logger,
): Promise<DatabaseKey[]> {
  const updated: DatabaseKey[] = [];
  for (const db of databases) {
    const skippedViews = skippedViewNames(db.key, outcomes);
    const current = readTag(db.description);
    if (current?.key === db.key && sameSet(current.skippedViews, skippedViews)) continue;
    const description = withTag(db.description, { key: db.key, skippedViews });
    await client.databases.update(
      { database_id: db.databaseId, description: splitRichText(description).items },
      { label: DATABASES[db.key].title },
    );
    logger.debug(`${DATABASES[db.key].title}: description tag updated`);
    updated.push(db.key);
  }
  return updated;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
