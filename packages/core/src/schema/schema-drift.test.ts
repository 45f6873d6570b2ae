import { describe, expect, it } from "vitest";
import type { DatabaseKey } from "./database-keys.js";
import { DATABASES } from "./databases.js";
import type { LiveProperty, LiveSchema } from "./live-schema.js";
import { repairPatch, schemaDrift } from "./schema-drift.js";

const targets = (key: DatabaseKey) => (key === "customerSites" ? "cs-ds" : undefined);

/** The schema Notion would report right after setup created `key`. */
function liveFor(key: DatabaseKey): Record<string, LiveProperty> {
  const schema: Record<string, LiveProperty> = {};
  for (const p of DATABASES[key].properties) {
    const property: LiveProperty = { id: `id-${p.name}`, name: p.name, type: p.type };
    if (p.type === "select" || p.type === "multi_select") {
      property[p.type] = {
        options: (p.options ?? []).map((o) => ({ id: `opt-${o.name}`, name: o.name, color: o.color })),
      };
    }
    if (p.type === "relation") property.relation = { data_source_id: "cs-ds" };
    schema[p.name] = property;
  }
  return schema;
}

describe("schemaDrift", () => {
  it("finds nothing in a schema as defined (option names compare case-insensitively)", () => {
    const live = liveFor("scriptRuns");
    live.Status = {
      ...live.Status!,
      select: { options: live.Status!.select!.options.map((o) => ({ ...o, name: o.name.toUpperCase() })) },
    };
    expect(schemaDrift(DATABASES.scriptRuns, live, targets)).toEqual([]);
  });

  it("reports each kind of difference, and which ones repair may fix", () => {
    const live = liveFor("dailyHealth");
    delete live["Devices Total"];
    live["Health Score"] = { ...live["Health Score"]!, type: "formula" };
    live["Backup Status"] = {
      ...live["Backup Status"]!,
      select: { options: [{ id: "o1", name: "success" }] },
    };
    live.Site = { ...live.Site!, relation: { data_source_id: "other-ds" } };
    live.Notes = { id: "n", name: "Notes", type: "rich_text" };
    const drift = schemaDrift(DATABASES.dailyHealth, live, targets);
    expect(drift.map((d) => [d.kind, d.property, d.severity, d.repairable])).toEqual([
      ["wrong_relation", "Site", "problem", false],
      ["wrong_type", "Health Score", "problem", false],
      ["missing_property", "Devices Total", "problem", true],
      ["missing_options", "Backup Status", "problem", true],
      ["extra_property", "Notes", "info", false],
    ]);
    expect(drift.find((d) => d.kind === "missing_options")?.options).toEqual([
      "partial",
      "failed",
      "unknown",
    ]);

    const patch = repairPatch(DATABASES.dailyHealth, live, drift, targets);
    expect(patch).toEqual({
      "Devices Total": { number: { format: "number" } },
      "Backup Status": {
        select: {
          options: [
            { id: "o1" },
            { name: "partial", color: "yellow" },
            { name: "failed", color: "red" },
            { name: "unknown", color: "gray" },
          ],
        },
      },
    });
  });

  it("cannot add a renamed title property or a relation whose target is not configured", () => {
    const live: LiveSchema = { ...liveFor("configChanges") };
    const renamed = { ...live } as Record<string, LiveProperty>;
    delete renamed["Change ID"];
    delete renamed.Site;
    renamed.Name = { id: "title", name: "Name", type: "title" };
    const drift = schemaDrift(DATABASES.configChanges, renamed, () => undefined);
    const title = drift.find((d) => d.property === "Change ID");
    expect(title).toMatchObject({ kind: "missing_property", repairable: false });
    expect(title?.message).toContain('the title property is named "Name"');
    expect(drift.find((d) => d.property === "Site")).toMatchObject({ repairable: false });
    expect(repairPatch(DATABASES.configChanges, renamed, drift, () => undefined)).toEqual({});
    expect(drift.some((d) => d.property === "Name")).toBe(false);
  });
});
