export { parseBaseUrl } from "./base-url.js";
export { checkChangeLogGlob, matchChangeLogGlob } from "./change-log-glob.js";
export { type NotionIdsUpdate, saveConfigText, setNotionIds } from "./config-writer.js";
export { type ConfigOptions, type LoadedConfig, loadConfig, parseConfig } from "./load.js";
export {
  type ConfiguredSite,
  configuredSiteSchema,
  createConfigSchema,
  type DatabaseRef,
  databaseRefSchema,
  type NotionOpsConfig,
  siteKeySchema,
} from "./schema.js";
