export { type AlertSeverity, alertSeverity, CRITICAL_WHEN_OFFLINE_NODE_CLASSES } from "./alert-severity.js";
export { type BackupOutcome, backupOutcome, siteBackupStatus } from "./backup-status.js";
export {
  DEFAULT_PAGE_SIZE,
  DEFAULT_TICKET_BOARD,
  NINJAONE_REGIONS,
  type NinjaOneConfig,
  type NinjaOneConfigInput,
  type NinjaOneRegion,
  ninjaoneConfigSchema,
} from "./config.js";
export {
  NINJAONE_BASE_URL,
  NINJAONE_CLIENT_ID,
  NINJAONE_CLIENT_SECRET,
  type NinjaOneConnection,
  resolveConnection,
} from "./connection.js";
export { epochMillis, epochToIso } from "./epoch-time.js";
export { CLOSED_STATUS_IDS, isOpenTicket } from "./open-tickets.js";
export { ninjaonePlugin } from "./plugin.js";
export { NINJAONE_SCOPE } from "./token-provider.js";
