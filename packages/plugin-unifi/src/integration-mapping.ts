import type { DeviceObservation, SiteObservation } from "@notion-ops/core";
import { normalizeDeviceStatus } from "./device-status.js";
import type { IntegrationDevice } from "./integration-schemas.js";

/** An integration API device as a Network Devices record; online devices were seen now. */
export function deviceObservationFromIntegration(
  device: IntegrationDevice,
  context: { siteSourceId: string; now: Date },
): DeviceObservation {
  const status = normalizeDeviceStatus(device.state);
  const observation: DeviceObservation = {
    key: `unifi:${device.id}`,
    source: "unifi",
    vendorId: device.id,
    siteSourceId: context.siteSourceId,
    name: device.name || device.model || device.macAddress || device.id,
    vendor: "Ubiquiti",
    status,
  };
  if (device.model) observation.model = device.model;
  if (device.macAddress) observation.mac = device.macAddress;
  if (device.ipAddress) observation.ip = device.ipAddress;
  if (device.firmwareVersion) observation.firmware = device.firmwareVersion;
  if (status === "online") observation.lastSeen = context.now.toISOString();
  return observation;
}

/** `features` is a list of names in device lists and an object keyed by feature in details. */
export function isAccessPoint(device: IntegrationDevice): boolean {
  const features = device.features;
  if (Array.isArray(features)) return features.includes("accessPoint");
  return features !== null && typeof features === "object" && "accessPoint" in features;
}

/** Devices online/total as the integration API counts them: only state ONLINE is online. */
export function deviceCounts(
  devices: readonly IntegrationDevice[],
): Pick<SiteObservation, "devicesOnline" | "devicesTotal"> {
  return {
    devicesTotal: devices.length,
    devicesOnline: devices.filter((d) => normalizeDeviceStatus(d.state) === "online").length,
  };
}
