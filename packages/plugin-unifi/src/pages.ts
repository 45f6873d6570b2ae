import { DataSourceError, type HttpClient, type HttpRequest } from "@notion-ops/core";
import { offsetPageSchema } from "./integration-schemas.js";
import { pageEnvelopeSchema } from "./site-manager-schemas.js";

/** The integration API's largest page. */
export const INTEGRATION_PAGE_LIMIT = 200;
/** A guard against a server that never reports the end. */
const MAX_OFFSET_PAGES = 10_000;
/** Site Manager page size we ask for (its maximum is not documented; 100 is below every reported one). */
export const SITE_MANAGER_PAGE_SIZE = 100;

/**
 * Site Manager paging: `pageSize` + `nextToken` (opaque, e.g. `602232A8…:1467082514`, sent
 * URL-encoded), until the token is absent or empty. Yields each page's raw records.
 */
export async function* nextTokenPages(
  http: HttpClient,
  path: string,
  query: HttpRequest["query"] = {},
): AsyncGenerator<unknown[]> {
  const seen = new Set<string>();
  let nextToken: string | undefined;
  for (;;) {
    const response = await http.request({
      path,
      query: { ...query, pageSize: SITE_MANAGER_PAGE_SIZE, ...(nextToken ? { nextToken } : {}) },
    });
    const page = pageEnvelopeSchema.safeParse(response.data);
    if (!page.success) throw unexpectedShape(http, path, response.data, "{ data: [...] }");
    yield page.data.data;
    const token = page.data.nextToken ?? "";
    if (token === "") return;
    if (seen.has(token)) {
      throw new DataSourceError(
        "unifi",
        `unifi: GET ${path} returned the nextToken "${token}" twice; stopped paging`,
      );
    }
    seen.add(token);
    nextToken = token;
  }
}

/**
 * Integration API paging: `offset` + `limit` (≤ 200) against `totalCount`, until the records
 * seen reach the total or a page comes back empty. Yields each page's raw records.
 */
export async function* offsetPages(
  http: HttpClient,
  path: string,
  query: HttpRequest["query"] = {},
): AsyncGenerator<unknown[]> {
  let offset = 0;
  for (let pages = 1; ; pages++) {
    if (pages > MAX_OFFSET_PAGES) {
      throw new DataSourceError(
        "unifi",
        `unifi: GET ${path} did not finish after ${MAX_OFFSET_PAGES} pages; stopped paging`,
      );
    }
    const response = await http.request({ path, query: { ...query, offset, limit: INTEGRATION_PAGE_LIMIT } });
    const page = offsetPageSchema.safeParse(response.data);
    if (!page.success)
      throw unexpectedShape(http, path, response.data, "{ offset, limit, count, totalCount, data: [...] }");
    const { data, totalCount } = page.data;
    if (data.length === 0) return;
    yield data;
    offset += data.length;
    if (totalCount === undefined || totalCount === null) {
      if (data.length < (page.data.limit ?? INTEGRATION_PAGE_LIMIT)) return;
    } else if (offset >= totalCount) return;
  }
}

function unexpectedShape(http: HttpClient, path: string, body: unknown, expected: string): DataSourceError {
  const got = body === undefined ? "an empty body" : Array.isArray(body) ? "an array" : typeof body;
  return new DataSourceError(
    "unifi",
    `unifi: GET ${http.url(path).pathname} returned ${got}, not the expected ${expected}`,
  );
}
