import { createRunbookSync, customerSitesFreshness, runSync, type SyncResult } from "@notion-ops/core";
import type { Command, CommandContext } from "../command.js";
import { notionClientFor } from "../notion-client-for.js";
import { syncTables } from "../report/sync-tables.js";
import { describeHeap } from "../sync-worker.js";

const list = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

export const syncCommand: Command = {
  name: ["sync"],
  usage: "notion-ops sync [--only a,b] [--sites k1,k2] [--date YYYY-MM-DD] [--dry-run]",
  summary: "collect from the sources and update Notion (default: every configured sync)",
  options: {
    only: { type: "string" },
    sites: { type: "string" },
    date: { type: "string" },
    "dry-run": { type: "boolean" },
  },
  async run(context) {
    const result = await executeSync(context);
    const failed = result.failures.length + result.sourceFailures.length + result.sourceErrors.length;
    return { exitCode: failed > 0 ? 1 : 0, result: syncResultJson(result), tables: syncTables(result) };
  },
};

export async function executeSync(context: CommandContext): Promise<SyncResult> {
  context.logger.debug(describeHeap());
  const { config } = await context.loadConfig();
  const client = notionClientFor(context);
  const only = list(context.values.only);
  const sites = list(context.values.sites);
  return runSync({
    config,
    client,
    plugins: context.registry.plugins,
    env: context.env,
    logger: context.logger,
    ...(only ? { only } : {}),
    ...(sites ? { sites } : {}),
    ...(typeof context.values.date === "string" ? { date: context.values.date } : {}),
    dryRun: context.values["dry-run"] === true,
    runbooks: createRunbookSync({ dir: config.runbooks.dir, cwd: context.cwd, logger: context.logger }),

    ...(config.notion.databases.customerSites
      ? { freshness: customerSitesFreshness(client, config.notion.databases.customerSites.databaseId) }
      : {}),
  });
}

/** The `--json` / `result` output: counts first, then the details. */
export function syncResultJson(result: SyncResult): Record<string, unknown> {
  const sum = (pick: (d: SyncResult["databases"][number]) => number) =>
    result.databases.reduce((s, d) => s + pick(d), 0);
  return {
    command: "sync",
    date: result.date,
    dryRun: result.dryRun,
    created: sum((d) => d.created),
    updated: sum((d) => d.updated),
    unchanged: sum((d) => d.unchanged),
    // Records that failed: Notion writes, vendor records that could not be read, and whole sources.
    failed: result.failures.length + result.sourceErrors.length + result.sourceFailures.length,

    requests: result.notion.requests,
    databases: result.databases,
    plans: result.plans,
    sites: result.sites,
    unmatched: result.matching,
    sourceFailures: result.sourceFailures,
    sourceErrors: result.sourceErrors,
    duplicatesResolved: result.duplicatesResolved,
    notion: result.notion,
    wallTimeMs: result.wallTimeMs,
  };
}
