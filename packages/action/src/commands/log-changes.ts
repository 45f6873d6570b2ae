import { readFile } from "node:fs/promises";
import { type CommitSource, logChanges, UsageError } from "@notion-ops/core";
import type { Command } from "../command.js";
import { githubCommitSource } from "../github-commit-source.js";
import { notionClientFor } from "../notion-client-for.js";
import { changeTables } from "../report/change-tables.js";

export const logChangesCommand: Command = {
  name: ["log-changes"],
  usage: "notion-ops log-changes [--event <path>]",
  summary: "log each changed config file of a push event (default $GITHUB_EVENT_PATH) into Config Changes",
  options: { event: { type: "string" } },
  async run(context) {
    const eventPath = (context.values.event as string | undefined) ?? context.env.GITHUB_EVENT_PATH;
    if (!eventPath)
      throw new UsageError("no push event: pass --event <path> or run in GitHub Actions (GITHUB_EVENT_PATH)");
    let event: unknown;
    try {
      event = JSON.parse(await readFile(eventPath, "utf8"));
    } catch (error) {
      throw new UsageError(`cannot read the push event ${eventPath}: ${(error as Error).message}`);
    }
    const { config } = await context.loadConfig();
    const token = context.env.GITHUB_TOKEN;
    const commitSource: CommitSource | undefined =
      token && context.env.GITHUB_REPOSITORY
        ? githubCommitSource({
            token,
            repository: context.env.GITHUB_REPOSITORY,
            ...(context.env.GITHUB_API_URL ? { apiUrl: context.env.GITHUB_API_URL } : {}),
          })
        : undefined;
    context.logger.addSecret(token);
    const result = await logChanges({
      config,
      client: notionClientFor(context),
      event,
      eventPath,
      logger: context.logger,
      ...(commitSource ? { commitSource } : {}),
    });
    const failed =
      (result.written?.changes.failed.length ?? 0) + (result.written?.baselinesReset.failed.length ?? 0);
    return {
      exitCode: failed > 0 ? 1 : 0,
      tables: changeTables(result),
      result: {
        command: "log-changes",
        ...(result.ignored ? { ignored: result.ignored } : {}),
        commits: result.commits,
        created: result.written?.changes.created ?? 0,
        updated: result.written?.baselinesReset.updated ?? 0,
        unchanged: result.written?.changes.unchanged ?? 0,
        failed,
        requests: result.notion?.requests ?? 0,
        ...(result.notion ? { notion: result.notion } : {}),
        entries: result.entries,
        unmapped: result.unmapped,
        failures: [
          ...(result.written?.changes.failed ?? []),
          ...(result.written?.baselinesReset.failed ?? []),
        ],
      },
    };
  },
};
