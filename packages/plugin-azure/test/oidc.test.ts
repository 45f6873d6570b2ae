import { DataSourceError } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ID_TOKEN_PERMISSION_SNIPPET } from "../src/credential.js";
import { azurePlugin } from "../src/plugin.js";
import { ARM, config, context, SUB_A } from "./arg-fixtures.js";

/**
 * The whole secretless chain with no real network: @actions/core asks GitHub's OIDC endpoint for a
 * token with Entra's audience, @azure/identity (MSAL) exchanges it at the Entra token endpoint as
 * a client assertion, and the resulting access token reaches Azure Resource Manager.
 */
const TENANT = "0d7c2a5e-5f0b-4a57-9b1f-3f1a6b2c9d11";
const CLIENT = "6a3f0c2e-1b7d-4e8a-9c55-2f4e8d1b0a77";
const OIDC_URL = "https://oidc.test/token?api-version=2.0";
const REQUEST_TOKEN = "gh-oidc-request-token";
const GITHUB_JWT =
  "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMuZ2l0aHVidXNlcmNvbnRlbnQuY29tIiwic3ViIjoicmVwbzpvcmcvcmVwbzpyZWY6cmVmcy9oZWFkcy9tYWluIiwiYXVkIjoiYXBpOi8vQXp1cmVBRFRva2VuRXhjaGFuZ2UifQ.c2lnbmF0dXJl";
const ACCESS_TOKEN = "entra-issued-access-token-for-arm";

const actionsEnv = {
  GITHUB_ACTIONS: "true",
  ACTIONS_ID_TOKEN_REQUEST_URL: OIDC_URL,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
  AZURE_TENANT_ID: TENANT,
  AZURE_CLIENT_ID: CLIENT,
};

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  // @actions/core reads these two from the process environment itself.
  vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_URL", OIDC_URL);
  vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN);
  // Keep @actions/core's ::debug:: / ::add-mask:: workflow commands out of the test output.
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.unstubAllEnvs();
  nock.cleanAll();
});

/** GitHub's OIDC endpoint: records the raw URL (with its query) of every token request. */
function githubOidc(urls: string[]) {
  return nock("https://oidc.test", { reqheaders: { authorization: `Bearer ${REQUEST_TOKEN}` } })
    .persist()
    .get("/token")
    .query(true)
    .reply(async (request: Request) => {
      urls.push(request.url);
      return [200, { count: 1, value: GITHUB_JWT }];
    });
}

describe("GitHub OIDC sign-in", () => {
  it("requests a GitHub token for Entra's audience, exchanges it as a client assertion, and calls ARM with the result", async () => {
    const oidcUrls: string[] = [];
    githubOidc(oidcUrls);
    const tokenRequests: URLSearchParams[] = [];
    nock("https://login.microsoftonline.com")
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .query(true)
      .reply(async (request: Request) => {
        tokenRequests.push(new URLSearchParams(await request.text()));
        return [
          200,
          { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: ACCESS_TOKEN },
        ];
      });
    nock(ARM, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
      .get(`/subscriptions/${SUB_A}`)
      .query({ "api-version": "2022-12-01" })
      .reply(200, {
        id: `/subscriptions/${SUB_A}`,
        authorizationSource: "RoleBased",
        subscriptionId: SUB_A,
        tenantId: TENANT,
        displayName: "Acme Production",
        state: "Enabled",
        subscriptionPolicies: {
          locationPlacementId: "Public_2014-09-01",
          quotaId: "CSP_2015-05-01",
          spendingLimit: "Off",
        },
      });
    const ctx = context(config({ subscriptions: [SUB_A] }), actionsEnv);

    const result = await azurePlugin.check(ctx);

    expect(result).toEqual({
      ok: true,
      messages: [
        `signed in with GitHub OIDC (federated credential of client ${CLIENT}); token for https://management.azure.com/.default obtained`,
        `subscription ${SUB_A} (Acme Production) is readable`,
      ],
    });
    // GitHub: the audience appended, URL-encoded once, to the runner's request URL.
    // (MSAL reads the assertion callback more than once per token; each read asks GitHub afresh.)
    expect(oidcUrls.length).toBeGreaterThanOrEqual(1);
    for (const url of oidcUrls) {
      expect(url).toBe("https://oidc.test/token?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange");
    }
    // Entra: a client-credentials grant whose assertion is the GitHub token; no secret anywhere.
    expect(tokenRequests).toHaveLength(1);
    const form = Object.fromEntries(tokenRequests[0]!);
    expect(form).toMatchObject({
      grant_type: "client_credentials",
      client_id: CLIENT,
      scope: "https://management.azure.com/.default",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: GITHUB_JWT,
    });
    expect(form).not.toHaveProperty("client_secret");
    // Both tokens are registered as secrets, so no log line can show them.
    expect(ctx.logger.mask(`a ${GITHUB_JWT} b ${ACCESS_TOKEN}`)).not.toMatch(/eyJ|entra-issued/);
    expect(nock.pendingMocks().filter((mock) => !mock.startsWith("GET https://oidc.test"))).toEqual([]);
  });

  it("explains which workflow lines grant the id-token permission when the job has none", async () => {
    vi.stubEnv("ACTIONS_ID_TOKEN_REQUEST_URL", "");
    const { ACTIONS_ID_TOKEN_REQUEST_URL: _url, ...withoutPermission } = actionsEnv;
    const ctx = context(config({ subscriptions: [SUB_A] }), withoutPermission);

    const result = await azurePlugin.check(ctx);
    const failure = await azurePlugin.collect(ctx).catch((error: unknown) => error);

    expect(result.ok).toBe(false);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toContain(
      `adding these lines to the workflow (top level, or under the job):\n\n${ID_TOKEN_PERMISSION_SNIPPET}\n`,
    );
    expect(ID_TOKEN_PERMISSION_SNIPPET).toBe("permissions:\n  id-token: write\n  contents: read");
    expect(DataSourceError.is(failure)).toBe(true);
    expect((failure as DataSourceError).message).toBe(result.messages[0]);
  });

  it("turns Entra's refusal of the GitHub token into advice about the federated credential's subject", async () => {
    githubOidc([]);
    nock("https://login.microsoftonline.com")
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .query(true)
      .reply(400, {
        error: "invalid_request",
        error_description:
          "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:org/repo:ref:refs/heads/feature'. Please note that the matching is done using a case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. Trace ID: 5c7f Correlation ID: 9a1b Timestamp: 2025-06-01 08:00:00Z",
        error_codes: [700213],
        timestamp: "2025-06-01 08:00:00Z",
        trace_id: "5c7f",
        correlation_id: "9a1b",
      });
    const ctx = context(config({ subscriptions: [SUB_A] }), actionsEnv);

    const result = await azurePlugin.check(ctx);

    expect(result.ok).toBe(false);
    expect(result.messages[0]).toContain(
      "azure: could not get a token for https://management.azure.com/.default with GitHub OIDC",
    );
    expect(result.messages[0]).toContain("subject 'repo:org/repo:ref:refs/heads/feature'");
    expect(result.messages[0]).toContain(
      "AADSTS700213: no federated credential of the app matches the subject of this workflow's GitHub token; add one whose subject matches the trigger, e.g. repo:ORG/REPO:ref:refs/heads/main",
    );
    expect(result.messages[0]).not.toContain(GITHUB_JWT);
  });
});
