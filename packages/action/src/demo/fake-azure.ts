import { CONTAINERS_QUERY, HEALTH_QUERY, RESOURCES_QUERY } from "@notion-ops/plugin-azure";
import type { AzureSubscription, DemoEstate } from "./estate.js";
import { resourceId, resourceType } from "./estate-azure.js";
import {
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  startLoopbackServer,
} from "./loopback-server.js";

/** Resource Graph pages hold at most this many rows here, so a demo run pages with `$skipToken`. */
export const FAKE_AZURE_PAGE_LIMIT = 50;
export const FAKE_AZURE_TOKEN = "eyJ0eXAiOiJKV1QifQ.demo-azure-arm-token";
/** Resource Graph's per-user budget: 15 queries per 5-second window. */
const QUOTA = 15;
const QUOTA_WINDOW_MS = 5000;

type Row = Record<string, unknown> & { subscriptionId: string };

/** The TokenCredential the demo gives the Azure plugin instead of signing in to Entra. */
export const fakeAzureCredential = {
  async getToken(): Promise<{ token: string; expiresOnTimestamp: number }> {
    return { token: FAKE_AZURE_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

/**
 * A local Azure Resource Manager answering the Resource Graph queries the Azure plugin sends
 * (recognised by their text: ResourceContainers, Resources, HealthResources) over the estate's
 * subscriptions, in the 2022-10-01 shape with `$skipToken` paging and `resultTruncated: "false"`,
 * and `GET /subscriptions/{id}` for `check()`. Bearer auth; errors as `{ error: { code, message } }`.
 */
export async function startFakeAzure(estate: DemoEstate): Promise<FakeServer> {
  const subscriptions = estate.sites.flatMap((site) => (site.azure ? [site.azure] : []));
  const tables: Record<string, Row[]> = {
    [CONTAINERS_QUERY]: subscriptions.flatMap(containerRows),
    [RESOURCES_QUERY]: subscriptions.flatMap(resourceRows),
    [HEALTH_QUERY]: subscriptions.flatMap(healthRows),
  };
  let requests = 0;
  let windowStart = 0;
  let windowUsed = 0;
  const error = (
    status: number,
    code: string,
    message: string,
    details?: { code: string; message: string }[],
  ): FakeResponse => ({
    status,
    body: { error: { code, message, ...(details ? { details } : {}) } },
    headers: { "x-ms-correlation-request-id": `demo-correlation-${requests}` },
  });

  const resourceGraph = (request: FakeRequest): FakeResponse => {
    if (request.query.get("api-version") !== "2022-10-01") {
      return error(
        400,
        "InvalidApiVersionParameter",
        `api-version ${request.query.get("api-version")} is not supported`,
      );
    }
    const body = parseBody(request.body);
    if (!body) return error(400, "BadRequest", "the request body must be { subscriptions, query, options }");
    const rows = tables[body.query];
    if (!rows) {
      return error(400, "BadRequest", "Please provide below info when asking for support", [
        {
          code: "InvalidQuery",
          message:
            "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.",
        },
      ]);
    }
    const wanted = new Set(body.subscriptions.map((s) => s.toLowerCase()));
    const visible = rows.filter((row) => wanted.has(row.subscriptionId.toLowerCase()));
    const offset = body.options.$skipToken === undefined ? 0 : decodeSkipToken(body.options.$skipToken);
    if (offset === undefined) return error(400, "BadRequest", "The $skipToken is invalid");
    const size = Math.min(body.options.$top ?? 100, FAKE_AZURE_PAGE_LIMIT);
    const data = visible.slice(offset, offset + size);
    const end = offset + data.length;
    const now = Date.now();
    if (now - windowStart >= QUOTA_WINDOW_MS) {
      windowStart = now;
      windowUsed = 0;
    }
    windowUsed++;
    const resetsIn = Math.max(0, Math.ceil((windowStart + QUOTA_WINDOW_MS - now) / 1000));
    return {
      status: 200,
      body: {
        totalRecords: visible.length,
        count: data.length,
        resultTruncated: "false",
        ...(end < visible.length ? { $skipToken: encodeSkipToken(end) } : {}),
        facets: [],
        data,
      },
      headers: {
        "x-ms-user-quota-remaining": String(Math.max(0, QUOTA - windowUsed)),
        "x-ms-user-quota-resets-after": `00:00:${String(resetsIn).padStart(2, "0")}`,
        "x-ms-request-id": `demo-request-${requests}`,
      },
    };
  };

  return startLoopbackServer("fake Azure Resource Manager", (request) => {
    requests++;
    if (request.headers.authorization !== `Bearer ${FAKE_AZURE_TOKEN}`) {
      return error(401, "InvalidAuthenticationToken", "The access token is invalid.");
    }
    if (request.method === "POST" && request.path === "/providers/Microsoft.ResourceGraph/resources") {
      return resourceGraph(request);
    }
    const subscription = /^\/subscriptions\/([^/]+)$/.exec(request.path);
    if (request.method === "GET" && subscription) {
      const found = subscriptions.find((s) => s.id === subscription[1]!.toLowerCase());
      if (!found)
        return error(
          404,
          "SubscriptionNotFound",
          `The subscription '${subscription[1]}' could not be found.`,
        );
      return {
        status: 200,
        body: {
          id: `/subscriptions/${found.id}`,
          subscriptionId: found.id,
          tenantId: found.tenantId,
          displayName: found.displayName,
          state: "Enabled",
          subscriptionPolicies: {
            locationPlacementId: "Public_2014-09-01",
            quotaId: "CSP_2015-05-01",
            spendingLimit: "Off",
          },
          authorizationSource: "RoleBased",
        },
      };
    }
    return error(404, "NotFound", `No route for ${request.method} ${request.path}`);
  });
}

function containerRows(subscription: AzureSubscription): Row[] {
  return [
    {
      id: `/subscriptions/${subscription.id}`,
      name: subscription.displayName,
      type: "microsoft.resources/subscriptions",
      subscriptionId: subscription.id,
      resourceGroup: "",
    },
    ...subscription.resourceGroups.map((group) => ({
      id: `/subscriptions/${subscription.id}/resourceGroups/${group}`,
      name: group,
      type: "microsoft.resources/subscriptions/resourcegroups",
      subscriptionId: subscription.id,
      resourceGroup: group.toLowerCase(),
    })),
  ];
}

function resourceRows(subscription: AzureSubscription): Row[] {
  return subscription.resources.map((resource) => ({
    id: resourceId(subscription.id, resource),
    name: resource.name,
    type: resourceType(resource),
    location: resource.location,
    resourceGroup: resource.resourceGroup.toLowerCase(),
    subscriptionId: subscription.id,
    tags: { environment: "production", managedBy: "example-msp" },
  }));
}

function healthRows(subscription: AzureSubscription): Row[] {
  return subscription.resources.flatMap((resource) => {
    if (!resource.health) return [];
    const id = resourceId(subscription.id, resource);
    return [
      {
        id: `${id}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`,
        targetResourceId: id.toLowerCase(),
        availabilityState: resource.health,
        subscriptionId: subscription.id,
      },
    ];
  });
}

interface QueryBody {
  subscriptions: string[];
  query: string;
  options: { $top?: number; $skipToken?: string; resultFormat?: string };
}

function parseBody(text: string): QueryBody | undefined {
  try {
    const body = JSON.parse(text) as Partial<QueryBody>;
    if (!Array.isArray(body.subscriptions) || typeof body.query !== "string") return undefined;
    return { subscriptions: body.subscriptions.map(String), query: body.query, options: body.options ?? {} };
  } catch {
    return undefined;
  }
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ $skip: offset }), "utf8").toString("base64");
}

function decodeSkipToken(token: string): number | undefined {
  try {
    const skip = (JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { $skip?: unknown }).$skip;
    return typeof skip === "number" && Number.isInteger(skip) && skip >= 0 ? skip : undefined;
  } catch {
    return undefined;
  }
}
