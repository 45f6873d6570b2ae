import { describe, expect, it } from "vitest";
import { canonicalConfig, configFingerprint } from "./fingerprint.js";

const site = {
  name: "Acme HQ",
  networks: [
    { name: "LAN", vlan: 1, subnet: "10.0.0.0/24" },
    { name: "Guest", vlan: 20, subnet: "10.0.20.0/24", isolation: true },
  ],
  wlans: [{ ssid: "acme", security: "wpa3", bands: ["2g", "5g", "6g"] }],
  firewall: { rules: ["allow dns", "deny guest->lan"] },
};

describe("configFingerprint", () => {
  it("is a sha256 hex string", () => {
    expect(configFingerprint(site)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on key order or array order", () => {
    const reordered = {
      firewall: { rules: ["deny guest->lan", "allow dns"] },
      wlans: [{ bands: ["6g", "2g", "5g"], security: "wpa3", ssid: "acme" }],
      networks: [
        { isolation: true, subnet: "10.0.20.0/24", vlan: 20, name: "Guest" },
        { subnet: "10.0.0.0/24", name: "LAN", vlan: 1 },
      ],
      name: "Acme HQ",
    };
    expect(configFingerprint(reordered)).toBe(configFingerprint(site));
  });

  it("ignores volatile fields by default", () => {
    const polled = {
      ...site,
      updatedAt: "2025-06-01T10:00:00Z",
      uptime: 123456,
      lastSeen: 1717236000,
      last_seen: 1717236000,
      devices: [{ mac: "aa:bb", model: "U7", uptimeSeconds: 9, rxBytes: 1, tx_packets: 2, lastContact: 3.5 }],
      stats: { timestamp: 5, created_at: "x", heartbeatInterval: 60 },
    };
    const later = {
      ...site,
      updatedAt: "2025-06-02T10:00:00Z",
      uptime: 999999,
      lastSeen: 1717322400,
      last_seen: 1717322400,
      devices: [
        { mac: "aa:bb", model: "U7", uptimeSeconds: 99, rxBytes: 100, tx_packets: 200, lastContact: 4.5 },
      ],
      stats: { timestamp: 6, created_at: "y", heartbeatInterval: 61 },
    };
    expect(configFingerprint(later)).toBe(configFingerprint(polled));
  });

  it("keeps configuration keys that merely look like time words", () => {
    const base = { timeout: 30, timezone: "UTC", nat: true, format: "a", leaseTime: 86400 };
    for (const key of Object.keys(base) as (keyof typeof base)[]) {
      const changed = { ...base, [key]: key === "nat" ? false : `${base[key]}-changed` };
      expect(configFingerprint(changed), key).not.toBe(configFingerprint(base));
    }
  });

  it("changes on a real change", () => {
    const base = configFingerprint(site);
    expect(configFingerprint({ ...site, name: "Acme HQ 2" })).not.toBe(base);
    expect(
      configFingerprint({ ...site, wlans: [{ ssid: "acme", security: "wpa2", bands: ["2g", "5g", "6g"] }] }),
    ).not.toBe(base);
    expect(configFingerprint({ ...site, firewall: { rules: ["allow dns"] } })).not.toBe(base);
    expect(
      configFingerprint({ ...site, firewall: { rules: ["allow dns", "allow dns", "deny guest->lan"] } }),
    ).not.toBe(base);
    expect(configFingerprint({ ...site, extra: null })).not.toBe(base);
    expect(configFingerprint({ a: 1 })).not.toBe(configFingerprint({ a: "1" }));
    expect(configFingerprint({ a: [] })).not.toBe(configFingerprint({ a: {} }));
  });

  it("takes extra keys to ignore, and replaceable volatile patterns", () => {
    expect(configFingerprint({ ...site, revision: 7 }, { ignoreKeys: ["revision"] })).toBe(
      configFingerprint(site),
    );
    expect(configFingerprint({ a: 1, uptime: 5 }, { volatileKeyPatterns: [] })).not.toBe(
      configFingerprint({ a: 1, uptime: 6 }, { volatileKeyPatterns: [] }),
    );
    const global = /^noise$/g; // a stateful (g) pattern must still match every time
    expect(configFingerprint({ a: 1, noise: 1, b: { noise: 2 } }, { volatileKeyPatterns: [global] })).toBe(
      configFingerprint({ a: 1, b: {} }, { volatileKeyPatterns: [] }),
    );
  });

  it("never crashes on odd values", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    let deep: unknown = "leaf";
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const odd = {
      cyclic,
      deep,
      nan: Number.NaN,
      inf: Number.NEGATIVE_INFINITY,
      big: 10n,
      when: new Date("2025-01-01T00:00:00Z"),
      bad: new Date("nope"),
      set: new Set([2, 1]),
      map: new Map<unknown, unknown>([
        [2, "b"],
        ["1", "a"],
      ]),
      fn: () => 1,
      sym: Symbol("s"),
      undef: undefined,
      list: [undefined, null],
    };
    expect(configFingerprint(odd)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalConfig(cyclic)).toBe('{"a":1,"self":[Circular]}');
    expect(
      canonicalConfig({
        set: new Set([2, 1]),
        map: odd.map,
        list: [undefined, null],
        nan: Number.NaN,
        fn: odd.fn,
      }),
    ).toBe('{"list":[null,null],"map":{"1":"a","2":"b"},"nan":NaN,"set":[1,2]}');
    expect(canonicalConfig(undefined)).toBe("null");
    expect(canonicalConfig(-0)).toBe("0");
  });
});
