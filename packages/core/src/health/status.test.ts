import { describe, expect, it } from "vitest";
import { healthStatus } from "./status.js";

describe("healthStatus", () => {
  it.each([
    [100, "Healthy"],
    [80, "Healthy"],
    [79, "Warning"],
    [60, "Warning"],
    [59, "Critical"],
    [0, "Critical"],
    [Number.NaN, "Critical"],
  ] as const)("%d → %s", (score, status) => {
    expect(healthStatus(score)).toBe(status);
  });

  it("follows configured thresholds", () => {
    const thresholds = { healthyAt: 90, warningAt: 70 };
    expect(healthStatus(90, thresholds)).toBe("Healthy");
    expect(healthStatus(89, thresholds)).toBe("Warning");
    expect(healthStatus(70, thresholds)).toBe("Warning");
    expect(healthStatus(69, thresholds)).toBe("Critical");
  });
});
