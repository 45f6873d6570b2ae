import type { ConfiguredSite, NotionOpsConfig } from "../config/schema.js";
import { ConfigError, UsageError } from "../errors.js";
import { type HealthTrend, healthTrend } from "../health/trend.js";
import type { Logger } from "../log/logger.js";
import type { NotionClient } from "../notion/client.js";
import type { NotionMetrics } from "../notion/metrics.js";
import { type CustomerSite, matchSites, type SiteMatchResult, siteLocator } from "../plugins/matching.js";
import type { DeviceObservation, Observations, RecordError } from "../plugins/observations.js";
import type { DataSourcePlugin, PluginContext } from "../plugins/plugin.js";
import type { DatabaseKey } from "../schema/database-keys.js";
import { DATABASES } from "../schema/databases.js";
import { azureServiceRecords } from "./azure-services.js";
import { isCalendarDate, previousDate, utcDate } from "./calendar-date.js";
import { collectObservations, type SourceFailure } from "./collect-observations.js";
import { customerSiteRecord } from "./customer-sites.js";
import { dailyHealthRecord, snapshotKey, takesSnapshot } from "./daily-health.js";
import type { DesiredRecord, ExistingRecord } from "./desired-record.js";
import { type DuplicateResolution, resolveDuplicates } from "./duplicate-resolution.js";
import { type DatabaseResult, executePlan, type RecordFailure } from "./executor.js";
import {
  type ExistingIndex,
  emptyIndex,
  type PageIndex,
  pageRefsOf,
  type ReadOptions,
  readExistingRecords,
  readPageRefs,
  streamExistingRecords,
} from "./existing-records.js";
import { deviceSource, networkDeviceRecord } from "./network-devices.js";
import {
  createPlanBuilder,
  type DatabasePlan,
  lazyDesired,
  type PlanInput,
  planDatabase,
  planWriteRequests,
} from "./planner.js";
import { assessSite, type SiteAssessment } from "./site-assessment.js";
import { SYNC_DATABASE, SYNC_NAMES, type SyncName } from "./sync-names.js";

export interface SyncOptions {
  config: NotionOpsConfig;
  client: NotionClient;
  plugins: readonly DataSourcePlugin[];
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** Syncs to run (default: all whose database is configured). */
  only?: readonly string[];
  /** Limit the run to these site keys. */
  sites?: readonly string[];
  /** Snapshot date (YYYY-MM-DD) for Daily Health, e.g. a backfill; default today (UTC). */
  date?: string;
  dryRun?: boolean;
  now?: () => Date;
  /** Extra context for plugins (tests inject fetch/sleep). */
  pluginContext?: Pick<PluginContext<unknown>, "fetch" | "sleep" | "now" | "signal">;
  /** Builds runbook records and rewrites bodies; absent → the runbooks sync is skipped. */
  runbooks?: RunbookSync;
  /** Writes the once-per-run freshness line into the Customer Sites description. */
  freshness?: (summary: FreshnessFacts) => Promise<void>;
}

/** The runbooks sync, supplied by sync/runbooks (kept behind this seam so the engine stays small). */
export interface RunbookSync {
  desired(existing: ExistingIndex): Promise<{ records: DesiredRecord[]; errors: RecordError[] }>;
}

export interface FreshnessFacts {
  finishedAt: Date;
  sites: number;
  created: number;
  updated: number;
  failed: number;
}

export interface SiteRow {
  key: string;
  name: string;
  configured: boolean;
  reported: boolean;
  score?: number;
  status?: string;
  risk?: string;
  drift: boolean;
  driftReason: string;
  trend?: HealthTrend;
  sources: string[];
}

export interface PlanSummary {
  database: DatabaseKey;
  title: string;
  creates: number;
  updates: number;
  markMissing: number;
  unchanged: number;
  writeRequests: number;
  /** The first changes, old → new, for --dry-run. */
  sample: { key: string; action: "create" | "update" | "missing"; changes: string[] }[];
}

