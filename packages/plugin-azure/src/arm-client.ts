import { createHttpClient, type HttpClient, type Logger } from "@notion-ops/core";
import { azureErrorMessage, azureTraceId } from "./azure-error.js";
import { createQuotaGate } from "./quota-gate.js";
import type { TokenSource } from "./token-source.js";

export interface ArmClientOptions {
  baseUrl: URL;
  tokens: TokenSource;
  logger?: Logger;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  random?: () => number;
  timeoutMs?: number;
  maxRetries?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An HTTP client for Azure Resource Manager: bearer token per request (renewed once on 401),
 * Azure error bodies turned into messages, Retry-After honoured, and a pause before the next
 * request whenever a quota header says the budget is nearly spent.
 */
export function createArmClient(options: ArmClientOptions): HttpClient {
  const sleep = options.sleep ?? defaultSleep;
  const gate = createQuotaGate({
    sleep,
    ...(options.now ? { now: options.now } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return createHttpClient({
    source: "azure",
    baseUrl: options.baseUrl,
    headers: async () => {
      await gate.beforeRequest();
      return { authorization: `Bearer ${await options.tokens.token()}` };
    },
    secrets: () => options.tokens.secrets(),
    traceId: ({ headers }) => azureTraceId(headers),
    errorMessage: azureErrorMessage,
    onUnauthorized: async () => {
      options.tokens.invalidate();
      return true;
    },
    onResponse: (headers) => gate.observe(headers),
    sleep,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
}
