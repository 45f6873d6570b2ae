import { setFlagsFromString } from "node:v8";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * The heap a sync runs in. V8's defaults suit short, interactive programs on large machines: on
 * a GitHub runner they let the young generation grow to 128 MB and the old space to several
 * times what is live before collecting, so a 10,000-site sync peaked near 900 MB of RSS while
 * holding under 200 MB. A sync is a long batch job that mostly waits for Notion's 3 requests/s,
 * so it trades some CPU for memory: a 16 MB young generation and an old space that grows by a
 * quarter before the next full collection (measured at 10,000 sites: about half the peak RSS of
 * the defaults for a few percent more CPU; tighter settings saved no memory worth their CPU).
 * See docs/BENCHMARKS.md, scale.
 */
export const SYNC_HEAP = { youngGenerationMb: 16, heapGrowingPercent: 25 } as const;

/**
 * Starts `entry` in a worker thread with the sync heap. Node takes heap flags only at start-up,
 * and an Action cannot pass any; a worker gets its own heap, sized here. (V8 flags are
 * process-wide, so the growing factor also applies to the idle main thread.)
 */
export function startSyncWorker(entry: URL | string, options: WorkerOptions = {}): Worker {
  setFlagsFromString(`--heap-growing-percent=${SYNC_HEAP.heapGrowingPercent}`);
  return new Worker(entry, {
    ...options,
    resourceLimits: { maxYoungGenerationSizeMb: SYNC_HEAP.youngGenerationMb, ...options.resourceLimits },
  });
}
