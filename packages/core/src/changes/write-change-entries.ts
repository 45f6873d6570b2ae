import type { DatabaseRef } from "../config/schema.js";
import type { Logger } from "../log/logger.js";
import type { NotionClient } from "../notion/client.js";
import { DATABASES } from "../schema/databases.js";
import { type DatabaseResult, executePlan } from "../sync/executor.js";
import { readExistingRecords } from "../sync/existing-records.js";
import { planDatabase } from "../sync/planner.js";
import type { ChangeEntry } from "./change-entries.js";

export interface WriteChangesResult {
  changes: DatabaseResult;
  /** Sites whose drift baseline was reset by a newly logged change. */
  baselinesReset: DatabaseResult;
}

const DAY_MS = 86_400_000;

/**
 * Inserts Config Changes records (insert-only: an existing Change ID is never written again) and
 * resets the drift baseline of every site that got a new change, so the next sync adopts the
 * configuration as it is after the change.
 */
export async function writeChangeEntries(options: {
  client: NotionClient;
  databases: { customerSites: DatabaseRef; configChanges: DatabaseRef };
  entries: readonly ChangeEntry[];
  logger: Logger;
}): Promise<WriteChangesResult> {
  const { client, databases, entries, logger } = options;
  const earliest = Math.min(...entries.map((e) => Date.parse(e.timestamp)).filter(Number.isFinite));
  const [sites, existing] = await Promise.all([
    readExistingRecords(client, {
      dataSourceId: databases.customerSites.dataSourceId,
      definition: DATABASES.customerSites,
      logger,
    }),
    readExistingRecords(client, {
      dataSourceId: databases.configChanges.dataSourceId,
      definition: DATABASES.configChanges,
      ...(Number.isFinite(earliest)
        ? {
            filter: {
              property: "Timestamp",
              date: { on_or_after: new Date(earliest - DAY_MS).toISOString() },
            },
          }
        : {}),
      logger,
    }),
  ]);
  for (const entry of entries) {
    if (!sites.byKey.has(entry.siteKey)) {
      logger.warn(
        `Config Changes: site ${entry.siteKey} has no Customer Sites page yet (run notion-ops sync); ${entry.changeId} is logged without it`,
      );
    }
  }
  const plan = planDatabase({
    definition: DATABASES.configChanges,
    mode: "insert-only",
    existing,
    desired: entries.map((entry) => ({
      key: entry.changeId,
      values: {
        Site: sites.byKey.has(entry.siteKey) ? [entry.siteKey] : [],
        Tool: entry.tool,
        Action: entry.action,
        Engineer: entry.engineer ?? null,
        Timestamp: entry.timestamp,
        Commit: entry.commitUrl ?? null,
        Files: entry.files.join("\n") || null,
      },
    })),
  });
  const changes = await executePlan({
    client,
    plan,
    definition: DATABASES.configChanges,
    dataSourceId: databases.configChanges.dataSourceId,
    resolveRelation: (target, key) => (target === "customerSites" ? sites.byKey.get(key)?.pageId : undefined),
    logger,
  });

  const failedIds = new Set(changes.failed.map((f) => f.key));
  const logged = new Set(plan.creates.filter((c) => !failedIds.has(c.key)).map((c) => c.key));
  const touchedSites = [...new Set(entries.filter((e) => logged.has(e.changeId)).map((e) => e.siteKey))];
  const resetPlan = planDatabase({
    definition: DATABASES.customerSites,
    mode: "upsert",
    existing: sites,
    desired: touchedSites
      .filter((key) => sites.byKey.has(key))
      .map((key) => ({ key, values: { "Config Baseline": "" } })),
  });
  const baselinesReset = await executePlan({
    client,
    plan: resetPlan,
    definition: DATABASES.customerSites,
    dataSourceId: databases.customerSites.dataSourceId,
    resolveRelation: () => undefined,
    logger,
  });
  return { changes, baselinesReset };
}
