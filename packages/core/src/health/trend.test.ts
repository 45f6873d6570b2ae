import { describe, expect, it } from "vitest";
import { formatBreakdown } from "./breakdown-text.js";
import { calculateHealthScore } from "./score.js";
import { healthTrend } from "./trend.js";

describe("healthTrend", () => {
  const yesterday = calculateHealthScore({ criticalAlerts: 1, backupStatus: "success" }); // 90: alerts −10
  const today = calculateHealthScore({ backupStatus: "success", devicesOnline: 10, devicesTotal: 10 }); // 100

  it("shows the score change and the components that moved", () => {
    expect(healthTrend(today, yesterday)).toEqual({
      delta: 10,
      movedComponents: [{ component: "alerts", before: 10, after: 0 }],
      text: "▲ 10 (alerts −10 → 0)",
    });
  });

  it("shows a fall, several components in order, and no change", () => {
    const worse = calculateHealthScore({ devicesOnline: 7, devicesTotal: 10, backupStatus: "partial" }); // 100-9-7 = 84
    expect(healthTrend(worse, today)).toEqual({
      delta: -16,
      movedComponents: [
        { component: "deviceAvailability", before: 0, after: 9 },
        { component: "backup", before: 0, after: 7 },
      ],
      text: "▼ 16 (devices 0 → −9, backup 0 → −7)",
    });
    expect(healthTrend(today, today)).toEqual({ delta: 0, movedComponents: [], text: "= 0" });
  });

  it("names moves that cancel out, and several moves in component order", () => {
    const before = calculateHealthScore({ warningAlerts: 5, backupStatus: "success" }); // alerts −10 → 90
    const after = calculateHealthScore({ wifiClients: 4, weakSignalClients: 1, backupStatus: "unknown" }); // wifi trunc(20/4)=5, backup 5 → 90
    expect(healthTrend(after, before)).toEqual({
      delta: 0,
      movedComponents: [
        { component: "wifiQuality", before: 0, after: 5 },
        { component: "alerts", before: 10, after: 0 },
        { component: "backup", before: 0, after: 5 },
      ],
      text: "= 0 (wifi 0 → −5, alerts −10 → 0, backup 0 → −5)",
    });
    const a = calculateHealthScore({ warningAlerts: 5, backupStatus: "success" }); // alerts −10 → 90
    const b = calculateHealthScore({ backupStatus: "unknown", devicesOnline: 2, devicesTotal: 12 }); // devices trunc(10*30/12)=25, backup 5 → 70
    expect(healthTrend(a, b).text).toBe("▲ 20 (devices −25 → 0, alerts 0 → −10, backup −5 → 0)");
  });

  it("reads yesterday's stored Score Breakdown text", () => {
    const stored = {
      score: yesterday.score,
      breakdown: formatBreakdown(yesterday.breakdown, yesterday.score),
    };
    expect(healthTrend(today, stored).text).toBe("▲ 10 (alerts −10 → 0)");
  });

  it("has no delta without an earlier snapshot or score", () => {
    const none = { delta: null, movedComponents: [], text: "new (no earlier snapshot)" };
    expect(healthTrend(today)).toEqual(none);
    expect(healthTrend(today, null)).toEqual(none);
    expect(healthTrend(today, { score: Number.NaN, breakdown: [] })).toEqual(none);
  });

  it("compares only components both snapshots list", () => {
    expect(healthTrend(today, { score: 95, breakdown: "Health score 95 of 100\ngarbage" })).toEqual({
      delta: 5,
      movedComponents: [],
      text: "▲ 5",
    });
  });
});
