import type { NotionClient } from "../notion/client.js";
import { joinRichText, splitRichText } from "../notion/rich-text.js";
import { replaceDescriptionLine } from "../schema/database-tag.js";
import type { FreshnessFacts } from "./run-sync.js";

const MARKER = "Last sync:";

export function freshnessLine(facts: FreshnessFacts): string {
  const at = facts.finishedAt.toISOString().slice(0, 16).replace("T", " ");
  return `${MARKER} ${at} UTC · ${facts.sites} sites · ${facts.created} created, ${facts.updated} updated, ${facts.failed} failed`;
}

/**
 * Freshness is shown once per run, in one place: the Customer Sites description. Its other lines
 * (the purpose and setup's tag) are kept, so the description is read first: two requests a run.
 */
export function customerSitesFreshness(
  client: Pick<NotionClient, "databases">,
  databaseId: string,
): (facts: FreshnessFacts) => Promise<void> {
  return async (facts) => {
    const database = await client.databases.retrieve(
      { database_id: databaseId },
      { label: "Customer Sites" },
    );
    const current = "description" in database ? joinRichText(database.description) : "";
    const description = replaceDescriptionLine(current, MARKER, freshnessLine(facts));
    await client.databases.update(
      { database_id: databaseId, description: splitRichText(description).items },
      { label: "Customer Sites" },
    );
  };
}
