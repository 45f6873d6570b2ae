import { UsageError } from "@notion-ops/core";
import { describe, expect, it } from "vitest";
import { azureCloudFor } from "./cloud.js";
import { readAzureSettings } from "./settings.js";
import { subscriptionBatches } from "./subscription-batches.js";

describe("readAzureSettings", () => {
  it("defaults to the public cloud", () => {
    const settings = readAzureSettings({
      AZURE_TENANT_ID: " t ",
      AZURE_CLIENT_ID: "",
      GITHUB_ACTIONS: "true",
    });
    expect(settings).toMatchObject({
      tenantId: "t",
      clientId: undefined,
      scope: "https://management.azure.com/.default",
      authorityHost: "https://login.microsoftonline.com",
      inGitHubActions: true,
      oidcAvailable: false,
    });
    expect(settings.resourceManagerUrl.toString()).toBe("https://management.azure.com/");
  });

  it("derives scope and authority from a sovereign cloud's Resource Manager URL", () => {
    expect(
      readAzureSettings({ AZURE_RESOURCE_MANAGER_URL: "https://management.chinacloudapi.cn/" }),
    ).toMatchObject({
      scope: "https://management.chinacloudapi.cn/.default",
      authorityHost: "https://login.chinacloudapi.cn",
    });
    expect(azureCloudFor(new URL("https://management.usgovcloudapi.net")).name).toBe("AzureUSGovernment");
    // A proxy or a test server still gets tokens for the public cloud.
    expect(readAzureSettings({ AZURE_RESOURCE_MANAGER_URL: "http://127.0.0.1:8080/arm" }).scope).toBe(
      "https://management.azure.com/.default",
    );
    expect(readAzureSettings({ AZURE_AUTHORITY_HOST: "https://login.example.test/" }).authorityHost).toBe(
      "https://login.example.test",
    );
  });

  it("refuses a base URL that would send a token in clear text", () => {
    expect(() => readAzureSettings({ AZURE_RESOURCE_MANAGER_URL: "http://arm.example.com" })).toThrow(
      UsageError,
    );
    expect(() => readAzureSettings({ AZURE_RESOURCE_MANAGER_URL: "not a url" })).toThrow(
      'AZURE_RESOURCE_MANAGER_URL is not a valid URL: "not a url"',
    );
  });
});

describe("subscriptionBatches", () => {
  it("splits into at most 300 per query", () => {
    const ids = Array.from({ length: 601 }, (_, i) => `sub-${i}`);
    expect(subscriptionBatches(ids).map((batch) => batch.length)).toEqual([300, 300, 1]);
    expect(subscriptionBatches([])).toEqual([]);
    expect(() => subscriptionBatches(ids, 0)).toThrow(RangeError);
  });
});
