import { DataSourceError, type ServiceObservation, validateObservations } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAzurePlugin } from "../src/plugin.js";
import {
  ARG_PATH,
  ARM,
  config,
  context,
  fakeCredential,
  healthRow,
  resourceGroupRow,
  resourceRow,
  SUB_A,
  SUB_B,
  SUB_C,
  serveError,
  servePages,
  subscriptionRow,
} from "./arg-fixtures.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

const vm1 = resourceRow(SUB_A, "Acme-RG", "microsoft.compute/virtualmachines", "vm1");
const vm2 = resourceRow(SUB_A, "Acme-RG", "microsoft.compute/virtualmachines", "vm2");
const disk1 = resourceRow(SUB_A, "Acme-RG", "microsoft.compute/disks", "vm1-os");
const disk2 = resourceRow(SUB_A, "Acme-RG", "microsoft.compute/disks", "vm2-os");
const st1 = resourceRow(SUB_A, "Acme-Data", "microsoft.storage/storageaccounts", "acmedata");
const web1 = resourceRow(SUB_A, "Acme-Web", "microsoft.web/sites", "acme-portal");
const vnet1 = resourceRow(SUB_A, "Acme-RG", "microsoft.network/virtualnetworks", "acme-vnet");
const kv1 = resourceRow(SUB_A, "Acme-RG", "microsoft.keyvault/vaults", "acme-kv");
const rsv1 = resourceRow(SUB_A, "Acme-RG", "microsoft.recoveryservices/vaults", "acme-backup");
const ag1 = resourceRow(SUB_A, "Acme-RG", "microsoft.insights/actiongroups", "oncall");
const vm3 = resourceRow(SUB_B, "globex-rg", "microsoft.compute/virtualmachines", "gx-vm");
const st2 = resourceRow(SUB_B, "globex-rg", "microsoft.storage/storageaccounts", "gxone");
const st3 = resourceRow(SUB_B, "globex-rg", "microsoft.storage/storageaccounts", "gxtwo");

const containers = [
  subscriptionRow(SUB_A, "Acme Production"),
  subscriptionRow(SUB_B, "Globex"),
  resourceGroupRow(SUB_A, "Acme-RG"),
  resourceGroupRow(SUB_A, "Acme-Data"),
  resourceGroupRow(SUB_A, "Acme-Web"),
  resourceGroupRow(SUB_B, "globex-rg"),
];
const resourcePages = [
  [vm1, vm2, disk1, disk2],
  [st1, web1, vnet1, kv1, rsv1],
  // Resource Graph may repeat a row across pages; it must count once.
  [ag1, vm3, st2, st3, vm1],
];
const healthPages = [
  [
    healthRow(vm1, "Available"),
    healthRow(vm2, "Degraded"),
    healthRow(disk1, "Available"),
    healthRow(st1, "Available"),
  ],
  [
    healthRow(web1, "Unavailable"),
    healthRow(kv1, "Unknown"),
    healthRow(vm3, "Available"),
    healthRow(st2, "Available"),
    healthRow(st3, "Available"),
    // A status for a resource deleted since: ignored.
    healthRow(resourceRow(SUB_B, "gone", "microsoft.compute/virtualmachines", "old"), "Unavailable"),
  ],
];

const service = (
  subscriptionId: string,
  name: string,
  category: string,
  resourceCount: number,
  availability: ServiceObservation["availability"],
): ServiceObservation => ({
  source: "azure",
  name,
  category,
  subscriptionId,
  siteSourceId: subscriptionId,
  resourceCount,
  availability,
});

function plugin(options: Parameters<typeof createAzurePlugin>[0] = {}) {
  const credential = fakeCredential();
  return { plugin: createAzurePlugin({ credential, random: () => 0.5, ...options }), credential };
}

