import { parseBaseUrl, UsageError } from "@notion-ops/core";
import { NINJAONE_REGIONS, type NinjaOneConfig } from "./config.js";

export const NINJAONE_CLIENT_ID = "NINJAONE_CLIENT_ID";
export const NINJAONE_CLIENT_SECRET = "NINJAONE_CLIENT_SECRET";
export const NINJAONE_BASE_URL = "NINJAONE_BASE_URL";

/** Where and as whom to connect, read from the environment (never the config file). */
export interface NinjaOneConnection {
  clientId: string;
  clientSecret: string;
  baseUrl: URL;
}

export function resolveConnection(
  config: Pick<NinjaOneConfig, "region">,
  env: Readonly<Record<string, string | undefined>>,
): NinjaOneConnection {
  const clientId = env[NINJAONE_CLIENT_ID]?.trim();
  const clientSecret = env[NINJAONE_CLIENT_SECRET]?.trim();
  const missing = [
    ...(clientId ? [] : [NINJAONE_CLIENT_ID]),
    ...(clientSecret ? [] : [NINJAONE_CLIENT_SECRET]),
  ];
  if (missing.length > 0) {
    throw new UsageError(
      `ninjaone: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set; create an API Services (machine-to-machine) app in NinjaOne (Administration → Apps → API) and pass its client id and secret`,
    );
  }
  const override = env[NINJAONE_BASE_URL]?.trim();
  const baseUrl = override
    ? parseBaseUrl(override, NINJAONE_BASE_URL)
    : new URL(NINJAONE_REGIONS[config.region]);
  return { clientId: clientId!, clientSecret: clientSecret!, baseUrl };
}
