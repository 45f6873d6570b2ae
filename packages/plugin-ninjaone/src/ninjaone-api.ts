import { createHttpClient, DataSourceError, type HttpClient, type Logger } from "@notion-ops/core";
import type { NinjaOneConnection } from "./connection.js";
import { boardRunPages, pagesAfterId, pagesByCursor } from "./pagination.js";
import { bareArraySchema } from "./schemas/cursor-report.js";
import { createTokenProvider, type TokenProvider } from "./token-provider.js";
import { vendorErrorMessage, vendorTraceId } from "./vendor-error.js";

export const NINJAONE_PATHS = {
  organizations: "/v2/organizations",
  devices: "/v2/devices-detailed",
  deviceHealth: "/v2/queries/device-health",
  alerts: "/v2/alerts",
  backupJobs: "/v2/backup/jobs",
  ticketBoards: "/v2/ticketing/trigger/boards",
  boardRun: (boardId: number) => `/v2/ticketing/trigger/board/${boardId}/run`,
} as const;

export interface NinjaOneApiOptions {
  connection: NinjaOneConnection;
  pageSize: number;
  logger: Logger;
  now: () => Date;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

/** The NinjaOne v2 endpoints the plugin reads; every list is an async iterator of raw pages. */
export interface NinjaOneApi {
  tokens: TokenProvider;
  http: HttpClient;
  organizations(): AsyncGenerator<unknown[]>;
  devices(): AsyncGenerator<unknown[]>;
  deviceHealth(): AsyncGenerator<unknown[]>;
  backupJobs(): AsyncGenerator<unknown[]>;
  alerts(): Promise<unknown[]>;
  ticketBoards(): Promise<unknown[]>;
  boardTickets(boardId: number): AsyncGenerator<unknown[]>;
}

export function createNinjaOneApi(options: NinjaOneApiOptions): NinjaOneApi {
  const { connection, logger } = options;
  logger.addSecret(connection.clientSecret);
  let tokens: TokenProvider | undefined;
  const secrets = () => [connection.clientSecret, tokens?.current()];
  const shared = {
    source: "ninjaone",
    baseUrl: connection.baseUrl,
    secrets,
    errorMessage: vendorErrorMessage,
    traceId: vendorTraceId,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  tokens = createTokenProvider({
    http: createHttpClient(shared),
    clientId: connection.clientId,
    clientSecret: connection.clientSecret,
    now: options.now,
    onToken: (token) => logger.addSecret(token),
  });
  const tokenProvider = tokens;
  const http = createHttpClient({
    ...shared,
    headers: async () => ({ authorization: `Bearer ${await tokenProvider.get()}` }),
    onUnauthorized: async () => {
      logger.debug("ninjaone: access token refused (401); fetching a new one");
      tokenProvider.invalidate();
      await tokenProvider.get();
      return true;
    },
  });
  const paging = { pageSize: options.pageSize, ...(options.signal ? { signal: options.signal } : {}) };

  const bareArray = async (path: string): Promise<unknown[]> => {
    const { data } = await http.request({ path });
    const parsed = bareArraySchema.safeParse(data);
    if (parsed.success) return parsed.data;
    throw new DataSourceError(
      "ninjaone",
      `ninjaone: ${http.url(path).pathname} returned ${data === undefined ? "an empty body" : typeof data}, expected a JSON array`,
    );
  };

  return {
    tokens: tokenProvider,
    http,
    organizations: () => pagesAfterId(http, NINJAONE_PATHS.organizations, paging),
    devices: () => pagesAfterId(http, NINJAONE_PATHS.devices, paging),
    deviceHealth: () => pagesByCursor(http, NINJAONE_PATHS.deviceHealth, paging),
    backupJobs: () => pagesByCursor(http, NINJAONE_PATHS.backupJobs, paging),
    alerts: () => bareArray(NINJAONE_PATHS.alerts),
    ticketBoards: () => bareArray(NINJAONE_PATHS.ticketBoards),
    boardTickets: (boardId) => boardRunPages(http, NINJAONE_PATHS.boardRun(boardId), paging),
  };
}
