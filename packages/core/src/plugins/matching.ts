import { createHash } from "node:crypto";
import { type MergedSiteFacts, mergeSiteFacts } from "./merge-site-facts.js";
import type { DeviceObservation, Observations, ServiceObservation, SiteObservation } from "./observations.js";
import { displaySiteName, normalizeSiteName } from "./site-name.js";

/**
 * What matching needs of a `sites[]` entry of notion-ops.yml: its key, its name, and one mapping
 * block per source, read by the source's name (`unifi: { siteId, hostId }`, `ninjaone:
 * { organizationId }`, `azure: { subscriptionId, resourceGroup }`). The config module's
 * ConfiguredSite has this shape; matchSites hands the caller's own objects back.
 */
export interface MatchableSite {
  readonly key: string;
  readonly name: string;
}

/** How one source observation joined its customer site. */
export interface SiteJoin {
  source: string;
  sourceId: string;
  name: string;
  by: "mapping" | "name";
}

export interface CustomerSite<TSite extends MatchableSite = MatchableSite> {
  /** The configured key, or `auto:<slug of the name>` for a site discovered in the sources. */
  key: string;
  name: string;
  /** The `sites[]` entry, or undefined for a discovered site. */
  configured: TSite | undefined;
  /** Empty for a configured site that no source reported (it is also in unreportedSites). */
  observations: SiteObservation[];
  joins: SiteJoin[];
  devices: DeviceObservation[];
  services: ServiceObservation[];
  facts: MergedSiteFacts;
}

export type UnmatchedReason =
  /** In no `sites[]` entry; it still became a discovered customer site (see discoveredAs). */
  | "not-configured"
  /** Could belong to several sites, or shares its name with another record of its source. */
  | "ambiguous"
  /** Its name is a configured site's, but that site maps this source to other ids. */
  | "mapping-conflict"
  /** Has no name to match by and no mapping names it. */
  | "no-name"
  /** The same source reported the same id twice; the first one was used. */
  | "duplicate";

export interface UnmatchedObservation {
  observation: SiteObservation;
  reason: UnmatchedReason;
  message: string;
  /** Key of the discovered customer site it joined, when it joined one. */
  discoveredAs?: string;
}

export interface ObservationRef {
  source: string;
  sourceId: string;
  name: string;
}

export type AmbiguityKind =
  | "duplicate-site-key"
  | "duplicate-site-name"
  | "observation-mapped-by-several-sites"
  | "several-observations-name-one-site"
  | "several-observations-share-a-name";

/** Something matching refused to guess; nothing involved was joined by it. */
export interface SiteMatchAmbiguity {
  kind: AmbiguityKind;
  message: string;
  siteKeys: string[];
  observations: ObservationRef[];
}

export interface UnattachedDevice {
  device: DeviceObservation;
  message: string;
}

export interface UnattachedService {
  service: ServiceObservation;
  message: string;
}

export interface SiteMatchResult<TSite extends MatchableSite = MatchableSite> {
  /** Every configured site (in config order), then every discovered site (by key). */
  customerSites: CustomerSite<TSite>[];
  /** Every observation that joined no configured site, with the reason. */
  unmatchedObservations: UnmatchedObservation[];
  /** Configured sites that no source observation joined. */
  unreportedSites: TSite[];
  ambiguities: SiteMatchAmbiguity[];
  /** Devices whose site joined no customer site. */
  unattachedDevices: UnattachedDevice[];
  /** Services whose site joined no customer site, or that name no site at all. */
  unattachedServices: UnattachedService[];
}

export interface MatchSitesInput<TSite extends MatchableSite> {
  sites: readonly TSite[];
  observations: readonly Observations[];
}

export const DISCOVERED_KEY_PREFIX = "auto:";

interface Group<TSite extends MatchableSite> {
  site: CustomerSite<TSite>;
  observations: SiteObservation[];
}

