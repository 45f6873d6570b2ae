import { DataSourceError, type HttpClient, type RecordError } from "@notion-ops/core";
import { messageOf } from "./error-message.js";
import { nextTokenPages } from "./pages.js";
import {
  hostSchema,
  objectEnvelopeSchema,
  type SiteManagerHost,
  type SiteManagerSite,
  sdWanConfigSchema,
  sdWanStatusSchema,
  siteSchema,
} from "./site-manager-schemas.js";
import { parseVendorRecords, readId } from "./vendor-records.js";

export interface SiteManagerReading {
  /** Well-formed sites (of the configured hostIds, when set). */
  sites: SiteManagerSite[];
  /** Every site id per console, malformed sites included, so a device is never given to the wrong site. */
  siteIdsByHost: Map<string, string[]>;
  hosts: Map<string, SiteManagerHost>;
  /**
   * SD-WAN configuration fingerprints per site id; undefined when they could not be read, in
   * which case no site reports a configuration fingerprint this run (an outage is not drift).
   */
  sdWanBySite: Map<string, string[]> | undefined;
  errors: RecordError[];
  notes: string[];
}

/**
 * Reads `/v1/sites` (a failure here fails the source), then `/v1/hosts` for console state and
 * the SD-WAN configurations for fingerprints (failures there are notes: they only enrich).
 */
export async function readSiteManager(
  http: HttpClient,
  hostIds: readonly string[] | undefined,
): Promise<SiteManagerReading> {
  const errors: RecordError[] = [];
  const notes: string[] = [];
  const wanted = (hostId: string | undefined) =>
    hostIds === undefined || (hostId !== undefined && hostIds.includes(hostId));

  const rawSites = (await readAll(http, "/v1/sites")).filter((item) => wanted(readId(item, "hostId")));
  const siteIdsByHost = new Map<string, string[]>();
  for (const item of rawSites) {
    const hostId = readId(item, "hostId");
    const siteId = readId(item, "siteId");
    if (hostId && siteId) siteIdsByHost.set(hostId, [...(siteIdsByHost.get(hostId) ?? []), siteId]);
  }
  const sites = parseVendorRecords(rawSites, siteSchema, { entity: "site", idKey: "siteId", label: "site" });
  errors.push(...sites.errors);

  const hosts = new Map<string, SiteManagerHost>();
  try {
    const parsed = parseVendorRecords(await readAll(http, "/v1/hosts"), hostSchema, {
      entity: "other",
      idKey: "id",
      label: "host (console)",
    });
    errors.push(...parsed.errors);
    for (const host of parsed.records) hosts.set(host.id, host);
  } catch (error) {
    notes.push(`console states not read (${messageOf(error)}); sites carry no Last Seen`);
  }

  let sdWanBySite: Map<string, string[]> | undefined;
  try {
    sdWanBySite = await readSdWan(http, errors);
  } catch (error) {
    if (DataSourceError.is(error) && (error.status === 403 || error.status === 404)) {
      sdWanBySite = new Map();
      notes.push(
        `SD-WAN configurations are not available to this API key (${error.status}); fingerprints leave SD-WAN out`,
      );
    } else {
      notes.push(
        `SD-WAN configurations not read (${messageOf(error)}); no configuration fingerprints this run`,
      );
    }
  }

  return { sites: sites.records, siteIdsByHost, hosts, sdWanBySite, errors, notes };
}

async function readSdWan(http: HttpClient, errors: RecordError[]): Promise<Map<string, string[]>> {
  const bySite = new Map<string, string[]>();
  const configs = parseVendorRecords(await readAll(http, "/v1/sd-wan-configs"), sdWanConfigSchema, {
    entity: "other",
    idKey: "id",
    label: "SD-WAN configuration",
  });
  errors.push(...configs.errors);
  for (const config of configs.records) {
    const response = await http.request({
      path: `/v1/sd-wan-configs/${encodeURIComponent(config.id)}/status`,
    });
    const envelope = objectEnvelopeSchema.safeParse(response.data);
    const status = sdWanStatusSchema.safeParse(envelope.success ? envelope.data.data : undefined);
    if (!status.success || !status.data.fingerprint) continue;
    for (const member of [...(status.data.hubs ?? []), ...(status.data.spokes ?? [])]) {
      if (!member.siteId) continue;
      bySite.set(member.siteId, [...(bySite.get(member.siteId) ?? []), status.data.fingerprint]);
    }
  }
  return bySite;
}

export async function readAll(
  http: HttpClient,
  path: string,
  query?: Parameters<typeof nextTokenPages>[2],
): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const page of nextTokenPages(http, path, query)) all.push(...page);
  return all;
}
