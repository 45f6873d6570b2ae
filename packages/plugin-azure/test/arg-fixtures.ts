import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { createLogger, createMemorySink, type PluginContext } from "@notion-ops/core";
import nock from "nock";
import type { AzureConfig } from "../src/config.js";
import { azureConfigSchema } from "../src/config.js";

/** Fixtures shaped like the published Resource Graph (2022-10-01) and Resource Health responses. */

export const ARM = "https://management.azure.com";
export const ARG_PATH = "/providers/Microsoft.ResourceGraph/resources";

export const SUB_A = "a1a1a1a1-0000-4000-8000-00000000000a";
export const SUB_B = "b2b2b2b2-0000-4000-8000-00000000000b";
export const SUB_C = "c3c3c3c3-0000-4000-8000-00000000000c";

const PROVIDER_TYPES: Record<string, string> = {
  "microsoft.compute/virtualmachines": "Microsoft.Compute/virtualMachines",
  "microsoft.compute/disks": "Microsoft.Compute/disks",
  "microsoft.storage/storageaccounts": "Microsoft.Storage/storageAccounts",
  "microsoft.web/sites": "Microsoft.Web/sites",
  "microsoft.network/virtualnetworks": "Microsoft.Network/virtualNetworks",
  "microsoft.keyvault/vaults": "Microsoft.KeyVault/vaults",
  "microsoft.recoveryservices/vaults": "Microsoft.RecoveryServices/vaults",
  "microsoft.insights/actiongroups": "microsoft.insights/actiongroups",
};

/** A `Resources` row as projected by RESOURCES_QUERY (type lower-cased, id as Azure writes it). */
export function resourceRow(subscriptionId: string, resourceGroup: string, type: string, name: string) {
  const providerType = PROVIDER_TYPES[type] ?? type;
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${providerType}/${name}`,
    name,
    type,
    location: "westeurope",
    resourceGroup: resourceGroup.toLowerCase(),
    subscriptionId,
    tags: { env: "prod" },
  };
}

/** A `HealthResources` availability-status row as projected by HEALTH_QUERY. */
export function healthRow(resource: { id: string; subscriptionId: string }, availabilityState: string) {
  return {
    id: `${resource.id}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`,
    targetResourceId: resource.id.toLowerCase(),
    availabilityState,
    subscriptionId: resource.subscriptionId,
  };
}

export function subscriptionRow(subscriptionId: string, name: string) {
  return {
    id: `/subscriptions/${subscriptionId}`,
    name,
    type: "microsoft.resources/subscriptions",
    subscriptionId,
    resourceGroup: "",
  };
}

export function resourceGroupRow(subscriptionId: string, name: string) {
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${name}`,
    name,
    type: "microsoft.resources/subscriptions/resourcegroups",
    subscriptionId,
    resourceGroup: name.toLowerCase(),
  };
}

/** One page of a Resource Graph response. */
export function page(
  data: unknown[],
  options: { skipToken?: string; totalRecords?: number; truncated?: boolean } = {},
) {
  return {
    totalRecords: options.totalRecords ?? data.length,
    count: data.length,
    resultTruncated: options.truncated ? "true" : "false",
    ...(options.skipToken ? { $skipToken: options.skipToken } : {}),
    facets: [],
    data,
  };
}

export interface ArgBody {
  subscriptions: string[];
  query: string;
  options: { $top: number; $skipToken?: string; resultFormat: string };
}

/** Matches a Resource Graph request by the table it queries, its subscriptions and its skip token. */
export function argBody(
  table: "Resources" | "HealthResources" | "ResourceContainers",
  expect: {
    subscriptions?: string[];
    skipToken?: string;
  } = {},
) {
  return (body: ArgBody) =>
    body.query.startsWith(`${table} |`) &&
    (expect.subscriptions === undefined ||
      JSON.stringify(body.subscriptions) === JSON.stringify(expect.subscriptions)) &&
    body.options.$skipToken === expect.skipToken;
}

/** A nock scope for Resource Graph POSTs, recording every request body. */
export function resourceGraph(bodies: ArgBody[] = []) {
  return nock(ARM)
    .post(ARG_PATH, (body: ArgBody) => {
      bodies.push(body);
      return true;
    })
    .query({ "api-version": "2022-10-01" });
}

/** A TokenCredential that hands out `token-1`, `token-2`, … and records the scopes asked for. */
export function fakeCredential(): TokenCredential & { scopes: string[][]; issued: string[] } {
  const scopes: string[][] = [];
  const issued: string[] = [];
  return {
    scopes,
    issued,
    async getToken(requested: string | string[]): Promise<AccessToken> {
      scopes.push(Array.isArray(requested) ? requested : [requested]);
      const token = `token-${issued.length + 1}`;
      issued.push(token);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

export function config(input: Partial<Record<keyof AzureConfig, unknown>> = {}): AzureConfig {
  return azureConfigSchema.parse({ subscriptions: [SUB_A, SUB_B], ...input });
}

export function context(
  azureConfig: AzureConfig,
  env: Record<string, string | undefined> = {},
): PluginContext<AzureConfig> & { sleeps: number[]; sink: ReturnType<typeof createMemorySink> } {
  const sleeps: number[] = [];
  const sink = createMemorySink();
  return {
    config: azureConfig,
    env,
    logger: createLogger(sink),
    sleep: async (ms) => void sleeps.push(ms),
    sleeps,
    sink,
  };
}

type Table = "Resources" | "HealthResources" | "ResourceContainers";

/**
 * Serves `pages` for one query over `subscriptions`, chained by `$skipToken`s named after the
 * table, and records each request body (and its Authorization header) in `log`.
 */
export function servePages(
  table: Table,
  subscriptions: string[],
  pages: unknown[][],
  log: { bodies: ArgBody[]; authorizations: (string | undefined)[] } = { bodies: [], authorizations: [] },
  headers: Record<string, string> = {},
) {
  pages.forEach((data, index) => {
    const skipToken = index === 0 ? undefined : `${table}-token-${index}`;
    const next = index + 1 < pages.length ? `${table}-token-${index + 1}` : undefined;
    nock(ARM)
      .post(ARG_PATH, (body: ArgBody) =>
        argBody(table, { subscriptions, ...(skipToken ? { skipToken } : {}) })(body),
      )
      .query({ "api-version": "2022-10-01" })
      // nock 15 hands a reply function the fetch Request.
      .reply(async (request: Request) => {
        log.bodies.push((await request.json()) as ArgBody);
        log.authorizations.push(request.headers.get("authorization") ?? undefined);
        const total = pages.reduce((sum, rows) => sum + rows.length, 0);
        return [200, page(data, { totalRecords: total, ...(next ? { skipToken: next } : {}) }), headers];
      });
  });
  return log;
}

/** An Azure error response for one query over `subscriptions`. */
export function serveError(
  table: Table,
  subscriptions: string[],
  status: number,
  error: { code: string; message: string; details?: { code: string; message: string }[] },
  headers: Record<string, string> = {},
) {
  return nock(ARM)
    .post(ARG_PATH, (body: ArgBody) => argBody(table, { subscriptions })(body))
    .query({ "api-version": "2022-10-01" })
    .reply(status, { error }, { "x-ms-correlation-request-id": "corr-123", ...headers });
}
