import { matchChangeLogGlob } from "../config/change-log-glob.js";
import type { NotionOpsConfig } from "../config/schema.js";
import type { ChangedCommit } from "./push-event.js";

/** One Config Changes record: one commit's changes to one site. */
export interface ChangeEntry {
  changeId: string;
  siteKey: string;
  tool: string;
  action: string;
  engineer: string | undefined;
  timestamp: string;
  commitUrl: string | undefined;
  files: string[];
}

export interface UnmappedFile {
  sha: string;
  file: string;
  reason: string;
}

/** The Change ID of a commit's change to a site: stable, so re-runs find it again. */
export function changeId(sha: string, siteKey: string): string {
  return `${sha.slice(0, 12)}-${siteKey}`;
}

/**
 * Maps each commit's files through `changeLog.paths` (`{site}` captures a site key) and groups
 * them into one entry per commit per site. Files matching no glob, or naming an unknown site,
 * are returned as unmapped (a merge touching docs is not a config change).
 */
export function changeEntries(
  commits: readonly ChangedCommit[],
  config: Pick<NotionOpsConfig, "changeLog" | "sites">,
): { entries: ChangeEntry[]; unmapped: UnmappedFile[] } {
  const siteKeys = new Map(config.sites.map((site) => [site.key.toLowerCase(), site.key]));
  const entries: ChangeEntry[] = [];
  const unmapped: UnmappedFile[] = [];
  for (const commit of commits) {
    const bySite = new Map<string, { tools: Set<string>; files: string[] }>();
    for (const file of commit.files) {
      const match = config.changeLog.paths
        .map((path) => ({ path, captured: matchChangeLogGlob(path.glob, file) }))
        .find((m) => m.captured !== undefined);
      if (!match || match.captured === undefined) {
        unmapped.push({ sha: commit.sha, file, reason: "matches no changeLog.paths glob" });
        continue;
      }
      const siteKey = siteKeys.get(match.captured.toLowerCase());
      if (!siteKey) {
        unmapped.push({
          sha: commit.sha,
          file,
          reason: match.captured
            ? `"${match.captured}" is not a configured site key`
            : `glob ${match.path.glob} has no {site}`,
        });
        continue;
      }
      const group = bySite.get(siteKey) ?? { tools: new Set<string>(), files: [] };
      group.tools.add(match.path.tool);
      group.files.push(file);
      bySite.set(siteKey, group);
    }
    for (const [siteKey, group] of bySite) {
      entries.push({
        changeId: changeId(commit.sha, siteKey),
        siteKey,
        tool: [...group.tools].sort().join(" + "),
        action: describeCommit(commit.message),
        engineer: commit.engineer,
        timestamp: commit.timestamp,
        commitUrl: commit.url,
        files: group.files.sort(),
      });
    }
  }
  return { entries, unmapped };
}

/**
 * What a change did, in words: the merged pull request's title for a merge commit
 * ("Merge pull request #12 from …" followed by the title), else the commit's first line.
 */
export function describeCommit(message: string): string {
  const lines = message.replace(/\r\n/g, "\n").split("\n");
  const first = lines[0]?.trim() ?? "";
  if (/^Merge pull request #\d+ from /.test(first)) {
    const title = lines
      .slice(1)
      .find((line) => line.trim() !== "")
      ?.trim();
    const pr = /#\d+/.exec(first)?.[0];
    if (title) return `${title} (${pr})`;
  }
  return first || "(no commit message)";
}
