import type { Availability } from "@notion-ops/core";
import {
  CONTACT_FIRST_NAMES,
  CONTACT_LAST_NAMES,
  CUSTOMERS,
  LISTED_BY_NAME,
  NINJAONE_NAME_MISMATCH,
  NOT_ONBOARDED,
  UNLISTED_UNIFI_SITE,
} from "./customer-catalogue.js";
import { buildAzureSubscription } from "./estate-azure.js";
import { buildNinjaOrganization, type NinjaIds } from "./estate-ninjaone.js";
import { buildUnifiSite } from "./estate-unifi.js";
import { createPrng, type Prng } from "./prng.js";

/**
 * The demo's sample estate: an MSP's customer sites and what UniFi, NinjaOne and Azure know about
 * each, in vendor-neutral terms. The fake vendor APIs render it in each vendor's response shapes.
 * Everything comes from a seeded generator and every timestamp is anchored to the start of the
 * UTC day, so two runs on the same day see identical data.
 */
export interface DemoEstate {
  /** Start of the UTC day every timestamp is anchored to. */
  day: Date;
  sites: DemoSite[];
}

export interface DemoSite {
  /** The site key in notion-ops.yml (listed sites) or a placeholder for an unlisted one. */
  key: string;
  name: string;
  state: string;
  contractRenewal: string;
  primaryContact: string;
  /** How notion-ops.yml lists it: by vendor ids, by name only, or not at all. */
  listing: "ids" | "name" | "unlisted";
  unifi?: UnifiSite;
  ninjaone?: NinjaOrganization;
  azure?: AzureSubscription;
  /** What is wrong there on purpose (health problems the sync should score). */
  problems: Problem[];
  /** Why it does not join the way the others do, if it does not. */
  matchingNote?: string;
}

export interface UnifiSite {
  hostId: string;
  hostHardwareId: string;
  hostName: string;
  hostIp: string;
  /** Whether the console is connected to UniFi's cloud. */
  connected: boolean;
  lastConnectionStateChange: string;
  registrationTime: string;
  siteId: string;
  /** Site Manager's `meta.desc`: the name people gave the site. */
  description: string;
  timezone: string;
  devices: UnifiDevice[];
  /** When Site Manager last refreshed the console's device list. */
  devicesUpdatedAt: string;
  wifiClients: number;
  wiredClients: number;
  guestClients: number;
  txRetry: number;
  wanUptime: number;
  criticalNotifications: number;
  /** 5-minute windows with a WAN problem (each one a warning alert). */
  internetIssues: { index: number; highLatency: boolean; latencyAvgMs?: number; latencyMaxMs?: number }[];
  lanConfigurations: number;
  wanConfigurations: number;
  wifiConfigurations: number;
  ips: { inspectionState: string; ipsMode: string; rulesCount: number; type: string };
  isp: { name: string; organization: string };
}

export interface UnifiDevice {
  id: string;
  mac: string;
  name: string;
  model: string;
  shortname: string;
  kind: "gateway" | "switch" | "ap";
  ip: string;
  online: boolean;
  version: string;
  updateAvailable: string | null;
  startupTime: string;
}

export interface NinjaOrganization {
  id: number;
  /** NinjaOne's name for it (usually the site name). */
  name: string;
  description: string;
  nodeApprovalMode: "AUTOMATIC" | "MANUAL";
  devices: NinjaDevice[];
  tickets: NinjaTicket[];
}

export interface NinjaDevice {
  id: number;
  uid: string;
  nodeClass: string;
  nodeRoleId: number;
  policyId: number;
  displayName: string;
  dnsName: string;
  online: boolean;
  /** Epoch seconds (a float, as NinjaOne sends them). */
  created: number;
  lastContact: number;
  health: "HEALTHY" | "NEEDS_ATTENTION" | "UNHEALTHY";
  pendingPatches: number;
  failedPatches: number;
  os: {
    manufacturer: string;
    name: string;
    buildNumber: string;
    releaseId: string | null;
    lastBootTime: number;
  };
  system: {
    manufacturer: string;
    model: string;
    serialNumber: string;
    domain: string;
    virtualMachine: boolean;
  };
  ipAddresses: string[];
  macAddresses: string[];
  publicIp: string;
  alerts: NinjaAlert[];
  backupJobs: NinjaBackupJob[];
}