/**
 * Joins the observations of every source into customer sites (docs/matching.md):
 * 1. a site's `<source>` mapping joins the observations of that source whose matchKeys equal
 *    every id the mapping sets (ids compared as trimmed strings, ignoring case);
 * 2. otherwise an observation joins the configured site of the same name (compared after
 *    normalizeSiteName), unless that site maps the source to other ids;
 * 3. what is left is grouped by name across sources into discovered sites (`auto:<slug>`).
 * Anything ambiguous is reported and joined nowhere; nothing is dropped without a message.
 */
export function matchSites<TSite extends MatchableSite>(
  input: MatchSitesInput<TSite>,
): SiteMatchResult<TSite> {
  const ambiguities: SiteMatchAmbiguity[] = [];
  const unmatched: UnmatchedObservation[] = [];

  const sites = uniqueSites(input.sites, ambiguities);
  const groups = new Map<string, Group<TSite>>(
    sites.map((site) => [site.key, { site: emptyCustomerSite(site.key, site.name, site), observations: [] }]),
  );
  const join = (site: TSite, observation: SiteObservation, by: SiteJoin["by"]) => {
    const group = groups.get(site.key)!;
    group.observations.push(observation);
    group.site.joins.push({ ...refOf(observation), by });
  };

  const observations = uniqueObservations(input.observations, unmatched);

  // 1. explicit mappings
  const mappings = indexMappings(sites);
  const afterMapping: SiteObservation[] = [];
  for (const observation of observations) {
    const mapped = mappingCandidates(mappings, observation)
      .filter((site) => mappingMatches(mappingOf(site, observation.source), observation))
      .sort((a, b) => sites.indexOf(a) - sites.indexOf(b));

    if (mapped.length === 1) join(mapped[0]!, observation, "mapping");
    else if (mapped.length === 0) afterMapping.push(observation);
    else {
      const keys = mapped.map((site) => site.key);
      ambiguities.push({
        kind: "observation-mapped-by-several-sites",
        message: `${describe(observation)} is mapped by sites ${keys.join(", ")}; joined to none — make the mappings specific (e.g. set every id)`,
        siteKeys: keys,
        observations: [refOf(observation)],
      });
      unmatched.push({
        observation,
        reason: "ambiguous",
        message: `${describe(observation)} is mapped by several sites (${keys.join(", ")})`,
      });
    }
  }

  // 2. names of configured sites
  const sitesByName = new Map<string, TSite[]>();
  for (const site of sites) {
    const name = normalizeSiteName(site.name);
    if (name) sitesByName.set(name, [...(sitesByName.get(name) ?? []), site]);
  }
  for (const [, named] of sitesByName) {
    if (named.length < 2) continue;
    ambiguities.push({
      kind: "duplicate-site-name",
      message: `sites ${named.map((s) => s.key).join(", ")} share the name "${displaySiteName(named[0]!.name)}"; source sites are joined to them by mapping only`,
      siteKeys: named.map((s) => s.key),
      observations: [],
    });
  }

  const nameCandidates = new Map<string, SiteObservation[]>();
  const leftOver: SiteObservation[] = [];
  for (const observation of afterMapping) {
    const name = normalizeSiteName(observation.name);
    const named = name ? (sitesByName.get(name) ?? []) : [];
    if (named.length === 0) {
      leftOver.push(observation);
      continue;
    }
    if (named.length > 1) {
      const keys = named.map((s) => s.key);
      unmatched.push({
        observation,
        reason: "ambiguous",
        message: `${describe(observation)} has the name of several sites (${keys.join(", ")}); add a ${observation.source} mapping to one of them`,
      });
      const ambiguity = ambiguities.find(
        (a) => a.kind === "duplicate-site-name" && a.siteKeys[0] === keys[0],
      );
      ambiguity?.observations.push(refOf(observation));
      continue;
    }
    const site = named[0]!;
    if (hasMapping(mappingOf(site, observation.source))) {
      unmatched.push({
        observation,
        reason: "mapping-conflict",
        message: `${describe(observation)} has the name of site ${site.key}, but sites[${site.key}].${observation.source} maps other ids (${formatMapping(mappingOf(site, observation.source))}); not joined`,
      });
      continue;
    }
    const candidateKey = `${site.key}\u0000${observation.source}`;
    nameCandidates.set(candidateKey, [...(nameCandidates.get(candidateKey) ?? []), observation]);
  }
  const siteByKey = new Map(sites.map((site) => [site.key, site]));
  for (const [candidateKey, candidates] of nameCandidates) {
    const site = siteByKey.get(candidateKey.split("\u0000")[0]!)!;
    if (candidates.length === 1) {
      join(site, candidates[0]!, "name");
      continue;
    }
    const source = candidates[0]!.source;
    ambiguities.push({
      kind: "several-observations-name-one-site",
      message: `${candidates.length} ${source} sites have the name of site ${site.key} ("${displaySiteName(site.name)}"); joined none — add sites[${site.key}].${source} with the right ids`,
      siteKeys: [site.key],
      observations: candidates.map(refOf),
    });
    for (const observation of candidates) {
      unmatched.push({
        observation,
        reason: "ambiguous",
        message: `${describe(observation)} is one of ${candidates.length} ${source} sites named like site ${site.key}`,
      });
    }
  }

  // 3. discovered sites
  const discovered = discoverSites<TSite>(leftOver, unmatched, ambiguities);

  const customerSites = [...[...groups.values()], ...discovered].map((group) => {
    group.site.observations = group.observations;
    group.site.facts = mergeSiteFacts(group.observations);
    return group.site;
  });
  const unreportedSites = sites.filter((site) => groups.get(site.key)!.observations.length === 0);

  const { unattachedDevices, unattachedServices } = attachRecords(
    customerSites,
    input.observations,
    unmatched,
  );
  return {
    customerSites,
    unmatchedObservations: unmatched,
    unreportedSites,
    ambiguities,
    unattachedDevices,
    unattachedServices,
  };
}

