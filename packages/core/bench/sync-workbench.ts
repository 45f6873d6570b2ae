/**
 * An emulator process and sync-client processes wired together for a sync benchmark. The
 * workspace is set up (and optionally populated) by one client process with the emulator's rate
 * limit off; each measured sync runs in a fresh client process, so its CPU and peak RSS are its own.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseKey } from "../src/schema/database-keys.js";
import { DATABASES } from "../src/schema/databases.js";
import { previousDate, utcDate } from "../src/sync/calendar-date.js";
import { forkRpc, type RpcChild } from "./child-rpc.js";
import { syncClientBundle } from "./client-bundle.js";
import type { EmulatorApi, EmulatorProcessOptions, KeySummary } from "./emulator-process.js";
import { BENCH_NOW, type EstateSize } from "./estate.js";
import type { ProcessUsage } from "./process-usage.js";
import type { DatabaseRead } from "./request-floor.js";
import type { DatabaseRefs, SyncArgs, SyncClientApi, SyncMeasurement } from "./sync-client-process.js";

const here = dirname(fileURLToPath(import.meta.url));

export interface EmulatorReady {
  url: string;
  token: string;
  parentPageId: string;
}

export interface MeasuredSync extends SyncMeasurement {
  /** The client process after loading its code. */
  loaded: ProcessUsage;
  /** The client process after the sync; its peakRssMb (VmHWM) is the sync's peak. */
  after: ProcessUsage;
}

/** The databases the benchmark's syncs write (customer-sites, daily-health, devices). */
export const SYNCED: readonly DatabaseKey[] = ["customerSites", "dailyHealth", "networkDevices"];

export interface SyncWorkbench {
  emulator: RpcChild<EmulatorApi, EmulatorReady>;
  refs: DatabaseRefs;
  /** Runs one sync in a fresh client process. */
  measureSync(args: SyncArgs, nodeFlags?: string[]): Promise<MeasuredSync>;
  /** Times matchSites alone for the estate, in a fresh client process (ms). */
  matchingMs(): Promise<number>;
  /** Rows each database read of the next sync will return (Daily Health: today's and yesterday's). */
  reads(): Promise<DatabaseRead[]>;
  /** Rows, distinct keys and duplicates per synced database. */
  keys(): Promise<{ title: string; summary: KeySummary }[]>;
  close(): Promise<void>;
}

/** Node flags for the measured client processes: BENCH_CLIENT_NODE_FLAGS (e.g. V8 heap flags), else none. */
const CLIENT_NODE_FLAGS = process.env.BENCH_CLIENT_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];

async function clientProcess(
  nodeFlags: string[] = CLIENT_NODE_FLAGS,
): Promise<RpcChild<SyncClientApi, object>> {
  return forkRpc<SyncClientApi, object>(await syncClientBundle(), [], nodeFlags);
}

export async function openWorkbench(options: {
  size: EstateSize;
  populate: boolean;
  emulator?: EmulatorProcessOptions;
}): Promise<SyncWorkbench> {
  const emulator = await forkRpc<EmulatorApi, EmulatorReady>(join(here, "emulator-process.ts"), [
    JSON.stringify({ seed: 42, ...options.emulator, rateLimit: 0 }),
  ]);
  const { url, token, parentPageId } = emulator.ready;
  const target = { url, token, size: options.size };
  let refs: DatabaseRefs;
  try {
    const setup = await clientProcess();
    try {
      refs = await setup.call("prepare", { ...target, parentPageId, populate: options.populate });
    } finally {
      await setup.stop();
    }
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  const dataSourceId = (key: DatabaseKey) => refs[key]!.dataSourceId;
  const date = utcDate(BENCH_NOW);
  const inFreshClient = async <T>(
    nodeFlags: string[] | undefined,
    fn: (client: RpcChild<SyncClientApi, object>, loaded: ProcessUsage) => Promise<T>,
  ) => {
    const client = await clientProcess(nodeFlags);
    try {
      const loaded = await client.call("usage");
      await client.call("configure", { ...target, refs });
      return await fn(client, loaded);
    } finally {
      await client.stop();
    }
  };
  return {
    emulator,
    refs,
    measureSync: (args, nodeFlags) =>
      inFreshClient(nodeFlags, async (client, loaded) => {
        const measured = await client.call("sync", args);
        return { ...measured, loaded, after: await client.call("usage") };
      }),
    matchingMs: () => inFreshClient(undefined, (client) => client.call("matchingMs")),
    reads: async () => [
      {
        title: "Customer Sites",
        rows: await emulator.call("rowCount", { dataSourceId: dataSourceId("customerSites") }),
      },
      {
        title: "Daily Health",
        rows: await emulator.call("rowCount", {
          dataSourceId: dataSourceId("dailyHealth"),
          date: { property: "Date", onOrAfter: previousDate(date), onOrBefore: date },
        }),
      },
      {
        title: "Network Devices",
        rows: await emulator.call("rowCount", { dataSourceId: dataSourceId("networkDevices") }),
      },
    ],
    keys: async () =>
      Promise.all(
        SYNCED.map(async (key) => ({
          title: DATABASES[key].title,
          summary: await emulator.call("keySummary", {
            dataSourceId: dataSourceId(key),
            keyProperty: DATABASES[key].keyProperty,
          }),
        })),
      ),
    close: () => emulator.stop(),
  };
}

/** Turns the emulator's rate limit on (burst: its default, 2 × rate) and forgets the setup traffic. */
export async function startMeasuring(bench: SyncWorkbench, rate: number): Promise<void> {
  await bench.emulator.call("setRateLimit", { rate });
  await bench.emulator.call("resetStats");
}
