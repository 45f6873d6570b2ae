import type { CheckResult, HttpClient, PluginContext } from "@notion-ops/core";
import type { UnifiConfig } from "./config.js";
import { readUnifiCredentials } from "./credentials.js";
import { CONSOLE_KEY_HELP, describeFailure, SITE_MANAGER_KEY_HELP } from "./failure-message.js";
import { infoSchema } from "./integration-schemas.js";
import type { UnifiClients } from "./unifi-clients.js";

/** Auth and reachability of what the configured mode reads, one message per thing checked. */
export async function checkUnifi(
  context: PluginContext<UnifiConfig>,
  clients: (apiKey: string, baseUrl: URL) => UnifiClients,
): Promise<CheckResult> {
  const read = readUnifiCredentials(context.env);
  if (!read.ok) return { ok: false, messages: [read.problem] };
  const { apiKey, baseUrl } = read.credentials;
  context.logger.addSecret(apiKey);
  const http = clients(apiKey, baseUrl);
  const messages: string[] = [];
  let ok = true;

  if (context.config.mode === "local") {
    const result = await checkConsole(http.local(), `console ${http.consoleLabel}`, CONSOLE_KEY_HELP);
    return { ok: result.ok, messages: [result.message] };
  }

  try {
    await http.siteManager.request({ path: "/v1/hosts", query: { pageSize: 1 } });
    messages.push(`Site Manager API key accepted (${baseUrl.origin})`);
  } catch (error) {
    return {
      ok: false,
      messages: [describeFailure(error, "Site Manager API", baseUrl.origin, SITE_MANAGER_KEY_HELP)],
    };
  }

  if (context.config.mode === "connector") {
    if (!context.config.hostIds) {
      messages.push(
        "connector: no hostIds set, so every console with a site is reached at sync time (not checked here)",
      );
    }
    for (const hostId of context.config.hostIds ?? []) {
      const result = await checkConsole(
        http.connector(hostId),
        `console ${hostId} through the cloud connector`,
        "the console needs firmware 5.0.3 or later, and a Site Manager key of its owner (or an organization key)",
      );
      ok &&= result.ok;
      messages.push(result.message);
    }
  }
  return { ok, messages };
}

async function checkConsole(
  http: HttpClient,
  label: string,
  help: string,
): Promise<{ ok: boolean; message: string }> {
  try {
    const response = await http.request({ path: "/v1/info" });
    const info = infoSchema.safeParse(response.data);
    const version =
      info.success && info.data.applicationVersion ? ` (Network ${info.data.applicationVersion})` : "";
    return { ok: true, message: `${label}: API key accepted${version}` };
  } catch (error) {
    return { ok: false, message: describeFailure(error, label, http.url("/v1/info").origin, help) };
  }
}
