import type { DatabaseRef } from "../config/schema.js";
import { NotionAccessError, NotionOpsError } from "../errors.js";
import { type Logger, silentLogger } from "../log/index.js";
import type { NotionClient } from "../notion/client.js";
import { type DatabaseFacts, retrieveDatabase } from "./database-discovery.js";
import { DATABASE_KEYS, type DatabaseKey } from "./database-keys.js";
import { readTag } from "./database-tag.js";
import { DATABASES } from "./databases.js";
import { type LiveSchema, liveSchemaOf } from "./live-schema.js";
import type { ReportTable } from "./report-table.js";
import { type Drift, repairPatch, schemaDrift } from "./schema-drift.js";
import { writeTags } from "./tag-writer.js";
import type { ViewDefinition } from "./view-definition.js";
import { reconcileViews, type ViewOutcome } from "./view-reconcile.js";
import { VIEWS } from "./views.js";

export interface DoctorOptions {
  client: NotionClient;
  /** `notion.databases` from the config. */
  configured: Partial<Record<DatabaseKey, DatabaseRef>>;
  /** Add missing properties, options and views. Never deletes, renames or retypes. */
  repair?: boolean;
  logger?: Logger;
  views?: readonly ViewDefinition[];
}

/** `problem` makes doctor exit 1; `skipped` is a view the workspace's plan does not allow. */
export type CheckStatus = "ok" | "problem" | "repaired" | "info" | "skipped";

export interface DoctorCheck {
  /** `token`, or the database the check is about. */
  area: "token" | DatabaseKey;
  /** What was checked: `token`, `database`, `schema`, `property "X"`, `view "Y"`. */
  subject: string;
  status: CheckStatus;
  message: string;
}

export interface DoctorResult {
  ok: boolean;
  repair: boolean;
  checks: DoctorCheck[];
  counts: Record<CheckStatus, number>;
}

const sharingFix =
  "Fix: open the page that contains it in Notion → ••• → Connections → add your integration. " +
  "If it was deleted, run notion-ops setup to recreate it.";

