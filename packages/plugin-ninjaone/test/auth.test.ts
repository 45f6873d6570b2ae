import { DataSourceError, UsageError } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ninjaonePlugin } from "../src/plugin.js";
import {
  api,
  BASE,
  fixture,
  harness,
  nockCompleteRun,
  nockToken,
  TOKEN_1,
  TOKEN_2,
  TOKEN_FORM,
  useNock,
} from "./support.js";

beforeAll(useNock);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

const CREDENTIALS_MESSAGE =
  "NinjaOne rejected the client credentials: check NINJAONE_CLIENT_ID/NINJAONE_CLIENT_SECRET and that the app is an API Services (machine-to-machine) app with the Client Credentials grant";

describe("NinjaOne OAuth2 client credentials", () => {
  it("posts exactly the client-credentials form with scope 'monitoring management' and uses the bearer token", async () => {
    nockToken(TOKEN_1); // matches the form exactly: no offline_access, nothing extra
    nockCompleteRun(TOKEN_1); // every API interceptor requires "Authorization: Bearer <TOKEN_1>"
    const result = await ninjaonePlugin.collect(harness().context);
    expect(result.sites).toHaveLength(4);
    expect(TOKEN_FORM.scope).toBe("monitoring management");
  });

  it("refreshes the token once when the API answers 401 mid-run, then goes on with the new one", async () => {
    nockToken(TOKEN_1, 3600);
    api(TOKEN_1)
      .get("/v2/organizations")
      .query({ pageSize: "50" })
      .reply(200, fixture("organizations-page-1"));
    api(TOKEN_1).get("/v2/devices-detailed").query({ pageSize: "50" }).reply(401, { error: "invalid_token" });
    nockToken(TOKEN_2, 3600);
    smallRunRest(api(TOKEN_2)); // the retried devices request and everything after use the new token
    const h = harness({ config: { pageSize: 50, openTickets: false } });
    const result = await ninjaonePlugin.collect(h.context);
    expect(result.devices.map((d) => d.key)).toEqual(["ninjaone:5", "ninjaone:7"]);
    expect(result.errors).toEqual([]);
    expect(h.sleeps).toEqual([]);
  });

  it("fetches a new token before a request once expires_in has elapsed on the injected clock", async () => {
    const h = harness({ config: { pageSize: 50, openTickets: false } });
    nockToken(TOKEN_1, 3600);
    api(TOKEN_1)
      .get("/v2/organizations")
      .query({ pageSize: "50" })
      .reply(() => {
        h.clock.advance(3600 * 1000); // the hour passes while this page is read
        return [200, fixture("organizations-page-1")];
      });
    nockToken(TOKEN_2, 3600);
    smallRunRest(api(TOKEN_2));
    const result = await ninjaonePlugin.collect(h.context);
    expect(result.sites).toHaveLength(2);
    // no 401 was needed: the old token was never sent after it expired
    expect(h.sink.lines.some((line) => line.message.includes("401"))).toBe(false);
  });

  it("refreshes only once: a second 401 after a new token is an error, not a loop", async () => {
    nockToken(TOKEN_1);
    api(TOKEN_1).get("/v2/organizations").query({ pageSize: "2" }).reply(401, { error: "invalid_token" });
    nockToken(TOKEN_2);
    api(TOKEN_2).get("/v2/organizations").query({ pageSize: "2" }).reply(401, { error: "invalid_token" });
    const error = await ninjaonePlugin.collect(harness().context).catch((e: unknown) => e);
    expect(DataSourceError.is(error)).toBe(true);
    expect((error as DataSourceError).status).toBe(401);
    expect((error as Error).message).toMatch(/GET \/v2\/organizations returned 401/);
  });

  it("fails collect with a clear message when the token endpoint rejects the client (401 invalid_client)", async () => {
    nock(BASE)
      .post("/ws/oauth/token", TOKEN_FORM)
      .reply(401, { error: "invalid_client", error_description: "Bad client credentials" });
    const h = harness();
    const error = await ninjaonePlugin.collect(h.context).catch((e: unknown) => e);
    expect(DataSourceError.is(error)).toBe(true);
    expect((error as Error).message).toContain(CREDENTIALS_MESSAGE);
    expect((error as Error).message).toContain("https://eu.ninjarmm.com");
    expect(h.sleeps).toEqual([]); // a 401 is not retried
  });

  it("check() reports the same message and ok: false (400 invalid_client)", async () => {
    nock(BASE).post("/ws/oauth/token").reply(400, { error: "invalid_client" });
    const result = await ninjaonePlugin.check(harness().context);
    expect(result.ok).toBe(false);
    expect(result.messages).toEqual([expect.stringContaining(CREDENTIALS_MESSAGE)]);
  });

  it("refuses to start without credentials, naming the variables", async () => {
    const h = harness({ env: { NINJAONE_CLIENT_ID: undefined, NINJAONE_CLIENT_SECRET: " " } });
    const error = await ninjaonePlugin.collect(h.context).catch((e: unknown) => e);
    expect(UsageError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/NINJAONE_CLIENT_ID and NINJAONE_CLIENT_SECRET are not set/);
    const checked = await ninjaonePlugin.check(h.context);
    expect(checked).toEqual({
      ok: false,
      messages: [expect.stringMatching(/NINJAONE_CLIENT_ID and NINJAONE_CLIENT_SECRET/)],
    });
  });
});

function smallRunRest(scope: nock.Scope) {
  scope
    .get("/v2/devices-detailed")
    .query({ pageSize: "50" })
    .reply(200, fixture("devices-page-1"))
    .get("/v2/queries/device-health")
    .query({ pageSize: "50" })
    .reply(200, fixture("device-health-page-1"))
    .get("/v2/alerts")
    .reply(200, [])
    .get("/v2/backup/jobs")
    .query({ pageSize: "50" })
    .reply(200, { cursor: null, results: [] });
}
