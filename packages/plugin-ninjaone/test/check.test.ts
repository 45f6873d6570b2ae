import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ninjaonePlugin } from "../src/plugin.js";
import { api, fixture, harness, nockToken, TOKEN_1, useNock } from "./support.js";

beforeAll(useNock);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe("check()", () => {
  it("reports the token, API reachability and ticketing", async () => {
    nockToken(TOKEN_1);
    api(TOKEN_1)
      .get("/v2/organizations")
      .query({ pageSize: "1" })
      .reply(200, [fixture<unknown[]>("organizations-page-1")[0]])
      .get("/v2/ticketing/trigger/boards")
      .reply(200, fixture("ticket-boards"));
    expect(await ninjaonePlugin.check(harness().context)).toEqual({
      ok: true,
      messages: [
        'OAuth2 client credentials accepted by https://eu.ninjarmm.com (scope "monitoring management")',
        "API reachable: GET /v2/organizations answered",
        "ticketing available (3 ticket board(s))",
      ],
    });
  });

  it("passes with a note when ticketing is not available", async () => {
    nockToken(TOKEN_1);
    api(TOKEN_1)
      .get("/v2/organizations")
      .query({ pageSize: "1" })
      .reply(200, [])
      .get("/v2/ticketing/trigger/boards")
      .reply(403, {});
    const result = await ninjaonePlugin.check(harness().context);
    expect(result.ok).toBe(true);
    expect(result.messages.slice(1)).toEqual([
      "API reachable: GET /v2/organizations answered (no organizations visible)",
      "ticketing not available to this API app (HTTP 403): open tickets will not be counted",
    ]);
  });

  it("fails when the API is not reachable after the token", async () => {
    nockToken(TOKEN_1);
    api(TOKEN_1)
      .get("/v2/organizations")
      .query({ pageSize: "1" })
      .reply(403, { errorMessage: "Access denied" });
    const result = await ninjaonePlugin.check(harness({ config: { openTickets: false } }).context);
    expect(result.ok).toBe(false);
    expect(result.messages[1]).toBe("API not reachable: GET /v2/organizations returned 403: Access denied");
  });
});
