import {
  DataSourceError,
  type HttpClient,
  type Logger,
  type Observations,
  type RecordError,
} from "@notion-ops/core";
import { buildAzureObservations } from "./build-observations.js";
import type { AzureConfig } from "./config.js";
import { type HealthRecord, parseContainers, parseHealth, parseResources } from "./inventory.js";
import { CONTAINERS_QUERY, HEALTH_QUERY, RESOURCES_QUERY } from "./queries.js";
import { querySubscriptions, type SubscriptionFailure } from "./query-subscriptions.js";

export interface CollectAzureOptions {
  http: HttpClient;
  config: AzureConfig;
  logger: Logger;
  /** Who is signing in, for the advice given when a subscription cannot be read. */
  identity: string;
  batchSize?: number;
}

/**
 * Inventory, then health, over every configured subscription: subscriptions the identity cannot
 * read become per-subscription errors and the others go on. Health is best effort: if it cannot be
 * read, availability is Unknown and the run says why.
 */
export async function collectAzure(options: CollectAzureOptions): Promise<Observations> {
  const { http, config, logger } = options;
  const errors: RecordError[] = [];
  const notes: string[] = [];
  const failed = new Set<string>();
  const query = async (
    label: string,
    text: string,
    subscriptions: readonly string[],
    onFailure: (failure: SubscriptionFailure) => void,
  ) => {
    const result = await querySubscriptions(http, {
      query: text,
      label,
      subscriptions,
      logger,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    result.failures.forEach(onFailure);
    if (result.truncated) {
      notes.push(
        `azure: Resource Graph truncated the ${label} result without a way to page on; counts may be low`,
      );
    }
    return result.rows;
  };
  const readable = () => config.subscriptions.filter((id) => !failed.has(id));
  const inventoryFailure = (failure: SubscriptionFailure) => {
    if (failed.has(failure.subscriptionId)) return;
    failed.add(failure.subscriptionId);
    errors.push(subscriptionError(failure, options.identity));
  };

  const containers = parseContainers(
    await query("subscriptions", CONTAINERS_QUERY, config.subscriptions, inventoryFailure),
  );
  errors.push(...containers.errors);
  const visible = new Set(containers.records.map((container) => container.subscriptionId));
  for (const subscriptionId of readable()) {
    if (visible.has(subscriptionId)) continue;
    failed.add(subscriptionId);
    errors.push({
      source: "azure",
      entity: "site",
      id: subscriptionId,
      message: `subscription ${subscriptionId} is not visible to ${options.identity}: it does not exist, belongs to another tenant, or the identity has no role on it; grant the identity the Reader role on the subscription`,
    });
  }

  const resources =
    readable().length > 0
      ? parseResources(await query("resources", RESOURCES_QUERY, readable(), inventoryFailure))
      : undefined;
  errors.push(...(resources?.errors ?? []));
  const subscriptions = readable();

  let health: HealthRecord[] = [];
  if (subscriptions.length > 0) {
    try {
      const parsed = parseHealth(
        await query("health", HEALTH_QUERY, subscriptions, ({ subscriptionId, error }) =>
          errors.push({
            source: "azure",
            entity: "site",
            id: subscriptionId,
            message: `Resource Health of subscription ${subscriptionId} could not be read, so its availability is Unknown: ${error.message.replace(/^azure: /, "")}`,
          }),
        ),
      );
      errors.push(...parsed.errors);
      health = parsed.records;
    } catch (error) {
      if (!DataSourceError.is(error)) throw error;
      errors.push({
        source: "azure",
        entity: "other",
        message: `Resource Health could not be read, so availability is Unknown: ${error.message.replace(/^azure: /, "")}`,
      });
    }
  }

  const observed = buildAzureObservations(config, {
    subscriptions,
    containers: containers.records,
    resources: (resources?.records ?? []).filter((resource) =>
      subscriptions.includes(resource.subscriptionId),
    ),
    health,
  });
  logger.debug(
    `azure: ${resources?.records.length ?? 0} resources, ${health.length} health records, ${observed.services.length} services in ${observed.sites.length} sites`,
  );
  return {
    source: "azure",
    sites: observed.sites,
    devices: [],
    services: observed.services,
    errors,
    notes: [...notes, ...observed.notes],
  };
}

function subscriptionError(failure: SubscriptionFailure, identity: string): RecordError {
  const { subscriptionId, error } = failure;
  const reason = error.message.replace(/^azure: /, "");
  const advice =
    error.status === 403
      ? `; grant ${identity} the Reader role on subscription ${subscriptionId}`
      : error.status === 404
        ? "; check the subscription id"
        : "";
  return {
    source: "azure",
    entity: "site",
    id: subscriptionId,
    message: `subscription ${subscriptionId} could not be read: ${reason}${advice}`,
  };
}