function emptyCustomerSite<TSite extends MatchableSite>(
  key: string,
  name: string,
  configured: TSite | undefined,
): CustomerSite<TSite> {
  return {
    key,
    name: displaySiteName(name),
    configured,
    observations: [],
    joins: [],
    devices: [],
    services: [],
    facts: mergeSiteFacts([]),
  };
}

/** Configured keys must be unique (the config schema already says so); later duplicates are left out. */
function uniqueSites<TSite extends MatchableSite>(
  sites: readonly TSite[],
  ambiguities: SiteMatchAmbiguity[],
): TSite[] {
  const seen = new Map<string, TSite>();
  const result: TSite[] = [];
  for (const site of sites) {
    const first = seen.get(site.key.toLowerCase());
    if (first) {
      ambiguities.push({
        kind: "duplicate-site-key",
        message: `site key "${site.key}" is used twice ("${first.name}" and "${site.name}"); only the first is used`,
        siteKeys: [site.key],
        observations: [],
      });
      continue;
    }
    seen.set(site.key.toLowerCase(), site);
    result.push(site);
  }
  return result;
}

function uniqueObservations(
  all: readonly Observations[],
  unmatched: UnmatchedObservation[],
): SiteObservation[] {
  const seen = new Set<string>();
  const result: SiteObservation[] = [];
  for (const observation of all.flatMap((o) => o.sites)) {
    const id = identity(observation.source, observation.sourceId);
    if (seen.has(id)) {
      unmatched.push({
        observation,
        reason: "duplicate",
        message: `${describe(observation)} was reported twice by ${observation.source}; the first report was used`,
      });
      continue;
    }
    seen.add(id);
    result.push(observation);
  }
  return result;
}

type Mapping = Readonly<Record<string, unknown>>;

/**
 * Sites by one id of each of their mappings (`source`, the mapping's first key in sorted order,
 * the id lower-cased), so matching an observation probes its own ids instead of scanning every
 * site: linear in the number of sites and observations.
 */
function indexMappings<TSite extends MatchableSite>(sites: readonly TSite[]): Map<string, TSite[]> {
  const index = new Map<string, TSite[]>();
  for (const site of sites) {
    for (const source of Object.keys(site as unknown as Record<string, unknown>)) {
      const [first] = mappingEntries(mappingOf(site, source)).sort(([a], [b]) => a.localeCompare(b));
      if (!first) continue;
      const probe = mappingProbe(source, first[0], first[1]);
      index.set(probe, [...(index.get(probe) ?? []), site]);
    }
  }
  return index;
}

