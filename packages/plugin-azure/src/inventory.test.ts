import { describe, expect, it } from "vitest";
import { parseContainers, parseHealth, parseResources } from "./inventory.js";

const SUB = "A1A1A1A1-0000-4000-8000-00000000000A";
const VM = `/subscriptions/${SUB}/resourceGroups/Acme-RG/providers/Microsoft.Compute/virtualMachines/vm1`;

describe("parseResources", () => {
  it("lower-cases ids for joining, reads the resource group from the id when missing, and keeps each id once", () => {
    const parsed = parseResources([
      { id: VM, name: "vm1", type: "Microsoft.Compute/virtualMachines", subscriptionId: SUB },
      {
        id: VM.toLowerCase(),
        name: "vm1",
        type: "microsoft.compute/virtualmachines",
        subscriptionId: SUB,
        resourceGroup: "acme-rg",
      },
    ]);
    expect(parsed).toEqual({
      records: [
        {
          id: VM.toLowerCase(),
          name: "vm1",
          type: "microsoft.compute/virtualmachines",
          subscriptionId: SUB.toLowerCase(),
          resourceGroup: "acme-rg",
        },
      ],
      errors: [],
    });
  });
});

describe("parseHealth", () => {
  it("finds the resource from targetResourceId or from the status id", () => {
    const parsed = parseHealth([
      {
        id: `${VM}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`,
        targetResourceId: "",
        availabilityState: "Degraded",
      },
      {
        id: "/x/providers/Microsoft.ResourceHealth/availabilityStatuses/current",
        targetResourceId: VM,
        availabilityState: "Available",
      },
      { id: 7 },
    ]);
    expect(parsed.records).toEqual([
      { resourceId: VM.toLowerCase(), availability: "Degraded" },
      { resourceId: VM.toLowerCase(), availability: "Available" },
    ]);
    expect(parsed.errors).toEqual([
      {
        source: "azure",
        entity: "other",
        message:
          "unreadable health row from Resource Graph: id: Invalid input: expected string, received number",
      },
    ]);
  });
});

describe("parseContainers", () => {
  it("keeps subscriptions and resource groups with their names as Azure writes them", () => {
    expect(
      parseContainers([
        {
          id: `/subscriptions/${SUB}`,
          name: "Acme Production",
          type: "microsoft.resources/subscriptions",
          subscriptionId: SUB,
        },
        {
          id: `/subscriptions/${SUB}/resourceGroups/Acme-RG`,
          name: "Acme-RG",
          type: "microsoft.resources/subscriptions/resourcegroups",
          subscriptionId: SUB,
        },
        {
          id: `/subscriptions/${SUB}/providers/x/y`,
          name: "other",
          type: "microsoft.resources/other",
          subscriptionId: SUB,
        },
        { id: `/subscriptions/${SUB}/resourceGroups/broken`, name: "broken", subscriptionId: SUB },
      ]),
    ).toEqual({
      records: [
        { kind: "subscription", subscriptionId: SUB.toLowerCase(), name: "Acme Production" },
        { kind: "resourceGroup", subscriptionId: SUB.toLowerCase(), name: "Acme-RG" },
      ],
      errors: [
        {
          source: "azure",
          entity: "other",
          id: `/subscriptions/${SUB}/resourceGroups/broken`,
          message:
            "unreadable resource container row from Resource Graph: type: Invalid input: expected string, received undefined",
        },
      ],
    });
  });
});
