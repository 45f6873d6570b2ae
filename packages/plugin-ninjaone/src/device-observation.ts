import type { DeviceObservation } from "@notion-ops/core";
import { epochToIso } from "./epoch-time.js";
import type { NinjaOneDevice } from "./schemas/device.js";

/** One NinjaOne device as a Network Devices record (key `ninjaone:<id>`). */
export function toDeviceObservation(device: NinjaOneDevice): DeviceObservation {
  const model = clean(device.system?.model) ?? clean(device.nodeClass);
  const vendor = clean(device.system?.manufacturer);
  const mac = preferredMac(device.macAddresses ?? []);
  const ip = preferredIp(device.ipAddresses ?? []);
  const firmware = osDescription(device.os);
  const lastSeen = epochToIso(device.lastContact);
  return {
    key: `ninjaone:${device.id}`,
    source: "ninjaone",
    vendorId: String(device.id),
    siteSourceId: String(device.organizationId),
    name: deviceName(device),
    status: deviceStatus(device),
    ...(vendor ? { vendor } : {}),
    ...(model ? { model } : {}),
    ...(mac ? { mac } : {}),
    ...(ip ? { ip } : {}),
    ...(firmware ? { firmware } : {}),
    ...(lastSeen ? { lastSeen } : {}),
  };
}

/** `offline` false → online, true → offline; absent → unknown (counted in the total, not online). */
export function deviceStatus(device: Pick<NinjaOneDevice, "offline">): "online" | "offline" | "unknown" {
  if (device.offline === false) return "online";
  if (device.offline === true) return "offline";
  return "unknown";
}

/** displayName, then systemName, dnsName, netbiosName; `device <id>` when all are blank. */
export function deviceName(
  device: Pick<NinjaOneDevice, "id" | "displayName" | "systemName" | "dnsName" | "netbiosName">,
): string {
  return (
    clean(device.displayName) ??
    clean(device.systemName) ??
    clean(device.dnsName) ??
    clean(device.netbiosName) ??
    `device ${device.id}`
  );
}

/** The first MAC that reads as one, as lower-case colon-separated hex (the form UniFi uses). */
export function preferredMac(addresses: readonly string[]): string | undefined {
  for (const address of addresses) {
    const hex = address.replace(/[:.\-\s]/g, "").toLowerCase();
    if (/^[0-9a-f]{12}$/.test(hex)) return hex.match(/../g)!.join(":");
  }
  return undefined;
}

/** The first routable IPv4 address, else the first IPv4, else the first address given. */
export function preferredIp(addresses: readonly string[]): string | undefined {
  const trimmed = addresses.map((a) => a.trim()).filter((a) => a !== "");
  const ipv4 = trimmed.filter((a) => /^\d{1,3}(\.\d{1,3}){3}$/.test(a));
  return ipv4.find((a) => !a.startsWith("127.") && !a.startsWith("169.254.")) ?? ipv4[0] ?? trimmed[0];
}

function osDescription(os: NinjaOneDevice["os"]): string | undefined {
  const name = clean(os?.name);
  if (!name) return undefined;
  const build =
    os?.buildNumber === undefined || os.buildNumber === null ? undefined : clean(String(os.buildNumber));
  return build ? `${name} (build ${build})` : name;
}

function clean(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
