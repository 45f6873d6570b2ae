import { DataSourceError, type HttpClient, type Logger } from "@notion-ops/core";
import { resourceGraphPages } from "./resource-graph.js";
import { MAX_SUBSCRIPTIONS_PER_QUERY, subscriptionBatches } from "./subscription-batches.js";

/** A subscription a query could not read, with Azure's reason. */
export interface SubscriptionFailure {
  subscriptionId: string;
  error: DataSourceError;
}

export interface SubscriptionQueryResult {
  rows: unknown[];
  /** Resource Graph cut some result short (counts may be low). */
  truncated: boolean;
  failures: SubscriptionFailure[];
}

export interface SubscriptionQuery {
  query: string;
  label: string;
  subscriptions: readonly string[];
  batchSize?: number;
  logger?: Logger;
}

/** Statuses Azure answers for a scope the caller may not read (or that does not exist). */
const SCOPE_STATUSES = new Set([400, 403, 404]);

const isScopeFailure = (error: unknown): error is DataSourceError =>
  DataSourceError.is(error) && error.status !== undefined && SCOPE_STATUSES.has(error.status);

/**
 * Runs one Resource Graph query over many subscriptions, a batch per request. When a batch is
 * refused for its scope (403 AuthorizationFailed, 400 for a subscription Resource Graph will not
 * query, 404), its subscriptions are queried one by one so that only the ones at fault fail and
 * the rest go on. Any other failure (sign-in, retries exhausted) ends the query.
 */
export async function querySubscriptions(
  http: HttpClient,
  request: SubscriptionQuery,
): Promise<SubscriptionQueryResult> {
  const result: SubscriptionQueryResult = { rows: [], truncated: false, failures: [] };
  const run = async (subscriptions: string[]) => {
    const rows: unknown[] = [];
    let truncated = false;
    for await (const page of resourceGraphPages(http, { ...request, subscriptions })) {
      rows.push(...page.rows);
      truncated ||= page.truncated;
      request.logger?.debug(
        `azure: ${request.label}: ${rows.length}${page.totalRecords === undefined ? "" : `/${page.totalRecords}`} rows`,
      );
    }
    // Committed only once every page of the batch has arrived, so a batch retried one subscription
    // at a time never counts a row twice.
    result.rows.push(...rows);
    result.truncated ||= truncated;
  };

  for (const batch of subscriptionBatches(
    request.subscriptions,
    request.batchSize ?? MAX_SUBSCRIPTIONS_PER_QUERY,
  )) {
    try {
      await run(batch);
    } catch (error) {
      if (!isScopeFailure(error)) throw error;
      if (batch.length === 1) {
        result.failures.push({ subscriptionId: batch[0]!, error });
        continue;
      }
      request.logger?.debug(
        `azure: ${request.label} refused for a batch of ${batch.length} subscriptions (${error.status}); querying them one by one`,
      );
      for (const subscriptionId of batch) {
        try {
          await run([subscriptionId]);
        } catch (single) {
          if (!isScopeFailure(single)) throw single;
          result.failures.push({ subscriptionId, error: single });
        }
      }
    }
  }
  return result;
}
