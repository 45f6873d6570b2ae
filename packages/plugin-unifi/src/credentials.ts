import { type CredentialSpec, parseBaseUrl } from "@notion-ops/core";

export const DEFAULT_UNIFI_BASE_URL = "https://api.ui.com";

export const unifiCredentials: CredentialSpec = {
  env: ["UNIFI_API_KEY", "UNIFI_BASE_URL"],
  required: ["UNIFI_API_KEY"],
  secret: ["UNIFI_API_KEY"],
};

export interface UnifiCredentials {
  apiKey: string;
  /** Site Manager (and cloud connector) base URL. */
  baseUrl: URL;
}

/** Reads UNIFI_API_KEY and UNIFI_BASE_URL; returns a user-facing problem instead of throwing. */
export function readUnifiCredentials(
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; credentials: UnifiCredentials } | { ok: false; problem: string } {
  const apiKey = env.UNIFI_API_KEY?.trim();
  if (!apiKey) {
    return {
      ok: false,
      problem:
        "UNIFI_API_KEY is not set: create a Site Manager API key at unifi.ui.com → API (local mode: a key from the console's Network application → Integrations)",
    };
  }
  try {
    const baseUrl = parseBaseUrl(env.UNIFI_BASE_URL?.trim() || DEFAULT_UNIFI_BASE_URL, "UNIFI_BASE_URL");
    return { ok: true, credentials: { apiKey, baseUrl } };
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
}
