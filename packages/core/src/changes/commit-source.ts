import type { ChangedCommit } from "./push-event.js";

/**
 * Completes what a push payload leaves out, through the GitHub API: the commits of a push
 * (payloads carry at most 20 in Actions' timeline) and each commit's changed files.
 */
export interface CommitSource {
  /** Every commit between `before` and `after`, oldest first, with complete file lists. */
  commitsBetween(before: string, after: string): Promise<ChangedCommit[]>;
  /** The complete list of files one commit changed. */
  filesOf(sha: string): Promise<string[]>;
}
