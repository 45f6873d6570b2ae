import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAzurePlugin } from "../src/plugin.js";
import { ARM, config, context, fakeCredential, SUB_A, SUB_B } from "./arg-fixtures.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe("check", () => {
  it("reports the sign-in and, per subscription, whether it can be read", async () => {
    nock(ARM, { reqheaders: { authorization: "Bearer token-1" } })
      .get(`/subscriptions/${SUB_A}`)
      .query({ "api-version": "2022-12-01" })
      .reply(200, {
        id: `/subscriptions/${SUB_A}`,
        subscriptionId: SUB_A,
        displayName: "Acme Production",
        state: "Warned",
      })
      .get(`/subscriptions/${SUB_B}`)
      .query({ "api-version": "2022-12-01" })
      .reply(
        403,
        {
          error: {
            code: "AuthorizationFailed",
            message: `The client 'c0ffee' with object id 'c0ffee' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/${SUB_B}' or the scope is invalid.`,
          },
        },
        { "x-ms-request-id": "req-42" },
      );
    const credential = fakeCredential();
    const azure = createAzurePlugin({ credential });

    const result = await azure.check(context(config()));

    expect(result.ok).toBe(false);
    expect(result.messages).toEqual([
      "signed in with the supplied credential; token for https://management.azure.com/.default obtained",
      `subscription ${SUB_A} (Acme Production) is readable; its state is Warned`,
      `subscription ${SUB_B} is not readable: grant the supplied credential the Reader role on it (or check the id and tenant) — GET /subscriptions/${SUB_B} returned 403: AuthorizationFailed: The client 'c0ffee' with object id 'c0ffee' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/${SUB_B}' or the scope is invalid. [trace id req-42]`,
    ]);
    expect(credential.scopes).toEqual([["https://management.azure.com/.default"]]);
  });

  it("stops at a failed sign-in with the credential's reason", async () => {
    const azure = createAzurePlugin({
      credential: {
        getToken: async () => {
          throw new Error("AADSTS7000215: Invalid client secret provided.");
        },
      },
    });

    const result = await azure.check(context(config()));

    expect(result).toEqual({
      ok: false,
      messages: [
        "azure: could not get a token for https://management.azure.com/.default with the supplied credential: AADSTS7000215: Invalid client secret provided. (AADSTS7000215: the client secret is wrong; AZURE_CLIENT_SECRET must be the secret's value, not its id)",
      ],
    });
  });

  it("asks a sovereign cloud's Resource Manager for a token of that cloud", async () => {
    nock("https://management.usgovcloudapi.net")
      .get(`/subscriptions/${SUB_A}`)
      .query(true)
      .reply(200, { subscriptionId: SUB_A, displayName: "Gov", state: "Enabled" });
    const credential = fakeCredential();
    const azure = createAzurePlugin({ credential });

    const result = await azure.check(
      context(config({ subscriptions: [SUB_A] }), {
        AZURE_RESOURCE_MANAGER_URL: "https://management.usgovcloudapi.net",
      }),
    );

    expect(result.ok).toBe(true);
    expect(credential.scopes).toEqual([["https://management.usgovcloudapi.net/.default"]]);
  });

  it("refuses a plain-http Resource Manager URL that is not loopback", async () => {
    const azure = createAzurePlugin({ credential: fakeCredential() });

    const result = await azure.check(
      context(config(), { AZURE_RESOURCE_MANAGER_URL: "http://management.example.com" }),
    );

    expect(result.ok).toBe(false);
    expect(result.messages[0]).toContain("AZURE_RESOURCE_MANAGER_URL must use https");
  });
});
