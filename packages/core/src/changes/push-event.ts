import { z } from "zod";

/**
 * The parts of a GitHub `push` event notion-ops reads. Unknown fields are ignored. In GitHub
 * Actions the payload's commits may lack `added`/`removed`/`modified`, and a timeline payload
 * carries at most 20 commits; both are completed through the GitHub API (commit-source.ts).
 */
const person = z.looseObject({
  name: z.string().nullish(),
  email: z.string().nullish(),
  username: z.string().nullish(),
});

export const pushCommitSchema = z.looseObject({
  id: z.string().min(7),
  message: z.string().default(""),
  timestamp: z.string(),
  url: z.string().nullish(),
  author: person.nullish(),
  added: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
  modified: z.array(z.string()).optional(),
});
export type PushCommit = z.infer<typeof pushCommitSchema>;

export const pushEventSchema = z.looseObject({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  deleted: z.boolean().optional(),
  commits: z.array(pushCommitSchema).default([]),
  repository: z.looseObject({
    full_name: z.string(),
    html_url: z.string().nullish(),
    default_branch: z.string().nullish(),
    master_branch: z.string().nullish(),
  }),
  sender: z.looseObject({ login: z.string().nullish() }).nullish(),
});
export type PushEvent = z.infer<typeof pushEventSchema>;

/** A commit with its complete file list, as logging needs it. */
export interface ChangedCommit {
  sha: string;
  message: string;
  timestamp: string;
  url: string | undefined;
  /** GitHub login of the author when known, else the author's name. */
  engineer: string | undefined;
  files: string[];
}

export function commitFiles(commit: PushCommit): string[] | undefined {
  if (!commit.added && !commit.removed && !commit.modified) return undefined;
  return [...new Set([...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])])];
}

export function defaultBranchOf(event: PushEvent): string | undefined {
  return event.repository.default_branch ?? event.repository.master_branch ?? undefined;
}
