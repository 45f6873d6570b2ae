import { describe, expect, it } from "vitest";
import { HealthConfigError } from "./health-config-error.js";
import type { HealthInput } from "./health-input.js";
import { calculateHealthScore } from "./score.js";
import type { HealthWeights } from "./weights.js";

// Every expected score below was worked out by hand from SPEC §5; the working is in the comment.
const CUSTOM: HealthWeights = {
  deviceAvailability: 50,
  wifiQuality: 10,
  alerts: 10,
  backup: 20,
  configCompliance: 10,
};
const ZEROS: HealthWeights = {
  deviceAvailability: 40,
  wifiQuality: 0,
  alerts: 30,
  backup: 30,
  configCompliance: 0,
};
const BACKUP_ONE: HealthWeights = {
  deviceAvailability: 33,
  wifiQuality: 33,
  alerts: 33,
  backup: 1,
  configCompliance: 0,
};
const BACKUP_TWO: HealthWeights = {
  deviceAvailability: 34,
  wifiQuality: 33,
  alerts: 31,
  backup: 2,
  configCompliance: 0,
};
const DEVICES_ONLY: HealthWeights = {
  deviceAvailability: 100,
  wifiQuality: 0,
  alerts: 0,
  backup: 0,
  configCompliance: 0,
};

const ok = { backupStatus: "success" } as const;