export interface NinjaAlert {
  uid: string;
  sourceType: string;
  subject: string;
  message: string;
  createTime: number;
}

export interface NinjaBackupJob {
  jobId: string;
  planGuid: string;
  planName: string;
  planType: "IMAGE" | "FILE_FOLDER";
  status: "COMPLETED" | "FAILED" | "PROCESSING";
  start: number;
  end: number | null;
  bytes: number;
}

export interface NinjaTicket {
  id: number;
  summary: string;
  open: boolean;
  createTime: number;
  priority: string;
}

export interface AzureSubscription {
  id: string;
  displayName: string;
  tenantId: string;
  resourceGroups: string[];
  resources: AzureResource[];
}

export interface AzureResource {
  /** As Azure writes it in ids, e.g. Microsoft.Compute/virtualMachines. */
  providerType: string;
  /** Path below the provider, e.g. `vm-bfd-app01` or `sql-bfd/databases/sqldb-bfd`. */
  path: string;
  name: string;
  resourceGroup: string;
  location: string;
  /** Resource Health's current state; undefined for types Resource Health does not cover. */
  health?: Availability;
}

/** The seed of the sample estate: change it and every id and count changes. */
export const DEMO_ESTATE_SEED = 20_240_917;

/** The start of the UTC day of `now`. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * The sample estate for the day of `day` (only its UTC date matters). Ids, names and counts come
 * from the seed alone; only timestamps move with the day.
 */
export function generateEstate(options: { day: Date; seed?: number }): DemoEstate {
  const day = startOfUtcDay(options.day);
  const prng = createPrng(options.seed ?? DEMO_ESTATE_SEED);
  const listed = CUSTOMERS.map((customer, index) => ({
    ...customer,
    key: siteKey(customer.name, index + 1),
    listing: LISTED_BY_NAME.includes(customer.name) ? ("name" as const) : ("ids" as const),
  }));
  const withSources = listed.filter((c) => c.name !== NOT_ONBOARDED);

  // Which customers have NinjaOne and Azure, decided once from the seed.
  const withoutNinja = new Set(
    prng
      .shuffle(withSources.filter((c) => c.name !== NINJAONE_NAME_MISMATCH.site))
      .slice(0, 5)
      .map((c) => c.name),
  );
  const withAzure = new Set(
    prng
      .shuffle(withSources)
      .slice(0, 12)
      .map((c) => c.name),
  );

  const problems = assignProblems(prng, withSources, withoutNinja, withAzure);
  const ninjaIds: NinjaIds = { organization: 2, device: 11, ticket: 1201, alert: 1, job: 1 };
  const sites: DemoSite[] = listed.map((customer) => {
    const site: DemoSite = {
      key: customer.key,
      name: customer.name,
      state: customer.state,
      contractRenewal: renewalDate(prng, day),
      primaryContact: `${prng.pick(CONTACT_FIRST_NAMES)} ${prng.pick(CONTACT_LAST_NAMES)}`,
      listing: customer.listing,
      problems: [],
    };
    if (customer.name === NOT_ONBOARDED) {
      site.matchingNote = "not onboarded yet: no source reports it";
      return site;
    }
    const wanted = problems.get(customer.name) ?? new Set<Problem>();
    site.unifi = buildUnifiSite(prng, { name: customer.name, key: customer.key, day, problems: wanted });
    if (!withoutNinja.has(customer.name)) {
      const name =
        customer.name === NINJAONE_NAME_MISMATCH.site ? NINJAONE_NAME_MISMATCH.organization : customer.name;
      site.ninjaone = buildNinjaOrganization(prng, {
        name,
        key: customer.key,
        day,
        ids: ninjaIds,
        problems: wanted,
      });
    }
    if (withAzure.has(customer.name)) {
      site.azure = buildAzureSubscription(prng, {
        name: customer.name,
        key: customer.key,
        displayName: customer.listing === "name" ? customer.name : `${customer.name} (Azure plan)`,
        problems: wanted,
      });
    }
    site.problems.push(...wanted);
    if (site.ninjaone && site.ninjaone.name !== site.name) {
      site.matchingNote = `NinjaOne calls it "${site.ninjaone.name}", so that organization does not join it by name`;
    }
    return site;
  });

  sites.push({
    key: siteKey(UNLISTED_UNIFI_SITE.name, CUSTOMERS.length + 1),
    name: UNLISTED_UNIFI_SITE.name,
    state: UNLISTED_UNIFI_SITE.state,
    contractRenewal: renewalDate(prng, day),
    primaryContact: `${prng.pick(CONTACT_FIRST_NAMES)} ${prng.pick(CONTACT_LAST_NAMES)}`,
    listing: "unlisted",
    unifi: buildUnifiSite(prng, {
      name: UNLISTED_UNIFI_SITE.name,
      key: "CEYO",
      day,
      problems: new Set(),
    }),
    problems: [],
    matchingNote: "not in notion-ops.yml: UniFi reports it, so it becomes a discovered site",
  });
  return { day, sites };
}