export interface SyncResult {
  date: string;
  dryRun: boolean;
  syncs: SyncName[];
  plans: PlanSummary[];
  databases: DatabaseResult[];
  sites: SiteRow[];
  matching: Pick<
    SiteMatchResult<ConfiguredSite>,
    "unmatchedObservations" | "unreportedSites" | "ambiguities" | "unattachedDevices" | "unattachedServices"
  >;
  sourceFailures: SourceFailure[];
  sourceErrors: RecordError[];
  failures: RecordFailure[];
  /** Keys found on more than one page (overlapping runs) and what was done about each. */
  duplicatesResolved: DuplicateResolution[];
  /** Requests the plan needs (reads are already done when it is printed). */
  requestsPlanned: number;
  notion: NotionMetrics;
  wallTimeMs: number;
}

const SAMPLE_SIZE = 10;
/**
 * Pages created up to this long before the run started are read back after it: Notion stores
 * created_time to the minute, and its clock and ours may differ a little.
 */
const CREATED_SINCE_MARGIN_MS = 5 * 60_000;

/**
 * One sync run: collect from the sources, join sites, judge health, read each database once,
 * plan, and (unless dry-run) write in dependency order, Customer Sites first.
 */
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const { config, client, logger } = options;
  const date = options.date ?? utcDate(now());
  if (!isCalendarDate(date))
    throw new UsageError(`--date must be a calendar date written YYYY-MM-DD, got "${date}"`);
  const syncs = selectSyncs(options.only, config, Boolean(options.runbooks));
  const refs = databaseRefs(config, ["customerSites", ...syncs.map((s) => SYNC_DATABASE[s])]);

  const collected = await logger.group("Collect from sources", () =>
    collectObservations({
      plugins: options.plugins,
      sources: config.sources as Record<string, unknown>,
      env: options.env,
      logger,
      ...(options.pluginContext ? { context: options.pluginContext } : {}),
    }),
  );
  const matched = matchSites({ sites: config.sites, observations: collected.observations });
  const customerSites = filterSites(matched.customerSites, options.sites);
  // A device is marked missing only when its source listed every device this run: a source that
  // failed, or skipped a device record or a whole console, says nothing about the devices it left out.
  const completeDeviceSources = new Set(
    collected.observations.filter((o) => !o.errors.some((e) => e.entity === "device")).map((o) => o.source),
  );
  for (const o of collected.observations) {
    if (!completeDeviceSources.has(o.source)) {
      logger.notice(
        `${o.source}: some devices could not be read, so none of its devices is marked missing this run`,
      );
    }
  }

  type Filter = NonNullable<ReadOptions["filter"]>;
  const readOptions = (key: DatabaseKey, filter?: Filter): ReadOptions => ({
    dataSourceId: refs[key]!.dataSourceId,
    definition: DATABASES[key],
    ...(filter ? { filter } : {}),
    logger,
  });
  type FilterList = Extract<Filter, { and: unknown }>["and"];
  const dailyWindow: FilterList = [
    { property: "Date", date: { on_or_after: previousDate(date) } },
    { property: "Date", date: { on_or_before: date } },
  ];

  // Customer Sites are read whole first (each site's stored baseline shapes its health); every
  // other database is planned record by record as it is read, keeping only where its pages are.
  let customerRecords: ExistingIndex | undefined;
  const runbookRecords = await logger.group("Read Notion", async () => {
    const [customer, runbooks] = await Promise.all([
      readExistingRecords(client, readOptions("customerSites")),
      syncs.includes("runbooks") ? readExistingRecords(client, readOptions("runbooks")) : emptyIndex(),
    ]);
    logger.info(
      `read ${customer.byKey.size} customer sites` +
        (syncs.includes("runbooks") ? `, ${runbooks.byKey.size} runbooks` : ""),
    );
    customerRecords = customer;
    return runbooks;
  });

  const assessments = customerSites.map((site) => {
    const stored = customerRecords?.byKey.get(site.key)?.values["Config Baseline"];
    return assessSite(site, config.health, typeof stored === "string" && stored ? stored : undefined);
  });
  const sitePages = pageRefsOf(customerRecords ?? emptyIndex());
  const relationKeyOf = (target: DatabaseKey, pageId: string) =>
    target === "customerSites" ? sitePages.byPageId.get(pageId)?.key : undefined;
  const plans: { plan: DatabasePlan; bodyCompleteProperty?: string }[] = [];
  // Reads in which a key is on more than one page, kept for duplicate resolution; the others are
  // let go once planned (a device read holds a page ref per device).
  const duplicated: Partial<Record<DatabaseKey, PageIndex>> = {};
  const keepIfDuplicated = (key: DatabaseKey, index: PageIndex) => {
    if (index.duplicates.length > 0) duplicated[key] = index;
  };
  keepIfDuplicated("customerSites", sitePages);
  const sourceErrors = collected.observations.flatMap((o) => o.errors);
  const planStreamed = async (
    key: DatabaseKey,
    input: Omit<PlanInput, "existing" | "definition">,
    read: { filter?: Filter; observe?: (record: ExistingRecord) => void } = {},
  ) => {
    const builder = createPlanBuilder({ ...input, definition: DATABASES[key] });
    const index = await logger.group(`Read ${DATABASES[key].title}`, () =>
      streamExistingRecords(client, {
        ...readOptions(key, read.filter),
        compare: (record) => {
          read.observe?.(record);
          builder.compare(record);
        },
      }),
    );
    logger.info(`read ${index.byKey.size} ${DATABASES[key].title.toLowerCase()} records`);
    keepIfDuplicated(key, index);
    plans.push({ plan: builder.finish(index.duplicates) });
  };

  if (syncs.includes("customer-sites")) {
    plans.push({
      plan: planDatabase({
        definition: DATABASES.customerSites,
        desired: lazyDesired(
          assessments,
          (a) => a.site.key,
          (a) => customerSiteRecord(a, date),
        ),
        existing: customerRecords ?? emptyIndex(),
        mode: "upsert",
        relationKeyOf,
      }),
    });
  }
  // From here on only where each site's page is matters, not what it held.
  customerRecords = undefined;

  /** Yesterday's snapshot of each site, for the day-over-day trend. */
  const yesterday = new Map<string, ExistingRecord["values"]>();
  if (syncs.includes("daily-health")) {
    // A snapshot is history (insert-only, never rewritten): one taken while a source could not be
    // read would keep a wrong score for that date for good. So a run with a failed source writes
    // none; the next complete run for the date writes them.
    const failedSources = collected.failures.map((f) => f.source);
    if (failedSources.length > 0) {
      logger.warn(
        `Daily Health: no snapshot written for ${date}, because ${failedSources.join(", ")} could not be read; ` +
          "the next run that reads every source writes them",
      );
    }
    const yesterdayKeys = new Set(assessments.map((a) => snapshotKey(a.site.key, previousDate(date))));
    await planStreamed(
      "dailyHealth",
      {
        desired: lazyDesired(
          failedSources.length > 0 ? [] : assessments.filter(takesSnapshot),
          (a) => snapshotKey(a.site.key, date),
          (a) => dailyHealthRecord(a, date)!,
        ),
        mode: "insert-only",
        relationKeyOf,
      },
      {
        filter: { and: dailyWindow },
        observe: (record) => {
          if (yesterdayKeys.has(record.key)) yesterday.set(record.key, record.values);
        },
      },
    );
  }
  const siteRows = assessments.map((a) => siteRow(a, yesterday, date)).sort(worstFirst);

  if (syncs.includes("devices")) {
    const siteOf = siteLocator(customerSites);
    const syncedSitePages = new Set(
      customerSites.flatMap((site) => sitePages.byKey.get(site.key)?.pageId ?? []),
    );
    const displayName = new Map(options.plugins.map((p) => [p.name, p.displayName]));
    await planStreamed("networkDevices", {
      desired: lazyDesired(
        takeDevices(collected.observations, matched.customerSites, options.sites ? customerSites : undefined),
        (device) => device.key,
        (device) =>
          networkDeviceRecord(device, {
            siteKey: siteOf(device.source, device.siteSourceId)?.key,
            vendor: displayName.get(device.source) ?? device.source,
            runDate: date,
          }),
      ),
      mode: "upsert",
      relationKeyOf,
      missing: {
        property: "Status",
        value: "missing",
        inScope: (record) => {
          if (!completeDeviceSources.has(deviceSource(record.key))) return false;
          if (!options.sites) return true;
          const site = record.values.Site;
          return Array.isArray(site) && site.some((pageId) => syncedSitePages.has(pageId));
        },
      },
    });
  }
  if (syncs.includes("azure-services")) {
    const services = options.sites
      ? customerSites.flatMap((site) => site.services)
      : collected.observations.flatMap((o) => o.services);
    await planStreamed("azureServices", { desired: azureServiceRecords(services), mode: "upsert" });
  }
  if (syncs.includes("runbooks") && options.runbooks) {
    keepIfDuplicated("runbooks", runbookRecords);
    const runbooks = await options.runbooks.desired(runbookRecords);
    sourceErrors.push(...runbooks.errors);
    plans.push({
      plan: planDatabase({
        definition: DATABASES.runbooks,
        desired: runbooks.records,
        existing: runbookRecords,
        mode: "upsert",
      }),
      bodyCompleteProperty: "Content Hash",
    });
  }

  const relatedDataSources = (["dailyHealth", "networkDevices", "configChanges"] as const).flatMap((key) => {
    const ref = config.notion.databases[key];
    return ref ? [{ database: key, dataSourceId: ref.dataSourceId }] : [];
  });
  const duplicatesResolved: DuplicateResolution[] = [];
  // Duplicates an earlier overlap left (see duplicate-resolution.ts); a dry run only reports them.
  // The plans already target the page kept for each key.
  if (!options.dryRun && Object.keys(duplicated).length > 0) {
    duplicatesResolved.push(
      ...(await resolveDuplicates({ client, found: duplicated, relatedDataSources, logger })),
    );
  }

  const planSummaries = plans.map(({ plan, bodyCompleteProperty }) =>
    summarizePlan(plan, bodyCompleteProperty),
  );
  const requestsPlanned =
    // The freshness line: a read and an update of the Customer Sites description.
    planSummaries.reduce((sum, p) => sum + p.writeRequests, 0) + (options.freshness ? 2 : 0);
  for (const summary of planSummaries) {
    logger.info(
      `${summary.title}: ${summary.creates} to create, ${summary.updates} to update` +
        (summary.markMissing ? ` (${summary.markMissing} missing)` : "") +
        `, ${summary.unchanged} unchanged`,
    );
  }

  const databases: DatabaseResult[] = [];
  if (!options.dryRun) {
    // Site pages created here (relations point at them; duplicate resolution may redirect them).
    const { written, created, wroteNew } = await writePlans(plans, {
      client,
      logger,
      refs,
      sitePageId: (key) => sitePages.byKey.get(key)?.pageId,
    });
    databases.push(...written);
    // Another run may have created some of the same keys meanwhile: read back what was created
    // since this run started and resolve duplicates (see duplicate-resolution.ts).
    if (wroteNew.size > 0) {
      const since: FilterList[number] = {
        timestamp: "created_time",
        created_time: { on_or_after: new Date(started - CREATED_SINCE_MARGIN_MS).toISOString() },
      };
      const fresh = await logger.group("Check for overlapping runs", async () =>
        Object.fromEntries(
          await Promise.all(
            [...wroteNew].map(async (key) => [
              key,
              await readPageRefs(
                client,
                readOptions(key, key === "dailyHealth" ? { and: [...dailyWindow, since] } : since),
              ),
            ]),
          ),
        ),
      );
      duplicatesResolved.push(
        ...(await resolveDuplicates({
          client,
          found: fresh,
          createdHere: { customerSites: created },
          relatedDataSources,
          logger,
        })),
      );
    }
    if (options.freshness) {
      await options.freshness({
        finishedAt: now(),
        sites: customerSites.length,
        created: databases.reduce((s, d) => s + d.created, 0),
        updated: databases.reduce((s, d) => s + d.updated, 0),
        failed: databases.reduce((s, d) => s + d.failed.length, 0),
      });
    }
  }

  return {
    date,
    dryRun: options.dryRun === true,
    syncs,
    plans: planSummaries,
    databases,
    sites: siteRows,
    matching: {
      unmatchedObservations: matched.unmatchedObservations,
      unreportedSites: matched.unreportedSites,
      ambiguities: matched.ambiguities,
      unattachedDevices: matched.unattachedDevices,
      unattachedServices: matched.unattachedServices,
    },
    sourceFailures: collected.failures,
    sourceErrors,
    failures: databases.flatMap((d) => d.failed),
    duplicatesResolved,
    requestsPlanned,
    notion: client.metrics(),
    wallTimeMs: Date.now() - started,
  };
}

