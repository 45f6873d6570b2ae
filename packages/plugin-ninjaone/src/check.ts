import { type CheckResult, DataSourceError, NotionOpsError, type PluginContext } from "@notion-ops/core";
import type { NinjaOneConfig } from "./config.js";
import { type NinjaOneConnection, resolveConnection } from "./connection.js";
import { createNinjaOneApi, NINJAONE_PATHS } from "./ninjaone-api.js";
import { NINJAONE_SCOPE } from "./token-provider.js";

/** Credentials present, token obtained, API reachable; ticketing availability is reported, not required. */
export async function checkNinjaOne(context: PluginContext<NinjaOneConfig>): Promise<CheckResult> {
  const messages: string[] = [];
  const fail = (message: string): CheckResult => ({ ok: false, messages: [...messages, message] });

  let connection: NinjaOneConnection;
  try {
    connection = resolveConnection(context.config, context.env);
  } catch (error) {
    return fail(describe(error));
  }
  const api = createNinjaOneApi({
    connection,
    pageSize: 1,
    logger: context.logger,
    now: context.now ?? (() => new Date()),
    ...(context.fetch ? { fetch: context.fetch } : {}),
    ...(context.sleep ? { sleep: context.sleep } : {}),
  });
  const instance = connection.baseUrl.origin;

  try {
    await api.tokens.get();
    messages.push(`OAuth2 client credentials accepted by ${instance} (scope "${NINJAONE_SCOPE}")`);
  } catch (error) {
    return fail(describe(error));
  }

  try {
    const first = await api.organizations().next();
    const count = first.done ? 0 : first.value.length;
    messages.push(
      `API reachable: GET ${NINJAONE_PATHS.organizations} answered${count === 0 ? " (no organizations visible)" : ""}`,
    );
  } catch (error) {
    return fail(`API not reachable: ${describe(error)}`);
  }

  if (context.config.openTickets) {
    try {
      const boards = await api.ticketBoards();
      messages.push(`ticketing available (${boards.length} ticket board(s))`);
    } catch (error) {
      if (!DataSourceError.is(error)) return fail(describe(error));
      messages.push(
        error.status !== undefined && [401, 403, 404].includes(error.status)
          ? `ticketing not available to this API app (HTTP ${error.status}): open tickets will not be counted`
          : `ticketing could not be checked: ${describe(error)}`,
      );
    }
  }
  return { ok: true, messages };
}

function describe(error: unknown): string {
  const message = NotionOpsError.is(error) || error instanceof Error ? error.message : String(error);
  return message.replace(/^ninjaone: /, "");
}
