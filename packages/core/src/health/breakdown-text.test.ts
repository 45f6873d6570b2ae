import { describe, expect, it } from "vitest";
import { formatBreakdown, parseBreakdown, SCORE_BREAKDOWN_MAX_LENGTH } from "./breakdown-text.js";
import { calculateHealthScore, type HealthBreakdownEntry } from "./score.js";

describe("formatBreakdown", () => {
  it("writes a header and one line per component", () => {
    const { score, breakdown } = calculateHealthScore({
      devicesOnline: 9,
      devicesTotal: 12,
      criticalAlerts: 2,
      warningAlerts: 3,
      backupStatus: "partial",
    });
    expect(formatBreakdown(breakdown, score)).toBe(
      [
        "Health score 66 of 100",
        "Device availability −7 of 30: 3 of 12 devices offline",
        "Wi-Fi quality −0 of 20: no Wi-Fi clients reported",
        "Alerts −20 of 20: 2 critical, 3 warning alerts (26 points, capped at 20)",
        "Backup −7 of 15: backup partial",
        "Config compliance −0 of 15: no config drift",
      ].join("\n"),
    );
  });

  it("stays within 2000 characters and on one line per component for huge inputs", () => {
    const { score, breakdown } = calculateHealthScore({
      devicesOnline: 1e300,
      devicesTotal: Number.MAX_VALUE,
      wifiClients: 1e21,
      weakSignalClients: -1e21,
      criticalAlerts: 1e308,
      warningAlerts: Number.MAX_SAFE_INTEGER + 0.5,
      backupStatus: `weird\n${"x".repeat(100_000)}`,
      configDrift: true,
    });
    const text = formatBreakdown(breakdown, score);
    expect(text.length).toBeLessThanOrEqual(SCORE_BREAKDOWN_MAX_LENGTH);
    expect(text.split("\n")).toHaveLength(6);
    expect(text).toContain(
      'Backup −5 of 15: backup "weird\\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (treated as unknown)',
    );
  });

  it("shortens hand-made entries with long or multi-line facts, never splitting a character", () => {
    const long: HealthBreakdownEntry[] = Array.from({ length: 40 }, () => ({
      component: "alerts",
      weight: 20,
      penalty: 0,
      facts: `line one\nline two ${"😀".repeat(500)}`,
    }));
    const text = formatBreakdown(long, 100);
    expect(text.length).toBeLessThanOrEqual(SCORE_BREAKDOWN_MAX_LENGTH);
    expect(text.endsWith("…")).toBe(true);
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/); // no lone high surrogate
    expect(text.split("\n")[1]).toMatch(/^Alerts −0 of 20: line one line two (?:😀)+…$/u);
  });

  it("is deterministic", () => {
    const { score, breakdown } = calculateHealthScore({
      devicesOnline: 3,
      devicesTotal: 4,
      backupStatus: "failed",
    });
    expect(formatBreakdown(breakdown, score)).toBe(formatBreakdown(structuredClone(breakdown), score));
  });
});

describe("parseBreakdown", () => {
  it("reads back what formatBreakdown wrote", () => {
    const { score, breakdown } = calculateHealthScore({
      devicesOnline: 1,
      devicesTotal: 3,
      warningAlerts: 4,
      configDrift: true,
    });
    expect(parseBreakdown(formatBreakdown(breakdown, score))).toEqual(breakdown);
  });

  it("skips lines it does not recognise and keeps the first of a repeated component", () => {
    const text = [
      "Health score 80 of 100",
      "Alerts −10 of 20: 1 critical, 0 warning alerts",
      "someone wrote a note here",
      "Alerts −4 of 20: repeated",
      "Backup −x of 15: broken",
      "  Backup −15 of 15: backup failed  ",
    ].join("\r\n");
    expect(parseBreakdown(text)).toEqual([
      { component: "alerts", penalty: 10, weight: 20, facts: "1 critical, 0 warning alerts" },
      { component: "backup", penalty: 15, weight: 15, facts: "backup failed" },
    ]);
    expect(parseBreakdown("")).toEqual([]);
  });
});
