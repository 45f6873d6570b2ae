import type { HttpClient, RecordError } from "@notion-ops/core";
import type { UnifiConfig } from "./config.js";
import { messageOf } from "./error-message.js";
import { deviceCounts, isAccessPoint } from "./integration-mapping.js";
import {
  deviceStatisticsSchema,
  type IntegrationDevice,
  type IntegrationSite,
  integrationClientSchema,
  integrationDeviceSchema,
  integrationSiteSchema,
} from "./integration-schemas.js";
import { offsetPages } from "./pages.js";
import { parseVendorRecords } from "./vendor-records.js";
import { meanTxRetry, weakSignalFromAccessPoints } from "./weak-signal.js";

/** What one console's Network integration API says about one of its sites. */
export interface ConsoleSite {
  site: IntegrationSite;
  /** Undefined when the device list could not be read (an error says why). */
  devices: IntegrationDevice[] | undefined;
  devicesOnline?: number;
  devicesTotal?: number;
  /** Undefined when the client list could not be read. */
  wifiClients?: number;
  /** Estimated from the retry rates of the APs the clients are on (weak-signal.ts). */
  weakSignalClients?: number;
}

export interface ConsoleReading {
  sites: ConsoleSite[];
  errors: RecordError[];
  notes: string[];
}

/**
 * Reads sites, devices and clients (and, for the weak-signal estimate, the latest statistics of
 * each AP that has wireless clients) from one console's integration API. Throws only when the
 * site list itself cannot be read; anything narrower becomes an error or a note.
 */
export async function readConsole(
  http: HttpClient,
  options: { label: string; weakSignal: UnifiConfig["weakSignal"] },
): Promise<ConsoleReading> {
  const errors: RecordError[] = [];
  const notes: string[] = [];
  const raw: unknown[] = [];
  for await (const page of offsetPages(http, "/v1/sites")) raw.push(...page);
  const parsedSites = parseVendorRecords(raw, integrationSiteSchema, {
    entity: "site",
    idKey: "id",
    label: `site of ${options.label}`,
  });
  errors.push(...parsedSites.errors);

  const sites: ConsoleSite[] = [];
  let unknownAps = 0;
  for (const site of parsedSites.records) {
    const base = `/v1/sites/${encodeURIComponent(site.id)}`;
    const where = `site ${site.name ?? site.id} (${site.id}) of ${options.label}`;
    const reading: ConsoleSite = { site, devices: undefined };

    try {
      const devices = await readAll(http, `${base}/devices`);
      const parsed = parseVendorRecords(devices, integrationDeviceSchema, {
        entity: "device",
        idKey: "id",
        label: `device of ${where}`,
      });
      errors.push(...parsed.errors);
      reading.devices = parsed.records;
      Object.assign(reading, deviceCounts(parsed.records));
    } catch (error) {
      errors.push({
        source: "unifi",
        entity: "device",
        id: site.id,
        message: `devices of ${where} not collected: ${messageOf(error)}`,
      });
    }

    let wirelessByAp = new Map<string, number>();
    try {
      const clients = parseVendorRecords(await readAll(http, `${base}/clients`), integrationClientSchema, {
        entity: "other",
        idKey: "id",
        label: `client of ${where}`,
      });
      if (clients.errors.length > 0)
        notes.push(`${clients.errors.length} unreadable client record(s) at ${where} were not counted`);
      const wireless = clients.records.filter((c) => c.type?.toUpperCase() === "WIRELESS");
      reading.wifiClients = wireless.length;
      wirelessByAp = countBy(wireless.map((c) => c.uplinkDeviceId).filter((id): id is string => !!id));
    } catch (error) {
      errors.push({
        source: "unifi",
        entity: "site",
        id: site.id,
        message: `clients of ${where} not collected (wifi counts left out): ${messageOf(error)}`,
      });
    }

    if (options.weakSignal === "tx-retry" && reading.devices && wirelessByAp.size > 0) {
      const retryByAp = new Map<string, number>();
      const aps = reading.devices.filter(
        (d) => isAccessPoint(d) && wirelessByAp.has(d.id) && d.state?.toUpperCase() === "ONLINE",
      );
      for (const ap of aps) {
        try {
          const response = await http.request({
            path: `${base}/devices/${encodeURIComponent(ap.id)}/statistics/latest`,
          });
          const stats = deviceStatisticsSchema.safeParse(response.data);
          const retry = stats.success ? meanTxRetry(stats.data.interfaces?.radios ?? []) : undefined;
          if (retry === undefined) unknownAps++;
          else retryByAp.set(ap.id, retry);
        } catch {
          unknownAps++;
        }
      }
      const weak = weakSignalFromAccessPoints(wirelessByAp, retryByAp);
      if (weak !== undefined) reading.weakSignalClients = weak;
    }
    sites.push(reading);
  }
  if (unknownAps > 0) {
    notes.push(
      `${options.label}: no retry rate for ${unknownAps} access point(s); their clients are left out of the weak-signal estimate`,
    );
  }
  return { sites, errors, notes };
}

async function readAll(http: HttpClient, path: string): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const page of offsetPages(http, path)) all.push(...page);
  return all;
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
