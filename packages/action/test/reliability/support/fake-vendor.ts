import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";

/**
 * A vendor API stand-in: a router from a request to the vendor's published response shape,
 * served either on a real loopback socket (for child processes, and for resets that are real TCP
 * resets) or through nock (in-process `fetch`, for hosts the plugins cannot be pointed elsewhere).
 * Faults are applied in front of the router, the same way for both transports.
 */
export interface VendorRequest {
  method: string;
  pathname: string;
  query: URLSearchParams;
  headers: Headers;
  /** Parsed JSON, a URLSearchParams for form bodies, or undefined. */
  body: unknown;
}

export interface VendorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string. */
  body?: unknown;
}

export type VendorRouter = (request: VendorRequest) => VendorResponse;

export type VendorFaultKind =
  | "rate_limited"
  | "internal_server_error"
  | "bad_gateway_html"
  | "service_unavailable"
  | "gateway_timeout"
  | "connection_reset";

/** Fail the next `times` requests whose path starts with `path` (and whose method matches). */
export interface VendorFault {
  kind: VendorFaultKind;
  path: string;
  method?: string;
  times: number;
  retryAfterSeconds?: number;
}

export interface FakeVendor {
  /** Every request that reached the stand-in, with what it got ("reset" for a dropped connection). */
  readonly log: { method: string; path: string; outcome: number | "reset" }[];
  /** Faults still to be served. */
  pendingFaults(): VendorFault[];
  handle(request: VendorRequest): VendorResponse | "reset";
}

export function fakeVendor(router: VendorRouter, faults: readonly VendorFault[] = []): FakeVendor {
  const queue = faults.map((f) => ({ ...f }));
  const log: FakeVendor["log"] = [];
  return {
    log,
    pendingFaults: () => queue.filter((f) => f.times > 0),
    handle(request) {
      const fault = queue.find(
        (f) =>
          f.times > 0 &&
          request.pathname.startsWith(f.path) &&
          (f.method === undefined || f.method === request.method),
      );
      let outcome: VendorResponse | "reset";
      if (fault) {
        fault.times -= 1;
        outcome = faultResponse(fault);
      } else {
        outcome = router(request);
      }
      log.push({
        method: request.method,
        path: `${request.pathname}${request.query.size > 0 ? `?${request.query}` : ""}`,
        outcome: outcome === "reset" ? "reset" : outcome.status,
      });
      return outcome;
    },
  };
}

function faultResponse(fault: VendorFault): VendorResponse | "reset" {
  switch (fault.kind) {
    case "connection_reset":
      return "reset";
    case "rate_limited":
      return {
        status: 429,
        headers: { "retry-after": String(fault.retryAfterSeconds ?? 1) },
        body: { code: "rate_limited", message: "Too Many Requests" },
      };
    case "internal_server_error":
      return { status: 500, body: { code: "internal_error", message: "Internal Server Error" } };
    case "bad_gateway_html":
      return {
        status: 502,
        headers: { "content-type": "text/html" },
        body: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>",
      };
    case "service_unavailable":
      return { status: 503, body: { code: "service_unavailable", message: "Service Unavailable" } };
    case "gateway_timeout":
      return { status: 504, body: { code: "gateway_timeout", message: "Gateway Timeout" } };
  }
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): VendorResponse => ({
  status,
  headers,
  body,
});

function encode(response: VendorResponse): { body: string; headers: Record<string, string> } {
  const isText = typeof response.body === "string";
  return {
    body:
      response.body === undefined ? "" : isText ? (response.body as string) : JSON.stringify(response.body),
    headers: { "content-type": isText ? "text/plain" : "application/json", ...response.headers },
  };
}

function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (contentType?.includes("application/x-www-form-urlencoded")) return new URLSearchParams(text);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Serves a fake vendor on 127.0.0.1 (a free port); resets destroy the socket. */
export async function serveOnLoopback(vendor: FakeVendor): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      const outcome = vendor.handle({
        method: req.method ?? "GET",
        pathname: url.pathname,
        query: url.searchParams,
        headers,
        body: parseBody(Buffer.concat(chunks).toString("utf8"), headers.get("content-type")),
      });
      if (outcome === "reset") {
        req.socket.destroy();
        return;
      }
      const { body, headers: responseHeaders } = encode(outcome);
      res.writeHead(outcome.status, responseHeaders);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Serves a fake vendor at `origin` through nock (this process's fetch only); resets fail the fetch. */
export function serveThroughNock(origin: string, vendor: FakeVendor): void {
  const reply = async (request: Request) => {
    const url = new URL(request.url);
    const outcome = vendor.handle({
      method: request.method,
      pathname: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: parseBody(await request.text(), request.headers.get("content-type")),
    });
    if (outcome === "reset") throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const { body, headers } = encode(outcome);
    return [outcome.status, body, headers] as const;
  };
  const scope = nock(origin).persist();
  scope
    .get(() => true)
    .query(true)
    .reply(reply);
  scope
    .post(() => true)
    .query(true)
    .reply(reply);
}