function mappingCandidates<TSite extends MatchableSite>(
  index: Map<string, TSite[]>,
  observation: SiteObservation,
): TSite[] {
  const candidates = new Set<TSite>();
  for (const [key, value] of Object.entries(observation.matchKeys)) {
    for (const site of index.get(mappingProbe(observation.source, key, value)) ?? []) candidates.add(site);
  }
  return [...candidates];
}

function mappingProbe(source: string, key: string, value: string): string {
  return `${source}\u0000${key}\u0000${value.trim().toLowerCase()}`;
}

function mappingOf(site: MatchableSite, source: string): Mapping | undefined {
  const block = (site as unknown as Record<string, unknown>)[source];
  if (block === null || typeof block !== "object" || Array.isArray(block) || block instanceof Date)
    return undefined;
  return block as Mapping;
}

function mappingEntries(mapping: Mapping | undefined): [string, string][] {
  if (!mapping) return [];
  return Object.entries(mapping)
    .filter(
      ([, value]) => typeof value === "string" || typeof value === "number" || typeof value === "boolean",
    )
    .map(([key, value]) => [key, String(value).trim()]);
}

function hasMapping(mapping: Mapping | undefined): boolean {
  return mappingEntries(mapping).length > 0;
}

function mappingMatches(mapping: Mapping | undefined, observation: SiteObservation): boolean {
  const entries = mappingEntries(mapping);
  if (entries.length === 0) return false;
  return entries.every(([key, value]) => {
    const actual = observation.matchKeys[key];
    return actual !== undefined && sameId(actual, value);
  });
}

function sameId(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function formatMapping(mapping: Mapping | undefined): string {
  return mappingEntries(mapping)
    .map(([key, value]) => `${key}: ${value}`)
    .join(", ");
}

function discoverSites<TSite extends MatchableSite>(
  observations: readonly SiteObservation[],
  unmatched: UnmatchedObservation[],
  ambiguities: SiteMatchAmbiguity[],
): Group<TSite>[] {
  const byName = new Map<string, SiteObservation[]>();
  for (const observation of observations) {
    const name = normalizeSiteName(observation.name);
    if (!name) {
      unmatched.push({
        observation,
        reason: "no-name",
        message: `${describe(observation)} has no name and no sites[] mapping names it; add one to sync it`,
      });
      continue;
    }
    byName.set(name, [...(byName.get(name) ?? []), observation]);
  }

  const groups: { name: string; observations: SiteObservation[] }[] = [];
  for (const [name, list] of byName) {
    const sorted = [...list].sort(compareObservations);
    const sources = sorted.map((o) => o.source);
    if (new Set(sources).size === sources.length) {
      groups.push({ name, observations: sorted });
      continue;
    }
    ambiguities.push({
      kind: "several-observations-share-a-name",
      message: `${sorted.length} source sites share the name "${displaySiteName(sorted[0]!.name)}" and are in no sites[] entry; joined none — add them to sites[] with mappings`,
      siteKeys: [],
      observations: sorted.map(refOf),
    });
    for (const observation of sorted) {
      unmatched.push({
        observation,
        reason: "ambiguous",
        message: `${describe(observation)} is in no sites[] entry and shares its name with another ${observation.source} site; add it to sites[] with a mapping`,
      });
    }
  }

  const keys = discoveredKeys(groups.map((g) => g.name));
  return groups
    .map((group, index) => {
      const key = keys[index]!;
      const site = emptyCustomerSite<TSite>(key, group.observations[0]!.name, undefined);
      for (const observation of group.observations) {
        site.joins.push({ ...refOf(observation), by: "name" });
        const others = group.observations.filter((o) => o !== observation).map(describe);
        unmatched.push({
          observation,
          reason: "not-configured",
          message: `${describe(observation)} is in no sites[] entry; synced as discovered site ${key}${others.length ? ` together with ${others.join(", ")}` : ""}`,
          discoveredAs: key,
        });
      }
      return { site, observations: group.observations };
    })
    .sort((a, b) => (a.site.key < b.site.key ? -1 : a.site.key > b.site.key ? 1 : 0));
}

/**
 * `auto:<slug>`, the slug being the normalized name with every run of characters other than
 * letters and digits turned into "-". Names whose slugs collide (or have none) get the first 8 hex
 * digits of the sha256 of the normalized name appended, so keys stay distinct and stable.
 */
function discoveredKeys(names: readonly string[]): string[] {
  const slugs = names.map((name) =>
    name
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80),
  );
  const counts = new Map<string, number>();
  for (const slug of slugs) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  return slugs.map((slug, index) => {
    if (slug && counts.get(slug) === 1) return `${DISCOVERED_KEY_PREFIX}${slug}`;
    const hash = createHash("sha256").update(names[index]!).digest("hex").slice(0, 8);
    return `${DISCOVERED_KEY_PREFIX}${slug ? `${slug}-` : ""}${hash}`;
  });
}

