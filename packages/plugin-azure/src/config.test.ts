import { describe, expect, it } from "vitest";
import { azureConfigSchema } from "./config.js";

const A = "A1A1A1A1-0000-4000-8000-00000000000A";
const B = "b2b2b2b2-0000-4000-8000-00000000000b";

const issues = (input: unknown) => {
  const parsed = azureConfigSchema.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("azureConfigSchema", () => {
  it("lower-cases ids and resource types and fills the defaults", () => {
    expect(
      azureConfigSchema.parse({
        subscriptions: [A, B],
        services: { "Microsoft.Compute/virtualMachines": { name: "Servers", category: "Compute" } },
      }),
    ).toEqual({
      subscriptions: [A.toLowerCase(), B],
      resourceGroupSites: [],
      services: { "microsoft.compute/virtualmachines": { name: "Servers", category: "Compute" } },
      unmappedTypes: "provider",
    });
  });

  it("names every problem by its path", () => {
    expect(
      issues({
        subscriptions: ["not-a-guid", B, B.toUpperCase()],
        resourceGroupSites: [A],
        services: {
          virtualmachines: { name: "VMs", category: "Compute" },
          "microsoft.web/sites": { name: "Web" },
          "Microsoft.Web/Sites": true,
          "microsoft.sql/servers": { name: "SQL", category: "Databases", stage: "Pilot" },
        },
        unmappedTypes: "hide",
        subscription: [],
      }),
    ).toEqual([
      "subscriptions.0: must be a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)",
      "subscriptions.2: duplicate subscription b2b2b2b2-0000-4000-8000-00000000000b (already at [1])",
      "services.virtualmachines: must be a resource type such as microsoft.compute/virtualmachines",
      "services.microsoft.web/sites: category: Invalid input: expected string, received undefined",
      "services.Microsoft.Web/Sites: must be { name: <service name>, category: <category> } or false",
      'services.microsoft.sql/servers: Unrecognized key: "stage"',
      'unmappedTypes: Invalid option: expected one of "provider"|"skip"',
      ': Unrecognized key: "subscription"',
    ]);
  });

  it("requires at least one subscription, and resource-group sites only among them", () => {
    expect(issues({ subscriptions: [] })).toEqual(["subscriptions: list at least one subscription id"]);
    expect(issues({})).toEqual(["subscriptions: Invalid input: expected array, received undefined"]);
    expect(issues({ subscriptions: [B], resourceGroupSites: [A] })).toEqual([
      `resourceGroupSites.0: subscription ${A.toLowerCase()} is not listed in subscriptions`,
    ]);
  });

  it("refuses one resource type written twice in different case", () => {
    expect(
      issues({
        subscriptions: [B],
        services: { "microsoft.web/sites": false, "Microsoft.Web/sites": { name: "Web", category: "Web" } },
      }),
    ).toEqual(['services.Microsoft.Web/sites: same resource type as "microsoft.web/sites"']);
  });

  it("accepts false to leave a type out of the services", () => {
    expect(
      azureConfigSchema.parse({
        subscriptions: [B],
        services: { "microsoft.network/networkwatchers": false },
      }).services,
    ).toEqual({
      "microsoft.network/networkwatchers": false,
    });
  });
});
