import type { IncomingMessage, ServerResponse } from "node:http";
import {
  invalidJson,
  invalidRequestUrl,
  missingVersion,
  NotionApiError,
  unauthorized,
  validationError,
} from "./api-error.js";
import type { Now } from "./clock.js";
import {
  badGatewayHtmlResponse,
  conflictResponse,
  errorBody,
  gatewayTimeoutResponse,
  internalServerErrorResponse,
  type RawResponse,
  rateLimitedResponse,
  serviceOverloadResponse,
  serviceUnavailableResponse,
} from "./fault-responses.js";
import type { FaultDecision, FaultInjector } from "./faults.js";
import type { IdGenerator } from "./id-generator.js";
import type { RateLimiter } from "./rate-limiter.js";
import { endpointName, matchRoute, type Route } from "./router.js";
import type { RuntimeSettings } from "./settings.js";
import type { RequestLogEntry, StatsRecorder } from "./stats.js";
import type { Store } from "./store.js";
import { isObject } from "./validation/json.js";

export const NOTION_VERSION = "2025-09-03";
/** Notion refuses request bodies over 500 KB. */
export const MAX_BODY_BYTES = 500 * 1024;
/** Bodies are buffered up to this size; the rest is drained and dropped. */
const READ_CAP_BYTES = 8 * 1024 * 1024;

export interface ServerDeps {
  store: Store;
  routes: readonly Route[];
  settings: RuntimeSettings;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats: StatsRecorder;
  auth: { token: string; anyToken: boolean };
  now: Now;
  requestIds: IdGenerator;
  /** Delays responses; timers are tracked so `stop()` can cancel them. */
  schedule: (ms: number, fn: () => void) => void;
  /** Called with unexpected handler exceptions (emulator bugs), answered as 500. */
  onInternalError: (error: unknown, entry: RequestLogEntry) => void;
}

async function readBody(req: IncomingMessage): Promise<{ bytes: Buffer; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= READ_CAP_BYTES) chunks.push(buf);
  }
  return { bytes: Buffer.concat(chunks), size };
}

function writeRaw(res: ServerResponse, response: RawResponse): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(response.body) });
  res.end(response.body);
}

function jsonResponse(status: number, body: unknown, requestId: string): RawResponse {
  const payload =
    isObject(body) && body.object !== undefined && status === 200 ? { ...body, request_id: requestId } : body;
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "x-notion-request-id": requestId },
    body: JSON.stringify(payload),
  };
}

function apiErrorResponse(error: NotionApiError, requestId: string): RawResponse {
  return {
    status: error.status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-notion-request-id": requestId,
      ...error.headers,
    },
    body: errorBody(error.status, error.code, error.message, requestId, error.additionalData),
  };
}

function checkHeaders(req: IncomingMessage, auth: ServerDeps["auth"]): void {
  const header = req.headers.authorization;
  const match = typeof header === "string" ? header.match(/^Bearer\s+(\S.*)$/i) : null;
  const token = match?.[1]?.trim();
  if (!token || (!auth.anyToken && token !== auth.token)) throw unauthorized();
  const version = req.headers["notion-version"];
  if (version === undefined || version === "") throw missingVersion();
  if (version !== NOTION_VERSION) {
    throw validationError(
      `Notion-Version header failed validation: notion-emulator implements \`${NOTION_VERSION}\` only, instead was \`${String(version)}\`.`,
    );
  }
}

function faultResponse(
  fault: FaultDecision,
  requestId: string,
  rayId: string,
  isQuery: boolean,
): RawResponse | undefined {
  switch (fault.kind) {
    case "rate_limited":
      return rateLimitedResponse(requestId, fault.retryAfterSeconds);
    case "service_overload":
      return serviceOverloadResponse(requestId, fault.retryAfterSeconds);
    case "internal_server_error":
      return internalServerErrorResponse(requestId);
    case "service_unavailable":
      return serviceUnavailableResponse(requestId, isQuery);
    case "gateway_timeout":
      return gatewayTimeoutResponse(requestId);
    case "conflict_error":
      return conflictResponse(requestId);
    case "bad_gateway_html":
      return badGatewayHtmlResponse(rayId);
    default:
      return undefined;
  }
}

const INVALID_JSON = Symbol("invalid JSON");

function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return INVALID_JSON;
  }
}

