/**
 * The sync's client side, what runs it: the workspace setup (`prepareWorkspace`), the measured
 * sync inside the sync worker (`syncInThisThread`) and the matching diagnostic. Loaded by the
 * client process only when it sets a workspace up or times matching, and by the worker.
 */
import type { DatabaseRef, NotionOpsConfig } from "../src/config/schema.js";
import { createLogger, type LogLevel } from "../src/log/index.js";
import { createNotionClient, type NotionClient } from "../src/notion/client.js";
import { matchSites } from "../src/plugins/matching.js";
import type { DatabaseKey } from "../src/schema/database-keys.js";
import { runSetup } from "../src/schema/setup.js";
import { customerSitesFreshness } from "../src/sync/freshness.js";
import { runSync } from "../src/sync/run-sync.js";
import {
  BENCH_NOW,
  buildEstate,
  changedSiteCount,
  type EstateSize,
  estateConfig,
  estatePlugin,
} from "./estate.js";
import { sampleLiveHeap } from "./process-usage.js";

export interface Target {
  url: string;
  token: string;
  size: EstateSize;
}

export type DatabaseRefs = Partial<Record<DatabaseKey, DatabaseRef>>;

export interface SyncArgs {
  /** Client rate limit (requests/s); default: the client's own default (3). */
  rateLimit?: number;
  /** Change 1% of the sites before this sync. */
  changeOnePercent?: boolean;
  /** Run the worker with V8's default heap instead of the sync heap (for comparison). */
  defaultHeap?: boolean;
}

export interface SyncMeasurement {
  requests: number;
  byKind: Record<string, number>;
  rateLimited: number;
  retries: number;
  wallMs: number;
  /** CPU time of this process during runSync (user + system). */
  cpuMs: number;
  /** Highest RSS sampled every 50 ms during runSync. */
  sampledPeakRssMb: number;
  /** Highest heap in use right after a major GC during runSync (0 when none ran). */
  liveHeapPeakMb: number;
  /** Records compared or written (creates + updates + unchanged, over all databases). */
  records: number;
  created: number;
  updated: number;
  failed: number;
  failures: string[];
  /** Records the change made dirty (with changeOnePercent). */
  changedRecords?: number;
  plans: { title: string; creates: number; updates: number; markMissing: number; unchanged: number }[];
}

let target: Target | undefined;
let refs: DatabaseRefs | undefined;
let config: NotionOpsConfig | undefined;

/** While preparing, only warnings and errors are shown. */
let preparing = false;
const quiet = (level: LogLevel) =>
  level === "debug" || (preparing && (level === "info" || level === "notice"));
const logger = createLogger({
  write(level, message) {
    if (!quiet(level)) process.stderr.write(`    ${level === "info" ? "" : `${level}: `}${message}\n`);
  },
  startGroup() {},
  endGroup() {},
});

function clientFor(rateLimit: number | undefined): NotionClient {
  if (!target) throw new Error("configure first");
  return createNotionClient({
    token: target.token,
    baseUrl: target.url,
    ...(rateLimit !== undefined
      ? { rateLimit, burst: Math.min(100, Math.max(1, Math.floor(rateLimit / 100))) }
      : {}),
  });
}

function sync(client: NotionClient, changed: boolean) {
  if (!target || !refs) throw new Error("configure first");
  config ??= estateConfig(target.size, refs);
  return runSync({
    config,
    client,
    plugins: [estatePlugin(target.size, () => changed)],
    env: {},
    logger,
    now: () => BENCH_NOW,
    freshness: customerSitesFreshness(client, config.notion.databases.customerSites!.databaseId),
  });
}

/** Creates the databases under the parent page and, with `populate`, syncs the estate once. */
export async function prepareWorkspace(
  args: Target & { parentPageId: string; populate: boolean },
): Promise<DatabaseRefs> {
  target = { url: args.url, token: args.token, size: args.size };
  preparing = true;
  try {
    const client = clientFor(10_000);
    const setup = await runSetup({ client, parentPageId: args.parentPageId, configured: {}, logger });
    refs = setup.refs;
    config = estateConfig(args.size, setup.refs);
    if (args.populate) {
      const result = await sync(client, false);
      if (result.failures.length > 0) throw new Error(`populating failed: ${result.failures[0]?.reason}`);
    }
    return setup.refs;
  } finally {
    preparing = false;
  }
}

/** Points this thread at a workspace; notion-ops.yml is read when first needed. */
export function configureTarget(args: Target & { refs: DatabaseRefs }): void {
  target = { url: args.url, token: args.token, size: args.size };
  refs = args.refs;
  config = undefined;
}

/** How long matching the estate's sites to the config takes alone (ms): a diagnostic for the scale table. */
export function matchingMs(): number {
  if (!target || !refs) throw new Error("configure first");
  config ??= estateConfig(target.size, refs);
  const estate = buildEstate(target.size);
  const observations = [{ source: "unifi", ...estate, services: [], errors: [], notes: [] }];
  const started = performance.now();
  matchSites({ sites: config.sites, observations });
  return performance.now() - started;
}

export interface SyncWorkerData {
  target: Target;
  refs: DatabaseRefs;
  args: SyncArgs;
}

/** The measured sync, inside the worker thread. */
export async function syncInThisThread(args: SyncArgs): Promise<SyncMeasurement> {
  const changed = args.changeOnePercent === true;
  const client = clientFor(args.rateLimit);
  const heap = sampleLiveHeap();
  const started = performance.now();
  const result = await sync(client, changed);
  const wallMs = performance.now() - started;
  const liveHeapPeakMb = heap.stop();
  const m = client.metrics();
  return {
    requests: m.requests,
    byKind: m.byKind,
    rateLimited: m.rateLimited,
    retries: m.retries,
    wallMs,
    // The process's, measured around the worker by the main thread.
    cpuMs: 0,
    sampledPeakRssMb: 0,
    liveHeapPeakMb,
    records: result.plans.reduce((s, p) => s + p.creates + p.updates + p.markMissing + p.unchanged, 0),
    created: result.databases.reduce((s, d) => s + d.created, 0),
    updated: result.databases.reduce((s, d) => s + d.updated, 0),
    failed: result.failures.length,
    failures: result.failures.slice(0, 5).map((f) => `${f.database} ${f.key}: ${f.reason}`),
    ...(changed && target ? { changedRecords: 2 * changedSiteCount(target.size) } : {}),
    plans: result.plans.map((p) => ({
      title: p.title,
      creates: p.creates,
      updates: p.updates,
      markMissing: p.markMissing,
      unchanged: p.unchanged,
    })),
  };
}
