import { describe, expect, it } from "vitest";
import { latestBaselines } from "./baseline.js";

describe("latestBaselines", () => {
  it("takes each site's fingerprint from its newest logged change, whatever the input order", () => {
    const changes = [
      { siteKey: "ACME-001", timestamp: "2025-05-01T09:00:00Z", fingerprint: "old" },
      { siteKey: "ACME-001", timestamp: "2025-06-01T09:00:00Z", fingerprint: "new" },
      { siteKey: "BETA-002", timestamp: "2025-04-01", fingerprint: "beta" },
      { siteKey: "ACME-001", timestamp: "2025-05-15T09:00:00+02:00", fingerprint: "middle" },
    ];
    const expected = new Map([
      ["ACME-001", "new"],
      ["BETA-002", "beta"],
    ]);
    expect(latestBaselines(changes)).toEqual(expected);
    expect(latestBaselines([...changes].reverse())).toEqual(expected);
  });

  it("gives no baseline when the newest change carries no fingerprint", () => {
    const changes = [
      { siteKey: "ACME-001", timestamp: "2025-05-01T09:00:00Z", fingerprint: "old" },
      { siteKey: "ACME-001", timestamp: new Date("2025-06-01T09:00:00Z"), fingerprint: " " },
      { siteKey: "BETA-002", timestamp: "2025-06-01T09:00:00Z" },
    ];
    expect(latestBaselines(changes)).toEqual(new Map());
  });

  it("counts an unreadable timestamp as oldest and breaks ties by Change ID", () => {
    const changes = [
      { siteKey: "S", timestamp: "not a date", fingerprint: "garbled" },
      { siteKey: "S", timestamp: "2025-01-01T00:00:00Z", fingerprint: "b", changeId: "CHG-2" },
      { siteKey: "S", timestamp: "2025-01-01T00:00:00Z", fingerprint: "a", changeId: "CHG-10" },
    ];
    expect(latestBaselines(changes).get("S")).toBe("b"); // "CHG-2" > "CHG-10" as text
    expect(latestBaselines([...changes].reverse()).get("S")).toBe("b");
    expect(latestBaselines([{ siteKey: "S", timestamp: "nope", fingerprint: "only" }]).get("S")).toBe("only");
  });

  it("skips records without a site", () => {
    expect(latestBaselines([{ siteKey: "", timestamp: "2025-01-01", fingerprint: "x" }])).toEqual(new Map());
  });
});
