import { createHttpClient, DataSourceError } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTokenProvider } from "./token-provider.js";

const BASE = "https://eu.ninjarmm.com";
const FORM = {
  grant_type: "client_credentials",
  client_id: "client-id-1",
  client_secret: "client-secret-xyz",
  scope: "monitoring management",
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

function provider(startMs = Date.parse("2025-03-19T20:00:00Z")) {
  let nowMs = startMs;
  const seen: string[] = [];
  const tokens = createTokenProvider({
    http: createHttpClient({ source: "ninjaone", baseUrl: BASE, sleep: async () => {} }),
    clientId: FORM.client_id,
    clientSecret: FORM.client_secret,
    now: () => new Date(nowMs),
    onToken: (token) => seen.push(token),
  });
  return { tokens, seen, advance: (s: number) => (nowMs += s * 1000) };
}

const token = (access_token: string, expires_in?: number) =>
  nock(BASE)
    .post("/ws/oauth/token", FORM)
    .reply(200, {
      access_token,
      token_type: "Bearer",
      scope: "monitoring management",
      ...(expires_in ? { expires_in } : {}),
    });

describe("createTokenProvider", () => {
  it("caches the token until shortly before expires_in, then fetches a new one", async () => {
    token("t1", 3600);
    const { tokens, seen, advance } = provider();
    expect(await tokens.get()).toBe("t1");
    advance(3539);
    expect(await tokens.get()).toBe("t1");
    token("t2", 3600);
    advance(1); // 60 s before expiry
    expect(await tokens.get()).toBe("t2");
    expect(seen).toEqual(["t1", "t2"]);
  });

  it("reads a short expires_in from the response (renewing at half its life)", async () => {
    token("short", 30);
    const { tokens, advance } = provider();
    await tokens.get();
    advance(14);
    expect(await tokens.get()).toBe("short");
    token("next", 30);
    advance(1);
    expect(await tokens.get()).toBe("next");
  });

  it("assumes a short lifetime when expires_in is missing", async () => {
    token("t1");
    const { tokens, advance } = provider();
    await tokens.get();
    advance(239);
    expect(await tokens.get()).toBe("t1");
    token("t2");
    advance(1);
    expect(await tokens.get()).toBe("t2");
  });

  it("fetches once for concurrent callers and again after invalidate()", async () => {
    token("t1", 3600);
    const { tokens } = provider();
    expect(await Promise.all([tokens.get(), tokens.get(), tokens.get()])).toEqual(["t1", "t1", "t1"]);
    expect(tokens.current()).toBe("t1");
    tokens.invalidate();
    expect(tokens.current()).toBeUndefined();
    token("t2", 3600);
    expect(await tokens.get()).toBe("t2");
  });

  it("explains invalid_client, invalid_scope and unauthorized_client", async () => {
    const cases: [number, Record<string, string>, RegExp][] = [
      [
        401,
        { error: "invalid_client" },
        /NinjaOne rejected the client credentials: check NINJAONE_CLIENT_ID\/NINJAONE_CLIENT_SECRET/,
      ],
      [
        400,
        { error: "invalid_client", error_description: "Bad client" },
        /API Services \(machine-to-machine\) app with the Client Credentials grant/,
      ],
      [400, { error: "invalid_scope" }, /refused the scope "monitoring management"/],
      [400, { error: "unauthorized_client" }, /enable Client Credentials/],
      [401, {}, /NinjaOne rejected the client credentials/],
    ];
    for (const [status, body, expected] of cases) {
      nock(BASE).post("/ws/oauth/token").reply(status, body);
      const error = await provider()
        .tokens.get()
        .catch((e: unknown) => e);
      expect(DataSourceError.is(error)).toBe(true);
      expect((error as DataSourceError).message).toMatch(expected);
      expect((error as DataSourceError).status).toBe(status);
    }
  });

  it("rejects a token response without access_token", async () => {
    nock(BASE).post("/ws/oauth/token").reply(200, { token_type: "Bearer" });
    await expect(provider().tokens.get()).rejects.toThrow(/answered without an access_token/);
  });

  it("passes other failures through (e.g. 500 after retries)", async () => {
    nock(BASE).post("/ws/oauth/token").times(5).reply(500, { error: "server_error" });
    const error = await provider()
      .tokens.get()
      .catch((e: unknown) => e);
    expect((error as DataSourceError).status).toBe(500);
    expect((error as Error).message).toMatch(/POST \/ws\/oauth\/token returned 500 after 5 attempts/);
  });
});
