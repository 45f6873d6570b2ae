import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DataSourceError } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ninjaonePlugin } from "../src/plugin.js";
import { api, fixture, harness, nockToken, TOKEN_1, tokenBody, useNock } from "./support.js";

beforeAll(useNock);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

/** The rest of a short run (one org page, one device page, no tickets) after the organizations request. */
function restOfRun(scope: nock.Scope) {
  return scope
    .get("/v2/devices-detailed")
    .query({ pageSize: "50" })
    .reply(200, fixture("devices-page-1"))
    .get("/v2/queries/device-health")
    .query({ pageSize: "50" })
    .reply(200, fixture("device-health-page-1"))
    .get("/v2/alerts")
    .reply(200, fixture("alerts"))
    .get("/v2/backup/jobs")
    .query({ pageSize: "50" })
    .reply(200, fixture("backup-jobs-page-1"));
}

describe("retries", () => {
  it("waits the Retry-After of a 429 and then succeeds", async () => {
    nockToken(TOKEN_1);
    api(TOKEN_1)
      .get("/v2/organizations")
      .query({ pageSize: "50" })
      .reply(429, { error: "Too many requests" }, { "Retry-After": "7" })
      .get("/v2/organizations")
      .query({ pageSize: "50" })
      .reply(200, fixture("organizations-page-1"));
    restOfRun(api(TOKEN_1));
    const h = harness({ config: { pageSize: 50, openTickets: false } });
    const result = await ninjaonePlugin.collect(h.context);
    expect(h.sleeps).toEqual([7000]);
    expect(result.sites.map((s) => s.name)).toEqual(["Acme Corp", "Globex"]);
  });

  it("retries 5xx with growing backoff and then succeeds", async () => {
    nockToken(TOKEN_1);
    api(TOKEN_1)
      .get("/v2/organizations")
      .query({ pageSize: "50" })
      .reply(200, fixture("organizations-page-1"));
    api(TOKEN_1)
      .get("/v2/devices-detailed")
      .query({ pageSize: "50" })
      .reply(503, "<html><body>Service Unavailable</body></html>", { "content-type": "text/html" })
      .get("/v2/devices-detailed")
      .query({ pageSize: "50" })
      .reply(502, { errorMessage: "Bad gateway" });
    restOfRun(api(TOKEN_1));
    const h = harness({ config: { pageSize: 50, openTickets: false } });
    const result = await ninjaonePlugin.collect(h.context);
    expect(h.sleeps).toHaveLength(2);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(250);
    expect(h.sleeps[0]).toBeLessThanOrEqual(500);
    expect(h.sleeps[1]).toBeGreaterThanOrEqual(500);
    expect(h.sleeps[1]).toBeLessThanOrEqual(1000);
    expect(result.devices).toHaveLength(2);
  });

  it("gives up on organizations after the retry budget with a typed error", async () => {
    nockToken(TOKEN_1);
    api(TOKEN_1)
      .get("/v2/organizations")
      .query({ pageSize: "2" })
      .times(5)
      .reply(500, { errorMessage: "Internal error", incidentId: "inc-42" });
    const h = harness();
    const error = await ninjaonePlugin.collect(h.context).catch((e: unknown) => e);
    expect(DataSourceError.is(error)).toBe(true);
    expect((error as DataSourceError).traceId).toBe("inc-42");
    expect((error as Error).message).toMatch(
      /GET \/v2\/organizations returned 500 after 5 attempts .*Internal error \[trace id inc-42\]/,
    );
    expect(h.sleeps).toHaveLength(4);
  });

  it("retries a connection reset (real loopback server via NINJAONE_BASE_URL)", async () => {
    const { url, server, seen } = await loopbackNinja({ resetFirst: "/v2/organizations" });
    try {
      const h = harness({ config: { pageSize: 50, openTickets: false }, env: { NINJAONE_BASE_URL: url } });
      const result = await ninjaonePlugin.collect(h.context);
      expect(result.sites.map((s) => s.sourceId)).toEqual(["2", "3"]);
      expect(h.sleeps).toHaveLength(1);
      expect(seen.filter((path) => path.startsWith("/v2/organizations"))).toHaveLength(2);
      expect(seen[0]).toBe("POST /ws/oauth/token");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("reports the base URL host in a clear error when nothing answers", async () => {
    const { url, server } = await loopbackNinja({ resetFirst: undefined });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const h = harness({ env: { NINJAONE_BASE_URL: url } });
    const error = await ninjaonePlugin.collect(h.context).catch((e: unknown) => e);
    expect(DataSourceError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/POST \/ws\/oauth\/token failed: network error ECONNREFUSED/);
    expect(h.sleeps).toHaveLength(4); // refused connections are retried like resets
  });
});

/** A tiny NinjaOne on 127.0.0.1 answering from the fixtures; the first request to `resetFirst` is dropped. */
async function loopbackNinja(options: { resetFirst: string | undefined }) {
  const seen: string[] = [];
  let reset = false;
  const routes: Record<string, unknown> = {
    "/v2/organizations": fixture("organizations-page-1"),
    "/v2/devices-detailed": fixture("devices-page-1"),
    "/v2/queries/device-health": fixture("device-health-page-1"),
    "/v2/alerts": [],
    "/v2/backup/jobs": { cursor: null, results: [] },
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    seen.push(req.method === "POST" ? `POST ${path}` : path);
    if (options.resetFirst === path && !reset) {
      reset = true;
      req.socket.destroy();
      return;
    }
    res.setHeader("content-type", "application/json");
    if (req.method === "POST" && path === "/ws/oauth/token")
      return void res.end(JSON.stringify(tokenBody(TOKEN_1)));
    if (req.headers.authorization !== `Bearer ${TOKEN_1}`) {
      res.statusCode = 401;
      return void res.end("{}");
    }
    if (!(path in routes)) {
      res.statusCode = 404;
      return void res.end("{}");
    }
    res.end(JSON.stringify(routes[path]));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, seen };
}
