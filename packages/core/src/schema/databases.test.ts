import { describe, expect, it } from "vitest";
import { DATABASE_KEYS } from "./database-keys.js";
import { DATABASES } from "./databases.js";
import { relationTargets } from "./definition.js";

describe("database definitions", () => {
  it("define the seven databases of SPEC §4 with the exact titles and key properties", () => {
    expect(DATABASE_KEYS.map((key) => [key, DATABASES[key].title, DATABASES[key].keyProperty])).toEqual([
      ["customerSites", "Customer Sites", "Site Key"],
      ["dailyHealth", "Daily Health", "Snapshot Key"],
      ["configChanges", "Config Changes", "Change ID"],
      ["networkDevices", "Network Devices", "Device Key"],
      ["azureServices", "Azure Pipeline", "Service Name"],
      ["runbooks", "Runbook Library", "Runbook Key"],
      ["scriptRuns", "Script Runs", "Run Key"],
    ]);
  });

  it("give every database exactly one title, unique names and a key property it has", () => {
    for (const key of DATABASE_KEYS) {
      const db = DATABASES[key];
      const names = db.properties.map((p) => p.name);
      expect(new Set(names).size, db.title).toBe(names.length);
      expect(
        db.properties.filter((p) => p.type === "title"),
        db.title,
      ).toHaveLength(1);
      expect(names, db.title).toContain(db.keyProperty);
      const keyType = db.properties.find((p) => p.name === db.keyProperty)?.type;
      expect(["title", "rich_text"], db.title).toContain(keyType);
    }
  });

  it("lists Customer Sites first and relates only to databases listed before", () => {
    DATABASE_KEYS.forEach((key, index) => {
      for (const target of relationTargets(DATABASES[key])) {
        expect(DATABASE_KEYS.indexOf(target), `${key} → ${target}`).toBeLessThan(index);
      }
    });
    expect(relationTargets(DATABASES.dailyHealth)).toEqual(["customerSites"]);
    expect(relationTargets(DATABASES.networkDevices)).toEqual(["customerSites"]);
    expect(relationTargets(DATABASES.configChanges)).toEqual(["customerSites"]);
  });

  it("spell the select options SPEC §4 fixes", () => {
    const optionNames = (key: keyof typeof DATABASES, property: string) =>
      DATABASES[key].properties.find((p) => p.name === property)?.options?.map((o) => o.name);
    expect(optionNames("customerSites", "Health Status")).toEqual(["Healthy", "Warning", "Critical"]);
    expect(optionNames("customerSites", "Risk Level")).toEqual(["Low", "Medium", "High"]);
    expect(optionNames("customerSites", "Backup Status")).toEqual([
      "success",
      "partial",
      "failed",
      "unknown",
    ]);
    expect(optionNames("azureServices", "Stage")).toEqual(["Planned", "Pilot", "Deployed", "Retired"]);
    expect(optionNames("azureServices", "Availability")).toEqual([
      "Available",
      "Degraded",
      "Unavailable",
      "Unknown",
    ]);
    expect(optionNames("scriptRuns", "Status")).toEqual([
      "success",
      "failed",
      "timeout",
      "blocked",
      "skipped",
    ]);
  });
});
