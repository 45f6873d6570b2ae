import { UsageError } from "../errors.js";
import type { NotionClientOptions } from "./client.js";

/**
 * The client settings that come from the environment. Unset or empty variables fall back to the
 * defaults.
 * - NOTION_TOKEN, NOTION_BASE_URL, NOTION_OPS_RATE_LIMIT (requests/s, default 3);
 * - NOTION_OPS_RETRY_BASE_MS: the first backoff step before a retry (default 1000; it doubles per
 *   retry). `Retry-After` is always honoured as sent, whatever this says;
 * - NOTION_OPS_TIMEOUT_MS: how long one request may take before it counts as failed (default 60000).
 * The last two are tuning knobs for slow proxies and for test suites that inject faults.
 */
export function notionOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Pick<NotionClientOptions, "token" | "baseUrl" | "rateLimit" | "baseDelayMs" | "timeoutMs"> {
  const token = env.NOTION_TOKEN?.trim() ?? "";
  const baseUrl = env.NOTION_BASE_URL?.trim();
  const rateLimit = positiveNumber(env, "NOTION_OPS_RATE_LIMIT", "a number of requests per second above 0");
  const baseDelayMs = positiveNumber(env, "NOTION_OPS_RETRY_BASE_MS", "a number of milliseconds above 0");
  const timeoutMs = positiveNumber(env, "NOTION_OPS_TIMEOUT_MS", "a number of milliseconds above 0");
  return {
    token,
    ...(baseUrl ? { baseUrl } : {}),
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(baseDelayMs === undefined ? {} : { baseDelayMs }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
}

function positiveNumber(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  what: string,
): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value > 0)) throw new UsageError(`${name} must be ${what}, got "${raw}".`);
  return value;
}
