import { DataSourceError } from "@notion-ops/core";
import { messageOf } from "./error-message.js";

export const SITE_MANAGER_KEY_HELP =
  "create a Site Manager API key at unifi.ui.com → API (a key made on a console is not accepted by the cloud)";
export const CONSOLE_KEY_HELP =
  "create one in the console's Network application → Settings → Control Plane → Integrations";

/** One line saying what failed and what to do about it (401, 403, TLS, unreachable, other). */
export function describeFailure(error: unknown, what: string, origin: string, keyHelp: string): string {
  if (DataSourceError.is(error)) {
    const trace = error.traceId ? ` [trace id ${error.traceId}]` : "";
    if (error.status === 401) return `${what}: API key rejected (401): ${keyHelp}${trace}`;
    if (error.status === 403)
      return `${what}: API key not allowed (403): the key's account has no access here; ${keyHelp}${trace}`;
    if (error.status === undefined) {
      if (/TLS certificate not trusted/.test(error.message)) {
        return `${what}: ${messageOf(error)} — if the console uses its factory self-signed certificate, set sources.unifi.allowSelfSignedTls: true`;
      }
      return `${what}: cannot reach ${origin}: ${messageOf(error)}`;
    }
    return `${what}: ${messageOf(error)}`;
  }
  return `${what}: ${messageOf(error)}`;
}
