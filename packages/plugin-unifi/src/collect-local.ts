import type { DeviceObservation, HttpClient, Observations, SiteObservation } from "@notion-ops/core";
import type { UnifiConfig } from "./config.js";
import { type ConsoleSite, readConsole } from "./console-reader.js";
import { deviceObservationFromIntegration } from "./integration-mapping.js";

/** Mode `local`: one console's Network integration API, reached on its own address. */
export async function collectLocal(
  http: HttpClient,
  config: UnifiConfig,
  consoleLabel: string,
  now: Date,
): Promise<Observations> {
  const reading = await readConsole(http, { label: consoleLabel, weakSignal: config.weakSignal });
  const sites: SiteObservation[] = [];
  const devices: DeviceObservation[] = [];
  for (const entry of reading.sites) {
    const observation: SiteObservation = {
      source: "unifi",
      sourceId: entry.site.id,
      name: entry.site.name ?? entry.site.internalReference ?? "",
      matchKeys: { siteId: entry.site.id },
      lastSeen: now.toISOString(),
    };
    applyConsoleFacts(observation, entry);
    sites.push(observation);
    for (const device of entry.devices ?? []) {
      devices.push(deviceObservationFromIntegration(device, { siteSourceId: observation.sourceId, now }));
    }
  }
  return {
    source: "unifi",
    sites,
    devices,
    services: [],
    errors: reading.errors,
    notes: [
      ...reading.notes,
      "local mode: critical/warning alerts and configuration fingerprints come only from Site Manager (modes cloud, connector) and are not reported",
    ],
  };
}

/** Device and client counts read from a console replace the Site Manager ones (they are per site and current). */
export function applyConsoleFacts(observation: SiteObservation, entry: ConsoleSite): void {
  if (entry.devicesTotal !== undefined && entry.devicesOnline !== undefined) {
    observation.devicesTotal = entry.devicesTotal;
    observation.devicesOnline = entry.devicesOnline;
  }
  if (entry.wifiClients !== undefined) observation.wifiClients = entry.wifiClients;
  if (entry.weakSignalClients !== undefined) observation.weakSignalClients = entry.weakSignalClients;
}
