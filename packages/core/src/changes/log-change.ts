import type { NotionOpsConfig } from "../config/schema.js";
import { ConfigError, UsageError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import type { NotionClient } from "../notion/client.js";
import type { ChangeEntry } from "./change-entries.js";
import { type WriteChangesResult, writeChangeEntries } from "./write-change-entries.js";

export interface ManualChange {
  site: string;
  tool: string;
  action: string;
  engineer?: string;
}

/**
 * Logs one manual change. Its Change ID comes from the workflow run when there is one
 * (`manual-<run id>.<attempt>-<site>`), so re-running the same workflow run logs nothing twice;
 * locally it is `manual-<timestamp>-<site>`.
 */
export async function logManualChange(options: {
  config: NotionOpsConfig;
  client: NotionClient;
  change: ManualChange;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  logger: Logger;
}): Promise<{ entry: ChangeEntry; written: WriteChangesResult }> {
  const { config, change, env } = options;
  const site = config.sites.find((s) => s.key.toLowerCase() === change.site.trim().toLowerCase());
  if (!site) {
    throw new UsageError(
      `--site "${change.site}" is not a configured site key (known: ${config.sites.map((s) => s.key).join(", ") || "none"})`,
    );
  }
  for (const [name, value] of Object.entries({ tool: change.tool, action: change.action })) {
    if (!value.trim()) throw new UsageError(`--${name} must not be empty`);
  }
  const { customerSites, configChanges } = config.notion.databases;
  if (!customerSites || !configChanges) {
    throw new ConfigError([
      {
        file: "notion-ops.yml",
        path: "notion.databases",
        message: "Config Changes is not set up: run notion-ops setup",
      },
    ]);
  }
  const runId = env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}.${env.GITHUB_RUN_ATTEMPT ?? "1"}` : undefined;
  const stamp = runId ?? options.now.toISOString().replace(/[-:.]/g, "");
  const entry: ChangeEntry = {
    changeId: `manual-${stamp}-${site.key}`,
    siteKey: site.key,
    tool: change.tool.trim(),
    action: change.action.trim(),
    engineer: change.engineer?.trim() || env.GITHUB_ACTOR || env.USER || undefined,
    timestamp: options.now.toISOString(),
    commitUrl:
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
    files: [],
  };
  const written = await writeChangeEntries({
    client: options.client,
    databases: { customerSites, configChanges },
    entries: [entry],
    logger: options.logger,
  });
  return { entry, written };
}
