export { type UnifiConfig, type UnifiConfigInput, unifiConfigSchema } from "./config.js";
export { DEFAULT_UNIFI_BASE_URL, unifiCredentials } from "./credentials.js";
export { normalizeDeviceStatus } from "./device-status.js";
export { unifiPlugin } from "./plugin.js";
export { weakSignalFromAccessPoints, weakSignalFromTxRetry } from "./weak-signal.js";
