import type { getOctokit } from "@actions/github";
import { type ChangedCommit, type CommitSource, DataSourceError } from "@notion-ops/core";

const PAGE = 100;
/** GitHub lists at most 3000 files for one commit. */
const MAX_FILE_PAGES = 30;

/** Reads what a push payload leaves out from the GitHub REST API (needs the workflow's token). */
export function githubCommitSource(options: {
  token: string;
  repository: string;
  apiUrl?: string;
}): CommitSource {
  const [owner, repo] = options.repository.split("/");
  if (!owner || !repo) throw new Error(`GITHUB_REPOSITORY must be owner/name, got "${options.repository}"`);
  // Loaded on first use: @actions/github parses GITHUB_EVENT_PATH when it is imported, and a
  // malformed event file must be reported by log-changes (exit 2), not crash every command.
  let octokit: Promise<ReturnType<typeof getOctokit>> | undefined;
  const api = () =>
    (octokit ??= import("@actions/github").then(
      (github) => github.getOctokit(options.token, options.apiUrl ? { baseUrl: options.apiUrl } : {}),
      (error: unknown) => {
        throw new DataSourceError(
          "github",
          `github: cannot use the GitHub API: ${(error as Error)?.message ?? String(error)}`,
        );
      },
    ));
  const fail = (what: string, error: unknown) =>
    new DataSourceError("github", `github: ${what} failed: ${(error as Error)?.message ?? String(error)}`, {
      ...(typeof (error as { status?: unknown })?.status === "number"
        ? { status: (error as { status: number }).status }
        : {}),
    });

  async function filesOf(sha: string): Promise<string[]> {
    const files: string[] = [];
    for (let page = 1; page <= MAX_FILE_PAGES; page++) {
      const response = await (await api()).rest.repos
        .getCommit({ owner: owner!, repo: repo!, ref: sha, per_page: PAGE, page })
        .catch((error) => {
          throw fail(`reading commit ${sha.slice(0, 12)}`, error);
        });
      const batch = response.data.files ?? [];
      files.push(...batch.map((f) => f.filename));
      if (batch.length < PAGE) break;
    }
    return [...new Set(files)];
  }

  return {
    filesOf,
    async commitsBetween(before, after) {
      const commits: ChangedCommit[] = [];
      for (let page = 1; ; page++) {
        const response = await (await api()).rest.repos
          .compareCommitsWithBasehead({
            owner: owner!,
            repo: repo!,
            basehead: `${before}...${after}`,
            per_page: PAGE,
            page,
          })
          .catch((error) => {
            throw fail(`comparing ${before.slice(0, 12)}...${after.slice(0, 12)}`, error);
          });
        for (const c of response.data.commits) {
          commits.push({
            sha: c.sha,
            message: c.commit.message,
            timestamp: c.commit.author?.date ?? c.commit.committer?.date ?? new Date(0).toISOString(),
            url: c.html_url,
            engineer: c.author?.login ?? c.commit.author?.name ?? undefined,
            files: await filesOf(c.sha),
          });
        }
        if (response.data.commits.length < PAGE || commits.length >= response.data.total_commits) break;
      }
      return commits;
    },
  };
}
