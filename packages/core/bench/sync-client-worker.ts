/** The sync worker of the benchmark's client process: one measured sync, reported to the main thread. */
import { parentPort, workerData } from "node:worker_threads";
import { configureTarget, type SyncWorkerData, syncInThisThread } from "./sync-client-work.js";

const data = workerData as SyncWorkerData;
configureTarget({ ...data.target, refs: data.refs });
parentPort?.postMessage(await syncInThisThread(data.args));
