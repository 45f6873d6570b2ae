import type { NotionOpsConfig } from "../config/schema.js";
import { ConfigError, UsageError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import type { NotionClient } from "../notion/client.js";
import type { NotionMetrics } from "../notion/metrics.js";
import { type ChangeEntry, changeEntries, type UnmappedFile } from "./change-entries.js";
import type { CommitSource } from "./commit-source.js";
import {
  type ChangedCommit,
  commitFiles,
  defaultBranchOf,
  type PushEvent,
  pushEventSchema,
} from "./push-event.js";
import { type WriteChangesResult, writeChangeEntries } from "./write-change-entries.js";

/** A push payload in Actions' timeline form carries at most this many commits. */
const PAYLOAD_COMMIT_LIMIT = 20;
const NULL_SHA = /^0+$/;

export interface LogChangesResult {
  /** Why nothing was logged (not the default branch, a branch deletion), if so. */
  ignored?: string;
  commits: number;
  entries: ChangeEntry[];
  unmapped: UnmappedFile[];
  written?: WriteChangesResult;
  notion?: NotionMetrics;
}

/** Reads a GitHub push event and logs each changed config file that maps to a site (SPEC §2). */
export async function logChanges(options: {
  config: NotionOpsConfig;
  client: NotionClient;
  event: unknown;
  eventPath: string;
  commitSource?: CommitSource;
  logger: Logger;
}): Promise<LogChangesResult> {
  const { config, logger } = options;
  const parsed = pushEventSchema.safeParse(options.event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${options.eventPath} is not a GitHub push event (${issue?.path.join(".") || "payload"}: ${issue?.message})`,
    );
  }
  const event = parsed.data;
  const branch = event.ref.replace(/^refs\/heads\//, "");
  const defaultBranch = defaultBranchOf(event);
  if (event.deleted || NULL_SHA.test(event.after)) return ignored("the push deleted a branch", logger);
  if (!event.ref.startsWith("refs/heads/")) return ignored(`${event.ref} is not a branch`, logger);
  if (defaultBranch && branch !== defaultBranch) {
    return ignored(`the push is to ${branch}, not the default branch ${defaultBranch}`, logger);
  }

  const commits = await completeCommits(event, options.commitSource, logger);
  const { entries, unmapped } = changeEntries(commits, config);
  logger.info(
    `${commits.length} commit(s), ${entries.length} site change(s), ${unmapped.length} unmapped file(s)`,
  );
  if (entries.length === 0) return { commits: commits.length, entries, unmapped };

  const { customerSites, configChanges } = config.notion.databases;
  if (!customerSites || !configChanges) {
    throw new ConfigError([
      {
        file: "notion-ops.yml",
        path: "notion.databases",
        message: "Customer Sites and Config Changes are not set up: run notion-ops setup",
      },
    ]);
  }
  const written = await writeChangeEntries({
    client: options.client,
    databases: { customerSites, configChanges },
    entries,
    logger,
  });
  return { commits: commits.length, entries, unmapped, written, notion: options.client.metrics() };
}

function ignored(reason: string, logger: Logger): LogChangesResult {
  logger.notice(`log-changes: nothing to log: ${reason}`);
  return { ignored: reason, commits: 0, entries: [], unmapped: [] };
}

async function completeCommits(
  event: PushEvent,
  source: CommitSource | undefined,
  logger: Logger,
): Promise<ChangedCommit[]> {
  const fromPayload = event.commits.map((commit) => ({
    sha: commit.id,
    message: commit.message,
    timestamp: commit.timestamp,
    url: commit.url ?? undefined,
    engineer: commit.author?.username ?? commit.author?.name ?? undefined,
    files: commitFiles(commit),
  }));
  const truncated = fromPayload.length >= PAYLOAD_COMMIT_LIMIT && !NULL_SHA.test(event.before);
  const lacksFiles = fromPayload.some((c) => c.files === undefined);
  if (!truncated && !lacksFiles) return fromPayload as ChangedCommit[];
  if (!source) {
    throw new UsageError(
      `the push payload is ${truncated ? "truncated" : "missing file lists"}; set GITHUB_TOKEN (the workflow's github.token) so notion-ops can read the rest from the GitHub API`,
    );
  }
  if (truncated) {
    logger.info(`the payload lists ${fromPayload.length} commits; reading the full push from the GitHub API`);
    return source.commitsBetween(event.before, event.after);
  }
  return Promise.all(
    fromPayload.map(async (commit) => ({
      ...commit,
      files: commit.files ?? (await source.filesOf(commit.sha)),
    })),
  );
}
