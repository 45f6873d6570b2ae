import { describe, expect, it } from "vitest";
import { detectDrift } from "./drift.js";
import { configFingerprint } from "./fingerprint.js";
import { combineFingerprints, parseSiteFingerprint } from "./site-fingerprint.js";

const unifi = configFingerprint({ wlan: "acme", vlan: 20 });
const unifiChanged = configFingerprint({ wlan: "acme", vlan: 30 });
const ninja = configFingerprint({ policy: "servers" });
const azure = configFingerprint({ vnet: "10.1.0.0/16" });

describe("combineFingerprints", () => {
  it("is one stable text, whatever order the sources come in", () => {
    const a = combineFingerprints({ unifi, ninjaone: ninja, azure });
    const b = combineFingerprints({ azure, unifi, ninjaone: ninja });
    expect(a).toBe(b);
    expect(a).toBe(`azure:${azure} ninjaone:${ninja} unifi:${unifi}`);
  });

  it("leaves out sources without a fingerprint, and is undefined when none has one", () => {
    expect(combineFingerprints({ unifi, ninjaone: undefined, azure: "  " })).toBe(`unifi:${unifi}`);
    expect(combineFingerprints({})).toBeUndefined();
    expect(combineFingerprints({ unifi: null })).toBeUndefined();
  });

  it("hashes a fingerprint that is not sha256 hex and normalises source names", () => {
    const combined = combineFingerprints({ "Uni Fi": "v1:abc" });
    expect(combined).toMatch(/^uni_fi:[0-9a-f]{64}$/);
    expect(combineFingerprints({ "Uni Fi": "v1:abc" })).toBe(combined);
    expect(combineFingerprints({ unifi: unifi.toUpperCase() })).toBe(`unifi:${unifi}`);
  });

  it("parses back into sources", () => {
    expect(parseSiteFingerprint(combineFingerprints({ unifi, azure }))).toEqual(
      new Map([
        ["azure", azure],
        ["unifi", unifi],
      ]),
    );
    expect(parseSiteFingerprint("not a site fingerprint")).toEqual(
      new Map([["*", "not a site fingerprint"]]),
    );
    expect(parseSiteFingerprint(undefined).size).toBe(0);
  });
});

describe("detectDrift", () => {
  const baseline = combineFingerprints({ unifi, ninjaone: ninja });

  it("is no drift without a baseline or without a current fingerprint", () => {
    expect(detectDrift(baseline, undefined)).toEqual({
      drift: false,
      reason: "no baseline",
      changedSources: [],
    });
    expect(detectDrift(baseline, "")).toEqual({ drift: false, reason: "no baseline", changedSources: [] });
    expect(detectDrift(undefined, baseline)).toEqual({
      drift: false,
      reason: "source reports no configuration",
      changedSources: [],
    });
  });

  it("is no drift when the fingerprint matches the baseline", () => {
    expect(detectDrift(combineFingerprints({ ninjaone: ninja, unifi }), baseline)).toEqual({
      drift: false,
      reason: "matches the baseline",
      changedSources: [],
    });
  });

  it("is drift when a source's fingerprint differs, naming the source", () => {
    expect(detectDrift(combineFingerprints({ unifi: unifiChanged, ninjaone: ninja }), baseline)).toEqual({
      drift: true,
      reason: "unifi configuration differs from the baseline",
      changedSources: ["unifi"],
    });
  });

  it("does not call a source that is missing this run, or new since the baseline, drift", () => {
    expect(detectDrift(combineFingerprints({ unifi }), baseline)).toEqual({
      drift: false,
      reason: "matches the baseline (ninjaone not reported)",
      changedSources: [],
    });
    expect(
      detectDrift(combineFingerprints({ unifi: unifiChanged, ninjaone: ninja, azure }), baseline),
    ).toEqual({
      drift: true,
      reason: "unifi configuration differs from the baseline (no baseline yet for azure)",
      changedSources: ["unifi"],
    });
    expect(detectDrift(combineFingerprints({ azure }), baseline)).toEqual({
      drift: false,
      reason: "no baseline for azure",
      changedSources: [],
    });
  });

  it("compares fingerprints of another form whole", () => {
    expect(detectDrift("abc", " abc ").drift).toBe(false);
    expect(detectDrift("abc", "abd")).toEqual({
      drift: true,
      reason: "configuration differs from the baseline",
      changedSources: [],
    });
  });
});