const cases: [name: string, input: HealthInput, weights: HealthWeights | undefined, expected: number][] = [
  // SPEC §5 reference values
  [
    "perfect",
    { devicesOnline: 10, devicesTotal: 10, wifiClients: 50, weakSignalClients: 0, ...ok, configDrift: false },
    undefined,
    100,
  ],
  ["0 of 10 online, backup success", { devicesOnline: 0, devicesTotal: 10, ...ok }, undefined, 70], // 100 - 30
  [
    "0 of 10 online, success, drift",
    { devicesOnline: 0, devicesTotal: 10, ...ok, configDrift: true },
    undefined,
    55,
  ], // 70 - 15

  // defaults for missing inputs
  ["nothing reported", {}, undefined, 95], // backup unknown: floor(15/3) = 5
  ["only backup success", { ...ok }, undefined, 100],
  ["devicesTotal without devicesOnline", { devicesTotal: 10, ...ok }, undefined, 70], // online 0: trunc(10*30/10) = 30

  // device availability, truncation toward zero
  ["7 of 12 online", { devicesOnline: 7, devicesTotal: 12, ...ok }, undefined, 88], // trunc(5*30/12 = 12.5) = 12
  ["9 of 10 online", { devicesOnline: 9, devicesTotal: 10, ...ok }, undefined, 97], // trunc(1*30/10) = 3 (exact, not 2.999…)
  ["11 of 12 online", { devicesOnline: 11, devicesTotal: 12, ...ok }, undefined, 98], // trunc(30/12 = 2.5) = 2
  ["1 of 3 online", { devicesOnline: 1, devicesTotal: 3, ...ok }, undefined, 80], // trunc(2*30/3) = 20
  ["2 of 3 online", { devicesOnline: 2, devicesTotal: 3, ...ok }, undefined, 90], // trunc(30/3) = 10
  ["0 of 1 online", { devicesOnline: 0, devicesTotal: 1, ...ok }, undefined, 70], // 30
  ["99 of 100 online", { devicesOnline: 99, devicesTotal: 100, ...ok }, undefined, 100], // trunc(30/100 = 0.3) = 0
  ["96 of 100 online", { devicesOnline: 96, devicesTotal: 100, ...ok }, undefined, 99], // trunc(120/100 = 1.2) = 1
  ["0 devices", { devicesOnline: 0, devicesTotal: 0, ...ok }, undefined, 100], // no device penalty

  // wifi quality
  ["3 of 20 weak", { wifiClients: 20, weakSignalClients: 3, ...ok }, undefined, 97], // trunc(3*20/20) = 3
  ["1 of 3 weak", { wifiClients: 3, weakSignalClients: 1, ...ok }, undefined, 94], // trunc(20/3 = 6.67) = 6
  ["2 of 3 weak", { wifiClients: 3, weakSignalClients: 2, ...ok }, undefined, 87], // trunc(40/3 = 13.3) = 13
  ["7 of 7 weak", { wifiClients: 7, weakSignalClients: 7, ...ok }, undefined, 80], // 20
  ["0 clients (weak ignored)", { wifiClients: 0, weakSignalClients: 5, ...ok }, undefined, 100], // no clients, no penalty

  // alerts: min(critical*10 + warning*2, 20)
  ["1 critical", { criticalAlerts: 1, ...ok }, undefined, 90], // 10
  ["1 warning", { warningAlerts: 1, ...ok }, undefined, 98], // 2
  ["2 critical", { criticalAlerts: 2, ...ok }, undefined, 80], // 20
  ["2 critical 3 warning, capped", { criticalAlerts: 2, warningAlerts: 3, ...ok }, undefined, 80], // 26 → 20
  ["9 warning", { warningAlerts: 9, ...ok }, undefined, 82], // 18
  ["10 warning, exactly the cap", { warningAlerts: 10, ...ok }, undefined, 80], // 20
  ["11 warning, capped", { warningAlerts: 11, ...ok }, undefined, 80], // 22 → 20
  ["1 critical 5 warning", { criticalAlerts: 1, warningAlerts: 5, ...ok }, undefined, 80], // 10 + 10 = 20

  // backup: success 0, partial floor(15/2)=7, failed 15, unknown/anything else floor(15/3)=5
  ["backup partial", { backupStatus: "partial" }, undefined, 93],
  ["backup failed", { backupStatus: "failed" }, undefined, 85],
  ["backup unknown", { backupStatus: "unknown" }, undefined, 95],
  ["backup unexpected value", { backupStatus: "in-progress" }, undefined, 95],
  ["backup missing, devices fine", { devicesOnline: 10, devicesTotal: 10 }, undefined, 95],
  ["backup null", { backupStatus: null }, undefined, 95],
  ["backup in other case and padded", { backupStatus: " SUCCESS " }, undefined, 100],

  // drift
  ["drift only", { ...ok, configDrift: true }, undefined, 85], // 15

  // combinations with the default weights
  [
    "everything at its worst",
    {
      devicesOnline: 0,
      devicesTotal: 5,
      wifiClients: 4,
      weakSignalClients: 4,
      criticalAlerts: 3,
      backupStatus: "failed",
      configDrift: true,
    },
    undefined,
    0, // 100 - 30 - 20 - 20 - 15 - 15
  ],
  [
    "mixed",
    {
      devicesOnline: 10,
      devicesTotal: 12,
      wifiClients: 40,
      weakSignalClients: 5,
      criticalAlerts: 1,
      warningAlerts: 2,
      backupStatus: "partial",
    },
    undefined,
    72, // trunc(2*30/12)=5, trunc(5*20/40)=2, 10+4=14, 7 → 100-28
  ],
  [
    "mixed with drift",
    { devicesOnline: 3, devicesTotal: 4, configDrift: true },
    undefined,
    73, // trunc(30/4 = 7.5)=7, backup unknown 5, drift 15 → 100-27
  ],

  // custom weights 50/10/10/20/10
  ["custom: 7 of 12 online", { devicesOnline: 7, devicesTotal: 12, ...ok }, CUSTOM, 80], // trunc(250/12 = 20.8) = 20
  [
    "custom: 1 of 3 weak, partial",
    { wifiClients: 3, weakSignalClients: 1, backupStatus: "partial" },
    CUSTOM,
    87,
  ], // trunc(10/3)=3, floor(20/2)=10
  ["custom: 1 critical, unknown backup", { criticalAlerts: 1 }, CUSTOM, 84], // min(10,10)=10, floor(20/3)=6
  [
    "custom: 3 warning, failed, drift",
    { warningAlerts: 3, backupStatus: "failed", configDrift: true },
    CUSTOM,
    64, // 6 + 20 + 10
  ],
  [
    "custom: everything at its worst",
    {
      devicesOnline: 0,
      devicesTotal: 9,
      wifiClients: 2,
      weakSignalClients: 2,
      criticalAlerts: 5,
      backupStatus: "failed",
      configDrift: true,
    },
    CUSTOM,
    0, // 50 + 10 + 10 + 20 + 10
  ],

  // zero-weight components cost nothing
  [
    "zero weights: offline, weak, drift",
    { devicesOnline: 0, devicesTotal: 10, wifiClients: 10, weakSignalClients: 10, ...ok, configDrift: true },
    ZEROS,
    60, // 40 + 0 + 0
  ],
  ["zero weights: backup unknown", {}, ZEROS, 90], // floor(30/3) = 10
  ["zero weights: 3 critical, partial", { criticalAlerts: 3, backupStatus: "partial" }, ZEROS, 55], // 30 + floor(30/2)=15
  [
    "backup weight 1: failed costs 1",
    {
      devicesOnline: 1,
      devicesTotal: 3,
      wifiClients: 2,
      weakSignalClients: 1,
      warningAlerts: 1,
      backupStatus: "failed",
    },
    BACKUP_ONE,
    59, // trunc(2*33/3)=22, trunc(33/2)=16, 2, 1 → 100-41
  ],
  ["backup weight 1: partial costs floor(1/2)=0", { backupStatus: "partial" }, BACKUP_ONE, 100],
  ["backup weight 1: unknown costs floor(1/3)=0", {}, BACKUP_ONE, 100],
  ["backup weight 2: partial costs 1", { backupStatus: "partial" }, BACKUP_TWO, 99],
  ["backup weight 2: unknown costs floor(2/3)=0", { backupStatus: "bogus" }, BACKUP_TWO, 100],
  [
    "all weight on devices",
    { devicesOnline: 1, devicesTotal: 3, criticalAlerts: 9, backupStatus: "failed", configDrift: true },
    DEVICES_ONLY,
    34, // trunc(200/3 = 66.7) = 66, everything else weighs 0
  ],

  // bad input never crashes: ignored or corrected, then scored
  ["online more than total", { devicesOnline: 15, devicesTotal: 12, ...ok }, undefined, 100], // online capped at 12
  ["NaN total", { devicesOnline: 5, devicesTotal: Number.NaN, ...ok }, undefined, 100], // total 0, online capped at 0
  ["negative critical", { criticalAlerts: -3, warningAlerts: 2, ...ok }, undefined, 96], // critical ignored; 2*2 = 4
  ["fractional counts", { devicesOnline: 4.9, devicesTotal: 10.2, ...ok }, undefined, 82], // 4 of 10: trunc(6*30/10) = 18
  ["infinite alerts", { criticalAlerts: Number.POSITIVE_INFINITY, ...ok }, undefined, 100], // ignored
  ["huge device counts", { devicesOnline: 1e15 - 1, devicesTotal: 1e15, ...ok }, undefined, 100], // trunc(30/1e15) = 0
  ["drift given as a string", { ...ok, configDrift: "yes" as unknown as boolean }, undefined, 100], // ignored
];

