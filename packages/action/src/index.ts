import { actionRequestsSync, runEntryInSyncWorker } from "./sync-worker.js";

// The Action entry. `sync` runs this entry again in a sync worker (which reports its own result)
// before anything else loads; every other command runs here.
if (actionRequestsSync(process.env)) {
  process.exitCode = await runEntryInSyncWorker(new URL(import.meta.url), []);
} else {
  const { runAction } = await import("./action-main.js");
  process.exitCode = await runAction();
}
