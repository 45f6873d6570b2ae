import {
  type AppendBlockChildrenParameters,
  type AppendBlockChildrenResponse,
  Client,
  type CreateDatabaseParameters,
  type CreateDatabaseResponse,
  type CreatePageParameters,
  type CreatePageResponse,
  type CreateViewParameters,
  type CreateViewResponse,
  type DeleteViewParameters,
  type DeleteViewResponse,
  type GetDatabaseParameters,
  type GetDatabaseResponse,
  type GetDataSourceParameters,
  type GetDataSourceResponse,
  type GetPageParameters,
  type GetPageResponse,
  type GetSelfResponse,
  type GetViewParameters,
  type GetViewResponse,
  isFullPage,
  type ListBlockChildrenParameters,
  type ListBlockChildrenResponse,
  type ListDatabaseViewsParameters,
  type ListDatabaseViewsResponse,
  LogLevel,
  type PageObjectResponse,
  type QueryDataSourceParameters,
  type QueryDataSourceResponse,
  type Logger as SdkLogger,
  type SearchParameters,
  type SearchResponse,
  type UpdateDatabaseParameters,
  type UpdateDatabaseResponse,
  type UpdateDataSourceParameters,
  type UpdateDataSourceResponse,
  type UpdatePageParameters,
  type UpdatePageResponse,
  type UpdateViewParameters,
  type UpdateViewResponse,
} from "@notionhq/client";
import { UsageError } from "../errors.js";
import { type Logger, silentLogger } from "../log/index.js";
import { type Clock, systemClock } from "./clock.js";
import type { NotionTarget, RequestContext } from "./errors-map.js";
import { createKeyed, type KeyedCreateResult } from "./keyed-create.js";
import { createMetricsRecorder, type NotionMetrics } from "./metrics.js";
import { type QueryAllArgs, queryAll } from "./query-all.js";
import { createRequestRunner } from "./request-runner.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
import { joinRichText } from "./rich-text.js";
import { createThrottle } from "./throttle.js";
import { createTransport } from "./transport.js";

export const NOTION_VERSION = "2025-09-03";
export const DEFAULT_NOTION_BASE_URL = "https://api.notion.com";
export const DEFAULT_RATE_LIMIT = 3;
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface NotionClientOptions {
  token: string;
  /** Default https://api.notion.com (callers take it from NOTION_BASE_URL). http only for loopback. */
  baseUrl?: string;
  /** Average requests per second for everything using this client (NOTION_OPS_RATE_LIMIT), default 3. */
  rateLimit?: number;
  /** Requests that may start together after an idle spell; default 2. */
  burst?: number;
  /** Retries after the first attempt, default 8. */
  maxRetries?: number;
  /** Time budget for retrying one request, default 15 minutes. */
  maxRetryTimeMs?: number;
  /** First backoff step (doubles per retry), default 1000 ms. */
  baseDelayMs?: number;
  /** Longest single backoff, default 30 s (Retry-After is never capped). */
  maxDelayMs?: number;
  /** Per-request timeout, default 60 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  logger?: Logger;
  clock?: Clock;
  /** Jitter source in [0, 1), default Math.random. */
  random?: () => number;
}

/** Per-call options: `label` names the object in error messages ("Customer Sites"). */
export interface CallOptions {
  label?: string;
}

export interface KeyedPageCreate {
  dataSourceId: string;
  /** The key property's name, e.g. "Site Key". */
  keyProperty: string;
  keyValue: string;
  keyType: "title" | "rich_text";
  /** The page to create, without `parent` (set to the data source). */
  body: Omit<CreatePageParameters, "parent">;
  /** Names the data source in messages, e.g. "Customer Sites". */
  label?: string;
}

export interface KeyedCreate<T> {
  kind: string;
  description: string;
  target?: NotionTarget;
  create: (sdk: Client) => Promise<T>;
  lookup: () => Promise<T | undefined>;
}

export interface RawRequestOptions {
  /** See RunOptions.idempotent: false for creates and appends. */
  idempotent: boolean;
  target?: NotionTarget;
  propertyNames?: string[];
}

export interface NotionClientSettings {
  baseUrl: string;
  rateLimit: number;
  burst: number;
  timeoutMs: number;
  retry: RetryPolicy;
}

/**
 * The official SDK behind one throttle and one retry policy. Every method below sends its call
 * through both; `request()` does the same for any other SDK call.
 */