function attachRecords<TSite extends MatchableSite>(
  customerSites: CustomerSite<TSite>[],
  all: readonly Observations[],
  unmatched: readonly UnmatchedObservation[],
): { unattachedDevices: UnattachedDevice[]; unattachedServices: UnattachedService[] } {
  const siteOf = siteLocator(customerSites);
  const unjoined = new Map<string, UnmatchedObservation>();
  for (const entry of unmatched) {
    if (entry.reason === "duplicate") continue;
    const id = identity(entry.observation.source, entry.observation.sourceId);
    if (!siteOf(entry.observation.source, entry.observation.sourceId)) unjoined.set(id, entry);
  }
  const whyNot = (source: string, siteSourceId: string): string => {
    const entry = unjoined.get(identity(source, siteSourceId));
    return entry
      ? `its ${source} site ${siteSourceId} joined no customer site (${entry.reason})`
      : `its ${source} site ${siteSourceId} was not reported by ${source}`;
  };

  const unattachedDevices: UnattachedDevice[] = [];
  const unattachedServices: UnattachedService[] = [];
  for (const observations of all) {
    for (const device of observations.devices) {
      const site = siteOf(device.source, device.siteSourceId);
      if (site) site.devices.push(device);
      else
        unattachedDevices.push({
          device,
          message: `device ${device.key}: ${whyNot(device.source, device.siteSourceId)}`,
        });
    }
    for (const service of observations.services) {
      if (service.siteSourceId === undefined) {
        unattachedServices.push({ service, message: `service "${service.name}" names no site` });
        continue;
      }
      const site = siteOf(service.source, service.siteSourceId);
      if (site) site.services.push(service);
      else {
        unattachedServices.push({
          service,
          message: `service "${service.name}": ${whyNot(service.source, service.siteSourceId)}`,
        });
      }
    }
  }
  return { unattachedDevices, unattachedServices };
}

/**
 * The customer site a device or service belongs to, found by its source and site id as matching
 * attaches it: one entry per joined site, not one per device.
 */
export function siteLocator<TSite extends MatchableSite>(
  customerSites: readonly CustomerSite<TSite>[],
): (source: string, siteSourceId: string) => CustomerSite<TSite> | undefined {
  const siteOf = new Map<string, CustomerSite<TSite>>();
  for (const site of customerSites) {
    for (const join of site.joins) siteOf.set(identity(join.source, join.sourceId), site);
  }
  return (source, siteSourceId) => siteOf.get(identity(source, siteSourceId));
}

function identity(source: string, sourceId: string): string {
  return `${source}\u0000${sourceId}`;
}

function refOf(observation: SiteObservation): ObservationRef {
  return { source: observation.source, sourceId: observation.sourceId, name: observation.name };
}

function describe(observation: SiteObservation): string {
  const name = displaySiteName(observation.name);
  return `${observation.source} site ${name ? `"${name}" ` : ""}(${observation.sourceId})`;
}

function compareObservations(a: SiteObservation, b: SiteObservation): number {
  const left = identity(a.source, a.sourceId);
  const right = identity(b.source, b.sourceId);
  return left < right ? -1 : left > right ? 1 : 0;
}
