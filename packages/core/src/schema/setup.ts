import type { DatabaseRef } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { type Logger, silentLogger } from "../log/index.js";
import type { NotionClient } from "../notion/client.js";
import { splitRichText } from "../notion/rich-text.js";
import {
  type DatabaseFacts,
  databaseFacts,
  findTaggedDatabases,
  retrieveDatabase,
} from "./database-discovery.js";
import { DATABASE_KEYS, type DatabaseKey } from "./database-keys.js";
import { initialDescription, readTag } from "./database-tag.js";
import { DATABASES } from "./databases.js";
import { type LiveSchema, liveSchemaOf } from "./live-schema.js";
import { parsePageReference } from "./page-reference.js";
import { initialProperties } from "./property-config.js";
import type { ReportTable } from "./report-table.js";
import { schemaDrift } from "./schema-drift.js";
import { writeTags } from "./tag-writer.js";
import type { ViewDefinition } from "./view-definition.js";
import { reconcileViews, type ViewOutcome } from "./view-reconcile.js";
import { VIEWS } from "./views.js";

export interface SetupOptions {
  client: NotionClient;
  /** The page the databases live under: its id (dashed or not) or its URL. */
  parentPageId: string;
  /** `notion.databases` from the config: tried first. */
  configured: Partial<Record<DatabaseKey, DatabaseRef>>;
  /** Report what would be created; send no write. */
  dryRun?: boolean;
  logger?: Logger;
  views?: readonly ViewDefinition[];
}

export type DatabaseSetupStatus = "created" | "recreated" | "found" | "would_create" | "would_recreate";

export interface DatabaseSetupOutcome {
  key: DatabaseKey;
  title: string;
  status: DatabaseSetupStatus;
  databaseId?: string;
  dataSourceId?: string;
  /** How an existing database was found: the ids in the config, or the notion-ops tag in its description. */
  foundBy?: "config" | "tag";
  note?: string;
}

export interface SetupResult {
  parentPageId: string;
  dryRun: boolean;
  databases: DatabaseSetupOutcome[];
  views: ViewOutcome[];
  /** The ids to write into `notion.databases` (every database that exists after the run). */
  refs: Partial<Record<DatabaseKey, DatabaseRef>>;
  /** For the user to look at: schema drift seen in found databases, duplicates, stale ids. */
  warnings: string[];
}

interface Resolved {
  facts: DatabaseFacts;
  dataSourceId: string;
  foundBy?: "config" | "tag";
  status: DatabaseSetupStatus;
  note?: string;
}

/**
 * Creates the seven databases under the parent page in dependency order (Customer Sites first,
 * so the `Site` relations can point at its data source), or finds the ones it created before:
 * by the ids in the config, then by the notion-ops tag in their description. Never creates a
 * second copy; recreates only a database that was deleted. Then creates the missing views.
 */