export interface NotionClient {
  readonly databases: {
    create(args: CreateDatabaseParameters, options?: CallOptions): Promise<CreateDatabaseResponse>;
    retrieve(args: GetDatabaseParameters, options?: CallOptions): Promise<GetDatabaseResponse>;
    update(args: UpdateDatabaseParameters, options?: CallOptions): Promise<UpdateDatabaseResponse>;
  };
  readonly dataSources: {
    retrieve(args: GetDataSourceParameters, options?: CallOptions): Promise<GetDataSourceResponse>;
    update(args: UpdateDataSourceParameters, options?: CallOptions): Promise<UpdateDataSourceResponse>;
    query(args: QueryDataSourceParameters, options?: CallOptions): Promise<QueryDataSourceResponse>;
  };
  readonly pages: {
    create(args: CreatePageParameters, options?: CallOptions): Promise<CreatePageResponse>;
    retrieve(args: GetPageParameters, options?: CallOptions): Promise<GetPageResponse>;
    update(args: UpdatePageParameters, options?: CallOptions): Promise<UpdatePageResponse>;
  };
  readonly blocks: {
    readonly children: {
      list(args: ListBlockChildrenParameters, options?: CallOptions): Promise<ListBlockChildrenResponse>;
      append(
        args: AppendBlockChildrenParameters,
        options?: CallOptions,
      ): Promise<AppendBlockChildrenResponse>;
    };
  };
  readonly views: {
    create(args: CreateViewParameters, options?: CallOptions): Promise<CreateViewResponse>;
    list(args: ListDatabaseViewsParameters, options?: CallOptions): Promise<ListDatabaseViewsResponse>;
    retrieve(args: GetViewParameters, options?: CallOptions): Promise<GetViewResponse>;
    update(args: UpdateViewParameters, options?: CallOptions): Promise<UpdateViewResponse>;
    delete(args: DeleteViewParameters, options?: CallOptions): Promise<DeleteViewResponse>;
  };
  readonly users: {
    me(options?: CallOptions): Promise<GetSelfResponse>;
  };
  search(args: SearchParameters, options?: CallOptions): Promise<SearchResponse>;
  /** Any SDK call, throttled and retried like the rest. */
  request<T>(kind: string, call: (sdk: Client) => Promise<T>, options: RawRequestOptions): Promise<T>;
  /** Creates a page in a data source at most once per key (see createKeyed). */
  createPageKeyed(args: KeyedPageCreate): Promise<KeyedCreateResult<PageObjectResponse>>;
  /** Creates anything at most once, given a lookup by key. */
  createKeyed<T>(args: KeyedCreate<T>): Promise<KeyedCreateResult<T>>;
  /** Every page of a data source, past the 10,000-row cap (see queryAll). */
  queryAll(
    dataSourceId: string,
    args?: QueryAllArgs,
    options?: CallOptions,
  ): AsyncGenerator<PageObjectResponse, void, undefined>;
  metrics(): NotionMetrics;
  readonly settings: NotionClientSettings;
}

