import type { DeviceObservation } from "../plugins/observations.js";
import type { DesiredRecord } from "./desired-record.js";

/**
 * A Network Devices record. Last Seen moves only when something real does: an online device
 * shows the date it was seen (one change a day at most), an offline one the exact time it was
 * last seen (which does not move while it stays offline).
 */
export function networkDeviceRecord(
  device: DeviceObservation,
  options: { siteKey: string | undefined; vendor: string; runDate: string },
): DesiredRecord {
  const lastSeen =
    device.status === "online"
      ? (device.lastSeen ?? options.runDate).slice(0, 10)
      : (device.lastSeen ?? null);
  return {
    key: device.key,
    values: {
      "Device Name": device.name.trim() || device.key,
      Site: options.siteKey ? [options.siteKey] : [],
      Vendor: device.vendor ?? options.vendor,
      Model: device.model ?? null,
      Status: device.status,
      MAC: device.mac ?? null,
      IP: device.ip ?? null,
      Firmware: device.firmware ?? null,
      "Last Seen": lastSeen,
    },
  };
}

/** The source a Device Key belongs to (`unifi:abc` → `unifi`). */
export function deviceSource(key: string): string {
  return key.slice(0, Math.max(0, key.indexOf(":")));
}
