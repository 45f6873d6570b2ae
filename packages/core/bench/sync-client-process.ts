/**
 * The sync's client side in its own process, so its CPU time and peak memory are measured apart
 * from the emulator's and from the benchmark harness. Bundled and forked by the sync workbench;
 * talks over IPC (see child-rpc.ts).
 *
 * One process sets the workspace up (`prepare`, with an unthrottled client; not measured); each
 * measured sync then runs in a fresh process (`configure`, then `sync`), so that process's peak
 * RSS is that sync's alone. As in the CLI and the Action, the sync itself runs in a worker thread
 * with the sync heap (`startSyncWorker`), so the process's figures include both threads; like the
 * CLI's, this main thread loads only what it needs to start the worker.
 */
import { Worker } from "node:worker_threads";
import { startSyncWorker } from "../src/sync/sync-heap.js";
import { serveRpc } from "./child-rpc.js";
import { processUsage, sampleRss } from "./process-usage.js";
import type { DatabaseRefs, SyncArgs, SyncMeasurement, SyncWorkerData, Target } from "./sync-client-work.js";

export type { DatabaseRefs, SyncArgs, SyncMeasurement, Target } from "./sync-client-work.js";

/** What runs syncs, loaded only when this thread needs it (the measured syncs load it in the worker). */
const work = () => import("./sync-client-work.js");
let target: Target | undefined;
let refs: DatabaseRefs | undefined;

const api = {
  async prepare(args: Target & { parentPageId: string; populate: boolean }): Promise<DatabaseRefs> {
    return (await work()).prepareWorkspace(args);
  },

  /** Points this process at a workspace another process prepared. */
  configure(args: Target & { refs: DatabaseRefs }): void {
    target = { url: args.url, token: args.token, size: args.size };
    refs = args.refs;
  },

  /** One measured sync with a fresh client, in a sync worker; RSS and CPU are the whole process's. */
  async sync(args: SyncArgs): Promise<SyncMeasurement> {
    if (!target || !refs) throw new Error("configure first");
    const rss = sampleRss();
    const cpuBefore = process.cpuUsage();
    const entry = new URL("./sync-client-worker.mjs", import.meta.url);
    const workerOptions = { workerData: { target, refs, args } satisfies SyncWorkerData };
    const worker = args.defaultHeap
      ? new Worker(entry, workerOptions)
      : startSyncWorker(entry, workerOptions);
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

  async matchingMs(): Promise<number> {
    if (!target || !refs) throw new Error("configure first");
    const { configureTarget, matchingMs } = await work();
    configureTarget({ ...target, refs });
    return matchingMs();
  },
};

export type SyncClientApi = typeof api;

process.on("message", (message: { type?: string }) => {
  if (message?.type === "stop") process.exit(0);
});
serveRpc(api);