export async function runSetup(options: SetupOptions): Promise<SetupResult> {
  const { client } = options;
  const logger = options.logger ?? silentLogger();
  const dryRun = options.dryRun === true;
  const parentPageId = parsePageReference(options.parentPageId);
  if (!parentPageId) {
    throw new UsageError(
      `The parent page "${options.parentPageId}" is not a Notion page id or page URL (the id is the 32 hex digits at the end of the page's URL).`,
    );
  }
  await checkParentPage(client, parentPageId);

  const resolved: Partial<Record<DatabaseKey, Resolved>> = {};
  const gone = new Set<DatabaseKey>();
  const warnings: string[] = [];

  for (const key of DATABASE_KEYS) {
    const ref = options.configured[key];
    if (!ref) continue;
    const facts = await retrieveDatabase(client, ref.databaseId, DATABASES[key].title);
    if (!facts || facts.inTrash || facts.dataSourceIds.length === 0) {
      gone.add(key);
      logger.info(
        `${DATABASES[key].title}: the database in the config (${ref.databaseId}) is ${facts?.inTrash ? "in the trash" : "gone or not shared with the integration"}.`,
      );
      continue;
    }
    const dataSourceId =
      facts.dataSourceIds.find((id) => sameId(id, ref.dataSourceId)) ?? (facts.dataSourceIds[0] as string);
    resolved[key] = {
      facts,
      dataSourceId,
      foundBy: "config",
      status: "found",
      ...(sameId(dataSourceId, ref.dataSourceId)
        ? {}
        : { note: `dataSourceId in the config was stale; now ${dataSourceId}` }),
    };
  }

  const unresolved = new Set(DATABASE_KEYS.filter((key) => !resolved[key]));
  const trashed = new Set<DatabaseKey>();
  if (unresolved.size > 0) {
    const tagged = await findTaggedDatabases(client, {
      parentPageId,
      titles: [...unresolved].map((key) => DATABASES[key].title),
      skip: new Set(Object.values(resolved).map((r) => r.facts.databaseId)),
      wanted: unresolved,
    });
    for (const key of unresolved) {
      if (tagged.trashed.has(key)) trashed.add(key);
      const [first, ...others] = tagged.live.get(key) ?? [];
      if (!first) continue;
      if (others.length > 0) {
        warnings.push(
          `${DATABASES[key].title}: ${others.length + 1} databases carry the notion-ops:${key} tag (${[first, ...others].map((d) => d.databaseId).join(", ")}); using ${first.databaseId}.`,
        );
      }
      resolved[key] = {
        facts: first,
        dataSourceId: first.dataSourceIds[0] as string,
        foundBy: "tag",
        status: "found",
        ...(gone.has(key) ? { note: "the ids in the config no longer worked; found by its tag" } : {}),
      };
    }
  }

  const outcomes: DatabaseSetupOutcome[] = [];
  for (const key of DATABASE_KEYS) {
    const definition = DATABASES[key];
    let entry = resolved[key];
    if (!entry) {
      const again = gone.has(key) || trashed.has(key);
      if (dryRun) {
        const status = again ? "would_recreate" : "would_create";
        logger.info(`${definition.title}: would ${again ? "recreate" : "create"}`);
        outcomes.push({ key, title: definition.title, status });
        continue;
      }
      entry = await createDatabase(client, parentPageId, key, resolved, again);
      resolved[key] = entry;
    }
    const { facts, dataSourceId } = entry;
    const renamed =
      facts.title !== definition.title ? `named "${facts.title}" in Notion (left as is)` : undefined;
    const note = [entry.note, renamed].filter(Boolean).join("; ");
    logger.info(
      `${definition.title}: ${entry.status}${entry.foundBy ? ` (by ${entry.foundBy === "config" ? "the ids in the config" : "its notion-ops tag"})` : ""} — database ${facts.databaseId}`,
    );
    outcomes.push({
      key,
      title: definition.title,
      status: entry.status,
      databaseId: facts.databaseId,
      dataSourceId,
      ...(entry.foundBy ? { foundBy: entry.foundBy } : {}),
      ...(note ? { note } : {}),
    });
  }

  const refs: Partial<Record<DatabaseKey, DatabaseRef>> = {};
  for (const key of DATABASE_KEYS) {
    const entry = resolved[key];
    if (entry) refs[key] = { databaseId: entry.facts.databaseId, dataSourceId: entry.dataSourceId };
  }

  const schemas: Partial<Record<DatabaseKey, LiveSchema>> = {};
  for (const key of DATABASE_KEYS) {
    const ref = refs[key];
    if (!ref) continue;
    schemas[key] = liveSchemaOf(
      await client.dataSources.retrieve(
        { data_source_id: ref.dataSourceId },
        { label: DATABASES[key].title },
      ),
    );
  }
  const targets = (key: DatabaseKey) => refs[key]?.dataSourceId;
  for (const key of DATABASE_KEYS) {
    const schema = schemas[key];
    if (!schema || resolved[key]?.status !== "found") continue;
    const problems = schemaDrift(DATABASES[key], schema, targets).filter((d) => d.severity === "problem");
    if (problems.length > 0) {
      warnings.push(
        `${DATABASES[key].title}: ${problems.length} difference${problems.length === 1 ? "" : "s"} from the notion-ops schema (${problems.map((p) => p.property).join(", ")}); run notion-ops doctor (--repair adds what is missing).`,
      );
    }
  }

  const skippedOnPlan: Partial<Record<DatabaseKey, string[]>> = {};
  for (const key of DATABASE_KEYS) {
    const tag = resolved[key] && readTag(resolved[key].facts.description);
    if (tag?.key === key) skippedOnPlan[key] = tag.skippedViews;
  }
  const views = await reconcileViews({
    client,
    logger,
    mode: dryRun ? "plan" : "create",
    definitions: options.views ?? VIEWS,
    refs,
    schemas,
    skippedOnPlan,
    retrySkipped: true,
  });
  if (!dryRun) {
    await writeTags(
      client,
      DATABASE_KEYS.flatMap((key) => {
        const entry = resolved[key];
        return entry
          ? [{ key, databaseId: entry.facts.databaseId, description: entry.facts.description }]
          : [];
      }),
      views,
      logger,
    );
  }
  for (const warning of warnings) logger.warn(warning);
  return { parentPageId, dryRun, databases: outcomes, views, refs, warnings };
}

