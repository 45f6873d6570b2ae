import { describe, expect, it } from "vitest";
import {
  deviceName,
  deviceStatus,
  preferredIp,
  preferredMac,
  toDeviceObservation,
} from "./device-observation.js";
import { deviceSchema } from "./schemas/device.js";

describe("device observation", () => {
  it("names a device by displayName, systemName, dnsName, netbiosName, then its id", () => {
    expect(deviceName({ id: 1, displayName: " ", systemName: null, dnsName: "host.local" })).toBe(
      "host.local",
    );
    expect(deviceName({ id: 1, netbiosName: "NB" })).toBe("NB");
    expect(deviceName({ id: 42 })).toBe("device 42");
  });

  it("reads status from offline", () => {
    expect(deviceStatus({ offline: false })).toBe("online");
    expect(deviceStatus({ offline: true })).toBe("offline");
    expect(deviceStatus({ offline: undefined })).toBe("unknown");
  });

  it("normalises MACs and prefers routable IPv4 addresses", () => {
    expect(preferredMac(["zz", "00-15-5D-0A-0B-0C"])).toBe("00:15:5d:0a:0b:0c");
    expect(preferredMac(["0015.5d0a.0b0c"])).toBe("00:15:5d:0a:0b:0c");
    expect(preferredMac(["nope"])).toBeUndefined();
    expect(preferredIp(["fe80::1", "127.0.0.1", "169.254.1.1", "10.1.2.3"])).toBe("10.1.2.3");
    expect(preferredIp(["169.254.1.1"])).toBe("169.254.1.1");
    expect(preferredIp(["2001:db8::1"])).toBe("2001:db8::1");
    expect(preferredIp([])).toBeUndefined();
  });

  it("keeps a device whose cosmetic fields are malformed, dropping only those fields", () => {
    const device = deviceSchema.parse({
      id: 3,
      organizationId: 2,
      offline: false,
      displayName: 17,
      systemName: "SRV",
      ipAddresses: "10.0.0.1",
      macAddresses: [7, "AA:BB:CC:DD:EE:FF"],
      os: "Windows",
      system: { model: ["x"], manufacturer: "Lenovo" },
      lastContact: "soon",
      nodeClass: "WINDOWS_SERVER",
    });
    expect(toDeviceObservation(device)).toEqual({
      key: "ninjaone:3",
      source: "ninjaone",
      vendorId: "3",
      siteSourceId: "2",
      name: "SRV",
      status: "online",
      vendor: "Lenovo",
      model: "WINDOWS_SERVER",
      mac: "aa:bb:cc:dd:ee:ff",
    });
  });

  it("rejects a device whose id, organizationId or offline cannot be read", () => {
    expect(deviceSchema.safeParse({ organizationId: 2, offline: false }).success).toBe(false);
    expect(deviceSchema.safeParse({ id: 1, offline: false }).success).toBe(false);
    expect(deviceSchema.safeParse({ id: 1, organizationId: 2, offline: "yes" }).success).toBe(false);
    expect(deviceSchema.safeParse({ id: 1, organizationId: 2, offline: null }).success).toBe(true);
  });
});
