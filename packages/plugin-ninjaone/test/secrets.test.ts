import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ninjaonePlugin } from "../src/plugin.js";
import {
  api,
  BASE,
  CLIENT_SECRET,
  everythingShown,
  fixture,
  harness,
  nockToken,
  TOKEN_1,
  useNock,
} from "./support.js";

beforeAll(useNock);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

const ENCODED_SECRET = encodeURIComponent(CLIENT_SECRET);

function expectClean(shown: string) {
  expect(shown).not.toContain(CLIENT_SECRET);
  expect(shown).not.toContain(ENCODED_SECRET);
  expect(shown).not.toContain(TOKEN_1);
  expect(shown).toContain("***"); // the vendor did echo something, and it was masked
}

describe("the client secret and access token never appear in errors or logs", () => {
  it("token endpoint 401 echoing the secret: thrown message and check() messages are clean", async () => {
    const body = { error: "invalid_client", error_description: `unknown client secret ${CLIENT_SECRET}` };
    nock(BASE).post("/ws/oauth/token").reply(401, body);
    const h = harness();
    const error = await ninjaonePlugin.collect(h.context).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/NinjaOne rejected the client credentials/);
    nock(BASE).post("/ws/oauth/token").reply(401, body);
    const checked = await ninjaonePlugin.check(h.context);
    expect(checked.ok).toBe(false);
    expectClean(everythingShown(h, [error, checked]));
  });

  it("token endpoint 400 echoing the form-encoded body, retried 5xx echoing it too", async () => {
    nock(BASE)
      .post("/ws/oauth/token")
      .times(5)
      .reply(503, `upstream failed for body grant_type=client_credentials&client_secret=${ENCODED_SECRET}`);
    const h = harness();
    const error = await ninjaonePlugin.collect(h.context).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/POST \/ws\/oauth\/token returned 503 after 5 attempts/);
    expectClean(everythingShown(h, [error]));

    nock(BASE)
      .post("/ws/oauth/token")
      .reply(400, {
        error: "invalid_request",
        error_description: `malformed client_secret '${CLIENT_SECRET}'`,
      });
    const second = await ninjaonePlugin.collect(h.context).catch((e: unknown) => e);
    expect((second as Error).message).toMatch(/returned 400/);
    expectClean(everythingShown(h, [second]));
  });

  it("API failures echoing the secret and the bearer token: thrown errors, record errors and log lines are clean", async () => {
    nockToken(TOKEN_1);
    const echo = { errorMessage: `request with token ${TOKEN_1} for client secret ${CLIENT_SECRET} failed` };
    api(TOKEN_1)
      .get("/v2/organizations")
      .query({ pageSize: "50" })
      .reply(200, fixture("organizations-page-1"))
      .get("/v2/devices-detailed")
      .query({ pageSize: "50" })
      .reply(200, fixture("devices-page-1"))
      .get("/v2/queries/device-health")
      .query({ pageSize: "50" })
      .reply(400, echo)
      .get("/v2/alerts")
      .times(5)
      .reply(500, echo)
      .get("/v2/backup/jobs")
      .query({ pageSize: "50" })
      .reply(200, { cursor: null, results: [] })
      .get("/v2/ticketing/trigger/boards")
      .reply(403, echo);
    const h = harness({ config: { pageSize: 50 } });
    const result = await ninjaonePlugin.collect(h.context);
    expect(result.errors.map((e) => e.entity)).toEqual(["device", "alert"]);
    expect(result.notes).toEqual([expect.stringMatching(/^ticketing not available/)]);
    expectClean(everythingShown(h, [result]));

    nockToken(TOKEN_1);
    api(TOKEN_1).get("/v2/organizations").query({ pageSize: "2" }).reply(400, echo);
    const h2 = harness();
    const error = await ninjaonePlugin.collect(h2.context).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/GET \/v2\/organizations returned 400/);
    expectClean(everythingShown(h2, [error]));
  });

  it("the credentials spec marks the secret for masking", () => {
    expect(ninjaonePlugin.credentials.secret).toEqual(["NINJAONE_CLIENT_SECRET"]);
    expect(ninjaonePlugin.credentials.required).toEqual(["NINJAONE_CLIENT_ID", "NINJAONE_CLIENT_SECRET"]);
  });
});
