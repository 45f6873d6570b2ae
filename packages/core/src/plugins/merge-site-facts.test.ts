import { describe, expect, it } from "vitest";
import { configFingerprint } from "../health/fingerprint.js";
import { mergeSiteFacts } from "./merge-site-facts.js";
import type { SiteObservation } from "./observations.js";

const FP_A = "a".repeat(64);
const FP_B = "b".repeat(64);
const FP_C = "c".repeat(64);

function site(source: string, sourceId: string, facts: Partial<SiteObservation> = {}): SiteObservation {
  return { source, sourceId, name: "Acme", matchKeys: {}, ...facts };
}

describe("mergeSiteFacts", () => {
  it("reports nothing it was not told", () => {
    expect(mergeSiteFacts([])).toEqual({ fingerprints: {}, hasAzure: false, sources: [] });
    expect(mergeSiteFacts([site("unifi", "1")])).toEqual({
      fingerprints: {},
      hasAzure: false,
      sources: ["unifi"],
    });
  });

  it("adds up device counts of different sources (network gear plus endpoints)", () => {
    const facts = mergeSiteFacts([
      site("unifi", "1", { devicesOnline: 9, devicesTotal: 10 }),
      site("ninjaone", "12", { devicesOnline: 20, devicesTotal: 25 }),
    ]);
    expect(facts.devicesOnline).toBe(29);
    expect(facts.devicesTotal).toBe(35);
  });

  it("counts devices only from observations that report both online and total", () => {
    const facts = mergeSiteFacts([
      site("unifi", "1", { devicesOnline: 4, devicesTotal: 4 }),
      site("ninjaone", "12", { devicesTotal: 30 }),
    ]);
    expect(facts).toMatchObject({ devicesOnline: 4, devicesTotal: 4 });
    expect(mergeSiteFacts([site("ninjaone", "12", { devicesTotal: 30 })]).devicesTotal).toBeUndefined();
  });

  it("never lets online exceed total, nor weak-signal exceed wifi clients", () => {
    const facts = mergeSiteFacts([
      site("unifi", "1", { devicesOnline: 12, devicesTotal: 10, wifiClients: 5, weakSignalClients: 9 }),
    ]);
    expect(facts).toMatchObject({
      devicesOnline: 10,
      devicesTotal: 10,
      wifiClients: 5,
      weakSignalClients: 5,
    });
  });

  it("adds up wifi clients, weak-signal clients only where reported", () => {
    const facts = mergeSiteFacts([
      site("unifi", "1", { wifiClients: 30, weakSignalClients: 3 }),
      site("unifi", "2", { wifiClients: 10 }),
      site("ninjaone", "12", { weakSignalClients: 7 }),
    ]);
    expect(facts.wifiClients).toBe(40);
    expect(facts.weakSignalClients).toBe(3);
  });

  it("adds up alerts and open tickets, keeping a reported zero", () => {
    const facts = mergeSiteFacts([
      site("unifi", "1", { criticalAlerts: 1, warningAlerts: 0 }),
      site("ninjaone", "12", { criticalAlerts: 2, warningAlerts: 3, openTickets: 0 }),
    ]);
    expect(facts).toMatchObject({ criticalAlerts: 3, warningAlerts: 3, openTickets: 0 });
  });

  it("takes the worst backup status: failed > partial > unknown > success", () => {
    const backup = (...statuses: SiteObservation["backupStatus"][]) =>
      mergeSiteFacts(statuses.map((backupStatus, i) => site(`s${i}`, "1", { backupStatus }))).backupStatus;
    expect(backup("success", "failed", "partial")).toBe("failed");
    expect(backup("success", "partial", "unknown")).toBe("partial");
    expect(backup("success", "unknown")).toBe("unknown");
    expect(backup("success", undefined)).toBe("success");
    expect(backup(undefined)).toBeUndefined();
  });

  it("takes the worst availability and any hasAzure", () => {
    const facts = mergeSiteFacts([
      site("azure", "sub", { availability: "Degraded", hasAzure: true }),
      site("azure", "sub/rg", { availability: "Available", hasAzure: false }),
      site("unifi", "1", { availability: "Unknown" }),
    ]);
    expect(facts.availability).toBe("Degraded");
    expect(facts.hasAzure).toBe(true);
    expect(mergeSiteFacts([site("azure", "x", { availability: "Unavailable" })]).availability).toBe(
      "Unavailable",
    );
  });

  it("takes the latest last-seen time, comparing instants not text", () => {
    const facts = mergeSiteFacts([
      site("unifi", "1", { lastSeen: "2026-01-02T10:00:00+02:00" }),
      site("ninjaone", "12", { lastSeen: "2026-01-02T09:30:00Z" }),
      site("azure", "s"),
    ]);
    expect(facts.lastSeen).toBe("2026-01-02T09:30:00Z");
  });

  it("keeps one fingerprint per source and combines them in source order", () => {
    const facts = mergeSiteFacts([
      site("unifi", "1", { configFingerprint: FP_B }),
      site("azure", "s", { configFingerprint: FP_A }),
      site("ninjaone", "12"),
    ]);
    expect(facts.fingerprints).toEqual({ azure: FP_A, unifi: FP_B });
    expect(facts.configFingerprint).toBe(`azure:${FP_A} unifi:${FP_B}`);
  });

  it("hashes several fingerprints of one source together, whatever their order", () => {
    const one = mergeSiteFacts([
      site("unifi", "1", { configFingerprint: FP_B }),
      site("unifi", "2", { configFingerprint: FP_C }),
    ]);
    const other = mergeSiteFacts([
      site("unifi", "2", { configFingerprint: FP_C }),
      site("unifi", "1", { configFingerprint: FP_B }),
    ]);
    expect(one.fingerprints.unifi).toBe(configFingerprint([FP_B, FP_C]));
    expect(one).toEqual(other);
    expect(one.sources).toEqual(["unifi"]);
  });
});
