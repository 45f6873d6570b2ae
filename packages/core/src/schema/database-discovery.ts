import type { ListBlockChildrenParameters, SearchParameters } from "@notionhq/client";
import { NotionAccessError } from "../errors.js";
import type { NotionClient } from "../notion/client.js";
import { paginate } from "../notion/paginate.js";
import { joinRichText } from "../notion/rich-text.js";
import type { DatabaseKey } from "./database-keys.js";
import { readTag } from "./database-tag.js";

/** What setup and doctor need to know about a database (from `databases.retrieve`). */
export interface DatabaseFacts {
  databaseId: string;
  title: string;
  /** The description as plain text (holds the notion-ops tag). */
  description: string;
  inTrash: boolean;
  dataSourceIds: string[];
}

export function databaseFacts(response: unknown): DatabaseFacts {
  const db = response as {
    id: string;
    title?: Parameters<typeof joinRichText>[0];
    description?: Parameters<typeof joinRichText>[0];
    in_trash?: boolean;
    archived?: boolean;
    data_sources?: { id: string }[];
  };
  return {
    databaseId: db.id,
    title: joinRichText(db.title),
    description: joinRichText(db.description),
    inTrash: db.in_trash === true || db.archived === true,
    dataSourceIds: (db.data_sources ?? []).map((ds) => ds.id),
  };
}

/**
 * Retrieves a database; undefined when Notion answers 404 (it was deleted, or is not shared with
 * the integration: Notion does not say which).
 */
export async function retrieveDatabase(
  client: NotionClient,
  databaseId: string,
  label?: string,
): Promise<DatabaseFacts | undefined> {
  try {
    return databaseFacts(
      await client.databases.retrieve({ database_id: databaseId }, label ? { label } : undefined),
    );
  } catch (error) {
    if (NotionAccessError.is(error) && error.code === "notion_not_shared") return undefined;
    throw error;
  }
}

export interface TaggedDatabases {
  /** Databases with a notion-ops tag, not in the trash, by key (oldest listing first). */
  live: Map<DatabaseKey, DatabaseFacts[]>;
  /** Keys whose tagged database was seen in the trash. */
  trashed: Set<DatabaseKey>;
}

export interface DiscoveryOptions {
  parentPageId: string;
  /** Titles that make a data source found by search worth a look (besides being under the parent). */
  titles: readonly string[];
  /** Database ids already known; not retrieved again. */
  skip: ReadonlySet<string>;
  /** Stop looking once every one of these keys has been found. */
  wanted: ReadonlySet<DatabaseKey>;
}

/**
 * Finds databases that carry a notion-ops tag: first among the parent page's child databases,
 * then (for keys still missing) among the data sources search returns whose title is one of ours
 * or whose database sits under the parent page. Each candidate costs one `databases.retrieve`.
 */
export async function findTaggedDatabases(
  client: NotionClient,
  options: DiscoveryOptions,
): Promise<TaggedDatabases> {
  const result: TaggedDatabases = { live: new Map(), trashed: new Set() };
  const seen = new Set(options.skip);
  const consider = async (databaseId: string) => {
    if (seen.has(databaseId)) return;
    seen.add(databaseId);
    const facts = await retrieveDatabase(client, databaseId);
    const tag = facts && readTag(facts.description);
    if (!facts || !tag) return;
    if (facts.inTrash) result.trashed.add(tag.key);
    else result.live.set(tag.key, [...(result.live.get(tag.key) ?? []), facts]);
  };
  const missing = () => [...options.wanted].some((key) => !result.live.has(key));

  for await (const block of paginate((a: ListBlockChildrenParameters) => client.blocks.children.list(a), {
    block_id: options.parentPageId,
    page_size: 100,
  })) {
    if ((block as { type?: string }).type === "child_database") await consider(block.id);
  }
  if (!missing()) return result;

  const titles = new Set(options.titles.map((t) => t.trim().toLowerCase()));
  const parent = options.parentPageId.replace(/-/g, "");
  for await (const hit of paginate((a: SearchParameters) => client.search(a), {
    filter: { property: "object", value: "data_source" },
    page_size: 100,
  })) {
    const ds = hit as {
      object?: string;
      title?: Parameters<typeof joinRichText>[0];
      parent?: { database_id?: string };
      database_parent?: { page_id?: string };
    };
    const databaseId = ds.parent?.database_id;
    if (ds.object !== "data_source" || !databaseId) continue;
    const underParent = ds.database_parent?.page_id?.replace(/-/g, "") === parent;
    if (underParent || titles.has(joinRichText(ds.title).trim().toLowerCase())) await consider(databaseId);
  }
  return result;
}
