import { AzureCliCredential, ClientAssertionCredential, ClientSecretCredential } from "@azure/identity";
import { createLogger, createMemorySink, DataSourceError } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GITHUB_OIDC_AUDIENCE, selectAzureCredential } from "./credential.js";
import { readAzureSettings } from "./settings.js";

const TENANT = "0d7c2a5e-5f0b-4a57-9b1f-3f1a6b2c9d11";
const CLIENT = "6a3f0c2e-1b7d-4e8a-9c55-2f4e8d1b0a77";
const inActions = {
  GITHUB_ACTIONS: "true",
  ACTIONS_ID_TOKEN_REQUEST_URL: "https://oidc.test/token?api-version=2.0",
};

function logger() {
  const sink = createMemorySink();
  return { sink, logger: createLogger(sink) };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe("selectAzureCredential", () => {
  it("uses GitHub OIDC in Actions and asks GitHub for a fresh token on every token acquisition", async () => {
    const audiences: string[] = [];
    let issued = 0;
    const selection = selectAzureCredential(
      readAzureSettings({ ...inActions, AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT }),
      {
        getIdToken: async (audience) => {
          audiences.push(audience);
          return `github-jwt-${++issued}`;
        },
      },
    );
    const assertions: string[] = [];
    nock("https://login.microsoftonline.com")
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .query(true)
      .times(2)
      .reply(async (request: Request) => {
        assertions.push(new URLSearchParams(await request.text()).get("client_assertion") ?? "");
        // Short-lived, so MSAL's cache will not serve the second request.
        return [200, { token_type: "Bearer", expires_in: 60, access_token: `arm-${assertions.length}` }];
      });

    expect(selection.method).toBe("github-oidc");
    expect(selection.credential).toBeInstanceOf(ClientAssertionCredential);
    const first = await selection.credential.getToken("https://management.azure.com/.default");
    const second = await selection.credential.getToken("https://management.azure.com/.default");

    expect([first?.token, second?.token]).toEqual(["arm-1", "arm-2"]);
    expect(new Set(audiences)).toEqual(new Set([GITHUB_OIDC_AUDIENCE]));
    // Each exchange presented a GitHub token fetched for it, never one cached from before.
    expect(assertions[1]).not.toBe(assertions[0]);
    expect(issued).toBeGreaterThanOrEqual(2);
  });

  it("names the ids GitHub OIDC sign-in is missing", () => {
    expect(() => selectAzureCredential(readAzureSettings({ ...inActions, AZURE_TENANT_ID: TENANT }))).toThrow(
      "azure: GitHub OIDC sign-in needs AZURE_CLIENT_ID (the directory (tenant) id and the application (client) id of the Entra app registration); they are not secret, so set them as workflow env or repository variables",
    );
    expect(() => selectAzureCredential(readAzureSettings(inActions))).toThrow(
      "needs AZURE_TENANT_ID and AZURE_CLIENT_ID",
    );
  });

  it("ignores a client secret in Actions, with a warning", () => {
    const { sink, logger: log } = logger();
    const selection = selectAzureCredential(
      readAzureSettings({
        ...inActions,
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: "s3cr3t-value",
      }),
      { logger: log },
    );
    expect(selection.method).toBe("github-oidc");
    expect(sink.text()).toContain("AZURE_CLIENT_SECRET is ignored in GitHub Actions");
  });

  it("signs in locally with the client secret when there is one, and masks it", () => {
    const { logger: log } = logger();
    const selection = selectAzureCredential(
      readAzureSettings({
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: "s3cr3t-value",
      }),
      { logger: log },
    );
    expect(selection.method).toBe("client-secret");
    expect(selection.credential).toBeInstanceOf(ClientSecretCredential);
    expect(log.mask("secret=s3cr3t-value")).toBe("secret=***");
    expect(() => selectAzureCredential(readAzureSettings({ AZURE_CLIENT_SECRET: "s3cr3t-value" }))).toThrow(
      "client-secret sign-in needs AZURE_TENANT_ID and AZURE_CLIENT_ID",
    );
  });

  it("falls back to the Azure CLI login locally", () => {
    const selection = selectAzureCredential(readAzureSettings({}));
    expect(selection.method).toBe("azure-cli");
    expect(selection.credential).toBeInstanceOf(AzureCliCredential);
    // Outside Actions, ACTIONS_ID_TOKEN_REQUEST_URL alone does not switch to OIDC.
    expect(
      selectAzureCredential(readAzureSettings({ ACTIONS_ID_TOKEN_REQUEST_URL: "https://x.test/?a=1" }))
        .method,
    ).toBe("azure-cli");
  });

  it("turns a credential @azure/identity refuses into a DataSourceError", () => {
    const failure = (() => {
      try {
        selectAzureCredential(
          readAzureSettings({
            AZURE_TENANT_ID: "contoso tenant",
            AZURE_CLIENT_ID: CLIENT,
            AZURE_CLIENT_SECRET: "x",
          }),
        );
      } catch (error) {
        return error;
      }
    })();
    expect(DataSourceError.is(failure)).toBe(true);
    expect((failure as Error).message).toMatch(
      /^azure: cannot set up Azure sign-in: Invalid tenant id provided/,
    );
  });
});