describe("collect", () => {
  it("pages through every query and returns each resource once, grouped into services with worst-case availability", async () => {
    const both = [SUB_A, SUB_B];
    const containerLog = servePages("ResourceContainers", both, [containers]);
    const resourceLog = servePages("Resources", both, resourcePages);
    const healthLog = servePages("HealthResources", both, healthPages);
    const { plugin: azure, credential } = plugin();
    const ctx = context(config());

    const observations = await azure.collect(ctx);

    expect(observations.errors).toEqual([]);
    expect(observations.notes).toEqual([]);
    expect(observations.services).toEqual([
      service(SUB_A, "App Service", "Web", 1, "Unavailable"),
      service(SUB_A, "Azure Backup", "Backup", 1, "Unknown"),
      service(SUB_A, "Key Vault", "Security", 1, "Unknown"),
      service(SUB_A, "Managed Disks", "Compute", 2, "Available"),
      service(SUB_A, "Microsoft.Insights (other)", "Other", 1, "Unknown"),
      service(SUB_A, "Storage Accounts", "Storage", 1, "Available"),
      service(SUB_A, "Virtual Machines", "Compute", 2, "Degraded"),
      service(SUB_A, "Virtual Networks", "Networking", 1, "Unknown"),
      service(SUB_B, "Storage Accounts", "Storage", 2, "Available"),
      service(SUB_B, "Virtual Machines", "Compute", 1, "Available"),
    ]);
    const counted = observations.services.reduce((sum, s) => sum + s.resourceCount, 0);
    expect(counted).toBe(13);
    expect(observations.sites).toEqual([
      {
        source: "azure",
        sourceId: SUB_A,
        name: "Acme Production",
        matchKeys: { subscriptionId: SUB_A },
        hasAzure: true,
        availability: "Unavailable",
        configFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      {
        source: "azure",
        sourceId: SUB_B,
        name: "Globex",
        matchKeys: { subscriptionId: SUB_B },
        hasAzure: true,
        availability: "Available",
        configFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    expect(validateObservations(observations)).toEqual(observations);

    // One batched query per table; pages repeat the query and scopes and add the skip token.
    expect(resourceLog.bodies.map((body) => body.options.$skipToken)).toEqual([
      undefined,
      "Resources-token-1",
      "Resources-token-2",
    ]);
    for (const body of [...containerLog.bodies, ...resourceLog.bodies, ...healthLog.bodies]) {
      expect(body.subscriptions).toEqual(both);
      expect(body.options).toMatchObject({ $top: 1000, resultFormat: "objectArray" });
    }
    expect(new Set(resourceLog.bodies.map((body) => body.query))).toEqual(
      new Set(["Resources | project id, name, type, location, resourceGroup, subscriptionId, tags"]),
    );
    expect(healthLog.bodies[0]!.query).toContain(
      "where type =~ 'microsoft.resourcehealth/availabilitystatuses'",
    );
    // One token, reused for every request, for the Resource Manager scope.
    expect(credential.scopes).toEqual([["https://management.azure.com/.default"]]);
    expect(new Set([...containerLog.authorizations, ...resourceLog.authorizations])).toEqual(
      new Set(["Bearer token-1"]),
    );
    expect(ctx.sleeps).toEqual([]);
  });

  it("waits out a 429 for its Retry-After and carries on from the same page", async () => {
    const both = [SUB_A, SUB_B];
    servePages("ResourceContainers", both, [containers], undefined, { "x-ms-user-quota-remaining": "14" });
    nock(ARM)
      .post(ARG_PATH, (body) => body.query.startsWith("Resources |") && body.options.$skipToken === undefined)
      .query(true)
      .reply(
        429,
        { error: { code: "RateLimiting", message: "Please provide below info when asking for support" } },
        {
          "Retry-After": "3",
        },
      );
    servePages("Resources", both, resourcePages);
    servePages("HealthResources", both, healthPages);
    const { plugin: azure } = plugin();
    const ctx = context(config());

    const observations = await azure.collect(ctx);

    expect(ctx.sleeps).toEqual([3000]);
    expect(observations.services.reduce((sum, s) => sum + s.resourceCount, 0)).toBe(13);
  });

  it("pauses before the next request when a quota header says the budget is nearly spent", async () => {
    const both = [SUB_A, SUB_B];
    servePages("ResourceContainers", both, [containers], undefined, {
      "x-ms-user-quota-remaining": "1",
      "x-ms-user-quota-resets-after": "00:00:04",
    });
    servePages("Resources", both, resourcePages, undefined, {
      "x-ms-user-quota-remaining": "12",
      "x-ms-ratelimit-remaining-tenant-reads": "0",
    });
    servePages("HealthResources", both, [healthPages.flat()], undefined, {
      "x-ms-user-quota-remaining": "0",
    });
    const { plugin: azure } = plugin();
    const ctx = context(config());
    const clock = new Date("2025-06-01T08:00:00Z");
    ctx.now = () => clock;

    await azure.collect(ctx);

    // 4 s (the user quota's reset) before the first resources page, 1 s after each ARM-bucket
    // warning, and nothing after the last health page: no request follows it.
    expect(ctx.sleeps).toEqual([4000, 1000, 1000, 1000]);
    expect(ctx.sink.text()).toContain(
      "azure: Resource Graph quota has 1 queries left; pausing 4.0 s before the next request",
    );
    expect(ctx.sink.text()).toContain("x-ms-ratelimit-remaining-tenant-reads is 0; pausing 1.0 s");
  });

  it("reports a subscription the identity may not read, naming it, and goes on with the others", async () => {
    const all = [SUB_A, SUB_B, SUB_C];
    servePages("ResourceContainers", all, [containers.concat(subscriptionRow(SUB_C, "Initech"))]);
    serveError("Resources", all, 403, {
      code: "AuthorizationFailed",
      message: `The client 'app' does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read' over scope '/subscriptions/${SUB_C}'`,
    });
    servePages("Resources", [SUB_A], [[vm1, vm2]]);
    servePages("Resources", [SUB_B], [[vm3]]);
    serveError("Resources", [SUB_C], 403, {
      code: "AuthorizationFailed",
      message: `The client 'app' does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read' over scope '/subscriptions/${SUB_C}'`,
    });
    servePages("HealthResources", [SUB_A, SUB_B], [[healthRow(vm1, "Available")]]);
    const { plugin: azure } = plugin();
    const ctx = context(config({ subscriptions: all }));

    const observations = await azure.collect(ctx);

    expect(observations.errors).toHaveLength(1);
    const [error] = observations.errors;
    expect(error).toMatchObject({ source: "azure", entity: "site", id: SUB_C });
    expect(error!.message).toContain(`subscription ${SUB_C} could not be read`);
    expect(error!.message).toContain(
      "returned 403: AuthorizationFailed: The client 'app' does not have authorization",
    );
    expect(error!.message).toContain("[trace id corr-123]");
    expect(error!.message).toContain(
      `grant the supplied credential the Reader role on subscription ${SUB_C}`,
    );
    expect(observations.sites.map((site) => site.sourceId)).toEqual([SUB_A, SUB_B]);
    expect(
      observations.services.map((s) => [s.subscriptionId, s.name, s.resourceCount, s.availability]),
    ).toEqual([
      [SUB_A, "Virtual Machines", 2, "Available"],
      [SUB_B, "Virtual Machines", 1, "Unknown"],
    ]);
  });

  it("reports a configured subscription Resource Graph does not show at all", async () => {
    const all = [SUB_A, SUB_B, SUB_C];
    servePages("ResourceContainers", all, [containers]);
    servePages("Resources", [SUB_A, SUB_B], [[vm1]]);
    servePages("HealthResources", [SUB_A, SUB_B], [[]]);
    const { plugin: azure } = plugin();

    const observations = await azure.collect(context(config({ subscriptions: all })));

    expect(observations.errors).toEqual([
      {
        source: "azure",
        entity: "site",
        id: SUB_C,
        message: expect.stringContaining(`subscription ${SUB_C} is not visible to the supplied credential`),
      },
    ]);
    expect(observations.errors[0]!.message).toContain(
      "grant the identity the Reader role on the subscription",
    );
    expect(observations.sites.map((site) => [site.sourceId, site.hasAzure])).toEqual([
      [SUB_A, true],
      [SUB_B, false],
    ]);
    expect(observations.sites[1]).not.toHaveProperty("availability");
  });

  it("keeps the inventory when Resource Health answers with an error body, marking availability Unknown", async () => {
    const both = [SUB_A, SUB_B];
    servePages("ResourceContainers", both, [containers]);
    servePages("Resources", both, [[vm1, vm3]]);
    const invalid = {
      code: "BadRequest",
      message: "Please provide below info when asking for support: timestamp = 2024-05-01T10:00:00Z",
      details: [{ code: "InvalidQuery", message: "Query is invalid. Please refer to the documentation" }],
    };
    serveError("HealthResources", both, 400, invalid);
    serveError("HealthResources", [SUB_A], 400, invalid);
    serveError("HealthResources", [SUB_B], 400, invalid);
    const { plugin: azure } = plugin();

    const observations = await azure.collect(context(config()));

    expect(observations.errors.map((error) => error.id)).toEqual([SUB_A, SUB_B]);
    expect(observations.errors[0]!.message).toBe(
      `Resource Health of subscription ${SUB_A} could not be read, so its availability is Unknown: POST /providers/Microsoft.ResourceGraph/resources returned 400: BadRequest: Please provide below info when asking for support: timestamp = 2024-05-01T10:00:00Z (InvalidQuery: Query is invalid. Please refer to the documentation) [trace id corr-123]`,
    );
    expect(
      observations.services.map((s) => [s.subscriptionId, s.name, s.resourceCount, s.availability]),
    ).toEqual([
      [SUB_A, "Virtual Machines", 1, "Unknown"],
      [SUB_B, "Virtual Machines", 1, "Unknown"],
    ]);
  });

  it("fails the source with Azure's message when the inventory itself cannot be read", async () => {
    const both = [SUB_A, SUB_B];
    nock(ARM)
      .post(ARG_PATH)
      .query(true)
      .times(2)
      .reply(500, { error: { code: "InternalServerError", message: "Encountered internal server error." } });
    const { plugin: azure } = plugin({ maxRetries: 1 });
    const ctx = context(config({ subscriptions: both }));

    const failure = await azure.collect(ctx).catch((error: unknown) => error);

    expect(DataSourceError.is(failure)).toBe(true);
    expect((failure as DataSourceError).message).toMatch(
      /^azure: POST \/providers\/Microsoft\.ResourceGraph\/resources returned 500 after 2 attempts over .+: InternalServerError: Encountered internal server error\.$/,
    );
    expect(ctx.sleeps).toHaveLength(1);
  });

  it("queries subscriptions in batches, each batch paged on its own", async () => {
    const all = [SUB_A, SUB_B, SUB_C];
    servePages("ResourceContainers", [SUB_A, SUB_B], [containers]);
    servePages("ResourceContainers", [SUB_C], [[subscriptionRow(SUB_C, "Initech")]]);
    servePages("Resources", [SUB_A, SUB_B], [[vm1], [vm3]]);
    servePages("Resources", [SUB_C], [[resourceRow(SUB_C, "ini", "microsoft.web/sites", "ini-web")]]);
    servePages("HealthResources", [SUB_A, SUB_B], [[]]);
    servePages("HealthResources", [SUB_C], [[]]);
    const { plugin: azure } = plugin({ batchSize: 2 });

    const observations = await azure.collect(context(config({ subscriptions: all })));

    expect(observations.errors).toEqual([]);
    expect(observations.services.map((s) => [s.subscriptionId, s.name, s.resourceCount])).toEqual([
      [SUB_A, "Virtual Machines", 1],
      [SUB_B, "Virtual Machines", 1],
      [SUB_C, "App Service", 1],
    ]);
  });

  it("reports each resource group of a shared subscription as its own site", async () => {
    const both = [SUB_A, SUB_B];
    servePages("ResourceContainers", both, [[...containers, resourceGroupRow(SUB_A, "Acme-Empty")]]);
    servePages("Resources", both, resourcePages);
    servePages("HealthResources", both, healthPages);
    const { plugin: azure } = plugin();

    const observations = await azure.collect(context(config({ resourceGroupSites: [SUB_A] })));

    expect(
      observations.sites.map((site) => [
        site.sourceId,
        site.name,
        site.matchKeys,
        site.hasAzure,
        site.availability,
      ]),
    ).toEqual([
      [
        `${SUB_A}/acme-data`,
        "Acme-Data",
        { subscriptionId: SUB_A, resourceGroup: "Acme-Data" },
        true,
        "Available",
      ],
      [
        `${SUB_A}/acme-empty`,
        "Acme-Empty",
        { subscriptionId: SUB_A, resourceGroup: "Acme-Empty" },
        false,
        undefined,
      ],
      [`${SUB_A}/acme-rg`, "Acme-RG", { subscriptionId: SUB_A, resourceGroup: "Acme-RG" }, true, "Degraded"],
      [
        `${SUB_A}/acme-web`,
        "Acme-Web",
        { subscriptionId: SUB_A, resourceGroup: "Acme-Web" },
        true,
        "Unavailable",
      ],
      [SUB_B, "Globex", { subscriptionId: SUB_B }, true, "Available"],
    ]);
    expect(
      observations.services
        .filter((s) => s.subscriptionId === SUB_A)
        .map((s) => [s.siteSourceId, s.name, s.resourceCount, s.availability]),
    ).toEqual([
      [`${SUB_A}/acme-data`, "Storage Accounts", 1, "Available"],
      [`${SUB_A}/acme-rg`, "Azure Backup", 1, "Unknown"],
      [`${SUB_A}/acme-rg`, "Key Vault", 1, "Unknown"],
      [`${SUB_A}/acme-rg`, "Managed Disks", 2, "Available"],
      [`${SUB_A}/acme-rg`, "Microsoft.Insights (other)", 1, "Unknown"],
      [`${SUB_A}/acme-rg`, "Virtual Machines", 2, "Degraded"],
      [`${SUB_A}/acme-rg`, "Virtual Networks", 1, "Unknown"],
      [`${SUB_A}/acme-web`, "App Service", 1, "Unavailable"],
    ]);
  });

  it("reports malformed rows, truncated results and skipped types without losing the rest", async () => {
    const both = [SUB_A, SUB_B];
    servePages("ResourceContainers", both, [containers]);
    nock(ARM)
      .post(ARG_PATH, (body) => body.query.startsWith("Resources |"))
      .query(true)
      .reply(200, {
        totalRecords: 5000,
        count: 4,
        resultTruncated: "true",
        facets: [],
        data: [vm1, { name: "no-id", type: "microsoft.compute/virtualmachines" }, ag1, { ...st1, type: 42 }],
      });
    servePages("HealthResources", both, [
      [healthRow(vm1, "Available"), { id: "/bogus", availabilityState: "Available" }],
    ]);
    const { plugin: azure } = plugin();

    const observations = await azure.collect(context(config({ unmappedTypes: "skip" })));

    expect(observations.errors).toEqual([
      {
        source: "azure",
        entity: "other",
        message:
          "unreadable resource row from Resource Graph: id: Invalid input: expected string, received undefined",
      },
      {
        source: "azure",
        entity: "other",
        id: st1.id,
        message:
          "unreadable resource row from Resource Graph: type: Invalid input: expected string, received number",
      },
      {
        source: "azure",
        entity: "other",
        id: "/bogus",
        message: "health row from Resource Graph names no resource (no targetResourceId)",
      },
    ]);
    expect(observations.notes).toEqual([
      "azure: Resource Graph truncated the resources result without a way to page on; counts may be low",
      "azure: 1 resource(s) of 1 type(s) no service is mapped to were left out of the Azure Pipeline (unmappedTypes: skip): microsoft.insights/actiongroups (1); map them under sources.azure.services",
    ]);
    expect(observations.services).toEqual([service(SUB_A, "Virtual Machines", "Compute", 1, "Available")]);
    expect(observations.sites.map((site) => [site.sourceId, site.hasAzure])).toEqual([
      [SUB_A, true],
      [SUB_B, false],
    ]);
  });

  it("renews the token once on 401 and never shows a token in a message", async () => {
    nock(ARM, { reqheaders: { authorization: "Bearer token-1" } })
      .post(ARG_PATH)
      .query(true)
      .reply(401, {
        error: {
          code: "ExpiredAuthenticationToken",
          message: "The access token expiry UTC time is earlier than current UTC time.",
        },
      });
    nock(ARM, { reqheaders: { authorization: "Bearer token-2" } })
      .post(ARG_PATH)
      .query(true)
      .reply(400, { error: { code: "BadRequest", message: "Token token-2 is not accepted here" } });
    serveError("ResourceContainers", [SUB_A], 400, {
      code: "BadRequest",
      message: "Token token-2 is not accepted here",
    });
    serveError("ResourceContainers", [SUB_B], 400, {
      code: "BadRequest",
      message: "Token token-2 is not accepted here",
    });
    const { plugin: azure, credential } = plugin();

    const observations = await azure.collect(context(config()));

    expect(credential.issued).toEqual(["token-1", "token-2"]);
    expect(observations.errors.map((error) => error.id)).toEqual([SUB_A, SUB_B]);
    for (const error of observations.errors) {
      expect(error.message).toContain("BadRequest: Token *** is not accepted here");
      expect(error.message).not.toContain("token-2");
    }
    expect(observations.sites).toEqual([]);
  });
});