export function createNotionClient(options: NotionClientOptions): NotionClient {
  const token = options.token?.trim();
  if (!token) {
    throw new UsageError(
      "No Notion token: set NOTION_TOKEN (Action input notion-token) to your integration's secret.",
    );
  }
  const logger = options.logger ?? silentLogger();
  logger.addSecret(token);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_NOTION_BASE_URL);
  const rateLimit = positive(options.rateLimit ?? DEFAULT_RATE_LIMIT, "rate limit (NOTION_OPS_RATE_LIMIT)");
  const burst = Math.floor(positive(options.burst ?? Math.min(2, Math.max(1, rateLimit)), "burst"));
  const timeoutMs = positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "request timeout");
  const policy: RetryPolicy = {
    maxRetries: nonNegativeInteger(options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries, "maxRetries"),
    maxRetryTimeMs: positive(options.maxRetryTimeMs ?? DEFAULT_RETRY_POLICY.maxRetryTimeMs, "maxRetryTimeMs"),
    baseDelayMs: positive(options.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs, "baseDelayMs"),
    maxDelayMs: positive(options.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs, "maxDelayMs"),
  };
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;

  const sdk = new Client({
    auth: token,
    baseUrl,
    notionVersion: NOTION_VERSION,
    // The transport enforces `timeoutMs` (and aborts the socket); the SDK's own timer is a backstop.
    timeoutMs: timeoutMs + 1000,
    fetch: createTransport(options.fetch, timeoutMs),
    retry: false,
    logLevel: LogLevel.WARN,
    logger: sdkLogger(logger),
  });
  const throttle = createThrottle({ rate: rateLimit, burst, clock });
  const metrics = createMetricsRecorder(() => clock.now());
  const runner = createRequestRunner({ throttle, policy, clock, random, metrics, logger });

  const run = <T>(
    kind: string,
    call: (sdk: Client) => Promise<T>,
    idempotent: boolean,
    target: NotionTarget | undefined,
    callOptions: CallOptions | undefined,
    propertyNames?: string[],
  ): Promise<T> => {
    const labelled = target && callOptions?.label ? { ...target, label: callOptions.label } : target;
    const context: RequestContext = {
      kind,
      ...(labelled ? { target: labelled } : {}),
      ...(propertyNames ? { propertyNames } : {}),
    };
    return runner.run(() => call(sdk), { idempotent, context });
  };

  const client: NotionClient = {
    databases: {
      create: (args, o) =>
        run("databases.create", (s) => s.databases.create(args), false, parentTarget(args.parent), o, [
          ...Object.keys(args.initial_data_source?.properties ?? {}),
        ]),
      retrieve: (args, o) =>
        run(
          "databases.retrieve",
          (s) => s.databases.retrieve(args),
          true,
          { type: "database", id: args.database_id },
          o,
        ),
      update: (args, o) =>
        run(
          "databases.update",
          (s) => s.databases.update(args),
          true,
          { type: "database", id: args.database_id },
          o,
        ),
    },
    dataSources: {
      retrieve: (args, o) =>
        run(
          "dataSources.retrieve",
          (s) => s.dataSources.retrieve(args),
          true,
          dataSource(args.data_source_id),
          o,
        ),
      update: (args, o) =>
        run(
          "dataSources.update",
          (s) => s.dataSources.update(args),
          true,
          dataSource(args.data_source_id),
          o,
          Object.keys(args.properties ?? {}),
        ),
      query: (args, o) =>
        run("dataSources.query", (s) => s.dataSources.query(args), true, dataSource(args.data_source_id), o),
    },
    pages: {
      create: (args, o) =>
        run("pages.create", (s) => s.pages.create(args), false, parentTarget(args.parent), o, [
          ...Object.keys(args.properties ?? {}),
        ]),
      retrieve: (args, o) =>
        run("pages.retrieve", (s) => s.pages.retrieve(args), true, { type: "page", id: args.page_id }, o),
      update: (args, o) =>
        run("pages.update", (s) => s.pages.update(args), true, { type: "page", id: args.page_id }, o, [
          ...Object.keys(args.properties ?? {}),
        ]),
    },
    blocks: {
      children: {
        list: (args, o) =>
          run(
            "blocks.children.list",
            (s) => s.blocks.children.list(args),
            true,
            { type: "block", id: args.block_id },
            o,
          ),
        append: (args, o) =>
          run(
            "blocks.children.append",
            (s) => s.blocks.children.append(args),
            false,
            { type: "block", id: args.block_id },
            o,
          ),
      },
    },
    views: {
      create: (args, o) => run("views.create", (s) => s.views.create(args), false, viewParent(args), o),
      list: (args, o) => run("views.list", (s) => s.views.list(args), true, viewParent(args), o),
      retrieve: (args, o) =>
        run("views.retrieve", (s) => s.views.retrieve(args), true, view(args.view_id), o),
      update: (args, o) => run("views.update", (s) => s.views.update(args), true, view(args.view_id), o),
      delete: (args, o) => run("views.delete", (s) => s.views.delete(args), true, view(args.view_id), o),
    },
    users: {
      me: (o) => run("users.me", (s) => s.users.me({}), true, undefined, o),
    },
    search: (args, o) => run("search", (s) => s.search(args), true, { type: "workspace" }, o),

    request: (kind, call, o) => run(kind, call, o.idempotent, o.target, undefined, o.propertyNames),

    createKeyed: (args) =>
      createKeyed(
        {
          context: { kind: args.kind, ...(args.target ? { target: args.target } : {}) },
          description: args.description,
          create: () => run(args.kind, args.create, false, args.target, undefined),
          lookup: args.lookup,
        },
        { policy, clock, random, metrics, logger },
      ),

    createPageKeyed: (args) => {
      const target: NotionTarget = {
        type: "data source",
        id: args.dataSourceId,
        ...(args.label ? { label: args.label } : {}),
      };
      const propertyNames = Object.keys(args.body.properties ?? {});
      return createKeyed<PageObjectResponse>(
        {
          context: { kind: "pages.create", target, propertyNames },
          description: `page with ${args.keyProperty} = "${args.keyValue}"`,
          create: async () => {
            const page = await run(
              "pages.create",
              (s) =>
                s.pages.create({
                  ...args.body,
                  parent: { type: "data_source_id", data_source_id: args.dataSourceId },
                }),
              false,
              target,
              undefined,
              propertyNames,
            );
            return page as PageObjectResponse;
          },
          lookup: () => findByKey(client, args, logger),
        },
        { policy, clock, random, metrics, logger },
      );
    },

    queryAll: (dataSourceId, args, o) => queryAll((a) => client.dataSources.query(a, o), dataSourceId, args),

    metrics: () => {
      const waits = throttle.stats();
      return metrics.snapshot({ throttleWaitMs: waits.bucketWaitMs, retryAfterWaitMs: waits.pauseWaitMs });
    },
    settings: { baseUrl, rateLimit, burst, timeoutMs, retry: policy },
  };
  return client;
}