export type Problem =
  | "console-offline"
  | "devices-offline"
  | "weak-wifi"
  | "wan-issues"
  | "critical-alerts"
  | "backup-failed"
  | "backup-partial"
  | "azure-degraded"
  | "azure-unavailable";

export const PROBLEM_TEXT: Record<Problem, string> = {
  "console-offline": "UniFi console offline: every network device is unreachable",
  "devices-offline": "some network devices offline",
  "weak-wifi": "many WiFi clients on weak signal",
  "wan-issues": "WAN outages and high latency today",
  "critical-alerts": "critical alerts (UniFi notifications, an unhealthy server)",
  "backup-failed": "every NinjaOne backup failed last night",
  "backup-partial": "one NinjaOne backup failed last night",
  "azure-degraded": "an Azure VM is Degraded",
  "azure-unavailable": "an Azure resource is Unavailable",
};

/** A few unhealthy sites, each problem on sites that have the source it needs. */
function assignProblems(
  prng: Prng,
  customers: readonly { name: string }[],
  withoutNinja: ReadonlySet<string>,
  withAzure: ReadonlySet<string>,
): Map<string, Set<Problem>> {
  const result = new Map<string, Set<Problem>>();
  const used = new Set<string>();
  const give = (problem: Problem, count: number, eligible: (name: string) => boolean) => {
    const candidates = prng.shuffle(customers.map((c) => c.name).filter((n) => eligible(n) && !used.has(n)));
    for (const name of candidates.slice(0, count)) {
      used.add(name);
      result.set(name, new Set([...(result.get(name) ?? []), problem]));
    }
  };
  const hasNinja = (name: string) => !withoutNinja.has(name) && name !== NINJAONE_NAME_MISMATCH.site;
  give("console-offline", 1, () => true);
  give("devices-offline", 2, () => true);
  give("critical-alerts", 2, hasNinja);
  give("backup-failed", 2, hasNinja);
  give("backup-partial", 2, hasNinja);
  give("weak-wifi", 1, () => true);
  give("wan-issues", 2, () => true);
  // Azure problems may land on a site that already has one: a bad day can have two.
  used.clear();
  give("azure-degraded", 1, (name) => withAzure.has(name));
  give("azure-unavailable", 1, (name) => withAzure.has(name));
  return result;
}

/** `BFD-001` from "Bayside Family Dental" and its position. */
function siteKey(name: string, position: number): string {
  const initials = name
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length > 0 && !["and", "of", "the"].includes(word.toLowerCase()))
    .map((word) => word[0]!.toUpperCase())
    .join("")
    .slice(0, 4);
  return `${initials}-${String(position).padStart(3, "0")}`;
}

function renewalDate(prng: Prng, day: Date): string {
  const year = day.getUTCFullYear() + prng.int(0, 1);
  const month = prng.int(1, 12);
  const date = prng.int(1, 28);
  return `${year}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
}
