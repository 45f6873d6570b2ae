import type { DeviceObservation, HttpClient, Observations, RecordError } from "@notion-ops/core";
import type { UnifiConfig } from "./config.js";
import { deviceObservationFromSiteManager, siteObservationFromSiteManager } from "./site-manager-mapping.js";
import { readAll, readSiteManager, type SiteManagerReading } from "./site-manager-reader.js";
import { deviceGroupSchema, deviceSchema } from "./site-manager-schemas.js";
import { parseVendorRecords } from "./vendor-records.js";

/** Mode `cloud`: everything from the Site Manager API. */
export async function collectCloud(http: HttpClient, config: UnifiConfig, now: Date): Promise<Observations> {
  const reading = await readSiteManager(http, config.hostIds);
  const sites = reading.sites.map((site) =>
    siteObservationFromSiteManager(site, {
      host: site.hostId ? reading.hosts.get(site.hostId) : undefined,
      sdWanFingerprints: reading.sdWanBySite && (reading.sdWanBySite.get(site.siteId) ?? []),
      weakSignal: config.weakSignal,
      now,
    }),
  );
  const devices = await readSiteManagerDevices(http, config, reading, now);
  return {
    source: "unifi",
    sites,
    devices: devices.devices,
    services: [],
    errors: [...reading.errors, ...devices.errors],
    notes: [...reading.notes, ...devices.notes],
  };
}

/**
 * `/v1/devices` lists devices per console, not per site. A console with exactly one site gives
 * its devices to that site; the devices of a console with several sites (or none) cannot be
 * placed from Site Manager data and are left out with a note (mode `connector` places them).
 */
async function readSiteManagerDevices(
  http: HttpClient,
  config: UnifiConfig,
  reading: SiteManagerReading,
  now: Date,
): Promise<{ devices: DeviceObservation[]; errors: RecordError[]; notes: string[] }> {
  const errors: RecordError[] = [];
  const notes: string[] = [];
  const devices: DeviceObservation[] = [];
  const raw = await readAll(http, "/v1/devices", config.hostIds ? { "hostIds[]": config.hostIds } : {});
  const groups = parseVendorRecords(raw, deviceGroupSchema, {
    entity: "device",
    idKey: "hostId",
    label: "device list of host",
  });
  errors.push(...groups.errors);

  for (const group of groups.records) {
    if (config.hostIds && !config.hostIds.includes(group.hostId)) continue;
    const parsed = parseVendorRecords(group.devices ?? [], deviceSchema, {
      entity: "device",
      idKey: "id",
      label: `device of host ${group.hostId}`,
    });
    errors.push(...parsed.errors);
    if (parsed.records.length === 0) continue;
    const siteIds = reading.siteIdsByHost.get(group.hostId) ?? [];
    const host = `console ${group.hostName ? `"${group.hostName}" ` : ""}(${group.hostId})`;
    if (siteIds.length !== 1) {
      notes.push(
        siteIds.length === 0
          ? `${host} has no site in /v1/sites; its ${parsed.records.length} device(s) are not synced`
          : `${host} has ${siteIds.length} sites and Site Manager does not say which site each device is in; its ${parsed.records.length} device(s) are not synced (mode: connector places them)`,
      );
      continue;
    }
    for (const device of parsed.records) {
      devices.push(
        deviceObservationFromSiteManager(device, {
          siteSourceId: siteIds[0]!,
          updatedAt: group.updatedAt,
          now,
        }),
      );
    }
  }
  return { devices, errors, notes };
}
