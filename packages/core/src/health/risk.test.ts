import { describe, expect, it } from "vitest";
import { riskLevel } from "./risk.js";

describe("riskLevel", () => {
  it.each([
    [100, "Low"],
    [80, "Low"],
    [79, "Medium"],
    [60, "Medium"],
    [59, "High"],
    [0, "High"],
  ] as const)("score %d alone → %s", (score, level) => {
    expect(riskLevel({ score, criticalAlerts: 0, backupStatus: "success", configDrift: false })).toBe(level);
  });

  it("is High on any critical alert or a failed backup, whatever the score", () => {
    expect(riskLevel({ score: 100, criticalAlerts: 1 })).toBe("High");
    expect(riskLevel({ score: 100, backupStatus: "failed" })).toBe("High");
    expect(riskLevel({ score: 100, backupStatus: " Failed" })).toBe("High");
  });

  it("is Medium on drift when nothing makes it High", () => {
    expect(riskLevel({ score: 95, configDrift: true })).toBe("Medium");
    expect(riskLevel({ score: 95, configDrift: true, criticalAlerts: 2 })).toBe("High");
  });

  it("is Low with partial or unknown backup, warnings only, and invalid counts", () => {
    expect(riskLevel({ score: 90, backupStatus: "partial" })).toBe("Low");
    expect(riskLevel({ score: 90, backupStatus: "unknown" })).toBe("Low");
    expect(riskLevel({ score: 90, criticalAlerts: -1 })).toBe("Low");
    expect(riskLevel({ score: 90, criticalAlerts: Number.NaN })).toBe("Low");
  });

  it("reads a score that is not a number as 0", () => {
    expect(riskLevel({ score: Number.NaN })).toBe("High");
  });

  it("follows configured thresholds", () => {
    const thresholds = { riskHighBelow: 50, riskMediumBelow: 90 };
    expect(riskLevel({ score: 50 }, thresholds)).toBe("Medium");
    expect(riskLevel({ score: 49 }, thresholds)).toBe("High");
    expect(riskLevel({ score: 89 }, thresholds)).toBe("Medium");
    expect(riskLevel({ score: 90 }, thresholds)).toBe("Low");
  });
});
