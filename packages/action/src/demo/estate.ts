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
 * from the seed alone; only timestamps and dates move with the day.
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
    // Signed, not onboarded: configured, but no source reports it.
    if (customer.name === NOT_ONBOARDED) return site;
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
    return site;
  });

  // A branch nobody added to notion-ops.yml: UniFi reports it, so the sync discovers it.
  const unlistedKey = siteKey(UNLISTED_UNIFI_SITE.name, CUSTOMERS.length + 1);
  sites.push({
    key: unlistedKey,
    name: UNLISTED_UNIFI_SITE.name,
    state: UNLISTED_UNIFI_SITE.state,
    contractRenewal: renewalDate(prng, day),
    primaryContact: `${prng.pick(CONTACT_FIRST_NAMES)} ${prng.pick(CONTACT_LAST_NAMES)}`,
    listing: "unlisted",
    unifi: buildUnifiSite(prng, {
      name: UNLISTED_UNIFI_SITE.name,
      key: unlistedKey,
      day,
      problems: new Set(),
    }),
    problems: [],
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

/**
 * The bad days some sites are having: each profile goes to one site that has the sources it needs
 * (NinjaOne for server alerts and backups), so a few sites score Warning and one or two Critical.
 */
const PROFILES: readonly (readonly Problem[])[] = [
  ["console-offline", "backup-failed"],
  ["critical-alerts", "backup-failed"],
  ["devices-offline", "critical-alerts"],
  ["devices-offline", "wan-issues"],
  ["backup-partial", "weak-wifi"],
  ["backup-partial"],
  ["wan-issues"],
  ["weak-wifi"],
];

const NEEDS_NINJAONE: ReadonlySet<Problem> = new Set([
  "console-offline",
  "critical-alerts",
  "backup-failed",
  "backup-partial",
]);

function assignProblems(
  prng: Prng,
  customers: readonly { name: string }[],
  withoutNinja: ReadonlySet<string>,
  withAzure: ReadonlySet<string>,
): Map<string, Set<Problem>> {
  const result = new Map<string, Set<Problem>>();
  const hasNinja = (name: string) => !withoutNinja.has(name) && name !== NINJAONE_NAME_MISMATCH.site;
  const order = prng.shuffle(customers.map((c) => c.name));
  for (const profile of PROFILES) {
    const needsNinja = profile.some((p) => NEEDS_NINJAONE.has(p));
    const name = order.find((n) => !result.has(n) && (!needsNinja || hasNinja(n)));
    if (name) result.set(name, new Set(profile));
  }
  // Azure trouble may land on a site that already has a bad day.
  const azure = prng.shuffle([...withAzure]);
  for (const [index, problem] of (["azure-degraded", "azure-unavailable"] as const).entries()) {
    const name = azure[index];
    if (name) result.set(name, new Set([...(result.get(name) ?? []), problem]));
  }
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

/** A renewal 3 weeks to 15 months after `day` (written into the config once, on the first run). */
function renewalDate(prng: Prng, day: Date): string {
  return new Date(day.getTime() + prng.int(21, 450) * 86_400_000).toISOString().slice(0, 10);
}
