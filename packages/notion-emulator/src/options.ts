import type { Now } from "./clock.js";
import type { FaultOptions } from "./faults.js";
import type { NotionPlan } from "./settings.js";

export interface NotionEmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind (default `127.0.0.1`). */
  host?: string;
  /** The integration token clients must send as `Authorization: Bearer …` (default `secret_emulator`). */
  token?: string;
  /** Accept any non-empty bearer token. */
  anyToken?: boolean;
  /** Average requests per second the token bucket allows (default 3; 0 or Infinity disables). */
  rateLimit?: number;
  /** Bucket size: requests that may arrive at once (default: 2 × rateLimit, at least 1). */
  burst?: number;
  /** Fault injection (default: none). */
  faults?: FaultOptions;
  /** JSON file the workspace is loaded from at start (if present) and saved to by `save()` / `stop()`. */
  stateFile?: string;
  /** Seeds ids and faults: the same seed and the same requests give the same ids and faults. */
  seed?: number;
  /** Workspace plan; gates charts (Free: one) and dashboards (Business, Enterprise). Default `business`. */
  plan?: NotionPlan;
  /** Clock in ms since the epoch (default `Date.now`); drives timestamps, the rate limiter and stats. */
  now?: Now;
  /** Rows one data-source query can reach before it reports `query_result_limit_reached` (default 10,000). */
  queryResultLimit?: number;
  /** Request log entries kept (default 100,000; oldest dropped first). */
  requestLogLimit?: number;
}

export const DEFAULT_TOKEN = "secret_emulator";
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_RATE_LIMIT = 3;
