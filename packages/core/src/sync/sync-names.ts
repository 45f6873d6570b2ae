import type { DatabaseKey } from "../schema/database-keys.js";

/** The syncs `sync --only` names, in the order they run. */
export const SYNC_NAMES = [
  "customer-sites",
  "daily-health",
  "devices",
  "azure-services",
  "runbooks",
] as const;
export type SyncName = (typeof SYNC_NAMES)[number];

export const SYNC_DATABASE: Readonly<Record<SyncName, DatabaseKey>> = {
  "customer-sites": "customerSites",
  "daily-health": "dailyHealth",
  devices: "networkDevices",
  "azure-services": "azureServices",
  runbooks: "runbooks",
};