/**
 * Checks the token, each configured database (exists, shared, not trashed), schema drift per
 * database and the views setup creates. With `repair`, adds missing properties, select options
 * and views; it never deletes, renames or retypes anything, so a wrong-typed property stays a
 * problem with a message saying what to do.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorResult> {
  const { client } = options;
  const logger = options.logger ?? silentLogger();
  const repair = options.repair === true;
  const checks: DoctorCheck[] = [];
  const add = (check: DoctorCheck) => {
    checks.push(check);
    const where = check.area === "token" ? "" : `${DATABASES[check.area].title}: `;
    const line = `${where}${check.subject}: ${check.status} — ${check.message}`;
    if (check.status === "problem") logger.warn(line);
    else logger.debug(line);
  };

  logger.info("Checking the Notion token…");
  const tokenOk = await checkToken(client, add);
  if (!tokenOk) return finish(checks, repair);

  const reachable: Partial<
    Record<DatabaseKey, { ref: DatabaseRef; facts: DatabaseFacts; schema: LiveSchema }>
  > = {};
  for (const key of DATABASE_KEYS) {
    const found = await checkDatabase(client, key, options.configured[key], add);
    if (found) reachable[key] = found;
  }

  const targets = (key: DatabaseKey) => options.configured[key]?.dataSourceId;
  for (const key of DATABASE_KEYS) {
    const db = reachable[key];
    if (db) db.schema = await checkSchema(client, key, db.ref, db.schema, targets, repair, add);
    const found = checks.filter((c) => c.area === key && c.status === "problem").length;
    logger.info(
      `${DATABASES[key].title}: ${found === 0 ? "ok" : `${found} problem${found === 1 ? "" : "s"}`}`,
    );
  }
  logger.info(repair ? "Checking the views (recreating missing ones)…" : "Checking the views…");

  const refs: Partial<Record<DatabaseKey, DatabaseRef>> = {};
  const schemas: Partial<Record<DatabaseKey, LiveSchema>> = {};
  const skippedOnPlan: Partial<Record<DatabaseKey, string[]>> = {};
  for (const key of DATABASE_KEYS) {
    const db = reachable[key];
    if (!db) continue;
    refs[key] = db.ref;
    schemas[key] = db.schema;
    const tag = readTag(db.facts.description);
    if (tag?.key === key) skippedOnPlan[key] = tag.skippedViews;
  }
  const views = await reconcileViews({
    client,
    logger,
    mode: repair ? "create" : "check",
    definitions: options.views ?? VIEWS,
    refs,
    schemas,
    skippedOnPlan,
    retrySkipped: false,
  });
  for (const view of views) add(viewCheck(view));
  if (repair && views.some((v) => v.status === "created" || v.status === "skipped_plan")) {
    await writeTags(
      client,
      DATABASE_KEYS.flatMap((key) => {
        const db = reachable[key];
        return db && views.some((v) => v.database === key)
          ? [{ key, databaseId: db.ref.databaseId, description: db.facts.description }]
          : [];
      }),
      views,
      logger,
    );
  }
  return finish(checks, repair);
}

type Add = (check: DoctorCheck) => void;

async function checkToken(client: NotionClient, add: Add): Promise<boolean> {
  try {
    const me = (await client.users.me()) as {
      name?: string | null;
      bot?: { workspace_name?: string | null };
    };
    const name = me.name
      ? ` (integration "${me.name}"${me.bot?.workspace_name ? ` in workspace "${me.bot.workspace_name}"` : ""})`
      : "";
    add({ area: "token", subject: "token", status: "ok", message: `accepted by Notion${name}` });
    return true;
  } catch (error) {
    if (!NotionOpsError.is(error)) throw error;
    const message =
      NotionAccessError.is(error) && error.code === "notion_unauthorized"
        ? `Notion rejected the token (401 unauthorized): NOTION_TOKEN must be the full "Internal Integration Secret" of an integration listed at https://www.notion.so/profile/integrations, and not revoked. No other check can run without it.`
        : error.message;
    add({ area: "token", subject: "token", status: "problem", message });
    return false;
  }
}

async function checkDatabase(
  client: NotionClient,
  key: DatabaseKey,
  ref: DatabaseRef | undefined,
  add: Add,
): Promise<{ ref: DatabaseRef; facts: DatabaseFacts; schema: LiveSchema } | undefined> {
  const title = DATABASES[key].title;
  if (!ref) {
    add({
      area: key,
      subject: "database",
      status: "problem",
      message: `not in the config (notion.databases.${key}); run notion-ops setup --parent-page <page id> to create it and write its ids.`,
    });
    return undefined;
  }
  let facts: DatabaseFacts | undefined;
  try {
    facts = await retrieveDatabase(client, ref.databaseId, title);
  } catch (error) {
    if (!NotionOpsError.is(error)) throw error;
    add({ area: key, subject: "database", status: "problem", message: error.message });
    return undefined;
  }
  if (!facts) {
    add({
      area: key,
      subject: "database",
      status: "problem",
      message: `Notion cannot find database ${ref.databaseId} (404): it was deleted, or it is not shared with the integration. ${sharingFix}`,
    });
    return undefined;
  }
  if (facts.inTrash) {
    add({
      area: key,
      subject: "database",
      status: "problem",
      message: `database ${ref.databaseId} is in Notion's trash: restore it (Trash → Restore), or run notion-ops setup to create a new one.`,
    });
    return undefined;
  }
  const dataSourceId = facts.dataSourceIds.find(
    (id) => id.replace(/-/g, "").toLowerCase() === ref.dataSourceId.replace(/-/g, "").toLowerCase(),
  );
  if (!dataSourceId) {
    add({
      area: key,
      subject: "database",
      status: "problem",
      message: `dataSourceId ${ref.dataSourceId} in the config is not a data source of database ${ref.databaseId} (it has ${facts.dataSourceIds.join(", ") || "none"}); run notion-ops setup to rewrite the ids.`,
    });
    return undefined;
  }
  let schema: LiveSchema;
  try {
    schema = liveSchemaOf(
      await client.dataSources.retrieve({ data_source_id: dataSourceId }, { label: title }),
    );
  } catch (error) {
    if (!NotionOpsError.is(error)) throw error;
    add({ area: key, subject: "database", status: "problem", message: error.message });
    return undefined;
  }
  const renamed = facts.title === title ? "" : ` (named "${facts.title}" in Notion)`;
  add({
    area: key,
    subject: "database",
    status: "ok",
    message: `found and shared${renamed}: ${ref.databaseId}`,
  });
  return { ref, facts, schema };
}

async function checkSchema(
  client: NotionClient,
  key: DatabaseKey,
  ref: DatabaseRef,
  schema: LiveSchema,
  targets: (key: DatabaseKey) => string | undefined,
  repair: boolean,
  add: Add,
): Promise<LiveSchema> {
  const definition = DATABASES[key];
  const drift = schemaDrift(definition, schema, targets);
  let after = schema;
  let remaining = drift;
  const patch = repair ? repairPatch(definition, schema, drift, targets) : {};
  if (Object.keys(patch).length > 0) {
    const response = await client.dataSources.update(
      { data_source_id: ref.dataSourceId, properties: patch as never },
      { label: definition.title },
    );
    after = liveSchemaOf(response);
    remaining = schemaDrift(definition, after, targets);
  }
  const still = (item: Drift) =>
    remaining.some((r) => r.kind === item.kind && r.property === item.property && r.severity === "problem");
  for (const item of drift) {
    const subject = `property "${item.property}"`;
    if (item.severity === "info") add({ area: key, subject, status: "info", message: item.message });
    else if (repair && item.repairable && !still(item)) {
      add({ area: key, subject, status: "repaired", message: repairedMessage(item) });
    } else add({ area: key, subject, status: "problem", message: item.message });
  }
  if (!drift.some((d) => d.severity === "problem")) {
    add({
      area: key,
      subject: "schema",
      status: "ok",
      message: `all ${definition.properties.length} properties present with the right types and options`,
    });
  }
  return after;
}

function repairedMessage(item: Drift): string {
  if (item.kind === "missing_options")
    return `added the option${item.options?.length === 1 ? "" : "s"} ${item.options?.map((o) => `"${o}"`).join(", ")}`;
  return `added "${item.property}"`;
}

function viewCheck(view: ViewOutcome): DoctorCheck {
  const subject = `view "${view.dashboard ? `${view.dashboard} › ${view.name}` : view.name}"`;
  switch (view.status) {
    case "found":
      return {
        area: view.database,
        subject,
        status: "ok",
        message: `present (${view.type})${view.note ? `; ${view.note}` : ""}`,
      };
    case "created":
      return { area: view.database, subject, status: "repaired", message: `recreated (${view.type})` };
    case "skipped_plan":
      return {
        area: view.database,
        subject,
        status: "skipped",
        message: `not available on this workspace's plan (${view.reason ?? "refused by Notion"}); run notion-ops setup again after upgrading`,
      };
    case "missing":
      return {
        area: view.database,
        subject,
        status: "problem",
        message: `missing (${view.type}); run notion-ops doctor --repair to recreate it`,
      };
    default:
      return {
        area: view.database,
        subject,
        status: "problem",
        message: `could not be created: ${view.reason ?? "unknown error"}`,
      };
  }
}

function finish(checks: DoctorCheck[], repair: boolean): DoctorResult {
  const counts: Record<CheckStatus, number> = { ok: 0, problem: 0, repaired: 0, info: 0, skipped: 0 };
  for (const check of checks) counts[check.status] += 1;
  return { ok: counts.problem === 0, repair, checks, counts };
}

/** The table the CLI prints and the Action writes to the job summary. */
export function doctorTable(result: DoctorResult): ReportTable {
  const label: Record<CheckStatus, string> = {
    ok: "ok",
    problem: "PROBLEM",
    repaired: "repaired",
    info: "info",
    skipped: "skipped (plan)",
  };
  return {
    title: `Doctor: ${result.counts.problem === 0 ? "no problems" : `${result.counts.problem} problem${result.counts.problem === 1 ? "" : "s"}`}${result.repair ? `, ${result.counts.repaired} repaired` : ""}`,
    columns: ["Database", "Check", "Status", "Detail"],
    rows: result.checks.map((c) => [
      c.area === "token" ? "(token)" : DATABASES[c.area].title,
      c.subject,
      label[c.status],
      c.message,
    ]),
  };
}