async function checkParentPage(client: NotionClient, pageId: string): Promise<void> {
  const page = (await client.pages.retrieve({ page_id: pageId }, { label: "parent page" })) as {
    in_trash?: boolean;
    archived?: boolean;
  };
  if (page.in_trash === true || page.archived === true) {
    throw new UsageError(
      `The parent page ${pageId} is in Notion's trash: restore it, or pass another --parent-page.`,
    );
  }
}

async function createDatabase(
  client: NotionClient,
  parentPageId: string,
  key: DatabaseKey,
  resolved: Partial<Record<DatabaseKey, Resolved>>,
  again: boolean,
): Promise<Resolved> {
  const definition = DATABASES[key];
  const properties = initialProperties(definition, (target) => resolved[target]?.dataSourceId);
  const description = initialDescription(definition);
  const created = await client.createKeyed<DatabaseFacts>({
    kind: "databases.create",
    description: `database "${definition.title}"`,
    target: { type: "page", id: parentPageId, label: "parent page" },
    create: async (sdk) =>
      databaseFacts(
        await sdk.databases.create({
          parent: { type: "page_id", page_id: parentPageId },
          title: [{ type: "text", text: { content: definition.title } }],
          description: splitRichText(description).items,
          is_inline: false,
          initial_data_source: { properties: properties as never },
        }),
      ),
    lookup: async () => {
      const tagged = await findTaggedDatabases(client, {
        parentPageId,
        titles: [definition.title],
        skip: new Set(Object.values(resolved).map((r) => r.facts.databaseId)),
        wanted: new Set([key]),
      });
      return tagged.live.get(key)?.[0];
    },
  });
  const facts = created.value;
  const dataSourceId = facts.dataSourceIds[0];
  if (!dataSourceId)
    throw new Error(`Notion created ${definition.title} (${facts.databaseId}) without a data source`);
  return {
    facts: { ...facts, description: facts.description || description },
    dataSourceId,
    status: again ? "recreated" : "created",
  };
}

const sameId = (a: string, b: string) =>
  a.replace(/-/g, "").toLowerCase() === b.replace(/-/g, "").toLowerCase();

/** The tables the CLI prints and the Action writes to the job summary. */
export function setupTables(result: SetupResult): ReportTable[] {
  const viewStatus: Record<ViewOutcome["status"], string> = {
    found: "found",
    created: "created",
    missing: "missing",
    skipped_plan: "skipped (plan)",
    failed: "failed",
    would_create: "would create",
  };
  return [
    {
      title: result.dryRun ? "Databases (dry run: nothing was written)" : "Databases",
      columns: ["Database", "Status", "Database id", "Data source id", "Note"],
      rows: result.databases.map((d) => [
        d.title,
        d.status.replace("_", " "),
        d.databaseId ?? "",
        d.dataSourceId ?? "",
        d.note ?? "",
      ]),
    },
    {
      title: "Views",
      columns: ["Database", "View", "Type", "Status", "Note"],
      rows: result.views.map((v) => [
        DATABASES[v.database].title,
        v.dashboard ? `${v.dashboard} › ${v.name}` : v.name,
        v.type,
        viewStatus[v.status],
        v.reason ?? v.note ?? "",
      ]),
    },
  ];
}