/**
 * Writes each plan in turn, letting each go once written (a first sync's device plan holds a
 * create per device, and with it every device). Its own function, so that no frame of the run
 * still points at the last plan afterwards.
 */
async function writePlans(
  plans: { plan: DatabasePlan; bodyCompleteProperty?: string }[],
  context: {
    client: NotionClient;
    logger: Logger;
    refs: NotionOpsConfig["notion"]["databases"];
    sitePageId: (key: string) => string | undefined;
  },
): Promise<{ written: DatabaseResult[]; created: Map<string, string>; wroteNew: Set<DatabaseKey> }> {
  const { client, logger } = context;
  const written: DatabaseResult[] = [];
  // Site pages created here; for the other databases, only that something was created.
  const created = new Map<string, string>();
  const wroteNew = new Set<DatabaseKey>();
  const resolveRelation = (target: DatabaseKey, key: string) =>
    target === "customerSites" ? (context.sitePageId(key) ?? created.get(key)) : undefined;
  for (let next = plans.shift(); next; next = plans.shift()) {
    const { plan, bodyCompleteProperty } = next;
    const result = await logger.group(`Write ${plan.title}`, () =>
      executePlan({
        client,
        plan,
        definition: DATABASES[plan.database],
        dataSourceId: context.refs[plan.database]!.dataSourceId,
        resolveRelation,
        logger,
        onCreated: (key, pageId) => {
          wroteNew.add(plan.database);
          if (plan.database === "customerSites") created.set(key, pageId);
        },
        ...(bodyCompleteProperty ? { bodyCompleteProperty } : {}),
      }),
    );
    written.push(result);
  }
  return { written, created, wroteNew };
}

