import { isMainThread, resourceLimits } from "node:worker_threads";
// The subpath, not the package: the main thread only starts the worker and loads nothing else.
import { startSyncWorker } from "@notion-ops/core/sync-heap";
import { probeArguments } from "./global-options.js";

/** `sync` runs in a worker thread with the sync heap (see SYNC_HEAP in core); other commands run here. */
export function runsInSyncWorker(argv: readonly string[]): boolean {
  if (!isMainThread) return false;
  const { values, positionals } = probeArguments(argv);
  return positionals[0] === "sync" && !values.help && !values.version;
}

/** The Action's `command` input asks for a sync (checked before anything else loads). */
export function actionRequestsSync(env: Readonly<Record<string, string | undefined>>): boolean {
  return isMainThread && (env.INPUT_COMMAND ?? "").trim() === "sync";
}

/**
 * Runs this same entry file again in a sync worker and resolves with its exit code. The worker
 * shares stdout and stderr, gets a copy of the environment, and sets its exit code as usual.
 */
export function runEntryInSyncWorker(entry: URL, argv: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = startSyncWorker(entry, { argv: [...argv] });
    worker.once("error", reject);
    worker.once("exit", resolve);
  });
}

/** For --verbose: which heap this run has. */
export function describeHeap(): string {
  return isMainThread
    ? "heap: V8's defaults (main thread)"
    : `heap: sync worker, young generation ≤ ${resourceLimits.maxYoungGenerationSizeMb} MB`;
}
