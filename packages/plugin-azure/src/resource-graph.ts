import { DataSourceError, type HttpClient } from "@notion-ops/core";
import { z } from "zod";

export const RESOURCE_GRAPH_PATH = "/providers/Microsoft.ResourceGraph/resources";
export const RESOURCE_GRAPH_API_VERSION = "2022-10-01";
/** Rows per page: Resource Graph's maximum. */
export const RESOURCE_GRAPH_PAGE_SIZE = 1000;

/** The Resource Graph response envelope (2022-10-01, resultFormat objectArray). */
export const resourceGraphPageSchema = z.looseObject({
  totalRecords: z.number().int().nonnegative().optional(),
  count: z.number().int().nonnegative().optional(),
  /** A string, "true" or "false" (not a boolean) in the published API. */
  resultTruncated: z.union([z.enum(["true", "false"]), z.boolean()]).optional(),
  $skipToken: z.string().nullish(),
  data: z.array(z.unknown()),
});
export type ResourceGraphPage = z.infer<typeof resourceGraphPageSchema>;

export interface ResourceGraphQuery {
  /** KQL; must project `id` so that `$skipToken` paging is stable. */
  query: string;
  subscriptions: readonly string[];
  /** Short name for messages, e.g. "resources". */
  label: string;
}

export interface ResourceGraphPageResult {
  rows: unknown[];
  totalRecords: number | undefined;
  /** Resource Graph cut the result short and gave no token to continue. */
  truncated: boolean;
}

/**
 * The pages of one Resource Graph query: the same query and scopes are sent again with each
 * `$skipToken` until the response carries none.
 */
export async function* resourceGraphPages(
  http: HttpClient,
  request: ResourceGraphQuery,
): AsyncGenerator<ResourceGraphPageResult> {
  let skipToken: string | undefined;
  const seenTokens = new Set<string>();
  do {
    const response = await http.request({
      method: "POST",
      path: RESOURCE_GRAPH_PATH,
      query: { "api-version": RESOURCE_GRAPH_API_VERSION },
      json: {
        subscriptions: request.subscriptions,
        query: request.query,
        options: {
          $top: RESOURCE_GRAPH_PAGE_SIZE,
          ...(skipToken ? { $skipToken: skipToken } : {}),
          resultFormat: "objectArray",
        },
      },
    });
    const parsed = resourceGraphPageSchema.safeParse(response.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DataSourceError(
        "azure",
        `azure: Resource Graph returned an unexpected ${request.label} page (${issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "unreadable"})`,
      );
    }
    const page = parsed.data;
    const next = page.$skipToken ?? undefined;
    yield {
      rows: page.data,
      totalRecords: page.totalRecords,
      truncated: String(page.resultTruncated) === "true" && !next,
    };
    if (next && seenTokens.has(next)) {
      throw new DataSourceError(
        "azure",
        `azure: Resource Graph repeated a $skipToken while paging ${request.label}`,
      );
    }
    if (next) seenTokens.add(next);
    skipToken = next;
  } while (skipToken);
}
