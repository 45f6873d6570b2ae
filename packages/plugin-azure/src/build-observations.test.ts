import { describe, expect, it } from "vitest";
import { buildAzureObservations } from "./build-observations.js";
import { azureConfigSchema } from "./config.js";
import type { AzureContainer, AzureResource } from "./inventory.js";

const SUB = "a1a1a1a1-0000-4000-8000-00000000000a";
const config = (input: Record<string, unknown> = {}) =>
  azureConfigSchema.parse({ subscriptions: [SUB], ...input });
const resource = (type: string, name: string, resourceGroup = "rg"): AzureResource => ({
  id: `/subscriptions/${SUB}/resourcegroups/${resourceGroup}/providers/${type}/${name}`,
  name,
  type,
  subscriptionId: SUB,
  resourceGroup,
});
const containers: AzureContainer[] = [{ kind: "subscription", subscriptionId: SUB, name: "Acme" }];
const vm = resource("microsoft.compute/virtualmachines", "vm1");
const vm2 = resource("microsoft.compute/virtualmachines", "vm2");
const watcher = resource("microsoft.network/networkwatchers", "nw");

describe("buildAzureObservations", () => {
  it("fingerprints the kinds and counts of resources, not their order or health", () => {
    const build = (resources: AzureResource[], state: "Available" | "Unavailable" = "Available") =>
      buildAzureObservations(config(), {
        subscriptions: [SUB],
        containers,
        resources,
        health: resources.map((r) => ({ resourceId: r.id, availability: state })),
      }).sites[0]!.configFingerprint;
    const base = build([vm, watcher]);
    expect(build([watcher, vm], "Unavailable")).toBe(base);
    expect(build([vm, vm2, watcher])).not.toBe(base);
    expect(build([vm])).not.toBe(base);
  });

  it("counts ignored types for Has Azure but not as a service", () => {
    const observed = buildAzureObservations(
      config({ services: { "microsoft.network/networkwatchers": false } }),
      {
        subscriptions: [SUB],
        containers,
        resources: [watcher],
        health: [{ resourceId: watcher.id, availability: "Unavailable" }],
      },
    );
    expect(observed.services).toEqual([]);
    expect(observed.sites[0]).toMatchObject({ hasAzure: true, availability: "Unavailable" });
  });

  it("takes the worst of several health records for one resource", () => {
    const observed = buildAzureObservations(config(), {
      subscriptions: [SUB],
      containers,
      resources: [vm],
      health: [
        { resourceId: vm.id, availability: "Available" },
        { resourceId: vm.id, availability: "Degraded" },
      ],
    });
    expect(observed.services[0]).toMatchObject({
      name: "Virtual Machines",
      resourceCount: 1,
      availability: "Degraded",
    });
  });

  it("names a subscription by its id when Resource Graph gives no display name", () => {
    const observed = buildAzureObservations(config(), {
      subscriptions: [SUB],
      containers: [],
      resources: [],
      health: [],
    });
    expect(observed.sites).toEqual([
      {
        source: "azure",
        sourceId: SUB,
        name: SUB,
        matchKeys: { subscriptionId: SUB },
        hasAzure: false,
        configFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
  });

  it("notes resources outside any resource group of a subscription split into resource-group sites", () => {
    const observed = buildAzureObservations(config({ resourceGroupSites: [SUB] }), {
      subscriptions: [SUB],
      containers,
      resources: [vm, { ...watcher, resourceGroup: "" }],
      health: [],
    });
    expect(observed.sites.map((site) => site.sourceId)).toEqual([`${SUB}/rg`]);
    expect(observed.services.map((service) => [service.siteSourceId, service.name])).toEqual([
      [`${SUB}/rg`, "Virtual Machines"],
    ]);
    expect(observed.notes).toEqual([
      `azure: 1 resource(s) of subscription ${SUB} belong to no resource group, so no site (the subscription is listed in resourceGroupSites)`,
    ]);
  });
});