/**
 * The devices to plan (those of `onlySites` when the run is limited to some sites), handed over:
 * the source and site lists that held them are emptied, so a device is let go as soon as its
 * plan is written instead of at the end of the run.
 */
function takeDevices(
  observations: readonly Observations[],
  allSites: CustomerSite<ConfiguredSite>[],
  onlySites: readonly CustomerSite<ConfiguredSite>[] | undefined,
): DeviceObservation[] {
  const devices = onlySites
    ? onlySites.flatMap((site) => site.devices)
    : observations.flatMap((o) => o.devices);
  for (const o of observations) o.devices = [];
  for (const site of allSites) site.devices = [];
  return devices;
}

function selectSyncs(
  only: readonly string[] | undefined,
  config: NotionOpsConfig,
  haveRunbooks: boolean,
): SyncName[] {
  if (only && only.length > 0) {
    const unknown = only.filter((name) => !(SYNC_NAMES as readonly string[]).includes(name));
    if (unknown.length > 0) {
      throw new UsageError(
        `--only: unknown sync ${unknown.map((n) => `"${n}"`).join(", ")} (known: ${SYNC_NAMES.join(", ")})`,
      );
    }
    return SYNC_NAMES.filter((name) => only.includes(name));
  }
  // By default: every sync whose database is set up and whose input exists.
  const hasInput: Record<SyncName, boolean> = {
    "customer-sites": true,
    "daily-health": true,
    devices: true,
    "azure-services": (config.sources as Record<string, unknown>).azure !== undefined,
    runbooks: haveRunbooks,
  };
  return SYNC_NAMES.filter(
    (name) => config.notion.databases[SYNC_DATABASE[name]] !== undefined && hasInput[name],
  );
}

