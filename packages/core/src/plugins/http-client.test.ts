import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DataSourceError } from "../errors.js";
import { createHttpClient, parseRetryAfter } from "./http-client.js";

const BASE = "https://vendor.test/api";
const KEY = "sk_live_very_secret_key_123";

function client(overrides: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  const sleeps: number[] = [];
  const http = createHttpClient({
    source: "vendor",
    baseUrl: BASE,
    headers: () => ({ "x-api-key": KEY }),
    secrets: () => [KEY],
    traceId: ({ body }) => (body as { traceId?: string } | undefined)?.traceId,
    errorMessage: (body) => (body as { message?: string } | undefined)?.message,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...overrides,
  });
  return { http, sleeps };
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});

/** A real loopback server whose first `misbehave` requests are reset or stalled. */
async function flakyServer(
  misbehave: number,
  how: "reset" | "stall",
): Promise<{ url: string; server: Server }> {
  let seen = 0;
  const server = createServer((req, res) => {
    seen++;
    if (seen <= misbehave) {
      if (how === "reset") req.socket.destroy();
      else setTimeout(() => res.end("{}"), 2_000).unref();
      return;
    }
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ attempt: seen }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api`, server };
}
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe("createHttpClient", () => {
  it("sends auth headers and query arrays, keeping the base path", async () => {
    nock(BASE, { reqheaders: { "x-api-key": KEY } })
      .get("/v1/devices")
      .query({ "hostIds[]": ["a", "b"], pageSize: "2" })
      .reply(200, { data: [1] });
    const { http } = client();
    const res = await http.request<{ data: number[] }>({
      path: "/v1/devices",
      query: { "hostIds[]": ["a", "b"], pageSize: 2 },
    });
    expect(res.data).toEqual({ data: [1] });
  });

  it("waits Retry-After on 429 and then succeeds", async () => {
    nock(BASE).get("/x").reply(429, { message: "slow down" }, { "Retry-After": "7" });
    nock(BASE).get("/x").reply(200, { ok: true });
    const { http, sleeps } = client();
    await expect(http.request({ path: "/x" })).resolves.toMatchObject({ status: 200 });
    expect(sleeps).toEqual([7000]);
  });

  it("retries 5xx and HTML 502s with growing jittered backoff", async () => {
    nock(BASE).get("/x").reply(500, "oops");
    nock(BASE).get("/x").reply(502, "<html><body>Bad gateway</body></html>", { "content-type": "text/html" });
    nock(BASE).get("/x").reply(200, {});
    const { http, sleeps } = client();
    await http.request({ path: "/x" });
    expect(sleeps).toEqual([375, 750]);
  });

  it("retries dropped connections", async () => {
    const { url, server } = await flakyServer(2, "reset");
    try {
      const { http, sleeps } = client({ baseUrl: url });
      const res = await http.request<{ attempt: number }>({ path: "/x" });
      expect(res.data.attempt).toBe(3);
      expect(sleeps).toHaveLength(2);
    } finally {
      server.close();
    }
  });

  it("times out a stalled response and retries it", async () => {
    const { url, server } = await flakyServer(1, "stall");
    try {
      const { http } = client({ baseUrl: url, timeoutMs: 100 });
      const res = await http.request<{ attempt: number }>({ path: "/x" });
      expect(res.data.attempt).toBe(2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("gives up after the retry budget with a typed error naming attempts and trace id", async () => {
    nock(BASE).get("/x").times(3).reply(503, { message: "maintenance", traceId: "tr-9" });
    const { http } = client({ maxRetries: 2 });
    const error = await http.request({ path: "/x" }).catch((e) => e);
    expect(DataSourceError.is(error)).toBe(true);
    expect(error.status).toBe(503);
    expect(error.traceId).toBe("tr-9");
    expect(error.message).toMatch(
      /vendor: GET \/api\/x returned 503 after 3 attempts .*maintenance \[trace id tr-9\]/,
    );
  });

  it("does not retry 400/401 and never leaks the credential", async () => {
    nock(BASE)
      .get("/x")
      .reply(401, { code: "UNAUTHORIZED", message: `key ${KEY} rejected`, traceId: "t1" });
    const { http, sleeps } = client();
    const error = await http.request({ path: "/x" }).catch((e) => e);
    expect(sleeps).toEqual([]);
    expect(error.status).toBe(401);
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain("key *** rejected");
  });

  it("lets the caller refresh auth once on 401", async () => {
    let token = "old";
    nock(BASE, { reqheaders: { authorization: "Bearer old" } })
      .get("/x")
      .reply(401, {});
    nock(BASE, { reqheaders: { authorization: "Bearer new" } })
      .get("/x")
      .reply(200, { ok: 1 });
    const { http } = client({
      headers: () => ({ authorization: `Bearer ${token}` }),
      onUnauthorized: async () => {
        token = "new";
        return true;
      },
    });
    await expect(http.request({ path: "/x" })).resolves.toMatchObject({ data: { ok: 1 } });
  });

  it("posts forms", async () => {
    nock(BASE)
      .post("/token", "grant_type=client_credentials&scope=monitoring+management")
      .reply(200, { access_token: "a" });
    const { http } = client();
    const res = await http.request({
      method: "POST",
      path: "/token",
      form: { grant_type: "client_credentials", scope: "monitoring management" },
      anonymous: true,
    });
    expect(res.data).toEqual({ access_token: "a" });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds, fractions and HTTP dates", () => {
    expect(parseRetryAfter("7")).toBe(7000);
    expect(parseRetryAfter("5.372786998")).toBe(5373);
    expect(
      parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")),
    ).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
