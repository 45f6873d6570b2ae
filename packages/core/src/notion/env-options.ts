import { UsageError } from "../errors.js";
import type { NotionClientOptions } from "./client.js";

/**
 * The client settings that come from the environment: NOTION_TOKEN, NOTION_BASE_URL and
 * NOTION_OPS_RATE_LIMIT (requests/s). Unset or empty variables fall back to the defaults.
 */
export function notionOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Pick<NotionClientOptions, "token" | "baseUrl" | "rateLimit"> {
  const token = env.NOTION_TOKEN?.trim() ?? "";
  const baseUrl = env.NOTION_BASE_URL?.trim();
  const rate = env.NOTION_OPS_RATE_LIMIT?.trim();
  let rateLimit: number | undefined;
  if (rate) {
    rateLimit = Number(rate);
    if (!(Number.isFinite(rateLimit) && rateLimit > 0)) {
      throw new UsageError(
        `NOTION_OPS_RATE_LIMIT must be a number of requests per second above 0, got "${rate}".`,
      );
    }
  }
  return {
    token,
    ...(baseUrl ? { baseUrl } : {}),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  };
}
