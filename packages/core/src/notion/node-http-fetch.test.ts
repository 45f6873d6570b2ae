import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeHttpFetch, nodeHttpFetch } from "./node-http-fetch.js";
import { createTransport, NotionTransportError } from "./transport.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handler(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const signal = () => new AbortController().signal;

describe("nodeHttpFetch", () => {
  it("sends method, headers and body, and reads status, headers and text", async () => {
    const url = await serve((req, res, body) => {
      res.setHeader("content-type", "application/json");
      res.setHeader("x-echo-length", req.headers["content-length"] ?? "none");
      res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }));
    });
    const body = JSON.stringify({ name: "Café ☕" });
    const response = await nodeHttpFetch(`${url}/v1/pages`, {
      method: "POST",
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      body,
      signal: signal(),
    });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-echo-length")).toBe(String(Buffer.byteLength(body)));
    expect(JSON.parse(await response.text())).toEqual({ method: "POST", auth: "Bearer t", body });
  });

  it("keeps multi-byte characters split across chunks intact", async () => {
    const text = JSON.stringify({ name: "€".repeat(50_000) });
    const bytes = Buffer.from(text);
    const url = await serve((_req, res) => {
      // Every write ends in the middle of a three-byte "€".
      for (let at = 0; at < bytes.length; at += 1_000) res.write(bytes.subarray(at, at + 1_000));
      res.end();
    });
    const response = await nodeHttpFetch(url, { signal: signal() });
    expect(await response.text()).toBe(text);
  });

  it("reports non-2xx responses with their Retry-After", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(429, { "retry-after": "7", "content-type": "application/json" });
      res.end(JSON.stringify({ object: "error", code: "rate_limited" }));
    });
    const response = await nodeHttpFetch(url, { signal: signal() });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
  });

  it("rejects with the socket's error code when the connection drops before a response", async () => {
    const url = await serve((req) => req.socket.destroy());
    const error = await nodeHttpFetch(url, { signal: signal() }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe("ECONNRESET");
  });

  it("rejects text() when the connection drops in the middle of the body", async () => {
    const url = await serve((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"results": [');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const response = await nodeHttpFetch(url, { signal: signal() });
    const error = await response.text().catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe("ECONNRESET");
  });

  it("is the transport's default: a stalled response becomes a timeout, a reset a network failure", async () => {
    let calls = 0;
    const url = await serve((req, res) => {
      calls++;
      if (calls === 1) return; // never answers
      if (calls === 2) return req.socket.destroy();
      res.setHeader("content-type", "application/json");
      res.end("{}");
    });
    const transport = createTransport(undefined, 100);
    const timeout = await transport(url).catch((e: unknown) => e);
    expect(NotionTransportError.is(timeout) && timeout.kind).toBe("timeout");
    const reset = await transport(url).catch((e: unknown) => e);
    expect(NotionTransportError.is(reset) && [reset.kind, reset.maybeApplied]).toEqual(["network", true]);
    const ok = await transport(url);
    expect(await ok.text()).toBe("{}");
    expect(calls).toBe(3);
  });

  it("knows a refused connection was never sent", async () => {
    const url = await serve(() => {});
    const closed = url;
    server!.close();
    server = undefined;
    const error = await createTransport(undefined, 1_000)(closed).catch((e: unknown) => e);
    expect(NotionTransportError.is(error) && [error.kind, error.maybeApplied, error.errorCode]).toEqual([
      "network",
      false,
      "ECONNREFUSED",
    ]);
  });

  it("goes through HTTP_PROXY when NODE_USE_ENV_PROXY is set, and straight to the server otherwise", async () => {
    const seen: string[] = [];
    // A forward proxy for plain HTTP receives the absolute URL and answers for the target.
    const proxy = await serve((req, res) => {
      seen.push(req.url ?? "");
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ via: "proxy" }));
    });
    const target = "http://api.notion.test/v1/users/me";
    const proxied = createNodeHttpFetch({ NODE_USE_ENV_PROXY: "1", HTTP_PROXY: proxy });
    expect(JSON.parse(await (await proxied(target, { signal: signal() })).text())).toEqual({ via: "proxy" });
    expect(seen).toEqual([target]);

    const direct = createNodeHttpFetch({ HTTP_PROXY: proxy });
    const response = await direct(`${proxy}/direct`, { signal: signal() });
    await response.text();
    expect(seen).toEqual([target, "/direct"]);
  });
});
