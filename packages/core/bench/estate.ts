/**
 * A deterministic MSP estate for the sync benchmarks: `sites` customer sites, each configured in
 * notion-ops.yml and reported by one UniFi-shaped source with an average of `devicesPerSite`
 * devices (one less on even sites, one more on odd ones), served by a plain plugin object at the
 * plugin boundary, exactly as a real plugin's collect() would hand them to the engine: built
 * afresh on each collect (as a plugin parses its vendor's responses), so nothing outlives the run.
 */
import { z } from "zod";
import { parseConfig } from "../src/config/load.js";
import type { DatabaseRef, NotionOpsConfig } from "../src/config/schema.js";
import type { DeviceObservation, SiteObservation } from "../src/plugins/observations.js";
import type { DataSourcePlugin } from "../src/plugins/plugin.js";
import type { DatabaseKey } from "../src/schema/database-keys.js";

export interface EstateSize {
  sites: number;
  /** Average devices per site (sites alternate one below and one above). */
  devicesPerSite: number;
}

export interface Estate {
  sites: SiteObservation[];
  devices: DeviceObservation[];
}

/** The run's clock: every benchmark run happens at this instant (so a re-run is the same day). */
export const BENCH_NOW = new Date("2026-11-21T06:00:00Z");
const SEEN = "2026-11-21T05:00:00Z";
const MODELS = ["U6-LR", "USW-24-PoE", "UDM-Pro", "U6-Pro", "USW-Lite-8-PoE", "U7-Pro"];

const pad = (n: number) => String(n).padStart(5, "0");
export const siteSourceId = (i: number) => `site-${pad(i)}`;
export const siteKey = (i: number) => `SITE-${pad(i)}`;

export function devicesAt(i: number, size: EstateSize): number {
  return size.devicesPerSite + (i % 2 === 0 ? -1 : 1);
}

export function buildEstate(size: EstateSize, options: { changed?: boolean } = {}): Estate {
  const sites: SiteObservation[] = [];
  const devices: DeviceObservation[] = [];
  for (let i = 0; i < size.sites; i++) {
    const count = devicesAt(i, size);
    let online = 0;
    for (let j = 0; j < count; j++) {
      const offline = (i * 7 + j) % 29 === 0;
      if (!offline) online++;
      devices.push({
        key: `unifi:dev-${pad(i)}-${j}`,
        source: "unifi",
        vendorId: `dev-${pad(i)}-${j}`,
        siteSourceId: siteSourceId(i),
        name: `${MODELS[j % MODELS.length]} ${j + 1} · Customer ${pad(i)}`,
        model: MODELS[j % MODELS.length]!,
        status: offline ? "offline" : "online",
        mac: mac(i, j),
        ip: `10.${(i >> 8) & 255}.${i & 255}.${j + 1}`,
        firmware: j % 3 === 0 ? "7.0.66" : "6.6.55",
        lastSeen: offline ? "2026-11-20T17:42:00Z" : SEEN,
      });
    }
    sites.push({
      source: "unifi",
      sourceId: siteSourceId(i),
      name: `Customer ${pad(i)}`,
      matchKeys: { siteId: siteSourceId(i) },
      devicesOnline: online,
      devicesTotal: count,
      wifiClients: 10 + (i % 40),
      weakSignalClients: i % 11 === 0 ? 3 : 0,
      openTickets: i % 5,
      criticalAlerts: i % 17 === 0 ? 1 : 0,
      warningAlerts: i % 7 === 0 ? 2 : 0,
      backupStatus: i % 23 === 0 ? "failed" : "success",
      lastSeen: SEEN,
    });
  }
  const estate = { sites, devices };
  if (options.changed) changeOnePercent(estate);
  return estate;
}

/** Sites "1% of sites changed" changes: ⌈1%⌉, at least one. */
export const changedSiteCount = (size: EstateSize) => Math.max(1, Math.ceil(size.sites / 100));

/**
 * "1% of sites changed": in ⌈1%⌉ of the sites (spread evenly), one online device goes offline,
 * so that device's Status (and Last Seen) and the site's Devices Online change: one site and one
 * device record to write per changed site.
 */
function changeOnePercent(estate: Estate): void {
  const changed = changedSiteCount({ sites: estate.sites.length, devicesPerSite: 0 });
  const stride = Math.floor(estate.sites.length / changed);
  for (let c = 0; c < changed; c++) {
    const site = estate.sites[c * stride + Math.floor(stride / 2)]!;
    const device = estate.devices.find((d) => d.siteSourceId === site.sourceId && d.status === "online")!;
    device.status = "offline";
    device.lastSeen = "2026-11-21T05:51:00Z";
    site.devicesOnline = (site.devicesOnline ?? 0) - 1;
  }
}

/** The UniFi source as a plain plugin object: the engine sees exactly what a plugin would return. */
export function estatePlugin(
  size: EstateSize,
  changed: () => boolean,
): DataSourcePlugin<Record<string, never>> {
  return {
    name: "unifi",
    displayName: "UniFi",
    configSchema: z.strictObject({}),
    credentials: { env: [], required: [], secret: [] },
    check: async () => ({ ok: true, messages: [] }),
    collect: async () => {
      const estate = buildEstate(size, { changed: changed() });
      return {
        source: "unifi",
        sites: estate.sites,
        devices: estate.devices,
        services: [],
        errors: [],
        notes: [],
      };
    },
  };
}

/** notion-ops.yml for the estate: the databases setup made, one UniFi source, every site configured. */
export function estateConfig(
  size: EstateSize,
  databases: Partial<Record<DatabaseKey, DatabaseRef>>,
): NotionOpsConfig {
  const lines = ["notion:", "  databases:"];
  for (const [key, ref] of Object.entries(databases)) {
    lines.push(`    ${key}: { databaseId: "${ref?.databaseId}", dataSourceId: "${ref?.dataSourceId}" }`);
  }
  lines.push("sources:", "  unifi: {}", "sites:");
  for (let i = 0; i < size.sites; i++) {
    lines.push(`  - { key: ${siteKey(i)}, name: Customer ${pad(i)}, unifi: { siteId: ${siteSourceId(i)} } }`);
  }
  return parseConfig(lines.join("\n"), "notion-ops.yml", { sourceSchemas: { unifi: z.strictObject({}) } });
}

function mac(i: number, j: number): string {
  const bytes = [0x24, 0x5a, (i >> 8) & 255, i & 255, j & 255, (i * 31 + j) & 255];
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}
