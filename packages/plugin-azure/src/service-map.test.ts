import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { azureConfigSchema } from "./config.js";
import { BUILT_IN_SERVICES, providerDisplayName, resolveService } from "./service-map.js";

const config = (input: Record<string, unknown> = {}) =>
  azureConfigSchema.parse({ subscriptions: ["a1a1a1a1-0000-4000-8000-00000000000a"], ...input });

describe("resolveService", () => {
  it("maps built-in types case-insensitively", () => {
    expect(resolveService("Microsoft.Compute/virtualMachines", config())).toEqual({
      kind: "service",
      service: { name: "Virtual Machines", category: "Compute" },
    });
    expect(resolveService("microsoft.dataprotection/backupvaults", config())).toEqual(
      resolveService("microsoft.recoveryservices/vaults", config()),
    );
  });

  it("lets config override, add and ignore types", () => {
    const overridden = config({
      services: {
        "microsoft.compute/virtualmachines": { name: "Servers", category: "Compute" },
        "microsoft.insights/actiongroups": { name: "Alerting", category: "Monitoring" },
        "microsoft.compute/disks": false,
      },
    });
    expect(resolveService("microsoft.compute/virtualmachines", overridden)).toEqual({
      kind: "service",
      service: { name: "Servers", category: "Compute" },
    });
    expect(resolveService("microsoft.insights/actiongroups", overridden)).toEqual({
      kind: "service",
      service: { name: "Alerting", category: "Monitoring" },
    });
    expect(resolveService("microsoft.compute/disks", overridden)).toEqual({ kind: "ignored" });
  });

  it("groups unmapped types by provider namespace, or skips them", () => {
    expect(resolveService("microsoft.operationalinsights/querypacks", config())).toEqual({
      kind: "service",
      service: { name: "Microsoft.Operationalinsights (other)", category: "Other" },
    });
    expect(resolveService("microsoft.insights/actiongroups", config({ unmappedTypes: "skip" }))).toEqual({
      kind: "unmapped",
    });
    expect(providerDisplayName("microsoft.network/networkwatchers")).toBe("Microsoft.Network");
  });

  it("keys the built-in map by lower-case resource types", () => {
    for (const type of Object.keys(BUILT_IN_SERVICES)) expect(type).toMatch(/^[a-z0-9.-]+(\/[a-z0-9-]+)+$/);
  });

  it("is the table the README documents", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const start = readme.search(/^\|\s*resource type\s*\|\s*service\s*\|\s*category\s*\|$/m);
    expect(start).toBeGreaterThan(0);
    const table = readme.slice(start, readme.indexOf("\n\n", start));
    const rows = [...table.matchAll(/^\|\s*`([a-z0-9./-]+)`\s*\|\s*(.+?)\s*\|\s*(.+?)\s*\|$/gm)].map(
      ([, type, name, category]) => [type, { name, category }],
    );
    expect(Object.fromEntries(rows)).toEqual(BUILT_IN_SERVICES);
  });
});
