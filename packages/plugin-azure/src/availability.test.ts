import { describe, expect, it } from "vitest";
import { toAvailability, worstAvailability } from "./availability.js";

describe("worstAvailability", () => {
  it("orders Unavailable > Degraded > Unknown > Available", () => {
    expect(worstAvailability(["Available", "Unknown"])).toBe("Unknown");
    expect(worstAvailability(["Unknown", "Degraded", "Available"])).toBe("Degraded");
    expect(worstAvailability(["Degraded", "Unavailable", "Unknown"])).toBe("Unavailable");
    expect(worstAvailability(["Available", "Available"])).toBe("Available");
  });

  it("is Unknown with no health record at all", () => {
    expect(worstAvailability([])).toBe("Unknown");
  });
});

describe("toAvailability", () => {
  it("reads Resource Health's availabilityState, anything else being Unknown", () => {
    expect(
      ["Available", "degraded", " Unavailable ", "Unknown", "", undefined, "Pending"].map(toAvailability),
    ).toEqual(["Available", "Degraded", "Unavailable", "Unknown", "Unknown", "Unknown", "Unknown"]);
  });
});
