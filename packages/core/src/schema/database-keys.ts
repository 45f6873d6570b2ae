/** The seven databases of SPEC §4, by their config key, in dependency order (Customer Sites first). */
export const DATABASE_KEYS = [
  "customerSites",
  "dailyHealth",
  "configChanges",
  "networkDevices",
  "azureServices",
  "runbooks",
  "scriptRuns",
] as const;

export type DatabaseKey = (typeof DATABASE_KEYS)[number];