async function findByKey(
  client: NotionClient,
  args: KeyedPageCreate,
  logger: Logger,
): Promise<PageObjectResponse | undefined> {
  const filter =
    args.keyType === "title"
      ? { property: args.keyProperty, title: { equals: args.keyValue } }
      : { property: args.keyProperty, rich_text: { equals: args.keyValue } };
  const response = await client.dataSources.query(
    {
      data_source_id: args.dataSourceId,
      filter,
      sorts: [{ timestamp: "created_time", direction: "ascending" }],
      page_size: 100,
    },
    args.label ? { label: args.label } : undefined,
  );
  const matches = response.results.filter(
    (row): row is PageObjectResponse =>
      isFullPage(row) && keyText(row.properties[args.keyProperty], args.keyType) === args.keyValue,
  );
  if (matches.length > 1) {
    logger.warn(
      `${matches.length} pages share ${args.keyProperty} = "${args.keyValue}" (${matches.map((m) => m.id).join(", ")}); using the oldest.`,
    );
  }
  return matches[0];
}

function keyText(property: unknown, keyType: "title" | "rich_text"): string | undefined {
  if (!property || typeof property !== "object") return undefined;
  const items = (property as Record<string, unknown>)[keyType];
  return Array.isArray(items) ? joinRichText(items) : undefined;
}

function sdkLogger(logger: Logger): SdkLogger {
  return (level, message, extra) => {
    const detail = Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : "";
    // Failed requests are reported by the retry policy; only surface what it cannot see.
    if (message === "unknown parameters were ignored") logger.warn(`Notion SDK: ${message}${detail}`);
    else logger.debug(`Notion SDK ${level}: ${message}${detail}`);
  };
}

function parentTarget(parent: unknown): NotionTarget | undefined {
  if (!parent || typeof parent !== "object") return undefined;
  const p = parent as Record<string, unknown>;
  if (typeof p.data_source_id === "string") return dataSource(p.data_source_id);
  if (typeof p.database_id === "string") return { type: "database", id: p.database_id };
  if (typeof p.page_id === "string") return { type: "page", id: p.page_id };
  if (p.workspace === true) return { type: "workspace" };
  return undefined;
}

function viewParent(args: { data_source_id?: string; database_id?: string }): NotionTarget | undefined {
  if (typeof args.data_source_id === "string") return dataSource(args.data_source_id);
  if (typeof args.database_id === "string") return { type: "database", id: args.database_id };
  return undefined;
}

const dataSource = (id: string): NotionTarget => ({ type: "data source", id });
const view = (id: string): NotionTarget => ({ type: "view", id });

function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`NOTION_BASE_URL "${raw}" is not a URL.`);
  }
  const loopback =
    ["localhost", "127.0.0.1", "[::1]", "::1"].includes(url.hostname) || /^127\./.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new UsageError(
      `NOTION_BASE_URL "${raw}" is refused: it must use https (plain http is allowed only for localhost).`,
    );
  }
  return raw.replace(/\/+$/, "");
}

function positive(value: number, what: string): number {
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
    throw new UsageError(`The Notion client ${what} must be a number greater than 0, got ${String(value)}.`);
  }
  return value;
}

function nonNegativeInteger(value: number, what: string): number {
  if (!(Number.isInteger(value) && value >= 0)) {
    throw new UsageError(`The Notion client ${what} must be a whole number ≥ 0, got ${String(value)}.`);
  }
  return value;
}
