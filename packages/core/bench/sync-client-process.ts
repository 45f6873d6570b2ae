/**
 * The sync's client side in its own process, so its CPU time and peak memory are measured apart
 * from the emulator's and from the benchmark harness. Bundled and forked by the sync workbench;
 * talks over IPC (see child-rpc.ts).
 *
 * One process sets the workspace up (`prepare`, with an unthrottled client; not measured); each
 * measured sync then runs in a fresh process (`configure`, then `sync`), so that process's peak
 * RSS is that sync's alone. As in the CLI and the Action, the sync itself runs in a worker thread
 * with the sync heap (`startSyncWorker`), so the process's figures include both threads.
 */

import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { DatabaseRef, NotionOpsConfig } from "../src/config/schema.js";
import { createLogger, type LogLevel } from "../src/log/index.js";
import { createNotionClient, type NotionClient } from "../src/notion/client.js";
import { matchSites } from "../src/plugins/matching.js";
import type { DatabaseKey } from "../src/schema/database-keys.js";
import { runSetup } from "../src/schema/setup.js";
import { customerSitesFreshness } from "../src/sync/freshness.js";
import { runSync } from "../src/sync/run-sync.js";
import { startSyncWorker } from "../src/sync/sync-heap.js";
import { serveRpc } from "./child-rpc.js";
import {
  BENCH_NOW,
  buildEstate,
  changedSiteCount,
  type EstateSize,
  estateConfig,
  estatePlugin,
} from "./estate.js";
import { processUsage, sampleLiveHeap, sampleRss } from "./process-usage.js";

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

const api = {
  /** Creates the databases under the parent page and, with `populate`, syncs the estate once. */
  async prepare(args: Target & { parentPageId: string; populate: boolean }): Promise<DatabaseRefs> {
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
  },

  /** Points this process at a workspace another process prepared. */
  configure(args: Target & { refs: DatabaseRefs }): void {
    target = { url: args.url, token: args.token, size: args.size };
    refs = args.refs;
    // notion-ops.yml is read where the sync runs: in the sync worker (or by matchingMs).
    config = undefined;
  },

  /** One measured `runSync` with a fresh client, in a sync worker; RSS and CPU are the whole process's. */
  async sync(args: SyncArgs): Promise<SyncMeasurement> {
    if (!target || !refs) throw new Error("configure first");
    const rss = sampleRss();
    const cpuBefore = process.cpuUsage();
    const workerOptions = { workerData: { target, refs, args } satisfies SyncWorkerData };
    const worker = args.defaultHeap
      ? new Worker(new URL(import.meta.url), workerOptions)
      : startSyncWorker(new URL(import.meta.url), workerOptions);
    const measured = await new Promise<SyncMeasurement>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the sync worker exited with ${code}`)));
    });
    const cpu = process.cpuUsage(cpuBefore);
    await worker.terminate();
    return { ...measured, cpuMs: (cpu.user + cpu.system) / 1000, sampledPeakRssMb: rss.stop() };
  },

  usage: () => processUsage(),

  /** How long matching the estate's sites to the config takes alone (ms): a diagnostic for the scale table. */
  matchingMs(): number {
    if (!target || !refs) throw new Error("configure first");
    config ??= estateConfig(target.size, refs);
    const estate = buildEstate(target.size);
    const observations = [{ source: "unifi", ...estate, services: [], errors: [], notes: [] }];
    const started = performance.now();
    matchSites({ sites: config.sites, observations });
    return performance.now() - started;
  },
};

export type SyncClientApi = typeof api;

interface SyncWorkerData {
  target: Target;
  refs: DatabaseRefs;
  args: SyncArgs;
}

/** The measured sync, inside the worker thread. */
async function syncInThisThread(args: SyncArgs): Promise<SyncMeasurement> {
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

if (isMainThread) {
  process.on("message", (message: { type?: string }) => {
    if (message?.type === "stop") process.exit(0);
  });
  serveRpc(api);
} else {
  const data = workerData as SyncWorkerData;
  api.configure({ ...data.target, refs: data.refs });
  parentPort?.postMessage(await syncInThisThread(data.args));
}
