import { describe, expect, it } from "vitest";
import { formatTag, initialDescription, readTag, replaceDescriptionLine, withTag } from "./database-tag.js";
import { DATABASES } from "./databases.js";

describe("database tag", () => {
  it("round-trips the key and the views skipped for the plan", () => {
    const tag = {
      key: "dailyHealth" as const,
      skippedViews: ["Sites below 60 per day", "Health score trend"],
    };
    const line = formatTag(tag);
    expect(line).toBe(
      "notion-ops:dailyHealth · skipped on this plan: Health score trend; Sites below 60 per day",
    );
    expect(readTag(line)).toEqual({
      key: "dailyHealth",
      skippedViews: ["Health score trend", "Sites below 60 per day"],
    });
    expect(readTag(formatTag({ key: "runbooks", skippedViews: [] }))).toEqual({
      key: "runbooks",
      skippedViews: [],
    });
  });

  it("is found anywhere in a description, and not for unknown keys or prose", () => {
    expect(readTag("Freshness: 2026-03-02\nnotion-ops:scriptRuns\nnotes")?.key).toBe("scriptRuns");
    expect(readTag("see notion-ops:somethingElse")).toBeUndefined();
    expect(readTag("managed by notion-ops")).toBeUndefined();
    expect(readTag(initialDescription(DATABASES.customerSites))).toEqual({
      key: "customerSites",
      skippedViews: [],
    });
  });

  it("rewrites only its own line and keeps the rest of the description", () => {
    const description = "Purpose\nnotion-ops:customerSites\nLast sync: 12 sites";
    expect(withTag(description, { key: "customerSites", skippedViews: ["Operations"] })).toBe(
      "Purpose\nnotion-ops:customerSites · skipped on this plan: Operations\nLast sync: 12 sites",
    );
    expect(withTag("User text", { key: "runbooks", skippedViews: [] })).toBe(
      "User text\nnotion-ops:runbooks",
    );
    expect(replaceDescriptionLine("a\nLast sync: old\nb", "Last sync:", "Last sync: new")).toBe(
      "a\nLast sync: new\nb",
    );
    expect(replaceDescriptionLine("", "Last sync:", "Last sync: new")).toBe("Last sync: new");
  });
});
