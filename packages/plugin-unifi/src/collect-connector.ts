import type {
  DeviceObservation,
  HttpClient,
  Observations,
  RecordError,
  SiteObservation,
} from "@notion-ops/core";
import { applyConsoleFacts } from "./collect-local.js";
import type { UnifiConfig } from "./config.js";
import { type ConsoleSite, readConsole } from "./console-reader.js";
import { messageOf } from "./error-message.js";
import { deviceObservationFromIntegration } from "./integration-mapping.js";
import { siteObservationFromSiteManager } from "./site-manager-mapping.js";
import { readSiteManager } from "./site-manager-reader.js";
import type { SiteManagerSite } from "./site-manager-schemas.js";
import { weakSignalFromTxRetry } from "./weak-signal.js";

/**
 * Mode `connector`: Site Manager for the site list, alerts and fingerprints, and each console's
 * integration API through the cloud connector for per-site devices and clients. Sites keep their
 * Site Manager ids (so `sites[].unifi` mappings are the same as in mode cloud); a console site is
 * paired with its Site Manager site by console and slug (`internalReference` = `meta.name`).
 */
export async function collectConnector(
  siteManager: HttpClient,
  consoleHttp: (hostId: string) => HttpClient,
  config: UnifiConfig,
  now: Date,
): Promise<Observations> {
  const reading = await readSiteManager(siteManager, config.hostIds);
  const errors: RecordError[] = [...reading.errors];
  const notes: string[] = [...reading.notes];
  const sites: SiteObservation[] = [];
  const devices: DeviceObservation[] = [];

  const fromSiteManager = (site: SiteManagerSite): SiteObservation =>
    siteObservationFromSiteManager(site, {
      host: site.hostId ? reading.hosts.get(site.hostId) : undefined,
      sdWanFingerprints: reading.sdWanBySite && (reading.sdWanBySite.get(site.siteId) ?? []),
      weakSignal: config.weakSignal,
      now,
    });

  const hostIds = config.hostIds ?? [...reading.siteIdsByHost.keys()].sort();
  for (const hostId of hostIds) {
    const hostSites = reading.sites.filter((site) => site.hostId === hostId);
    const host = reading.hosts.get(hostId);
    const name = host?.reportedState?.name ?? host?.reportedState?.hostname;
    const label = `console ${typeof name === "string" ? `"${name}" ` : ""}(${hostId})`;
    let consoleSites: ConsoleSite[];
    try {
      const consoleReading = await readConsole(consoleHttp(hostId), { label, weakSignal: config.weakSignal });
      errors.push(...consoleReading.errors);
      notes.push(...consoleReading.notes);
      consoleSites = consoleReading.sites;
    } catch (error) {
      errors.push({
        source: "unifi",
        entity: "device",
        id: hostId,
        message: `${label}: devices and clients not collected through the cloud connector (${messageOf(error)}); its ${hostSites.length} site(s) carry Site Manager counts only`,
      });
      sites.push(...hostSites.map(fromSiteManager));
      continue;
    }

    const paired = new Set<SiteManagerSite>();
    for (const entry of consoleSites) {
      const match =
        hostSites.find((site) => !!site.meta?.name && site.meta.name === entry.site.internalReference) ??
        (hostSites.length === 1 && consoleSites.length === 1 ? hostSites[0] : undefined);
      let observation: SiteObservation;
      if (match) {
        paired.add(match);
        observation = fromSiteManager(match);
        applyConsoleFacts(observation, entry);
        if (entry.weakSignalClients === undefined && entry.wifiClients !== undefined) {
          const txRetry = match.statistics?.percentages?.txRetry;
          if (config.weakSignal === "tx-retry" && typeof txRetry === "number") {
            observation.weakSignalClients = weakSignalFromTxRetry(entry.wifiClients, txRetry);
          } else delete observation.weakSignalClients;
        }
      } else {
        observation = {
          source: "unifi",
          sourceId: entry.site.id,
          name: entry.site.name ?? entry.site.internalReference ?? "",
          matchKeys: { siteId: entry.site.id, hostId },
        };
        applyConsoleFacts(observation, entry);
        notes.push(
          `${label}: site ${entry.site.name ?? entry.site.id} is not in Site Manager; reported under its console id ${entry.site.id}`,
        );
      }
      observation.lastSeen = now.toISOString();
      sites.push(observation);
      for (const device of entry.devices ?? []) {
        devices.push(deviceObservationFromIntegration(device, { siteSourceId: observation.sourceId, now }));
      }
    }
    for (const site of hostSites) {
      if (paired.has(site)) continue;
      notes.push(
        `${label}: Site Manager site ${site.meta?.desc ?? site.siteId} was not found on the console; Site Manager counts only`,
      );
      sites.push(fromSiteManager(site));
    }
  }
  for (const site of reading.sites) {
    if (!site.hostId || !hostIds.includes(site.hostId)) sites.push(fromSiteManager(site));
  }
  return { source: "unifi", sites, devices, services: [], errors, notes };
}