function databaseRefs(config: NotionOpsConfig, keys: readonly DatabaseKey[]) {
  const missing = [...new Set(keys)].filter((key) => !config.notion.databases[key]);
  if (missing.length > 0) {
    throw new ConfigError([
      {
        file: "notion-ops.yml",
        path: "notion.databases",
        message: `${missing.map((k) => DATABASES[k].title).join(", ")} ${missing.length === 1 ? "is" : "are"} not set up: run notion-ops setup`,
      },
    ]);
  }
  return config.notion.databases;
}

function filterSites(
  sites: CustomerSite<ConfiguredSite>[],
  keys: readonly string[] | undefined,
): CustomerSite<ConfiguredSite>[] {
  if (!keys || keys.length === 0) return sites;
  const known = new Set(sites.map((s) => s.key));
  const unknown = keys.filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new UsageError(
      `--sites: unknown site key ${unknown.map((k) => `"${k}"`).join(", ")} (known: ${[...known].slice(0, 20).join(", ")}${known.size > 20 ? ", …" : ""})`,
    );
  }
  return sites.filter((site) => keys.includes(site.key));
}

function siteRow(
  assessment: SiteAssessment,
  snapshots: ReadonlyMap<string, ExistingRecord["values"]>,
  date: string,
): SiteRow {
  const { site, health } = assessment;
  const yesterday = snapshots.get(snapshotKey(site.key, previousDate(date)));
  const trend =
    health &&
    healthTrend(
      { score: health.score, breakdown: health.breakdown },
      yesterday && typeof yesterday["Health Score"] === "number"
        ? {
            score: yesterday["Health Score"],
            breakdown: String(yesterday["Score Breakdown"] ?? ""),
          }
        : undefined,
    );
  return {
    key: site.key,
    name: site.name,
    configured: site.configured !== undefined,
    reported: assessment.reported,
    ...(health ? { score: health.score } : {}),
    ...(assessment.status ? { status: assessment.status } : {}),
    ...(assessment.risk ? { risk: assessment.risk } : {}),
    drift: assessment.drift,
    driftReason: assessment.driftReason,
    ...(trend ? { trend } : {}),
    sources: site.facts.sources,
  };
}

function worstFirst(a: SiteRow, b: SiteRow): number {
  return (a.score ?? 101) - (b.score ?? 101) || a.key.localeCompare(b.key);
}

function summarizePlan(plan: DatabasePlan, bodyCompleteProperty: string | undefined): PlanSummary {
  const sample: PlanSummary["sample"] = [
    ...plan.creates.map((c) => ({ key: c.key, action: "create" as const, changes: [] })),
    ...plan.updates.map((u) => ({
      key: u.key,
      action: u.reason === "missing" ? ("missing" as const) : ("update" as const),
      changes: u.changes.map((c) => `${c.property}: ${show(c.from)} → ${show(c.to)}`),
    })),
  ].slice(0, SAMPLE_SIZE);
  return {
    database: plan.database,
    title: plan.title,
    creates: plan.creates.length,
    updates: plan.updates.filter((u) => u.reason === "changed").length,
    markMissing: plan.updates.filter((u) => u.reason === "missing").length,
    unchanged: plan.unchanged,
    writeRequests: planWriteRequests(plan, bodyCompleteProperty),

    sample,
  };
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "∅";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
