import { type CheckResult, DataSourceError, NotionOpsError, type PluginContext } from "@notion-ops/core";
import { z } from "zod";
import type { AzureConfig } from "./config.js";
import { type AzureSessionOptions, identityOf, openAzureSession } from "./session.js";

export const SUBSCRIPTIONS_API_VERSION = "2022-12-01";

const subscriptionSchema = z.looseObject({
  subscriptionId: z.string().optional(),
  displayName: z.string().optional(),
  state: z.string().optional(),
});

/** Sign-in, then a read of each configured subscription; one line per thing checked. */
export async function checkAzure(
  context: PluginContext<AzureConfig>,
  options: AzureSessionOptions = {},
): Promise<CheckResult> {
  const messages: string[] = [];
  let session: ReturnType<typeof openAzureSession>;
  try {
    session = openAzureSession(context, options);
    await session.tokens.token();
    messages.push(
      `signed in with ${session.selection.description}; token for ${session.settings.scope} obtained`,
    );
  } catch (error) {
    if (!NotionOpsError.is(error)) throw error;
    return { ok: false, messages: [...messages, error.message] };
  }

  let ok = true;
  for (const subscriptionId of context.config.subscriptions) {
    try {
      const response = await session.http.request({
        path: `/subscriptions/${encodeURIComponent(subscriptionId)}`,
        query: { "api-version": SUBSCRIPTIONS_API_VERSION },
      });
      const subscription = subscriptionSchema.safeParse(response.data);
      const name = subscription.success ? subscription.data.displayName : undefined;
      const state = subscription.success ? subscription.data.state : undefined;
      messages.push(
        `subscription ${subscriptionId}${name ? ` (${name})` : ""} is readable${state && state !== "Enabled" ? `; its state is ${state}` : ""}`,
      );
    } catch (error) {
      if (!DataSourceError.is(error)) throw error;
      ok = false;
      const advice =
        error.status === 403 || error.status === 404
          ? `: grant ${identityOf(session)} the Reader role on it (or check the id and tenant)`
          : "";
      messages.push(
        `subscription ${subscriptionId} is not readable${advice} — ${error.message.replace(/^azure: /, "")}`,
      );
    }
  }
  return { ok, messages };
}