describe("calculateHealthScore", () => {
  it("has the reference values and at least 30 more cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(33);
  });

  it.each(cases)("%s", (_name, input, weights, expected) => {
    const result = calculateHealthScore(input, weights);
    expect(result.score).toBe(expected);
    // the breakdown accounts for every point
    expect(100 - result.breakdown.reduce((sum, entry) => sum + entry.penalty, 0)).toBe(expected);
  });

  it("lists one entry per component, in order, with weights and facts", () => {
    const { score, breakdown } = calculateHealthScore({
      devicesOnline: 9,
      devicesTotal: 12,
      criticalAlerts: 2,
      warningAlerts: 3,
      backupStatus: "partial",
      configDrift: true,
    });
    expect(score).toBe(51); // 100 - trunc(3*30/12)=7 - 0 - 20 (26 capped) - 7 - 15
    expect(breakdown).toEqual([
      { component: "deviceAvailability", weight: 30, penalty: 7, facts: "3 of 12 devices offline" },
      { component: "wifiQuality", weight: 20, penalty: 0, facts: "no Wi-Fi clients reported" },
      {
        component: "alerts",
        weight: 20,
        penalty: 20,
        facts: "2 critical, 3 warning alerts (26 points, capped at 20)",
      },
      { component: "backup", weight: 15, penalty: 7, facts: "backup partial" },
      { component: "configCompliance", weight: 15, penalty: 15, facts: "config drift" },
    ]);
  });

  it("states the facts of the quiet and unusual cases", () => {
    const facts = (input: HealthInput) => calculateHealthScore(input).breakdown.map((entry) => entry.facts);
    expect(facts({ backupStatus: "success" })).toEqual([
      "no devices reported",
      "no Wi-Fi clients reported",
      "no open alerts",
      "backup success",
      "no config drift",
    ]);
    expect(
      facts({ devicesOnline: 0, devicesTotal: 1, wifiClients: 1, weakSignalClients: 1, warningAlerts: 1 }),
    ).toEqual([
      "1 of 1 device offline",
      "1 of 1 Wi-Fi client on weak signal",
      "0 critical, 1 warning alerts",
      "backup not reported (unknown)",
      "no config drift",
    ]);
    expect(facts({ backupStatus: "in-progress" })[3]).toBe('backup "in-progress" (treated as unknown)');
    expect(facts({ backupStatus: 42 as unknown as string })[3]).toBe("backup 42 (treated as unknown)");
  });

  it("notes every input it ignored or corrected", () => {
    const { breakdown } = calculateHealthScore({
      devicesOnline: 15,
      devicesTotal: 12,
      wifiClients: -4,
      weakSignalClients: 2,
      criticalAlerts: Number.NaN,
      warningAlerts: 2.5,
      backupStatus: "success",
      configDrift: "yes" as unknown as boolean,
    });
    expect(breakdown.map((entry) => entry.facts)).toEqual([
      "0 of 12 devices offline (devicesOnline 15 is more than devicesTotal 12, counted as 12)",
      "no Wi-Fi clients reported (wifiClients -4 is not a count, ignored; weakSignalClients 2 is more than wifiClients 0, counted as 0)",
      "0 critical, 2 warning alerts (criticalAlerts NaN is not a count, ignored; warningAlerts 2.5 counted as 2)",
      "backup success",
      'no config drift (configDrift "yes" is not true or false, ignored)',
    ]);
    expect(calculateHealthScore({ devicesTotal: 4 }).breakdown[0]?.facts).toBe(
      "4 of 4 devices offline (devicesOnline not reported, counted as 0)",
    );
  });

  it("never throws on inputs that are not objects", () => {
    for (const input of [null, undefined, 7, "x", []]) {
      expect(calculateHealthScore(input as unknown as HealthInput).score).toBe(95); // backup unknown: 5
    }
  });

  it("rejects invalid weights with a typed error naming the weights and their sum", () => {
    const weights = { ...CUSTOM, configCompliance: 0 }; // 90
    let error: unknown;
    try {
      calculateHealthScore({}, weights);
    } catch (caught) {
      error = caught;
    }
    expect(HealthConfigError.is(error)).toBe(true);
    expect((error as HealthConfigError).exitCode).toBe(2);
    expect((error as HealthConfigError).message).toBe(
      "health.weights: weights must sum to 100 (deviceAvailability 50 + wifiQuality 10 + alerts 10 + backup 20 + configCompliance 0 = 90)",
    );
  });
});
