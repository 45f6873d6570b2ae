import { describe, expect, it } from "vitest";
import { hostLastSeen, siteManagerFingerprint } from "./site-manager-mapping.js";
import { type SiteManagerSite, siteSchema } from "./site-manager-schemas.js";

const NOW = new Date("2026-03-01T10:00:00Z");

function site(statistics: unknown): SiteManagerSite {
  return siteSchema.parse({ siteId: "s1", statistics });
}

const base = {
  counts: { lanConfiguration: 4, wanConfiguration: 2, wifiConfiguration: 3, wifiClient: 80, totalDevice: 12 },
  gateway: {
    hardwareId: "hw-1",
    inspectionState: "on",
    ipsMode: "ips",
    ipsSignature: { rulesCount: 51234, type: "ET" },
  },
  percentages: { txRetry: 12.5, wanUptime: 99.9 },
};

describe("siteManagerFingerprint", () => {
  const fingerprint = siteManagerFingerprint(site(base), ["sdwan-1"]);

  it("ignores live numbers and the IPS rule count, which change without anyone reconfiguring", () => {
    const moved = {
      ...base,
      counts: { ...base.counts, wifiClient: 3, totalDevice: 13 },
      gateway: { ...base.gateway, ipsSignature: { rulesCount: 60000, type: "ET" } },
      percentages: { txRetry: 40, wanUptime: 50 },
    };
    expect(siteManagerFingerprint(site(moved), ["sdwan-1"])).toBe(fingerprint);
  });

  it("changes with configuration counts, gateway settings and SD-WAN", () => {
    expect(
      siteManagerFingerprint(site({ ...base, counts: { ...base.counts, wifiConfiguration: 4 } }), [
        "sdwan-1",
      ]),
    ).not.toBe(fingerprint);
    expect(
      siteManagerFingerprint(site({ ...base, gateway: { ...base.gateway, ipsMode: "ids" } }), ["sdwan-1"]),
    ).not.toBe(fingerprint);
    expect(siteManagerFingerprint(site(base), ["sdwan-2"])).not.toBe(fingerprint);
  });

  it("treats null like missing, and reports nothing for a site without configuration data", () => {
    const withNulls = {
      ...base,
      gateway: { ...base.gateway, shortname: null },
      counts: { ...base.counts, guestClient: null },
    };
    expect(siteManagerFingerprint(site(withNulls), ["sdwan-1"])).toBe(fingerprint);
    expect(siteManagerFingerprint(site(undefined), [])).toBeUndefined();
    expect(
      siteManagerFingerprint(site({ counts: { lanConfiguration: null }, gateway: null }), []),
    ).toBeUndefined();
  });
});

describe("hostLastSeen", () => {
  it("is now for a connected console, else when its connection last changed", () => {
    const host = {
      id: "h",
      reportedState: { state: "connected" },
      lastConnectionStateChange: "2026-02-01T00:00:00Z",
    };
    expect(hostLastSeen(host, NOW)).toBe(NOW.toISOString());
    expect(hostLastSeen({ ...host, reportedState: { state: "disconnected" } }, NOW)).toBe(
      "2026-02-01T00:00:00.000Z",
    );
    expect(
      hostLastSeen({ id: "h", reportedState: null, lastConnectionStateChange: "garbage" }, NOW),
    ).toBeUndefined();
    expect(hostLastSeen(undefined, NOW)).toBeUndefined();
  });
});
