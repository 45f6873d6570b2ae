import {
  createNotionClient,
  type NotionClient,
  notionOptionsFromEnv,
  parseBaseUrl,
  UsageError,
} from "@notion-ops/core";
import type { CommandContext } from "./command.js";

/**
 * The one Notion client of a command run, from NOTION_TOKEN / NOTION_BASE_URL / NOTION_OPS_RATE_LIMIT
 * and the tuning knobs NOTION_OPS_RETRY_BASE_MS / NOTION_OPS_TIMEOUT_MS (see notionOptionsFromEnv).
 */
export function notionClientFor(context: Pick<CommandContext, "env" | "logger" | "clock">): NotionClient {
  const options = notionOptionsFromEnv(context.env);
  if (!options.token) {
    throw new UsageError(
      "NOTION_TOKEN is not set: create an internal integration at https://www.notion.so/profile/integrations, " +
        "share the parent page with it, and pass its token (in Actions: the notion-token input from a secret)",
    );
  }
  if (options.baseUrl) parseBaseUrl(options.baseUrl, "NOTION_BASE_URL");
  return createNotionClient({
    ...options,
    logger: context.logger,
    ...(context.clock ? { clock: context.clock } : {}),
  });
}