/**
 * The request pipeline: auth and Notion-Version, the token bucket, fault injection, body checks,
 * the route handler, then any delayed or ambiguous ending. Every request lands in the log.
 */
export function createRequestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req, res);
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrival = deps.now();
  const seq = deps.stats.arrive(arrival);
  const requestId = deps.requestIds.uuid();
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const method = (req.method ?? "GET").toUpperCase();
  const match = matchRoute(deps.routes, method, url.pathname);
  const entry: RequestLogEntry = {
    seq,
    time: arrival,
    method,
    path: url.pathname,
    endpoint: match ? endpointName(match.route) : `${method} ${url.pathname}`,
    status: 0,
    requestId,
  };
  const finish = (response: RawResponse | "reset"): void => {
    if (response === "reset") {
      entry.status = 0;
      req.socket.destroy();
    } else {
      entry.status = response.status;
      writeRaw(res, response);
    }
    deps.stats.finish(entry);
  };
  /** Recorded now (the outcome is decided), written after the delay. */
  const finishLater = (response: RawResponse, delayMs: number): void => {
    entry.status = response.status;
    entry.delayMs = delayMs;
    deps.stats.finish(entry);
    deps.schedule(delayMs, () => writeRaw(res, response));
  };

  let body: { bytes: Buffer; size: number };
  try {
    body = await readBody(req);
  } catch {
    entry.status = 0;
    deps.stats.finish(entry);
    return;
  }
  const parsed = parseJsonBody(body.bytes);
  if (method !== "GET" && parsed !== undefined)
    entry.body = parsed === INVALID_JSON ? body.bytes.toString("utf8", 0, 2000) : parsed;

  try {
    checkHeaders(req, deps.auth);
    const rate = deps.limiter.take();
    if (!rate.allowed) {
      entry.rateLimited = true;
      finish(rateLimitedResponse(requestId, rate.retryAfterSeconds));
      return;
    }
    const fault = deps.faults.decide({
      method,
      path: url.pathname,
      pattern: match?.route.pattern,
      creates: match?.route.creates === true,
    });
    if (fault && fault.kind !== "slow" && fault.kind !== "ambiguous_create") {
      entry.fault = fault.kind;
      if (fault.kind === "connection_reset") finish("reset");
      else {
        const rayId = `${requestId.replaceAll("-", "").slice(0, 16)}-IAD`;
        finish(faultResponse(fault, requestId, rayId, url.pathname.endsWith("/query")) as RawResponse);
      }
      return;
    }
    if (!match) throw invalidRequestUrl();
    if (body.size > MAX_BODY_BYTES) {
      throw validationError(
        `Request body too large: the body is ${body.size} bytes, over the ${MAX_BODY_BYTES} byte (500 KB) limit.`,
      );
    }
    if (parsed === INVALID_JSON) throw invalidJson();
    if (parsed !== undefined && !isObject(parsed))
      throw validationError("body failed validation: body should be an object.");
    const writes = match.route.method !== "GET" && match.route.readOnly !== true;
    if (writes) deps.store.changed();
    let result: unknown;
    try {
      result = match.route.handler({
        store: deps.store,
        settings: deps.settings,
        params: match.params,
        query: url.searchParams,
        body: (parsed as Record<string, unknown> | undefined) ?? {},
      });
    } finally {
      if (writes) deps.store.changed();
    }
    const ok = jsonResponse(200, result, requestId);
    if (fault?.kind === "slow") {
      entry.fault = "slow";
      finishLater(ok, fault.delayMs);
      return;
    }
    if (fault?.kind === "ambiguous_create") {
      entry.fault = "ambiguous_create";
      entry.storedDespiteFailure = true;
      switch (fault.outcome) {
        case "connection_reset":
          finish("reset");
          return;
        case "timeout":
          finishLater(ok, fault.delayMs);
          return;
        case "bad_gateway_html":
          finish(badGatewayHtmlResponse(`${requestId.replaceAll("-", "").slice(0, 16)}-IAD`));
          return;
        case "gateway_timeout":
          finish(gatewayTimeoutResponse(requestId));
          return;
        default:
          finish(internalServerErrorResponse(requestId));
          return;
      }
    }
    finish(ok);
  } catch (error) {
    if (NotionApiError.is(error)) {
      finish(apiErrorResponse(error, requestId));
      return;
    }
    deps.onInternalError(error, entry);
    finish(internalServerErrorResponse(requestId));
  }
}
