import type { DataSourcePlugin } from "@notion-ops/core";
import { checkNinjaOne } from "./check.js";
import { collectNinjaOne } from "./collect.js";
import { type NinjaOneConfig, ninjaoneConfigSchema } from "./config.js";
import { NINJAONE_BASE_URL, NINJAONE_CLIENT_ID, NINJAONE_CLIENT_SECRET } from "./connection.js";

/** NinjaOne public API v2: organizations become sites, devices become Network Devices. */
export const ninjaonePlugin: DataSourcePlugin<NinjaOneConfig> = {
  name: "ninjaone",
  displayName: "NinjaOne",
  configSchema: ninjaoneConfigSchema,
  credentials: {
    env: [NINJAONE_CLIENT_ID, NINJAONE_CLIENT_SECRET, NINJAONE_BASE_URL],
    required: [NINJAONE_CLIENT_ID, NINJAONE_CLIENT_SECRET],
    secret: [NINJAONE_CLIENT_SECRET],
  },
  check: checkNinjaOne,
  collect: collectNinjaOne,
};
