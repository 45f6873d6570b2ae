import { NotionOpsError } from "@notion-ops/core";

/** An error's message without the "unifi: " prefix, for embedding in a longer sentence. */
export function messageOf(error: unknown): string {
  if (NotionOpsError.is(error)) return error.message.replace(/^unifi: /, "");
  return error instanceof Error ? error.message : String(error);
}
