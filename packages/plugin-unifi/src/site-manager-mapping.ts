import { configFingerprint, type DeviceObservation, type SiteObservation } from "@notion-ops/core";
import type { UnifiConfig } from "./config.js";
import { normalizeDeviceStatus } from "./device-status.js";
import { isoInstant } from "./iso-time.js";
import type { SiteManagerDevice, SiteManagerHost, SiteManagerSite } from "./site-manager-schemas.js";
import { weakSignalFromTxRetry } from "./weak-signal.js";

export interface SiteMappingContext {
  host: SiteManagerHost | undefined;
  /**
   * SD-WAN configuration fingerprints this site is a hub or spoke of; undefined when SD-WAN could
   * not be read, which leaves the configuration fingerprint out rather than report a false change.
   */
  sdWanFingerprints: readonly string[] | undefined;
  weakSignal: UnifiConfig["weakSignal"];
  now: Date;
}

/** A Site Manager site as a vendor-neutral observation (README "What is collected"). */
export function siteObservationFromSiteManager(
  site: SiteManagerSite,
  context: SiteMappingContext,
): SiteObservation {
  const counts = site.statistics?.counts;
  const txRetry = site.statistics?.percentages?.txRetry;
  const observation: SiteObservation = {
    source: "unifi",
    sourceId: site.siteId,
    name: site.meta?.desc ?? site.meta?.name ?? "",
    matchKeys: { siteId: site.siteId, ...(site.hostId ? { hostId: site.hostId } : {}) },
  };
  const total = counts?.totalDevice;
  const offline = counts?.offlineDevice;
  if (typeof total === "number" && typeof offline === "number") {
    observation.devicesTotal = total;
    observation.devicesOnline = Math.max(0, total - offline);
  }
  const wifi = counts?.wifiClient;
  if (typeof wifi === "number") {
    observation.wifiClients = wifi;
    if (context.weakSignal === "tx-retry" && typeof txRetry === "number") {
      observation.weakSignalClients = weakSignalFromTxRetry(wifi, txRetry);
    }
  }
  if (typeof counts?.criticalNotification === "number")
    observation.criticalAlerts = counts.criticalNotification;
  const issues = site.statistics?.internetIssues;
  if (Array.isArray(issues)) observation.warningAlerts = issues.length;

  const lastSeen = hostLastSeen(context.host, context.now);
  if (lastSeen) observation.lastSeen = lastSeen;
  const fingerprint = context.sdWanFingerprints && siteManagerFingerprint(site, context.sdWanFingerprints);
  if (fingerprint) observation.configFingerprint = fingerprint;
  return observation;
}

/**
 * When the site's console was last heard from: now while Site Manager reports it connected,
 * else the time its connection state last changed; unknown without host data.
 */
export function hostLastSeen(host: SiteManagerHost | undefined, now: Date): string | undefined {
  if (!host) return undefined;
  const state = host.reportedState?.state;
  if (typeof state === "string" && state.toLowerCase() === "connected") return now.toISOString();
  return isoInstant(host.lastConnectionStateChange);
}

const GATEWAY_SETTINGS = ["hardwareId", "inspectionState", "ipsMode", "shortname"] as const;

/**
 * What the fingerprint covers: the numbers of LAN, WAN and WiFi configurations, the gateway's
 * identity and IPS/IDS settings (not the IPS rule count, which moves with every signature
 * update), and the fingerprints of the SD-WAN configurations the site belongs to. Nulls count as
 * missing, so a field flickering between null and absent is not drift. Undefined when the
 * site reports none of these.
 */
export function siteManagerFingerprint(
  site: SiteManagerSite,
  sdWanFingerprints: readonly string[],
): string | undefined {
  const counts = site.statistics?.counts;
  const configuration = compact({
    lanConfiguration: counts?.lanConfiguration,
    wanConfiguration: counts?.wanConfiguration,
    wifiConfiguration: counts?.wifiConfiguration,
  });
  const rawGateway = site.statistics?.gateway ?? undefined;
  const signature = rawGateway?.ipsSignature;
  const gateway = rawGateway
    ? compact({
        ...Object.fromEntries(GATEWAY_SETTINGS.map((key) => [key, rawGateway[key]])),
        ipsSignatureType:
          signature && typeof signature === "object"
            ? (signature as Record<string, unknown>).type
            : undefined,
      })
    : undefined;
  const input = compact({
    configuration,
    gateway,
    sdWan: sdWanFingerprints.length > 0 ? [...sdWanFingerprints] : undefined,
  });
  return input ? configFingerprint(input) : undefined;
}

/** The object without null/undefined members; undefined when nothing is left. */
function compact(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

export interface DeviceMappingContext {
  siteSourceId: string;
  /** When Site Manager last refreshed this console's device list. */
  updatedAt: string | null | undefined;
  now: Date;
}

/** A Site Manager device as a Network Devices record. Last Seen is known only for online devices. */
export function deviceObservationFromSiteManager(
  device: SiteManagerDevice,
  context: DeviceMappingContext,
): DeviceObservation {
  const status = normalizeDeviceStatus(device.status);
  const observation: DeviceObservation = {
    key: `unifi:${device.id}`,
    source: "unifi",
    vendorId: device.id,
    siteSourceId: context.siteSourceId,
    name: device.name || device.shortname || device.model || device.mac || device.id,
    vendor: "Ubiquiti",
    status,
  };
  const model = device.model || device.shortname;
  if (model) observation.model = model;
  if (device.mac) observation.mac = device.mac;
  if (device.ip) observation.ip = device.ip;
  if (device.version) observation.firmware = device.version;
  if (status === "online") observation.lastSeen = isoInstant(context.updatedAt) ?? context.now.toISOString();
  return observation;
}
